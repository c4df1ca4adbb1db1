// The demo profile shown on first start (public/samples/PROF_*): it must read cleanly, follow the
// demo's operator naming, and its op_statistic must agree with its op_summary.
import { describe, expect, test } from 'vitest';
import { opStatisticFormat } from '../op-statistic/index.ts';
import { bytesOf, issuesOf, parseWith, profileOf } from '../csv/test-helpers.ts';
import { opSummaryFormat } from './index.ts';

const files = import.meta.glob<string>('/public/samples/PROF_*/mindstudio_profiler_output/*.csv', {
  query: '?raw',
  import: 'default',
  eager: true,
});
const find = (prefix: string): [string, string] => {
  const entry = Object.entries(files).find(([path]) => path.split('/').pop()?.startsWith(prefix));
  if (!entry) throw new Error(`no demo ${prefix}`);
  return [entry[0].split('/').pop() ?? '', entry[1]];
};

describe('demo profile (resnet50)', () => {
  const [summaryName, summaryText] = find('op_summary_');
  const [statName, statText] = find('op_statistic_');
  const summary = parseWith(opSummaryFormat, summaryName, bytesOf(summaryText));
  const stat = parseWith(opStatisticFormat, statName, bytesOf(statText));

  test('both files are detected by content and name, read without issues, under 1 MB each', () => {
    expect(opSummaryFormat.sniff({ fileName: summaryName, head: summaryText })).toBe(3);
    expect(opStatisticFormat.sniff({ fileName: statName, head: statText })).toBe(3);
    expect([issuesOf(summary), issuesOf(stat)]).toEqual([[], []]);
    expect(bytesOf(summaryText).length).toBeLessThan(1_000_000);
    expect(bytesOf(statText).length).toBeLessThan(1_000_000);
  });

  test('several iterations of the model, with the shared operator naming', () => {
    const p = profileOf(summary);
    expect(p.table?.rowCount).toBe(20 * 124);
    const names = new Set(p.summary.topOperators.map((o) => o.name));
    for (let i = 0; i <= 52; i++) expect(names).toContain(`Conv_${i}`);
    for (let i = 0; i <= 15; i++) expect(names).toContain(`Add_${i}`);
    for (const n of [
      'MaxPool_0',
      'GlobalAveragePool_0',
      'Gemm_0',
      'SoftmaxV2_0',
      'trans_TransData_0',
    ]) {
      expect(names).toContain(n);
    }
    const pattern =
      /^(Conv_\d+|Relu_\d+|Add_\d+|MaxPool_0|GlobalAveragePool_0|Gemm_0|trans_TransData_\d+|SoftmaxV2_0)$/;
    expect([...names].filter((n) => !pattern.test(n))).toEqual([]);
  });

  test('convolutions dominate the time', () => {
    const [first] = profileOf(summary).summary.byType;
    expect(first?.type).toBe('Conv2D');
    expect(first?.share).toBeGreaterThan(0.9);
  });

  test('op_statistic agrees with op_summary, type by type', () => {
    const fromRows = profileOf(summary).summary.byType;
    const fromFile = profileOf(stat).summary.byType;
    expect(fromFile.map((t) => [t.type, t.count])).toEqual(fromRows.map((t) => [t.type, t.count]));
    fromFile.forEach((t, i) => expect(t.totalUs).toBeCloseTo(fromRows[i]?.totalUs ?? NaN, 2));
  });
});
