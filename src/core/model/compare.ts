// Comparing runs against a pinned baseline. Every difference is a `MetricDiff` (a discriminated
// union) and `labelDiff` is the ONE place that decides whether a difference is an improvement,
// neutral (within the noise floor) or a regression: the tables, charts, badges, exports, the
// gate and the CLI all call it, so "better" is defined once.
import type { AoeGeneration, RunManifest, TaskKind, TuningTask } from './types.ts';
import { matchOperators, shapesFromProfile } from './match.ts';
import type { MatchVia, OperatorPair, RenameMapping } from './match.ts';
import type { ProfileSummary } from './types.ts';
import { geomean } from './stats.ts';

/** One run as compare sees it: a tuning task, plus what is known about how it was produced. */
export interface CompareRun {
  /** Stable within a workspace or bundle, e.g. `<reportId>:<taskIndex>`. */
  readonly id: string;
  /** What the user reads: file name and task name. */
  readonly label: string;
  readonly fileName: string;
  readonly generation: AoeGeneration;
  readonly task: TuningTask;
  readonly profile?: ProfileSummary | null;
  readonly manifest?: RunManifest | null;
  /** Repeated end-to-end latency measurements (ms), when a benchmark tool recorded them. */
  readonly latencySamplesMs?: readonly number[];
}

export type DiffLabel = 'improvement' | 'neutral' | 'regression';
export type Bucket = 'added' | 'removed' | 'faster' | 'slower' | 'unchanged';

/** A noise floor: a change counts only when it clears both the relative and the absolute part. */
export interface NoiseFloor {
  readonly pct: number;
  /** In the diff's own unit (µs for operators, ms for model latency). */
  readonly abs: number;
}
export const DEFAULT_NOISE_PCT = 1;
export const DEFAULT_NOISE_US = 1;

/** Lower is better for every time metric we compare. */
export type MetricDiff =
  | {
      readonly kind: 'numeric';
      readonly base: number;
      readonly cand: number;
      /** cand − base */
      readonly delta: number;
      /** delta / base × 100; null when base is 0 */
      readonly deltaPct: number | null;
      /** base / cand; null when cand is 0 */
      readonly speedup: number | null;
    }
  | { readonly kind: 'added'; readonly cand: number }
  | { readonly kind: 'removed'; readonly base: number }
  | { readonly kind: 'missing' };

export function diffValues(base: number | null, cand: number | null): MetricDiff {
  const b = base !== null && Number.isFinite(base) ? base : null;
  const c = cand !== null && Number.isFinite(cand) ? cand : null;
  if (b === null && c === null) return { kind: 'missing' };
  if (b === null) return { kind: 'added', cand: c as number };
  if (c === null) return { kind: 'removed', base: b };
  return {
    kind: 'numeric',
    base: b,
    cand: c,
    delta: c - b,
    deltaPct: b !== 0 ? ((c - b) / b) * 100 : null,
    speedup: c !== 0 ? b / c : null,
  };
}

/** THE definition of better and worse (lower times are better). */
export function labelDiff(diff: MetricDiff, floor: NoiseFloor): DiffLabel {
  if (diff.kind !== 'numeric') return 'neutral';
  if (diff.delta === 0) return 'neutral';
  const pct = diff.deltaPct === null ? Infinity : Math.abs(diff.deltaPct);
  if (pct < floor.pct || Math.abs(diff.delta) < floor.abs) return 'neutral';
  return diff.delta < 0 ? 'improvement' : 'regression';
}

export function bucketOf(diff: MetricDiff, floor: NoiseFloor): Bucket {
  if (diff.kind === 'added') return 'added';
  if (diff.kind === 'removed') return 'removed';
  const label = labelDiff(diff, floor);
  return label === 'improvement' ? 'faster' : label === 'regression' ? 'slower' : 'unchanged';
}

export interface OperatorRow {
  readonly key: string;
  readonly name: string;
  readonly type: string;
  readonly dimension: string | null;
  /** Tuned (after) time in each run, µs. */
  readonly baseUs: number | null;
  readonly candUs: number | null;
  readonly candName: string | null;
  readonly via: MatchVia | null;
  readonly diff: MetricDiff;
  readonly label: DiffLabel;
  readonly bucket: Bucket;
}

export interface OperatorComparison {
  readonly runId: string;
  readonly rows: readonly OperatorRow[];
  readonly counts: Readonly<Record<Bucket, number>>;
  readonly matched: number;
  /** Geometric mean of base/cand over matched operators with positive times; null when none. */
  readonly geomeanSpeedup: number | null;
}

export interface CompareOptions {
  readonly noise: { readonly pct: number; readonly us: number };
  readonly mapping: RenameMapping;
}
export const DEFAULT_COMPARE_OPTIONS: CompareOptions = {
  noise: { pct: DEFAULT_NOISE_PCT, us: DEFAULT_NOISE_US },
  mapping: {},
};

function rowOf(pair: OperatorPair, floor: NoiseFloor): OperatorRow {
  const baseUs = pair.base?.afterUs ?? null;
  const candUs = pair.cand?.afterUs ?? null;
  const diff = diffValues(pair.base ? baseUs : null, pair.cand ? candUs : null);
  return {
    key: pair.key,
    name: pair.name,
    type: pair.type,
    dimension: pair.dimension,
    baseUs,
    candUs,
    candName: pair.cand?.name ?? null,
    via: pair.via,
    diff,
    label: labelDiff(diff, floor),
    bucket: bucketOf(diff, floor),
  };
}

