// AOE's claims against two profiles; every expected figure is worked out by hand in a comment.
import { describe, expect, it } from 'vitest';
import { sideOf, type TestRow } from './profile-table.test-helpers.ts';
import { op, task } from './compare.test-helpers.ts';
import { chooseProfilePair, profileClaims, type ProfileCandidate } from './profile-claims.ts';

const summaryOf = (rows: readonly TestRow[]) => sideOf(rows).summary;

// Two steps each. Before: 2×(60+20+8) + 120 + 130 = 426 µs. After: 2×(45+20+6) + 70 + 80 = 292 µs.
const BEFORE: TestRow[] = [
  ['Conv_7', 'Conv2D', 120],
  ['Gemm_0', 'MatMulV2', 60],
  ['SoftmaxV2_0', 'SoftmaxV2', 20],
  ['Relu_0', 'Relu', 8],
  ['Conv_7', 'Conv2D', 130],
  ['Gemm_0', 'MatMulV2', 60],
  ['SoftmaxV2_0', 'SoftmaxV2', 20],
  ['Relu_0', 'Relu', 8],
];
const AFTER: TestRow[] = [
  ['Conv_7', 'Conv2D', 70],
  ['Gemm_0', 'MatMulV2', 45],
  ['SoftmaxV2_0', 'SoftmaxV2', 20],
  ['Cast_3', 'Cast', 6],
  ['Conv_7', 'Conv2D', 80],
  ['Gemm_0', 'MatMulV2', 45],
  ['SoftmaxV2_0', 'SoftmaxV2', 20],
  ['Cast_3', 'Cast', 6],
];

// AOE: Conv_7 125 → 75 µs (two dimensions: the largest before, the smallest after), Gemm_0
// 60 → 50 µs; the model 1.000 → 0.950 ms, 5 % saved.
const TASK = task({
  baselineMs: 1,
  tunedMs: 0.95,
  savedPct: 5,
  operators: [
    op('Conv_7', 80, 'Conv2D', 'Schedule', 120),
    op('Conv_7', 75, 'Conv2D', 'Tiling', 125),
    op('Gemm_0', 50, 'MatMulV2', 'Schedule', 60),
  ],
});

describe('AOE against two profiles', () => {
  const c = profileClaims(TASK, summaryOf(BEFORE), summaryOf(AFTER));

  it('per tuned operator: AOE’s change and the change per call between the profiles', () => {
    expect(
      c.operators.map((o) => [o.name, o.aoeBeforeUs, o.aoeAfterUs, o.beforeMeanUs, o.afterMeanUs]),
    ).toEqual([
      ['Conv_7', 125, 75, 125, 75],
      ['Gemm_0', 60, 50, 60, 45],
    ]);
    // Conv_7: (125 − 75) / 125 = 40 % both ways. Gemm_0: AOE 10 / 60 = 16.67 %, profiles 15 / 60 = 25 %.
    expect(c.operators[0]?.aoePct).toBe(40);
    expect(c.operators[0]?.profilePct).toBe(40);
    expect(c.operators[1]?.aoePct).toBeCloseTo(16.6667, 4);
    expect(c.operators[1]?.profilePct).toBe(25);
  });

  it('per model: AOE’s 5 % against (426 − 292) / 426 = 31.46 % in the profiles', () => {
    expect(c.model.aoePct).toBe(5);
    expect([c.model.beforeTotalUs, c.model.afterTotalUs]).toEqual([426, 292]);
    expect(c.model.profilePct).toBeCloseTo(31.4554, 4);
    expect(c.model.gapPp).toBeCloseTo(5 - 31.4554, 4);
    // At AOE's gains: Conv_7 250 × (75/125 − 1) = −100, Gemm_0 120 × (50/60 − 1) = −20 → 120 / 426.
    expect(c.model.impliedPct).toBeCloseTo(28.169, 3);
  });

  it('the operators that explain the gap, largest difference first', () => {
    // Relu_0 vanished: −16 µs, none implied. Cast_3 appeared: +12. Gemm_0 −30 against −20: −10.
    // Conv_7 −100 as implied and SoftmaxV2_0 unchanged explain nothing.
    const r6 = (x: number) => Math.round(x * 1e6) / 1e6;
    expect(c.explain.map((g) => [g.name, g.tuned, g.actualDeltaUs, r6(g.residualUs)])).toEqual([
      ['Relu_0', false, -16, -16],
      ['Cast_3', false, 12, 12],
      ['Gemm_0', true, -30, -10],
    ]);
    expect(c.explain[2]?.expectedDeltaUs).toBeCloseTo(-20, 9);
    expect(c.explain[0]?.residualPp).toBeCloseTo((-16 / 426) * 100, 9);
    // The residuals add up to the profiles' change less the implied one: −134 − (−120) = −14.
    const sum = c.explain.reduce((s, g) => s + g.residualUs, 0);
    expect(sum).toBeCloseTo(-14, 9);
  });

  it('a tuned operator missing from a profile has no profile figure', () => {
    const only = profileClaims(
      TASK,
      summaryOf(BEFORE.filter((r) => r[0] !== 'Gemm_0')),
      summaryOf(AFTER),
    );
    expect(only.operators[1]).toMatchObject({
      name: 'Gemm_0',
      beforeMeanUs: null,
      profilePct: null,
    });
  });
});

