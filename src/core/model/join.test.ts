import { describe, expect, it } from 'vitest';
import { joinTaskWithProfile, normalizeOpName } from './join.ts';
import type { OperatorAggregate, OperatorResult, ProfileSummary, TuningTask } from './types.ts';

function op(
  name: string,
  type: string,
  beforeUs: number,
  afterUs: number,
  dimension: string | null = null,
): OperatorResult {
  return { name, type, dimension, beforeUs, afterUs, improvementPct: null, repoAction: 'add' };
}

function task(
  operators: OperatorResult[],
  savedPct: number | null,
  failed: string[] = [],
): TuningTask {
  return {
    name: 't',
    kind: 'opat',
    status: 'succeeded',
    statusText: 'tuning successful',
    reportKey: null,
    tuningTimeS: 10,
    baselineMs: 10,
    tunedMs: savedPct === null ? null : 10 - savedPct / 10,
    improvementPct: null,
    recomputedImprovementPct: null,
    savedMs: null,
    savedPct,
    repoSummary: null,
    operators,
    failedOperators: failed,
    extra: {},
  };
}

function agg(name: string, type: string, totalUs: number, count: number): OperatorAggregate {
  return { name, type, count, totalUs, meanUs: totalUs / count, share: 0, inputShapes: null };
}

function profile(ops: OperatorAggregate[]): ProfileSummary {
  const total = ops.reduce((s, o) => s + o.totalUs, 0);
  return { rows: 0, totalDurationUs: total, byType: [], topOperators: ops };
}

// A baseline-model profile of 1000 µs: Conv_0 40 %, Conv_1 20 %, Relu_0 15 %, Gemm_0 10 %,
// Add_0 10 %, SoftmaxV2_0 5 %.
const baselineProfile = profile([
  agg('Conv_0', 'Conv2D', 400, 4),
  agg('Conv_1', 'Conv2D', 200, 2),
  agg('Relu_0', 'Relu', 150, 3),
  agg('Gemm_0', 'MatMulV2', 100, 1),
  agg('Add_0', 'Add', 100, 2),
  agg('SoftmaxV2_0', 'SoftmaxV2', 50, 1),
]);

// Conv_0 100 → 80 µs over two dimensions (gain 0.2), Gemm_0 100 → 50 (gain 0.5), "conv-1" is
// Conv_1 under another spelling and did not improve, Missing_9 is not in the profile.
const tunedOps = [
  op('Conv_0', 'Conv2D', 100, 90, 'Format'),
  op('Conv_0', 'Conv2D', 90, 80, 'Schedule'),
  op('Gemm_0', 'MatMulV2', 100, 50),
  op('conv-1', 'Conv2D', 100, 100),
  op('Missing_9', 'Add', 10, 5),
];

describe('joinTaskWithProfile', () => {
  it('predicts Σ share × (1 − after/before) on a baseline profile', () => {
    const j = joinTaskWithProfile(task(tunedOps, 10, ['Relu_0']), baselineProfile);
    expect(j.basis).toBe('baseline');
    // 0.4 + 0.1 + 0.2 matched
    expect(j.tunedShare).toBeCloseTo(0.7, 10);
    // 0.4 × 0.2 + 0.1 × 0.5 + 0.2 × 0 = 0.13
    expect(j.predictedGainPct).toBeCloseTo(13, 10);
    expect(j.measuredGainPct).toBe(10);
    expect(j.gapPp).toBeCloseTo(-3, 10);
    const byName = new Map(j.operators.map((o) => [o.name, o]));
    expect(byName.get('Conv_0')).toMatchObject({ beforeUs: 100, afterUs: 80, match: 'exact' });
    expect(byName.get('Conv_0')?.predictedGainPct).toBeCloseTo(8, 10);
    expect(byName.get('conv-1')).toMatchObject({ profileName: 'Conv_1', match: 'normalized' });
    expect(byName.get('Missing_9')).toMatchObject({ share: null, predictedGainPct: null });
    expect(j.notes).toEqual([
      { kind: 'coverage', tunedSharePct: expect.closeTo(70, 10) as number, matched: 3 },
      { kind: 'unmatched', count: 1, names: ['Missing_9'] },
      { kind: 'measured-below', gapPp: expect.closeTo(-3, 10) as number },
    ]);
  });

  it('ranks what the run did not improve by profiled time', () => {
    const j = joinTaskWithProfile(task(tunedOps, 10, ['Relu_0']), baselineProfile, {
      tuneNextLimit: 3,
    });
    expect(j.tuneNext.map((e) => [e.rank, e.name, e.reason])).toEqual([
      [1, 'Conv_1', 'no-gain'],
      [2, 'Relu_0', 'failed'],
      [3, 'Add_0', 'not-tuned'],
    ]);
    expect(j.tuneNext.map((e) => e.share)).toEqual([0.2, 0.15, 0.1]);
    expect(j.tuneNext[2]?.cumulativeShare).toBeCloseTo(0.45, 10);
  });

  it('reconstructs baseline shares from a profile of the tuned model', () => {
    // Conv_0 ran at 80 µs × 4 and Gemm_0 at 50 µs: 870 µs in total; the baseline would have been
    // 870 + 320 × (100/80 − 1) + 50 × (100/50 − 1) = 1000 µs, so the prediction stays 13 %.
    const tunedProfile = profile([
      agg('Conv_0', 'Conv2D', 320, 4),
      agg('Conv_1', 'Conv2D', 200, 2),
      agg('Relu_0', 'Relu', 150, 3),
      agg('Add_0', 'Add', 100, 2),
      agg('Gemm_0', 'MatMulV2', 50, 1),
      agg('SoftmaxV2_0', 'SoftmaxV2', 50, 1),
    ]);
    const j = joinTaskWithProfile(task(tunedOps, 13.2), tunedProfile);
    expect(j.basis).toBe('tuned');
    expect(j.predictedGainPct).toBeCloseTo(13, 10);
    expect(j.notes.map((n) => n.kind)).toEqual([
      'coverage',
      'unmatched',
      'profile-of-tuned-model',
      'agree',
    ]);
  });

  it.each([
    { name: 'no model times', saved: null, kinds: ['coverage', 'no-model-times'] },
    { name: 'measured above', saved: 20, kinds: ['coverage', 'measured-above'] },
  ])('explains $name', ({ saved, kinds }) => {
    const j = joinTaskWithProfile(
      task([op('Gemm_0', 'MatMulV2', 100, 50)], saved),
      baselineProfile,
    );
    expect(j.predictedGainPct).toBeCloseTo(5, 10);
    expect(j.notes.map((n) => n.kind)).toEqual(kinds);
  });

  it('says so when the profile has no per-operator rows', () => {
    const j = joinTaskWithProfile(task(tunedOps, 10), profile([]));
    expect(j.predictedGainPct).toBeNull();
    expect(j.tuneNext).toEqual([]);
    expect(j.notes.map((n) => n.kind)).toEqual(['no-operator-rows']);
  });
});

describe('normalizeOpName', () => {
  it.each([
    ['Conv_1', 'conv1'],
    ['conv1/Conv2D', 'conv1conv2d'],
    ['卷积-1', '卷积1'],
    ['__', ''],
  ])('%s → %s', (input, expected) => {
    expect(normalizeOpName(input)).toBe(expected);
  });
});
