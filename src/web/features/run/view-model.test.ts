import { describe, expect, it } from 'vitest';
import type { ImportedFile } from '../../../core/formats/types.ts';
import type { OperatorResult, TuningReport, TuningTask } from '../../../core/model/types.ts';
import { gainBars, latencySeries, operatorRows, repoView, summarize } from './view-model.ts';

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
  report,
  profile: null,
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
    expect(latencySeries(report)).toEqual([{ task: 'resnet50', baselineMs: 10, tunedMs: 8 }]);
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

  it('orders the diverging bars: largest gains first, largest regression last', () => {
    expect(gainBars(operatorRows(task)).map((b) => [b.label, b.savedUs])).toEqual([
      ['Conv_1 · Format', 20],
      ['Conv_1 · Schedule', 10],
      ['Conv_4', 6],
      ['Conv_2', -5],
    ]);
  });
});