describe('which two profiles', () => {
  const cand = (
    id: string,
    path: string,
    rows: readonly TestRow[],
    linked = true,
  ): ProfileCandidate => ({
    id,
    path,
    summary: summaryOf(rows),
    linked,
  });

  it('by the words of their paths', () => {
    const p = chooseProfilePair(TASK, [
      cand('x', 'resnet50/after/op_summary_1.csv', BEFORE),
      cand('y', 'resnet50/before/op_summary_1.csv', AFTER),
    ]);
    // The words win over the times (x's times are those before tuning).
    expect(p).toMatchObject({
      ok: true,
      before: { id: 'y', reason: { kind: 'word', word: 'before' } },
      after: { id: 'x', reason: { kind: 'word', word: 'after' } },
    });
  });

  it('by their times when the paths say nothing: Conv_7 and Gemm_0 at 125 and 60 µs are AOE’s times before', () => {
    const p = chooseProfilePair(TASK, [
      cand('x', 'PROF_2/op_summary_1.csv', AFTER),
      cand('y', 'PROF_1/op_summary_1.csv', BEFORE),
    ]);
    expect(p).toMatchObject({
      ok: true,
      before: { id: 'y', reason: { kind: 'times', nearBefore: 2, nearAfter: 0 } },
      after: { id: 'x', reason: { kind: 'times', nearBefore: 0, nearAfter: 2 } },
    });
  });

  it('takes an unlinked profile whose operators match the run’s, never another model’s', () => {
    const other: TestRow[] = [['MatMul_99', 'MatMul', 10]];
    expect(
      chooseProfilePair(TASK, [
        cand('x', 'a/tuned/op_summary.csv', AFTER),
        cand('y', 'a/op_summary.csv', BEFORE, false),
      ]),
    ).toMatchObject({ ok: true, before: { id: 'y' }, after: { id: 'x' } });
    expect(
      chooseProfilePair(TASK, [
        cand('x', 'a/tuned/op_summary.csv', AFTER),
        cand('z', 'b/before/op_summary.csv', other, false),
      ]),
    ).toMatchObject({ ok: false, reason: 'fewer-than-two' });
  });

  it('never takes an unlinked profile whose folders name another model, even with the same operator names', () => {
    // Generic ONNX names (Conv_7, Gemm_0) recur across models: a yolov5s profile holds them too.
    expect(
      chooseProfilePair(TASK, [
        cand('x', 'resnet50/tuned/op_summary.csv', AFTER),
        { ...cand('y', 'yolov5s/PROF_1/op_summary.csv', BEFORE, false), otherModel: true },
      ]),
    ).toMatchObject({ ok: false, reason: 'fewer-than-two' });
    // Linked by hand, the user's choice stands (the link itself carries the warning).
    expect(
      chooseProfilePair(TASK, [
        cand('x', 'resnet50/tuned/op_summary.csv', AFTER),
        { ...cand('y', 'yolov5s/PROF_1/op_summary.csv', BEFORE, true), otherModel: true },
      ]),
    ).toMatchObject({ ok: true, before: { id: 'y' }, after: { id: 'x' } });
  });

  it('two of one role are left to the user; one role of two gives the other the other', () => {
    expect(
      chooseProfilePair(TASK, [
        cand('x', 'before/a.csv', BEFORE),
        cand('y', 'baseline/b.csv', BEFORE),
      ]),
    ).toMatchObject({ ok: false, reason: 'roles-unclear' });
    // y holds no tuned operator: its times say nothing, so it has no role of its own.
    const tie: TestRow[] = [['Relu_0', 'Relu', 8]];
    expect(
      chooseProfilePair(TASK, [cand('x', 'tuned/a.csv', AFTER), cand('y', 'b.csv', tie)]),
    ).toMatchObject({
      ok: true,
      before: { id: 'y', reason: { kind: 'other' } },
      after: { id: 'x' },
    });
  });
});
