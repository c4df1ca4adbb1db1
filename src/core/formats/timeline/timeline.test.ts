// Timelines (trace_view.json, msprof_*.json): hand-made fixtures in the tools' shapes, every
// expected figure worked out by hand from the event times in the comments.
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import type { ParseResult } from '../types.ts';
import { timelineReader } from './index.ts';
import type { TimelineSummary } from './summarize.ts';

const fixtures = import.meta.glob<string>('./fixtures/*.json', {
  query: '?raw',
  import: 'default',
  eager: true,
});
const bytesOf = (text: string) => new TextEncoder().encode(text);
const fixture = (name: string): Uint8Array => {
  const text = fixtures[`./fixtures/${name}`];
  if (text === undefined) throw new Error(`no fixture ${name}`);
  return bytesOf(text);
};

function read(bytes: Uint8Array, chunk = 0): ParseResult<TimelineSummary> {
  const parser = timelineReader.createParser({ fileName: 'trace_view.json', id: 'test' });
  if (chunk === 0) parser.push(bytes);
  else for (let i = 0; i < bytes.length; i += chunk) parser.push(bytes.slice(i, i + chunk));
  return parser.finish();
}
function ok(result: ParseResult<TimelineSummary>): TimelineSummary {
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value;
}

describe('trace_view.json (CANN 8.x: string ts, Physic Stream Id)', () => {
  // Times relative to ProfilerStep#7 at …700000.000 (the first timestamp), step [0, 100):
  // kernels on stream 2: [10, 20) [25.25, 30) [40, 60); on stream 3: [50, 70)
  // MEMCPY_ASYNC [30, 35) and EVENT_RECORD [62, 63) are device tasks, not kernels.
  // hcom_allReduce on HCCL [55, 85); hcom_broadcast_ on the host (Python) is not communication.
  test('counts, kernels and communication', () => {
    const t = ok(read(fixture('trace_view.json')));
    expect(t.events).toBe(25);
    expect(t.metadataEvents).toBe(8);
    expect(t.completeEvents).toBe(14);
    expect(t.skippedEvents).toBe(0);
    expect(t.startBaseUs).toBe('1736408883700000.000');
    expect(t.deviceTasks).toBe(6);
    expect(t.kernels).toBe(4);
    expect(t.communicationOps).toBe(1);
  });

  test('compute / communication / free within the step', () => {
    const t = ok(read(fixture('trace_view.json')));
    expect(t.steps.map((s) => [s.step, s.startUs, s.durationUs])).toEqual([['7', 0, 100]]);
    const b = t.breakdown;
    // compute union 10 + 4.75 + 30 = 44.75; communication 30, of which [55, 70) under compute
    expect(b.steps).toBe(1);
    expect(b.computingUs).toBeCloseTo(44.75, 9);
    expect(b.overlappedUs).toBeCloseTo(15, 9);
    expect(b.communicationNotOverlappedUs).toBeCloseTo(15, 9);
    expect(b.communicationUs).toBeCloseTo(30, 9);
    expect(b.freeUs).toBeCloseTo(100 - 44.75 - 15, 9);
    expect(b.meanStepUs).toBeCloseTo(100, 9);
    expect(b.computeShare).toBeCloseTo(0.4475, 9);
    expect(t.overlapAnalysis).toEqual({
      computingUs: 44.75,
      communicationUs: 0,
      communicationNotOverlappedUs: 15,
      freeUs: 40.25,
    });
  });

  test('tracks: names from metadata, busy time as a union', () => {
    const t = ok(read(fixture('trace_view.json')));
    const stream2 = t.tracks.find((x) => x.thread === 'Stream 2');
    // [10, 20) [25.25, 35) [40, 60) [62, 63)
    expect(stream2?.process).toBe('Ascend Hardware');
    expect(stream2?.events).toBe(5);
    expect(stream2?.busyUs).toBeCloseTo(10 + 9.75 + 20 + 1, 9);
    expect([stream2?.firstUs, stream2?.lastUs]).toEqual([10, 63]);
    const python = t.tracks.find((x) => x.process === 'Python');
    expect(python?.busyUs).toBe(100);
  });

  test('launch gaps between consecutive kernels of a stream', () => {
    const t = ok(read(fixture('trace_view.json')));
    // stream 2: 25.25 − 20 and 40 − 30; stream 3 has one kernel
    expect(t.streams.map((s) => [s.stream, s.kernels, s.gaps.count])).toEqual([
      ['2', 3, 2],
      ['3', 1, 0],
    ]);
    expect(t.gaps.count).toBe(2);
    expect(t.gaps.totalUs).toBeCloseTo(15.25, 9);
    expect(t.gaps.p50Us).toBeCloseTo(7.625, 9);
    expect(t.gaps.p90Us).toBeCloseTo(5.25 + 0.9 * 4.75, 9);
    expect(t.gaps.maxUs).toBe(10);
  });

  test('the same summary whatever the chunk size', () => {
    const whole = ok(read(fixture('trace_view.json')));
    for (const chunk of [1, 2, 3, 17, 256, 1000]) {
      expect(ok(read(fixture('trace_view.json'), chunk))).toEqual(whole);
    }
  });

  test('detection by content, the name only as a hint', () => {
    const head = new TextDecoder().decode(fixture('trace_view.json').subarray(0, 4096));
    expect(timelineReader.sniff({ fileName: 'unknown', head })).toBe(2);
    expect(timelineReader.sniff({ fileName: 'trace_view.json', head })).toBe(3);
    expect(timelineReader.sniff({ fileName: 'msprof_20240102101831.json', head: '{}' })).toBe(1);
    expect(timelineReader.sniff({ fileName: 'x.json', head: '[{"a":1}]' })).toBe(0);
  });
});

