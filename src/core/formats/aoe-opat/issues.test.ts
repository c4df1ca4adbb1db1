// Files that are not right: each issue with its exact code, JSON pointer, byte offset or line,
// and what is still read from the file.
import { describe, expect, test } from 'vitest';
import { parseOpat } from './parse.ts';
import { ctxFor, issueList, opatFixture, operatorTuples, reportOf } from './test-helpers.ts';

const parse = (file: string) => parseOpat(opatFixture(file), ctxFor(file));
const OPS = '/1/OPAT/repo_modified_operators';

describe('cross-checks are warnings', () => {
  test('stated improvements and repo_summary that disagree with the numbers', () => {
    const result = parse('inconsistent-figures.json');
    expect(result.ok).toBe(true);
    expect(issueList(result)).toEqual([
      ['INCONSISTENT', `${OPS}/add_repo_operators/1/performance_improvement`],
      ['INCONSISTENT', '/1/OPAT/repo_summary/repo_add_num'],
      ['INCONSISTENT', '/1/OPAT/repo_summary/total_num'],
      ['INCONSISTENT', '/1/OPAT/repo_summary/repo_hit_num'],
      ['INCONSISTENT', '/1/OPAT/model_performance_improvement'],
    ]);
    const issues = result.ok ? result.warnings : [];
    // 120 → 100 µs is a 20.00 % speed-up; 10 → 9.8 ms is 2.04 %; the lists hold 2 added operators;
    // 3 + 0 + 1 + 0 = 4 operators in total; 0 + 1 = 1 hit.
    expect(issues.map((i) => [i.expected, i.found])).toEqual([
      ['20.00%', '50.00%'],
      ['2', '3'],
      ['4', '5'],
      ['1', '2'],
      ['2.04%', '5.00%'],
    ]);
    expect(issues.every((i) => i.severity === 'warning')).toBe(true);
    const task = reportOf(result)?.tasks[0];
    // What AOE stated is kept; the recomputed figure sits beside it.
    expect(task?.improvementPct).toBe(5);
    expect(task?.recomputedImprovementPct).toBeCloseTo(2.0408, 4);
  });

  test('rounding to two decimals is not a disagreement', () => {
    // 113.588725 / 113.236731 − 1 = 0.31085 %, stated "0.31%"; 36.05 / 36.04 − 1 = 0.02775 %, "0.03%".
    expect(issueList(parse('cann62rc1-array.json'))).toEqual([]);
    expect(issueList(parse('cann63rc2-array.json'))).toEqual([]);
  });
});

