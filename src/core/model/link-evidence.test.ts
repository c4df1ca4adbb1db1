import { describe, expect, test } from 'vitest';
import {
  LINK_MIN_OPERATOR_OVERLAP,
  linkEvidence,
  modelWords,
  nameEvidence,
} from './link-evidence.ts';
import type { OperatorAggregate, ProfileData, TuningReport, TuningTask } from './types.ts';

function report(taskName: string, ops: readonly string[]): TuningReport {
  const task: TuningTask = {
    name: taskName,
    kind: 'opat',
    status: 'succeeded',
    statusText: null,
    reportKey: null,
    tuningTimeS: null,
    baselineMs: null,
    tunedMs: null,
    improvementPct: null,
    recomputedImprovementPct: null,
    savedMs: null,
    savedPct: null,
    repoSummary: null,
    operators: ops.map((name) => ({
      name,
      type: 'Conv2D',
      dimension: null,
      beforeUs: 10,
      afterUs: 9,
      improvementPct: null,
      repoAction: null,
    })),
    failedOperators: [],
    extra: {},
  };
  return {
    id: 'r',
    fileName: 'r.json',
    kind: 'opat',
    layout: 'array',
    generation: 'cann-6.3+',
    incomplete: false,
    tasks: [task],
  };
}

function profile(ops: readonly string[]): ProfileData {
  const topOperators: OperatorAggregate[] = ops.map((name) => ({
    name,
    type: 'Conv2D',
    count: 1,
    totalUs: 1,
    meanUs: 1,
    share: 1 / ops.length,
    inputShapes: null,
  }));
  return {
    id: 'p',
    fileName: 'p.csv',
    format: 'op-summary',
    headerSet: 'msprof-8.x',
    columns: [],
    table: null,
    summary: { rows: ops.length, totalDurationUs: ops.length, byType: [], topOperators },
  };
}

const RESNET_OPS = ['Conv_0', 'Conv_1', 'Gemm_0', 'SoftmaxV2_0'];

describe('modelWords', () => {
  test.each([
    ['resnet50_om_tune', ['resnet50']],
    ['aoe_result_opat_20261102093015123_pid41873', []],
    ['PROF_000001_20261102094501234_DEMOABCDEFGHIJKL', ['demoabcdefghijkl']],
    ['llama2-7b_ascend_pt', ['llama2']],
    ['d41d8cd98f00b204e9800998ecf8427e', []],
  ])('%s → %j', (text, words) => expect(modelWords(text)).toEqual(words));
});

describe('nameEvidence', () => {
  test('a task name and a folder of the profile agree', () => {
    expect(
      nameEvidence(
        'aoe_result_opat_1.json',
        report('resnet50_om_tune', []),
        'resnet50/op_summary.csv',
      ),
    ).toEqual({ kind: 'agree', name: 'resnet50' });
  });
  test('a model family name agrees with a sized name (≥ 4 letters)', () => {
    expect(nameEvidence('x.json', report('resnet', []), 'resnet50_run/op.csv').kind).toBe('agree');
  });
  test('different models disagree; generated profiler folders name no model', () => {
    expect(
      nameEvidence(
        'x.json',
        report('resnet50_om_tune', []),
        'llama2_ascend_pt/PROF_000001_2026_ABCDEF/device_0/summary/op_summary_0.csv',
      ),
    ).toEqual({ kind: 'disagree', reportNames: ['resnet50'], profileNames: ['llama2'] });
    expect(
      nameEvidence(
        'x.json',
        report('resnet50_om_tune', []),
        'PROF_000001_2026_ABCDEF/device_0/a.csv',
      ).kind,
    ).toBe('unknown');
  });
  test('loose files (no folders) give no name evidence from the profile', () => {
    expect(nameEvidence('x.json', report('resnet50', []), 'op_summary.csv').kind).toBe('unknown');
  });
});

describe('linkEvidence', () => {
  const r = (path: string, name: string, ops: readonly string[]) => ({
    path,
    report: report(name, ops),
  });
  const p = (path: string, ops: readonly string[]) => ({ path, profile: profile(ops) });

  test(`needs at least ${LINK_MIN_OPERATOR_OVERLAP * 100} % of the tuned operators in the profile`, () => {
    const cases: [readonly string[], string][] = [
      [[...RESNET_OPS, 'Relu_0', 'Add_0'], 'match'], // 4 of 4
      [['Conv_0', 'Conv_1', 'Relu_0'], 'match'], // 2 of 4: exactly half
      [['Conv_0'], 'mismatch'], // a one-row table: 1 of 4
      [['model.layers.0.self_attn.q_proj', 'model.layers.0.mlp'], 'mismatch'], // 0 of 4
    ];
    for (const [ops, verdict] of cases)
      expect(linkEvidence(r('a.json', 't', RESNET_OPS), p('b.csv', ops)).verdict).toBe(verdict);
  });

  test('names compare loosely, as in the profile join', () => {
    const e = linkEvidence(r('a.json', 't', ['conv1/Conv2D']), p('b.csv', ['conv1_Conv2D']));
    expect(e.operators).toEqual({ matched: 1, total: 1 });
    expect(e.verdict).toBe('match');
  });

  test('different model names win over operator overlap (Conv_0 exists in every ONNX export)', () => {
    const e = linkEvidence(
      r('resnet50/a.json', 'resnet50', RESNET_OPS),
      p('resnet101/b.csv', RESNET_OPS),
    );
    expect(e.verdict).toBe('mismatch');
  });

  test('without operator names on one side, agreeing names decide; else there is no evidence', () => {
    expect(
      linkEvidence(r('resnet50/a.json', 'resnet50', RESNET_OPS), p('resnet50/s.csv', [])).verdict,
    ).toBe('match');
    expect(linkEvidence(r('a.json', 'resnet50', RESNET_OPS), p('s.csv', [])).verdict).toBe(
      'unknown',
    );
    expect(linkEvidence(r('a.json', 'resnet50', []), p('s.csv', RESNET_OPS)).operators).toBeNull();
  });
});