export function compareOperators(
  base: CompareRun,
  cand: CompareRun,
  options: CompareOptions = DEFAULT_COMPARE_OPTIONS,
): OperatorComparison {
  const pairs = matchOperators({
    base: base.task.operators,
    cand: cand.task.operators,
    mapping: options.mapping,
    baseShapes: shapesFromProfile(base.profile),
    candShapes: shapesFromProfile(cand.profile),
  });
  const floor: NoiseFloor = { pct: options.noise.pct, abs: options.noise.us };
  const rows = pairs.map((p) => rowOf(p, floor));
  const counts: Record<Bucket, number> = {
    added: 0,
    removed: 0,
    faster: 0,
    slower: 0,
    unchanged: 0,
  };
  const ratios: number[] = [];
  for (const r of rows) {
    counts[r.bucket] += 1;
    if (r.diff.kind === 'numeric' && r.diff.speedup !== null && r.diff.base > 0)
      ratios.push(r.diff.speedup);
  }
  return {
    runId: cand.id,
    rows,
    counts,
    matched: counts.faster + counts.slower + counts.unchanged,
    geomeanSpeedup: geomean(ratios),
  };
}

/** Rows worth showing: diff-only drops unchanged rows (inside the noise floor). */
export const visibleRows = (
  rows: readonly OperatorRow[],
  diffOnly: boolean,
): readonly OperatorRow[] => (diffOnly ? rows.filter((r) => r.bucket !== 'unchanged') : rows);

/** The latency a run ends with: its tuned time, or its baseline when it has no tuned time. */
export const runLatencyMs = (run: CompareRun): number | null =>
  run.task.tunedMs ?? run.task.baselineMs ?? null;

export interface ModelRow {
  readonly runId: string;
  readonly runLabel: string;
  readonly isBaseline: boolean;
  readonly baselineMs: number | null;
  readonly tunedMs: number | null;
  /** This run's latency against the pinned baseline run's latency (ms). */
  readonly diff: MetricDiff;
  readonly label: DiffLabel;
}

export function compareModels(
  runs: readonly CompareRun[],
  baseline: CompareRun,
  noise: CompareOptions['noise'] = DEFAULT_COMPARE_OPTIONS.noise,
): ModelRow[] {
  const floor: NoiseFloor = { pct: noise.pct, abs: noise.us / 1000 };
  const ref = runLatencyMs(baseline);
  return runs.map((run) => {
    const diff = diffValues(ref, runLatencyMs(run));
    return {
      runId: run.id,
      runLabel: run.label,
      isBaseline: run.id === baseline.id,
      baselineMs: run.task.baselineMs,
      tunedMs: run.task.tunedMs,
      diff,
      label: labelDiff(diff, floor),
    };
  });
}

export interface KnowledgeBasePoint {
  readonly runId: string;
  readonly label: string;
  /** hit / total, 0–1; null without a repo summary or with total 0. */
  readonly hitRate: number | null;
  readonly hit: number | null;
  readonly add: number | null;
  readonly update: number | null;
  readonly unsatisfied: number | null;
  readonly total: number | null;
}

export function knowledgeBaseTrend(runs: readonly CompareRun[]): KnowledgeBasePoint[] {
  return runs.map((run) => {
    const s = run.task.repoSummary;
    return {
      runId: run.id,
      label: run.label,
      hitRate: s && s.total > 0 ? s.hit / s.total : null,
      hit: s?.hit ?? null,
      add: s?.add ?? null,
      update: s?.update ?? null,
      unsatisfied: s?.unsatisfied ?? null,
      total: s?.total ?? null,
    };
  });
}

export type ComparabilityField =
  'kind' | 'generation' | 'taskName' | 'cannVersion' | 'soc' | 'modelSha256' | 'bankPath';

/** A reason the comparison may be unfair. Warnings only: comparing always goes ahead. */
export interface ComparabilityWarning {
  readonly field: ComparabilityField;
  readonly runId: string;
  readonly baseValue: string;
  readonly runValue: string;
}

const fieldsOf = (run: CompareRun): Record<ComparabilityField, string | undefined> => ({
  kind: run.task.kind satisfies TaskKind,
  generation: run.generation,
  taskName: run.task.name,
  cannVersion: run.manifest?.cannVersion,
  soc: run.manifest?.soc,
  modelSha256: run.manifest?.modelSha256,
  bankPath: run.manifest?.bankPath,
});

/** Manifest fields are compared only when both runs have a value (a missing manifest is no evidence). */
export function comparability(
  runs: readonly CompareRun[],
  baseline: CompareRun,
): ComparabilityWarning[] {
  const ref = fieldsOf(baseline);
  const out: ComparabilityWarning[] = [];
  for (const run of runs) {
    if (run.id === baseline.id) continue;
    const mine = fieldsOf(run);
    for (const field of Object.keys(ref) as ComparabilityField[]) {
      const a = ref[field];
      const b = mine[field];
      if (a !== undefined && b !== undefined && a !== b) {
        out.push({ field, runId: run.id, baseValue: a, runValue: b });
      }
    }
  }
  return out;
}
