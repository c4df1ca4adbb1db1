import { describe, expect, it } from 'vitest';
import type { ImportedFile } from '../../../core/formats/types.ts';
import type { OperatorResult, TuningReport, TuningTask } from '../../../core/model/types.ts';
import {
  gainItems,
  modelDeltas,
  operatorHref,
  operatorRows,
  outcomeCounts,
  repoView,
  savedPareto,
  summarize,
  topGainers,
  worstRegressions,
} from './view-model.ts';

const op = (
  name: string,
  before: number,
  after: number,
  dim: string | null = null,
): OperatorResult => ({
  name,
  type: 'Conv2D',
  dimension: dim,
  beforeUs: before,
  afterUs: after,
  improvementPct: null,
  repoAction: 'add',
});

const task: TuningTask = {
  name: 'resnet50',
  kind: 'opat',
  status: 'succeeded',
  statusText: 'tuning successful',
  reportKey: null,
  tuningTimeS: 100,
  baselineMs: 10,
  tunedMs: 8,
  improvementPct: 25,
  recomputedImprovementPct: 25,
  savedMs: 2,
  savedPct: 20,
  repoSummary: { add: 2, hit: 5, reserved: 4, unsatisfied: 1, update: 1, total: 8 },
  operators: [
    op('Conv_1', 100, 80, 'Format'),
    op('Conv_1', 80, 70, 'Schedule'),
    op('Conv_2', 50, 55),
    op('Conv_3', 40, 40),
    op('Conv_4', 10, 4),
  ],
  failedOperators: ['Conv_9'],
  extra: {},
};
const report: TuningReport = {
  id: 'f',
  fileName: 'a.json',
  kind: 'opat',
  layout: 'array',
  generation: 'cann-6.3+',
  incomplete: true,
  tasks: [task, { ...task, name: 'training', baselineMs: null, tunedMs: null }],
};
const file: ImportedFile = {
  id: 'f',
  fileName: 'a.json',
  size: 1,
  format: 'aoe-opat',
  ok: true,
  issues: [
    { code: 'INCONSISTENT', severity: 'warning', message: 'stated vs times' },
    { code: 'UNKNOWN_FIELD', severity: 'warning', message: 'extra' },
  ],
  content: { kind: 'report', report },
};

describe('run view model', () => {
  it('summarizes a task: distinct operators, failures, incomplete, cross-check warnings only', () => {
    const s = summarize(file, report, task);
    expect(s).toMatchObject({
      operatorsTuned: 4,
      operatorRows: 5,
      failedOperators: ['Conv_9'],
      incomplete: true,
      savedLabel: 'improvement',
    });
    expect(s.warnings.map((w) => w.code)).toEqual(['INCONSISTENT']);
  });

  it('charts only tasks with both model times', () => {
    expect(modelDeltas(report)).toEqual([
      { task: 'resnet50', baselineMs: 10, tunedMs: 8, savedPct: 20, label: 'improvement' },
    ]);
  });

  it('computes the hit rate of the knowledge base', () => {
    const v = repoView({ add: 2, hit: 5, reserved: 4, unsatisfied: 1, update: 1, total: 8 });
    expect(v.hitRate).toBe(0.625);
    expect(v.bars.map((b) => [b.key, b.value])).toEqual([
      ['hit', 5],
      ['add', 2],
      ['update', 1],
      ['reserved', 4],
      ['unsatisfied', 1],
    ]);
    expect(
      repoView({ add: 0, hit: 0, reserved: 0, unsatisfied: 0, update: 0, total: 0 }).hitRate,
    ).toBeNull();
  });

  it.each([
    // name, Δ µs, speed-up, label
    [0, 'Conv_1', -20, 100 / 80, 'improvement'],
    [2, 'Conv_2', 5, 50 / 55, 'regression'],
    [3, 'Conv_3', 0, 1, 'neutral'],
  ] as const)('operator row %i (%s): Δ %d µs', (index, name, delta, speedup, label) => {
    const row = operatorRows(task)[index];
    expect(row).toMatchObject({ name, deltaUs: delta, label });
    expect(row?.speedup).toBeCloseTo(speedup, 12);
  });

  it('recomputes the stated speed-up when AOE gave none', () => {
    expect(operatorRows(task)[4]?.improvementPct).toBeCloseTo(150, 12); // 10 / 4 − 1
  });

  it('counts faster, slower and unchanged rows, adding up to the rows, with µs saved and lost', () => {
    expect(outcomeCounts(operatorRows(task))).toEqual({
      faster: 3,
      slower: 1,
      unchanged: 1,
      rows: 5,
      savedUs: 36,
      lostUs: 5,
    });
  });

  it('lists the top gainers and the worst regressions by µs, each row named with its dimension', () => {
    const items = gainItems(operatorRows(task));
    expect(topGainers(items, 2).map((i) => [i.label, i.value])).toEqual([
      ['Conv_1 · Format', 20],
      ['Conv_1 · Schedule', 10],
    ]);
    expect(worstRegressions(items).map((i) => [i.label, i.value])).toEqual([['Conv_2', -5]]);
  });

  it('builds the Pareto of time saved: largest first, the rest in one bar, cumulative share', () => {
    const bars = savedPareto(gainItems(operatorRows(task)), 2);
    expect(bars.map((b) => [b.label, b.savedUs, b.rows])).toEqual([
      ['Conv_1 · Format', 20, 1],
      ['Conv_1 · Schedule', 10, 1],
      ['', 6, 1],
    ]);
    expect(bars.map((b) => b.cumulative)).toEqual([20 / 36, 30 / 36, 1]);
    expect(savedPareto(gainItems(operatorRows({ ...task, operators: [op('A', 5, 6)] })))).toEqual(
      [],
    );
  });

  it('links a name into the operators tab, filtered to it', () => {
    expect(operatorHref('a/b c')).toBe('?tab=operators&ops.f.name=a%2Fb+c');
  });
});
