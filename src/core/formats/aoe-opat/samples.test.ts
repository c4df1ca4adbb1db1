// The demo reports the dashboard shows on first start must read cleanly: no warning at all means
// every stated percentage matches its times and repo_summary matches the operator lists.
import { describe, expect, test } from 'vitest';
import { aoeSgatFormat } from '../aoe-sgat/index.ts';
import { parseOpat } from './parse.ts';
import { aoeOpatFormat } from './index.ts';
import { mapResult } from '../content.ts';
import { issueList, reportOf } from './test-helpers.ts';

const samples = import.meta.glob<string>('/public/samples/aoe_result_*.json', {
  query: '?raw',
  import: 'default',
  eager: true,
});
const sample = (name: string) => samples[`/public/samples/${name}`] ?? '';

describe.each([
  ['aoe_result_opat_20261102093015123_pid41873.json', aoeOpatFormat, 12.834517, 11.902364, 30],
  ['aoe_result_opat_20261109101233789_pid52210.json', aoeOpatFormat, 12.412058, 11.987403, 30],
  ['aoe_result_sgat_20261102081502456_pid41790.json', aoeSgatFormat, 13.498102, 12.834517, 0],
])('%s', (name, format, baselineMs, tunedMs, operators) => {
  const text = sample(name);
  const result = mapResult(format.parse(text, { fileName: name, id: name }), (c) => {
    if (c.kind !== 'report') throw new Error(`expected a report, got ${c.kind}`);
    return c.report;
  });

  test('is detected by content and name, and reads without any issue', () => {
    expect(format.sniff({ fileName: name, head: text })).toBe(3);
    expect(result.ok).toBe(true);
    expect(issueList(result)).toEqual([]);
  });

  test('model times and operators', () => {
    const task = reportOf(result)?.tasks[0];
    expect([task?.name, task?.baselineMs, task?.tunedMs]).toEqual([
      'resnet50',
      baselineMs,
      tunedMs,
    ]);
    expect(new Set(task?.operators.map((o) => o.name)).size).toBe(operators);
    // Operator names follow the demo naming shared with the demo profile.
    for (const o of task?.operators ?? []) {
      expect(o.name).toMatch(/^(Conv_([0-9]|[1-4][0-9]|5[0-2])|Gemm_0|SoftmaxV2_0)$/);
    }
  });
});

test('the first operator-tuning demo has one operator tuned in two dimensions', () => {
  const name = 'aoe_result_opat_20261102093015123_pid41873.json';
  const ops = reportOf(parseOpat(sample(name), { fileName: name, id: name }))?.tasks[0]?.operators;
  const conv0 = ops?.filter((o) => o.name === 'Conv_0').map((o) => o.dimension);
  expect(conv0).toEqual(['Format', 'Schedule']);
  expect(ops?.length).toBe(31);
});