describe('msprof timeline before CANN 8 (number ts, Stream Id, Task Type Other)', () => {
  test('no step markers: the device span is the window', () => {
    const result = read(fixture('msprof_20240102101831.json'), 64);
    const t = ok(result);
    expect(result.ok && result.warnings).toEqual([]);
    // kernel [0, 10), MEMCPY_ASYNC [10, 12), kernel [20, 25) (dur as a string); one X without ts
    expect([t.events, t.completeEvents, t.skippedEvents]).toEqual([6, 4, 1]);
    expect([t.deviceTasks, t.kernels, t.communicationOps]).toEqual([3, 2, 0]);
    expect(t.steps.map((s) => [s.step, s.startUs, s.durationUs])).toEqual([['', 0, 25]]);
    expect(t.breakdown).toMatchObject({
      steps: 0,
      meanStepUs: null,
      totalUs: 25,
      computingUs: 15,
      communicationUs: 0,
      freeUs: 10,
    });
    expect(t.gaps).toEqual({ count: 1, totalUs: 10, p50Us: 10, p90Us: 10, maxUs: 10 });
    expect(t.overlapAnalysis).toBeNull();
  });
});

describe('broken input: located issues, nothing thrown', () => {
  test('cut inside an event: TRUNCATED at that event, the events before it summarised', () => {
    const bytes = fixture('trace_view.json');
    const text = new TextDecoder().decode(bytes);
    const cutEvent = text.indexOf('{"name":"Mul"');
    const result = read(bytes.slice(0, cutEvent + 30), 100);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.warnings.map((i) => [i.code, i.severity, i.offset])).toEqual([
      ['TRUNCATED', 'warning', cutEvent],
    ]);
    expect(result.value.kernels).toBe(3);
  });

  test('cut between events: TRUNCATED at the end', () => {
    const bytes = fixture('trace_view.json');
    const end = bytes.lastIndexOf(93); // the closing ]
    const result = read(bytes.slice(0, end));
    expect(result.ok ? result.warnings.map((i) => [i.code, i.offset]) : []).toEqual([
      ['TRUNCATED', end],
    ]);
  });

  test('an event that is not JSON is skipped with its offset', () => {
    const text =
      '[{"ph":"X","name":"a","ts":1,"dur":1,"pid":1,"tid":1},\n{"ph":"X",oops},\n{"ph":"M"}]';
    const result = read(bytesOf(text), 5);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.warnings.map((i) => [i.code, i.offset])).toEqual([
      ['NOT_JSON', text.indexOf('{"ph":"X",oops')],
    ]);
    expect([result.value.events, result.value.completeEvents]).toEqual([2, 1]);
  });

  test('not an event array, empty, trailing text', () => {
    const obj = read(bytesOf('  {"traceEvents": []}'));
    expect(obj.ok ? [] : obj.errors.map((i) => [i.code, i.offset, i.expected])).toEqual([
      ['NOT_JSON', 2, 'a JSON array of trace events (`[`)'],
    ]);
    const empty = read(new Uint8Array(0));
    expect(empty.ok ? [] : empty.errors.map((i) => i.code)).toEqual(['EMPTY']);
    const numbers = read(bytesOf('[1,2]'));
    expect(numbers.ok ? [] : numbers.errors.map((i) => [i.code, i.offset])).toEqual([
      ['NOT_JSON', 1],
    ]);
    const trailing = read(bytesOf('[] x'));
    expect(trailing.ok ? [] : trailing.errors.map((i) => [i.code, i.offset])).toEqual([
      ['NOT_JSON', 3],
    ]);
  });

  test('no input makes it throw', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.integer({ min: 1, max: 40 }), (s, n) => {
        read(bytesOf(`[{"ph":"X","ts":"1.5","dur":2,"pid":1,"tid":1,"name":"hcom_x"},${s}`), n);
      }),
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.integer({ min: 1, max: 40 }), (b, n) => {
        read(b, n);
      }),
    );
  });
});
