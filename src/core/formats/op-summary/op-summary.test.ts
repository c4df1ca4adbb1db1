// msprof op_summary: every header set, detection by content with the name as a hint.
import { describe, expect, test } from 'vitest';
import { kernelDetailsFormat } from '../kernel-details/index.ts';
import { opStatisticFormat } from '../op-statistic/index.ts';
import { bytesOf, issuesOf, parseWith, profileOf, rowsOf, snapshot } from '../csv/test-helpers.ts';
import { opSummaryFormat } from './index.ts';

const fixtures = import.meta.glob<string>('./fixtures/**/*.csv', {
  query: '?raw',
  import: 'default',
  eager: true,
});
const text = (path: string): string => {
  const t = fixtures[`./fixtures/${path}`];
  if (t === undefined) throw new Error(`no fixture ${path}`);
  return t;
};
const nameOf = (path: string) => path.split('/').pop() ?? path;
const parse = (path: string, sizes: readonly number[] = []) =>
  parseWith(opSummaryFormat, nameOf(path), bytesOf(text(path)), sizes);

const MSPROF = [
  ['msprof-8.x/op_summary_20261102094530.csv', 'msprof-8.x', 4, 120],
  ['msprof-block-num/op_summary_20270105101010.csv', 'msprof-block-num', 4, 120],
  ['msprof-7.x/op_summary_slice_0_20230919172304.csv', 'msprof-7.x', 3, 82.5],
  ['msprof-legacy/op_summary_20230315120000.csv', 'msprof-legacy', 4, 120],
] as const;

describe('op_summary header sets', () => {
  test.each(MSPROF)('%s: %s, %d rows, %d µs', (path, headerSet, rows, total) => {
    const result = parse(path);
    expect(issuesOf(result)).toEqual([]);
    const p = profileOf(result);
    expect([p.format, p.headerSet, p.table?.rowCount]).toEqual(['op-summary', headerSet, rows]);
    expect(p.summary.totalDurationUs).toBeCloseTo(total, 9);
  });

  test('CANN 8.x: Device_id, TAB after start, MIX_AIC; aliases give the normalized row', () => {
    const p = profileOf(parse('msprof-8.x/op_summary_20261102094530.csv'));
    expect(p.columns.slice(0, 5)).toEqual([
      'Device_id',
      'Model ID',
      'Task ID',
      'Stream ID',
      'Op Name',
    ]);
    expect(p.table?.startBaseUs).toBe('1780676244313289.000');
    expect(rowsOf(p)[3]).toEqual({
      op_name: 'Conv_1',
      op_type: 'Conv2D',
      core_type: 'MIX_AIC',
      start_offset_us: 84.5,
      duration_us: 37.5,
      wait_us: 0.25,
      input_shapes: '1,64,56,56;64,64,1,1;64',
    });
    expect(p.summary.byType.map((t) => [t.type, t.count, t.totalUs, t.meanUs, t.share])).toEqual([
      ['Conv2D', 2, 100, 50, 100 / 120],
      ['TransData', 1, 12.5, 12.5, 12.5 / 120],
      ['Relu', 1, 7.5, 7.5, 7.5 / 120],
    ]);
  });

  test('legacy: `Task Start Time` without unit and unprefixed metrics', () => {
    const p = profileOf(parse('msprof-legacy/op_summary_20230315120000.csv'));
    expect(p.columns).toContain('Task Start Time');
    expect(p.columns).toContain('total_cycles');
    expect(p.table?.startBaseUs).toBe('1678852531246561');
    expect(rowsOf(p).map((r) => r?.start_offset_us)).toEqual([0, 12.5, 76.5, 84.5]);
  });

  test.each(MSPROF.map(([path]) => path))('%s: same result in any chunking', (path) => {
    const whole = snapshot(parse(path));
    expect(snapshot(parse(path, [1]))).toEqual(whole);
    expect(snapshot(parse(path, [13, 2, 250]))).toEqual(whole);
  });
});

describe('detection', () => {
  test.each(MSPROF.map(([path]) => path))(
    '%s: by content alone, and better with its name',
    (path) => {
      const head = text(path);
      expect(opSummaryFormat.sniff({ fileName: nameOf(path), head })).toBe(3);
      expect(opSummaryFormat.sniff({ fileName: 'upload.csv', head })).toBe(2);
      expect(kernelDetailsFormat.sniff({ fileName: 'upload.csv', head })).toBe(0);
      expect(opStatisticFormat.sniff({ fileName: 'upload.csv', head })).toBe(0);
    },
  );

  test('the name alone is only a hint', () => {
    const head = 'Device_id,Level,API Name,Time(us),Count,Avg(us),Min(us),Max(us),Variance\n';
    expect(opSummaryFormat.sniff({ fileName: 'op_summary_20261102094530.csv', head })).toBe(1);
    expect(opSummaryFormat.sniff({ fileName: 'api_statistic_20261102094530.csv', head })).toBe(0);
  });

  test.each([
    ['op_summary_20261102094530.csv', true],
    ['op_summary_slice_0_20230919172304.csv', true],
    ['op_summary_slice_12_20230919172304.csv', true],
    ['PROF_1/mindstudio_profiler_output/op_summary_1.csv', true],
    ['op_summary_x.csv', false],
    ['op_statistic_20261102094530.csv', false],
  ])('name hint %s → %s', (fileName, fits) => {
    expect(opSummaryFormat.sniff({ fileName, head: '' })).toBe(fits ? 1 : 0);
  });

  test('the mixed-header op_summary_1.csv is a kernel_details table: content wins over the name', () => {
    const path = 'torch_npu-mixed/op_summary_1.csv';
    const head = text(path);
    expect(opSummaryFormat.sniff({ fileName: 'op_summary_1.csv', head })).toBe(1);
    expect(kernelDetailsFormat.sniff({ fileName: 'op_summary_1.csv', head })).toBe(2);
    const result = parseWith(kernelDetailsFormat, 'op_summary_1.csv', bytesOf(head));
    const p = profileOf(result);
    expect([p.format, p.headerSet, p.table?.rowCount]).toEqual([
      'kernel-details',
      'torch_npu-mixed',
      3,
    ]);
    expect(rowsOf(p).map((r) => [r?.op_name, r?.op_type, r?.core_type, r?.duration_us])).toEqual([
      ['trans_TransData_0', 'TransData', 'AI_VECTOR_CORE', 40],
      ['Conv_0', 'Conv2D', 'AI_CORE', 200],
      ['Relu_0', 'Relu', 'AI_VECTOR_CORE', 20],
    ]);
    // Chosen by name anyway, the parser still reports what the content is.
    expect(profileOf(parse(path)).format).toBe('kernel-details');
  });
});
