// op_statistic (msprof and torch_npu): the per-type summary comes from the file's own rows.
import { describe, expect, test } from 'vitest';
import { kernelDetailsFormat } from '../kernel-details/index.ts';
import { opSummaryFormat } from '../op-summary/index.ts';
import { bytesOf, issuesOf, parseWith, profileOf, snapshot } from '../csv/test-helpers.ts';
import { opStatisticFormat } from './index.ts';

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
  parseWith(opStatisticFormat, nameOf(path), bytesOf(text(path)), sizes);
const parseText = (csv: string) => parseWith(opStatisticFormat, 'op_statistic.csv', bytesOf(csv));

const FILES = [
  ['op_statistic-device/op_statistic_20261102094530.csv', 'op_statistic-device', 4, 840],
  ['op_statistic-torch_npu/op_statistic.csv', 'op_statistic-torch_npu', 4, 400],
  ['op_statistic-model-name/op_statistic_20221230101010.csv', 'op_statistic-model-name', 3, 350],
] as const;

describe('op_statistic', () => {
  test.each(FILES)('%s: %s, %d rows, %d µs', (path, headerSet, rows, total) => {
    const result = parse(path);
    expect(issuesOf(result)).toEqual([]);
    const p = profileOf(result);
    expect([p.format, p.headerSet, p.table, p.summary.rows]).toEqual([
      'op-statistic',
      headerSet,
      null,
      rows,
    ]);
    expect(p.summary.totalDurationUs).toBe(total);
    expect(p.summary.topOperators).toEqual([]);
  });

  test('msprof with Device_id: byType straight from the rows', () => {
    const { summary } = profileOf(parse(FILES[0][0]));
    expect(summary.byType).toEqual([
      { type: 'Conv2D', count: 3, totalUs: 480, meanUs: 160, share: 480 / 840 },
      { type: 'hcom_allReduce_', count: 1, totalUs: 300, meanUs: 300, share: 300 / 840 },
      { type: 'TransData', count: 1, totalUs: 40, meanUs: 40, share: 40 / 840 },
      { type: 'Relu', count: 1, totalUs: 20, meanUs: 20, share: 20 / 840 },
    ]);
  });

  test('torch_npu (CRLF): a type on two cores is one entry', () => {
    const { summary } = profileOf(parse(FILES[1][0], [5]));
    expect(summary.byType).toEqual([
      { type: 'Conv2D', count: 3, totalUs: 300, meanUs: 100, share: 0.75 },
      { type: 'TransData', count: 4, totalUs: 60, meanUs: 15, share: 0.15 },
      { type: 'Relu', count: 2, totalUs: 40, meanUs: 20, share: 0.1 },
    ]);
  });

  test.each(FILES.map(([p]) => p))('%s: same result in any chunking', (path) => {
    const whole = snapshot(parse(path));
    expect(snapshot(parse(path, [1]))).toEqual(whole);
    expect(snapshot(parse(path, [7, 3]))).toEqual(whole);
  });

  test('a stated Ratio(%) that disagrees with the totals is a warning with its line', () => {
    const csv =
      'OP Type,Core Type,Count,Total Time(us),Min Time(us),Avg Time(us),Max Time(us),Ratio(%)\n' +
      'Conv2D,AI_CORE,2,75,30,37.5,45,75\n' +
      'Relu,AI_VECTOR_CORE,1,25,25,25,25,50\n';
    const result = parseText(csv);
    expect(issuesOf(result)).toEqual([['INCONSISTENT', 3]]);
    expect(result.ok && result.warnings[0]).toMatchObject({ expected: '25.000', found: '50' });
  });

  test('missing Core Type is an error naming it; a bad count is a BAD_ROW warning', () => {
    const missing = parseText('OP Type,Count,Total Time(us)\nConv2D,1,2\n');
    expect(missing.ok).toBe(false);
    expect(!missing.ok && missing.errors[0]).toMatchObject({
      code: 'MISSING_COLUMN',
      expected: 'Accelerator Core|Task Type|Core Type',
    });
    const bad = parseText(
      'OP Type,Core Type,Count,Total Time(us)\nConv2D,AI_CORE,many,2\nRelu,AI_VECTOR_CORE,1,3\n',
    );
    expect(issuesOf(bad)).toEqual([['BAD_ROW', 2]]);
    expect(profileOf(bad).summary.byType.map((t) => [t.type, t.count])).toEqual([
      ['Relu', 1],
      ['Conv2D', 0],
    ]);
  });

  test.each(FILES.map(([p]) => p))('%s: detected by content, not by the kernel formats', (path) => {
    const head = text(path);
    expect(opStatisticFormat.sniff({ fileName: 'upload.csv', head })).toBe(2);
    expect(opStatisticFormat.sniff({ fileName: nameOf(path), head })).toBe(3);
    expect(opSummaryFormat.sniff({ fileName: 'upload.csv', head })).toBe(0);
    expect(kernelDetailsFormat.sniff({ fileName: 'upload.csv', head })).toBe(0);
  });

  test('communication_statistic (no Core Type) is not an op_statistic', () => {
    const head =
      'Device_id,OP Type,Count,Total Time(us),Min Time(us),Avg Time(us),Max Time(us),Ratio(%)\n';
    expect(opStatisticFormat.sniff({ fileName: 'communication_statistic_1.csv', head })).toBe(0);
  });
});