describe('unknown fields are kept and reported as warnings', () => {
  test('every level: sections, basic, OPAT, operator, dimension', () => {
    const result = parse('unknown-fields.json');
    expect(result.ok).toBe(true);
    const paths = [
      '/2/GDAT',
      '/0/basic/soc_version',
      '/1/OPAT/tune_ops_num',
      `${OPS}/0/op_shape`,
      `${OPS}/0/tune_performance/Tiling/tiling_key`,
    ];
    expect(issueList(result)).toEqual(paths.map((p) => ['UNKNOWN_FIELD', p]));
    const task = reportOf(result)?.tasks[0];
    expect(task?.extra).toEqual({
      '/2/GDAT': { gdat_tuning_result: 'tuning successful' },
      '/0/basic/soc_version': 'Ascend310P3',
      '/1/OPAT/tune_ops_num': 1,
      [`${OPS}/0/op_shape`]: '1,64,56,56',
      [`${OPS}/0/tune_performance/Tiling/tiling_key`]: 12,
    });
    // An unknown dimension name is still a dimension.
    expect(operatorTuples(task?.operators ?? [])).toEqual([
      ['Conv_0', 'Conv2D', 'Tiling', 50, 40, 25, 'add'],
    ]);
  });

  test('__proto__ and constructor are data, never prototypes', () => {
    const result = parse('proto-keys.json');
    expect(issueList(result)).toEqual([
      ['UNKNOWN_FIELD', '/basic/__proto__'],
      ['UNKNOWN_FIELD', '/OPAT/constructor'],
    ]);
    const task = reportOf(result)?.tasks[0];
    expect(operatorTuples(task?.operators ?? [])).toEqual([
      ['__proto__', 'constructor', '__proto__', 2, 1, 100, 'add'],
      ['__proto__', 'constructor', 'toString', 3, 2, 50, 'update'],
    ]);
    expect(Object.keys(task?.extra ?? {})).toEqual(['/basic/__proto__', '/OPAT/constructor']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  test('a flood of unknown fields is capped at 20 issues plus one count', () => {
    const ops = Array.from({ length: 30 }, (_, i) => ({
      op_name: `Conv_${i}`,
      op_type: 'Conv2D',
      shape: 'x',
      tune_performance: {
        Format: {
          'performance_before_tune(us)': 2,
          'performance_after_tune(us)': 1,
          performance_improvement: '100.00%',
        },
      },
    }));
    const text = JSON.stringify([{ OPAT: { repo_modified_operators: ops } }]);
    const result = parseOpat(text, ctxFor('many.json'));
    const issues = result.ok ? result.warnings : result.errors;
    expect(issues.length).toBe(21);
    expect(issues[20]?.message).toBe('… and 10 more UNKNOWN_FIELD issues not listed');
    expect(Object.keys(reportOf(result)?.tasks[0]?.extra ?? {}).length).toBe(30);
  });
});

describe('repeated keys', () => {
  test('a report key written twice (as the documentation examples do) keeps the last report', () => {
    const key = 'report_${timestamp}_${tid}';
    const report = (name: string) => `[{"basic":{"tuning_name":"${name}"}},{"OPAT":{}}]`;
    const text = `{"${key}":${report('a')},"${key}":${report('b')}}`;
    const result = parseOpat(text, ctxFor('dup.json'));
    expect(result.ok).toBe(true);
    expect(issueList(result)).toEqual([['INCONSISTENT', `/${key}`]]);
    expect(reportOf(result)?.tasks.map((t) => t.name)).toEqual(['b']);
  });

  test('a section written twice: the first is read, the second reported', () => {
    const text = '[{"basic":{"tuning_name":"first"}},{"basic":{"tuning_name":"second"}}]';
    const result = parseOpat(text, ctxFor('dup.json'));
    expect(issueList(result)).toEqual([['INCONSISTENT', '/1/basic']]);
    expect(reportOf(result)?.tasks[0]?.name).toBe('first');
  });
});

describe('schema violations are errors with the pointer, the rest is still read', () => {
  test('a time written as a string', () => {
    const result = parse('invalid-performance-string.json');
    expect(result.ok).toBe(false);
    expect(issueList(result)).toEqual([
      ['SCHEMA_MISMATCH', `${OPS}/add_repo_operators/0/performance_before_tune(us)`],
    ]);
    expect(result.ok ? null : result.errors[0]?.expected).toBe('number');
    const task = reportOf(result)?.tasks[0];
    expect(operatorTuples(task?.operators ?? [])).toEqual([
      ['Conv_6', 'conv2d', null, 60, 50, 20, 'add'],
    ]);
  });

  test('a negative repository counter', () => {
    const result = parse('invalid-repo-summary-negative.json');
    expect(result.ok).toBe(false);
    expect(issueList(result)).toEqual([
      ['SCHEMA_MISMATCH', '/1/OPAT/repo_summary/repo_unsatisfied_num'],
    ]);
  });

  test.each([
    ['[]', ''],
    ['{}', ''],
    ['42', ''],
    ['{"note":"hello"}', ''],
    ['[{"basic":{"tuning_name":7}}]', '/0/basic/tuning_name'],
    ['[{"OPAT":{"repo_modified_operators":"none"}}]', '/0/OPAT/repo_modified_operators'],
    [
      '[{"OPAT":{"repo_modified_operators":[{"op_name":"a"}]}}]',
      '/0/OPAT/repo_modified_operators/0/tune_performance',
    ],
  ])('%s → SCHEMA_MISMATCH at "%s"', (text, path) => {
    const result = parseOpat(text, ctxFor('x.json'));
    expect(result.ok).toBe(false);
    expect(issueList(result)[0]).toEqual(['SCHEMA_MISMATCH', path]);
  });
});

describe('truncated files are salvaged', () => {
  test('cut in the middle of an operator: the complete operators are kept', () => {
    const result = parse('truncated-mid-operator.json');
    expect(result.ok).toBe(false);
    expect(issueList(result)).toEqual([['TRUNCATED', undefined]]);
    expect(result.ok ? null : result.errors[0]?.offset).toBe(1757);
    const report = reportOf(result);
    expect(report?.incomplete).toBe(true);
    expect(report?.layout).toBe('array');
    expect(report?.generation).toBe('cann-6.3+');
    const task = report?.tasks[0];
    expect(task?.name).toBe('resnet50_om_tune');
    expect([task?.baselineMs, task?.tunedMs]).toEqual([12.754321, 12.401876]);
    expect(operatorTuples(task?.operators ?? [])).toEqual([
      ['SoftmaxV2_0', 'SoftmaxV2', 'Format', 21.4, 18.9, 13.23, 'add'],
      ['Conv_7', 'Conv2D', 'Format', 88.32, 80.5, 9.71, 'add'],
      ['Conv_7', 'Conv2D', 'Schedule', 80.5, 74.01, 8.77, 'add'],
    ]);
    // repo_summary is written after the operators: not there yet.
    expect(task?.repoSummary).toBeNull();
  });

  test('cut in the second report: the first task is whole, the second has what was complete', () => {
    const full = opatFixture('cann8x-training-report-map.json');
    const cut = full.slice(0, full.indexOf('"update_mode"', full.indexOf('attention/BatchMatMul')));
    const result = parseOpat(cut, ctxFor('cut.json'));
    expect(issueList(result)).toEqual([['TRUNCATED', undefined]]);
    expect(result.ok ? null : result.errors[0]?.offset).toBe(new TextEncoder().encode(cut).length);
    const report = reportOf(result);
    expect(report?.incomplete).toBe(true);
    expect(report?.tasks.map((t) => [t.name, t.operators.length, t.status])).toEqual([
      ['train_step_graph_0', 2, 'succeeded'],
      ['train_step_graph_1', 0, 'succeeded'],
    ]);
  });

  test('cut before a repository list ends: its counts are not checked against repo_summary', () => {
    const full = opatFixture('cann62rc1-array.json');
    const cut = full.slice(0, full.indexOf('"update_repo_operators"'));
    const result = parseOpat(cut, ctxFor('cut.json'));
    expect(issueList(result)).toEqual([['TRUNCATED', undefined]]);
    const ops = reportOf(result)?.tasks[0]?.operators ?? [];
    expect(ops.map((o) => o.name)).toEqual(['Conv_12', 'MatMul_3']);
  });

  test('cut before any section is complete: no partial report', () => {
    const result = parseOpat('[{"basic', ctxFor('cut.json'));
    expect(issueList(result)).toEqual([['TRUNCATED', undefined]]);
    expect(reportOf(result)).toBeUndefined();
  });
});

describe('not JSON, empty', () => {
  test('a missing comma is a syntax error with its line and byte offset, not a truncation', () => {
    const result = parse('not-json.json');
    expect(issueList(result)).toEqual([['NOT_JSON', undefined]]);
    const issue = result.ok ? null : result.errors[0];
    expect([issue?.line, issue?.offset]).toEqual([24, 729]);
    expect(reportOf(result)).toBeUndefined();
  });

  test.each(['empty.json'])('%s', (file) => {
    expect(issueList(parse(file))).toEqual([['EMPTY', undefined]]);
  });

  test.each(['', '  \r\n\t', '\ufeff'])('white space only %j is EMPTY', (text) => {
    expect(issueList(parseOpat(text, ctxFor('x.json')))).toEqual([['EMPTY', undefined]]);
  });

  test('a kernel_details table renamed to an AOE name is not JSON', () => {
    const result = parse('renamed/aoe_result_opat_x.json');
    expect(issueList(result)).toEqual([['NOT_JSON', undefined]]);
  });
});
