// Builders for compare/gate tests: a run is a task with just the fields a test cares about.
import type { CompareRun } from './compare.ts';
import type { OperatorResult, RepoSummary, TuningTask } from './types.ts';

export const op = (
  name: string,
  afterUs: number,
  type = 'Conv2D',
  dimension: string | null = 'Schedule',
  beforeUs = afterUs,
): OperatorResult => ({
  name,
  type,
  dimension,
  beforeUs,
  afterUs,
  improvementPct: null,
  repoAction: null,
});

export function task(partial: Partial<TuningTask> = {}): TuningTask {
  return {
    name: 'resnet50',
    kind: 'opat',
    status: 'succeeded',
    statusText: 'tuning successful',
    reportKey: null,
    tuningTimeS: 100,
    baselineMs: null,
    tunedMs: null,
    improvementPct: null,
    recomputedImprovementPct: null,
    savedMs: null,
    savedPct: null,
    repoSummary: null,
    operators: [],
    failedOperators: [],
    extra: {},
    ...partial,
  };
}

export function run(
  id: string,
  t: Partial<TuningTask> = {},
  more: Partial<CompareRun> = {},
): CompareRun {
  return {
    id,
    label: id,
    fileName: `${id}.json`,
    generation: 'cann-6.3+',
    task: task(t),
    ...more,
  };
}

export const repo = (
  hit: number,
  add: number,
  update: number,
  unsatisfied: number,
  total: number,
): RepoSummary => ({
  hit,
  add,
  update,
  unsatisfied,
  reserved: hit - update,
  total,
});
