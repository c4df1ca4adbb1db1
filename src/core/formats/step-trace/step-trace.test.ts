// step_trace_time.csv: each header generation, the cluster variant, bad rows; expected figures
// worked out by hand from the fixtures.
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import type { ParseResult } from '../types.ts';
import { bytesOf } from '../csv/test-helpers.ts';
import { stepTraceReader } from './index.ts';
import type { StepTrace } from './parse.ts';

const fixtures = import.meta.glob<string>('./fixtures/*.csv', {
  query: '?raw',
  import: 'default',
  eager: true,
});
const fixture = (name: string): Uint8Array => {
  const text = fixtures[`./fixtures/${name}`];
  if (text === undefined) throw new Error(`no fixture ${name}`);
  return bytesOf(text);
};

function read(bytes: Uint8Array, chunk = 0): ParseResult<StepTrace> {
  const parser = stepTraceReader.createParser({ fileName: 'step_trace_time.csv', id: 'test' });
  if (chunk === 0) parser.push(bytes);
  else for (let i = 0; i < bytes.length; i += chunk) parser.push(bytes.slice(i, i + chunk));
  return parser.finish();
}
function ok(result: ParseResult<StepTrace>): StepTrace {
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value;
}

describe('step_trace_time.csv', () => {
  test('2025-01 shape (CRLF, Preparing, no Device_id), in any chunking', () => {
    for (const chunk of [0, 1, 7, 64]) {
      const result = read(fixture('torch_npu-2025.01.csv'), chunk);
      expect(result.ok && result.warnings).toEqual([]);
      const t = ok(result);
      expect(t.hasDeviceId).toBe(false);
      expect(t.hasPreparing).toBe(true);
      expect(t.cluster).toBe(false);
      expect(t.rows.map((r) => r.step)).toEqual(['7', '8']);
      const [a, b] = t.rows;
      // 8000.5 + 1000.25 + 999.25 and 9000 + 3000 + 3000
      expect(a?.stepUs).toBe(10000);
      expect(b?.stepUs).toBe(15000);
      expect(a?.overlappedUs).toBe(250);
      expect(a?.communicationUs).toBe(1250.25);
      expect(a?.stageUs).toBe(10000);
      expect(a?.bubbleUs).toBe(0);
      expect(a?.communicationExcludeReceiveUs).toBe(1000.25);
      expect(b?.preparingUs).toBe(1200.5);
      expect(a?.deviceId).toBeNull();
      const s = t.summary;
      expect(s.steps).toBe(2);
      expect(s.totalUs).toBe(25000);
      expect(s.meanStepUs).toBe(12500);
      expect(s.computingUs).toBe(17000.5);
      expect(s.communicationNotOverlappedUs).toBe(4000.25);
      expect(s.overlappedUs).toBe(750);
      expect(s.communicationUs).toBe(4750.25);
      expect(s.freeUs).toBe(3999.25);
      expect(s.computeShare).toBeCloseTo(17000.5 / 25000, 12);
      expect(s.communicationShare).toBeCloseTo(4000.25 / 25000, 12);
      expect(s.freeShare).toBeCloseTo(3999.25 / 25000, 12);
    }
  });

  test('2023 shape: no Preparing column', () => {
    const t = ok(read(fixture('torch_npu-2023.csv')));
    expect(t.hasPreparing).toBe(false);
    expect(t.rows[0]?.preparingUs).toBeNaN();
    expect(t.summary.meanStepUs).toBe(291000);
  });

  test('2025-06 shape: Device_id first', () => {
    const t = ok(read(fixture('torch_npu-2025.06.csv')));
    expect(t.hasDeviceId).toBe(true);
    expect(t.rows.map((r) => [r.deviceId, r.step, r.stepUs])).toEqual([
      [0, '13', 750000],
      [0, '14', 450000],
    ]);
    expect(t.summary.meanStepUs).toBe(600000);
    expect(t.summary.freeShare).toBeCloseTo(200000 / 1200000, 12);
  });

  test('cluster variant: every row listed, only the rank rows summarised', () => {
    const t = ok(read(fixture('cluster_step_trace_time.csv')));
    expect(t.cluster).toBe(true);
    expect(t.rows.map((r) => [r.kind, r.index])).toEqual([
      ['rank', '0'],
      ['rank', '1'],
      ['stage', '(0, 1)'],
    ]);
    expect(t.summary.steps).toBe(2);
    expect(t.summary.totalUs).toBe(590000);
    expect(t.summary.computingUs).toBe(150000);
  });

  test('bad rows become located warnings; rows with a part missing are not summed', () => {
    const result = read(fixture('bad-rows.csv'));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.warnings.map((i) => [i.code, i.line, i.column])).toEqual([
      ['BAD_ROW', 3, undefined],
      ['BAD_ROW', 4, undefined],
      ['NEGATIVE_TIME', 5, 3],
      ['BAD_ROW', 6, undefined],
    ]);
    expect(result.value.rows.map((r) => r.step)).toEqual(['1', '2', '4']);
    expect(result.value.summary.steps).toBe(1);
    expect(result.value.summary.meanStepUs).toBe(600);
  });

  test('another table, an empty file, binary bytes: errors, not exceptions', () => {
    const other = read(fixture('not-step-trace.csv'));
    expect(other.ok ? [] : other.errors.map((i) => [i.code, i.line, i.expected])).toEqual([
      ['MISSING_COLUMN', 1, 'Computing, Communication(Not Overlapped), Free'],
    ]);
    const empty = read(new Uint8Array(0));
    expect(empty.ok ? [] : empty.errors.map((i) => i.code)).toEqual(['EMPTY']);
    const binary = read(new Uint8Array([83, 116, 0, 1]));
    expect(binary.ok ? [] : binary.errors.map((i) => [i.code, i.offset])).toEqual([['BINARY', 2]]);
  });

  test('detection by content, the name only as a hint', () => {
    const head = new TextDecoder().decode(fixture('torch_npu-2025.06.csv'));
    expect(stepTraceReader.sniff({ fileName: 'unknown', head })).toBe(2);
    expect(stepTraceReader.sniff({ fileName: 'step_trace_time.csv', head })).toBe(3);
    expect(stepTraceReader.sniff({ fileName: 'step_trace_time.csv', head: 'Name,Type\n' })).toBe(1);
    expect(stepTraceReader.sniff({ fileName: 'kernel_details.csv', head: 'Name,Type\n' })).toBe(0);
  });

  test('no input makes it throw', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.integer({ min: 1, max: 50 }), (b, n) => {
        const header = bytesOf('Step,Computing,Communication(Not Overlapped),Free\n');
        const bytes = new Uint8Array(header.length + b.length);
        bytes.set(header);
        bytes.set(b, header.length);
        read(bytes, n);
      }),
    );
  });
});
