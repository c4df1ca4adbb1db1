// The acceptance verdict of one optimisation loop, on what it measured: the OM before tuning
// (baseline) against the OM built with the tuned knowledge base (tuned), judged by the gate
// (core/model/gate.ts) like the run page's Measured view judges a report and its linked files.
// The roles come from the caller (the launcher knows which step measured which model); nothing
// here guesses from file names. What is missing is said as such: no AOE report, no baseline or no
// tuned measurement, or the two measured at different batch sizes (not comparable).
import { buildComparison } from '../model/comparison.ts';
import type { CompareRun } from '../model/compare.ts';
import type { GateReason, GateRules, Verdict } from '../model/gate.ts';
import { DEFAULT_GATE_RULES } from '../model/gate.ts';
import type { AoeGeneration, RunManifest, TuningTask } from '../model/types.ts';
import type { Measurement } from './model.ts';

export type MissingPart = 'report' | 'baseline' | 'tuned';

export interface MeasuredVerdict {
  readonly verdict: Verdict;
  /** The gate's reasons for the tuned model, in its order (worded by core/model/gate-words.ts). */
  readonly reasons: readonly GateReason[];
  /** What the loop did not produce, so the verdict says why it could not decide. */
  readonly missing: readonly MissingPart[];
  /** Baseline and tuned batch sizes when both are known and differ: not comparable. */
  readonly batchMismatch: { readonly baseline: number; readonly tuned: number } | null;
}

export interface MeasuredVerdictInput {
  /** The AOE report's task the loop tuned with (its own before/after latencies), if any. */
  readonly report: {
    readonly id: string;
    readonly fileName: string;
    readonly generation: AoeGeneration;
    readonly task: TuningTask;
  } | null;
  readonly baseline: Measurement | null;
  readonly tuned: Measurement | null;
  /** How each side was made (CANN, SoC): runs made differently are not comparable. */
  readonly baselineManifest?: RunManifest | null;
  readonly tunedManifest?: RunManifest | null;
  readonly rules?: GateRules;
}

/** A task that states nothing: the gate then judges only what was measured. */
function emptyTask(name: string): TuningTask {
  return {
    name,
    kind: 'opat',
    status: 'unknown',
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
    operators: [],
    failedOperators: [],
    extra: {},
  };
}

/**
 * The gate's verdict on the tuned model against the baseline model: AOE's own figures (model
 * latency before and after, each operator before and after) and the measurements of both OMs.
 */
export function measuredVerdict(input: MeasuredVerdictInput): MeasuredVerdict {
  const { report, baseline, tuned } = input;
  const missing: MissingPart[] = [];
  if (report === null) missing.push('report');
  if (baseline === null) missing.push('baseline');
  if (tuned === null) missing.push('tuned');
  const task = report?.task ?? emptyTask('model');
  const before: TuningTask = {
    ...task,
    tunedMs: task.baselineMs,
    improvementPct: null,
    recomputedImprovementPct: null,
    savedMs: null,
    savedPct: null,
    operators: task.operators.map((o) => ({ ...o, afterUs: o.beforeUs, improvementPct: null })),
  };
  const generation = report?.generation ?? 'unknown';
  const fileName = report?.fileName ?? '';
  const base: CompareRun = {
    id: 'baseline',
    label: `${task.name} · baseline`,
    fileName,
    generation,
    task: before,
    manifest: input.baselineManifest ?? null,
  };
  const cand: CompareRun = {
    id: 'tuned',
    label: `${task.name} · tuned`,
    fileName,
    generation,
    task,
    manifest: input.tunedManifest ?? null,
  };
  const runs = new Map<string, Measurement>();
  if (baseline) runs.set(base.id, baseline);
  if (tuned) runs.set(cand.id, tuned);
  const comparison = buildComparison(
    [base, cand],
    base,
    undefined,
    input.rules ?? DEFAULT_GATE_RULES,
    { runs, gpu: null },
  );
  const run = comparison.gate.runs[0];
  const bb = baseline?.batchSize ?? null;
  const tb = tuned?.batchSize ?? null;
  const batchMismatch =
    bb !== null && tb !== null && bb !== tb ? { baseline: bb, tuned: tb } : null;
  let verdict: Verdict = run?.verdict ?? comparison.gate.verdict;
  // Two batch sizes measure two workloads: the figures are listed, the verdict cannot be given.
  if (batchMismatch && verdict !== 'incomparable') verdict = 'incomparable';
  // Without a report or a measured side the gate cannot accept: it says what it lacked.
  if (missing.length > 0 && verdict === 'accept') verdict = 'insufficient';
  return {
    verdict,
    reasons: run?.reasons ?? comparison.gate.reasons,
    missing,
    batchMismatch,
  };
}
