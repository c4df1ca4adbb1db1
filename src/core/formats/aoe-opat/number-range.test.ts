// Numbers a report cannot hold: `1e309` overflows to Infinity when read, and a latency below zero
// is no latency. Each is a located issue (code, JSON pointer, line and column, the text found) and
// the rest of the file is read.
import { describe, expect, test } from 'vitest';
import { parseOpat } from './parse.ts';
import { parseSgat } from '../aoe-sgat/parse.ts';
import type { ImportIssue } from '../types.ts';
import { reportOf } from './test-helpers.ts';

const OPS = '/1/OPAT/repo_modified_operators';
const ctx = { fileName: 'aoe_result_opat_1_pid1.json', id: 'x' };

/** Two operators, one value of each replaceable by raw JSON number text. */
function report(v: { before?: string; after?: string; baseline?: string; section?: string }) {
  const section = v.section ?? 'OPAT';
  return [
    '[{"basic": {"tuning_name": "m", "tuning_time(s)": 60}},',
    ` {"${section}": {"model_baseline_performance(ms)": ${v.baseline ?? '10'},`,
    '  "model_result_performance(ms)": 8, "opat_tuning_result": "tuning successful",',
    '  "repo_modified_operators": [',
    '   {"op_name": "Conv_0", "op_type": "Conv2D", "tune_performance": {"Schedule":',
    `    {"performance_before_tune(us)": ${v.before ?? '20'}, "performance_after_tune(us)": ${v.after ?? '10'}, "update_mode": "add"}}},`,
    '   {"op_name": "Relu_1", "op_type": "Relu", "tune_performance": {"Schedule":',
    '    {"performance_before_tune(us)": 4, "performance_after_tune(us)": 2, "update_mode": "add"}}}',
    ']}}]',
  ].join('\n');
}

const issuesOf = (r: ReturnType<typeof parseOpat>): readonly ImportIssue[] =>
  r.ok ? r.warnings : r.errors;
const names = (r: ReturnType<typeof parseOpat>) =>
  reportOf(r)?.tasks[0]?.operators.map((o) => o.name);

describe('numbers beyond the range of a float', () => {
  test('an operator time of 1e309 is skipped with NUMBER_OUT_OF_RANGE at its pointer, line and column; the other operators are read', () => {
    const r = parseOpat(report({ before: '1e309' }), ctx);
    expect(issuesOf(r)).toEqual([
      {
        code: 'NUMBER_OUT_OF_RANGE',
        severity: 'error',
        message: `${OPS}/0/tune_performance/Schedule/performance_before_tune(us): the number 1e309 is out of range (it does not fit a 64-bit float); the value was left out.`,
        path: `${OPS}/0/tune_performance/Schedule/performance_before_tune(us)`,
        line: 6,
        column: 37,
        offset: expect.any(Number) as number,
        found: '1e309',
      },
    ]);
    expect(names(r)).toEqual(['Relu_1']);
  });

  test('a model baseline of -1e309 is kept as unknown (null) with NUMBER_OUT_OF_RANGE only, not a schema error', () => {
    const r = parseOpat(report({ baseline: '-1e309' }), ctx);
    expect(issuesOf(r).map((i) => [i.code, i.path, i.found])).toEqual([
      ['NUMBER_OUT_OF_RANGE', '/1/OPAT/model_baseline_performance(ms)', '-1e309'],
    ]);
    const task = reportOf(r)?.tasks[0];
    expect(task?.baselineMs).toBeNull();
    expect(task?.tunedMs).toBe(8);
    expect(names(r)).toEqual(['Conv_0', 'Relu_1']);
  });

  test('a tiny number such as 1e-400 is zero, not an issue', () => {
    const r = parseOpat(report({ after: '1e-400' }), ctx);
    expect(issuesOf(r).map((i) => i.code)).not.toContain('NUMBER_OUT_OF_RANGE');
  });
});

describe('negative latencies', () => {
  test('a negative operator time skips the operator with NEGATIVE_TIME (one issue, not a schema error too)', () => {
    const r = parseOpat(report({ after: '-3.5' }), ctx);
    expect(r.ok).toBe(false);
    expect(issuesOf(r).map((i) => [i.code, i.severity, i.path, i.found])).toEqual([
      [
        'NEGATIVE_TIME',
        'error',
        `${OPS}/0/tune_performance/Schedule/performance_after_tune(us)`,
        '-3.5',
      ],
    ]);
    expect(names(r)).toEqual(['Relu_1']);
  });

  test('a negative model baseline is kept as unknown (null) with NEGATIVE_TIME', () => {
    const r = parseOpat(report({ baseline: '-2' }), ctx);
    expect(issuesOf(r).map((i) => [i.code, i.path])).toEqual([
      ['NEGATIVE_TIME', '/1/OPAT/model_baseline_performance(ms)'],
    ]);
    expect(reportOf(r)?.tasks[0]?.baselineMs).toBeNull();
    expect(reportOf(r)?.tasks[0]?.savedMs).toBeNull();
  });

  test('subgraph tuning: a negative operator time is reported too (its schema does not cover operators)', () => {
    const r = parseSgat(report({ before: '-1', section: 'SGAT' }), {
      fileName: 'aoe_result_sgat_1_pid1.json',
      id: 'y',
    });
    expect(issuesOf(r).map((i) => [i.code, i.path])).toEqual([
      [
        'NEGATIVE_TIME',
        '/1/SGAT/repo_modified_operators/0/tune_performance/Schedule/performance_before_tune(us)',
      ],
    ]);
    expect(names(r)).toEqual(['Relu_1']);
  });
});
