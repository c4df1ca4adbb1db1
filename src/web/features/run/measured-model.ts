// What the run page's Measured view shows, computed from the workspace: the measurement files
// linked to the report (core/measure/link.ts gives each its role and groups them by batch size),
// AOE's claim next to the measured change, and the comparison the acceptance report is built from
// (the run before tuning against the run after, with the measured latencies as the gate's inputs).
import type { MeasuredBatch } from '../../../core/measure/link.ts';
import type { Measurement } from '../../../core/measure/model.ts';
import type { CompareRun } from '../../../core/model/compare.ts';
import { buildComparison, type Comparison } from '../../../core/model/comparison.ts';
import { changeOf, type Direction } from '../../../core/model/gate.ts';
import type { AoeGeneration, TuningTask } from '../../../core/model/types.ts';

export { linkedMeasurements } from '../../../core/model/run.ts';

export interface Change {
  readonly direction: Direction;
  readonly pct: number;
}

export interface BatchClaim {
  /** AOE's change from its own two latencies; null when the report lacks them. */
  readonly aoe: Change | null;
  /** AOE's stated figure, verbatim. */
  readonly aoeStatedPct: number | null;
  readonly mean: Change | null;
  readonly p99: Change | null;
  readonly vsGpu: Change | null;
}

const changeBetween = (a: number | null | undefined, b: number | null | undefined) =>
  a != null && b != null && a > 0 && Number.isFinite(b) ? changeOf(a, b) : null;

export function claimOf(task: TuningTask, batch: MeasuredBatch): BatchClaim {
  const base = batch.baseline?.measurement.latencyMs;
  const tuned = batch.tuned?.measurement.latencyMs;
  const gpu = batch.gpu?.measurement.latencyMs;
  return {
    aoe: changeBetween(task.baselineMs, task.tunedMs),
    aoeStatedPct: task.improvementPct,
    mean: changeBetween(base?.mean, tuned?.mean),
    p99: changeBetween(base?.p99, tuned?.p99),
    vsGpu: changeBetween(gpu?.mean, tuned?.mean),
  };
}

/** Points of an empirical CDF: the i-th smallest of n at (x, (i + 1) / n). */
export function cdfPoints(iterations: Float64Array, maxPoints = 200): [number, number][] {
  const sorted = iterations.slice().sort();
  const n = sorted.length;
  if (n === 0) return [];
  const step = Math.max(1, Math.floor(n / maxPoints));
  const out: [number, number][] = [];
  for (let i = 0; i < n; i += step) out.push([sorted[i] ?? 0, (i + 1) / n]);
  if (out[out.length - 1]?.[1] !== 1) out.push([sorted[n - 1] ?? 0, 1]);
  return out;
}

/**
 * The comparison the acceptance report needs: the task before tuning (AOE's baseline latency and
 * each operator's time before) as the baseline run, the task as tuned as the candidate, and the
 * batch's measurements as the gate's measured inputs.
 */
export function runComparison(
  run: { readonly id: string; readonly fileName: string; readonly generation: AoeGeneration },
  task: TuningTask,
  batch: MeasuredBatch,
): Comparison {
  const before: TuningTask = {
    ...task,
    tunedMs: task.baselineMs,
    improvementPct: null,
    recomputedImprovementPct: null,
    savedMs: null,
    savedPct: null,
    operators: task.operators.map((o) => ({ ...o, afterUs: o.beforeUs, improvementPct: null })),
  };
  const base: CompareRun = {
    id: `${run.id}:before`,
    label: `${task.name} · baseline OM`,
    fileName: batch.baseline?.path ?? run.fileName,
    generation: run.generation,
    task: before,
  };
  const cand: CompareRun = {
    id: run.id,
    label: `${task.name} · tuned OM`,
    fileName: batch.tuned?.path ?? run.fileName,
    generation: run.generation,
    task,
  };
  const runs = new Map<string, Measurement>();
  if (batch.baseline) runs.set(base.id, batch.baseline.measurement);
  if (batch.tuned) runs.set(cand.id, batch.tuned.measurement);
  return buildComparison([base, cand], base, undefined, undefined, {
    runs,
    gpu: batch.gpu?.measurement ?? null,
  });
}
