// Model → what the run page shows: summary figures, chart series and table rows. Views receive
// these plain rows and never the model objects; "better" and "worse" come from core compare.ts.
import type { ImportedFile, ImportIssue } from '../../../core/formats/types.ts';
import { diffValues, labelDiff, type DiffLabel } from '../../../core/model/compare.ts';
import type {
  RepoAction,
  RepoSummary,
  TuningReport,
  TuningTask,
} from '../../../core/model/types.ts';
import { speedupPct } from '../../../core/model/units.ts';
import { fromRows, type ColumnarData } from '../../components/data-table/columnar.ts';

/** The run page marks any change as a gain or a loss; the noise floor is a compare-page setting. */
const NO_FLOOR = { pct: 0, abs: 0 };

export interface RunSummary {
  readonly status: TuningTask['status'];
  readonly statusText: string | null;
  readonly tuningTimeS: number | null;
  readonly baselineMs: number | null;
  readonly tunedMs: number | null;
  readonly statedPct: number | null;
  readonly recomputedPct: number | null;
  readonly savedMs: number | null;
  readonly savedPct: number | null;
  readonly savedLabel: DiffLabel;
  /** Distinct operator names (an operator tuned in two dimensions counts once). */
  readonly operatorsTuned: number;
  readonly operatorRows: number;
  readonly failedOperators: readonly string[];
  readonly incomplete: boolean;
  readonly warnings: readonly ImportIssue[];
}

export function summarize(file: ImportedFile, report: TuningReport, task: TuningTask): RunSummary {
  const modelDiff = diffValues(task.baselineMs, task.tunedMs);
  return {
    status: task.status,
    statusText: task.statusText,
    tuningTimeS: task.tuningTimeS,
    baselineMs: task.baselineMs,
    tunedMs: task.tunedMs,
    statedPct: task.improvementPct,
    recomputedPct: task.recomputedImprovementPct,
    savedMs: task.savedMs,
    savedPct: task.savedPct,
    savedLabel: labelDiff(modelDiff, NO_FLOOR),
    operatorsTuned: new Set(task.operators.map((o) => o.name)).size,
    operatorRows: task.operators.length,
    failedOperators: task.failedOperators,
    incomplete: report.incomplete,
    warnings: file.issues.filter((i) => i.code === 'INCONSISTENT'),
  };
}

export interface LatencyPoint {
  readonly task: string;
  readonly baselineMs: number;
  readonly tunedMs: number;
}

/** Baseline vs tuned model latency of every task that has both (training files have neither). */
export function latencySeries(report: TuningReport): LatencyPoint[] {
  return report.tasks.flatMap((t) =>
    t.baselineMs !== null && t.tunedMs !== null
      ? [{ task: t.name, baselineMs: t.baselineMs, tunedMs: t.tunedMs }]
      : [],
  );
}

export type RepoKey = 'hit' | 'add' | 'update' | 'reserved' | 'unsatisfied';
export const REPO_KEYS: readonly RepoKey[] = ['hit', 'add', 'update', 'reserved', 'unsatisfied'];

export interface RepoView {
  readonly bars: readonly { readonly key: RepoKey; readonly value: number }[];
  readonly total: number;
  /** hit / total, 0–1; null when total is 0. */
  readonly hitRate: number | null;
}

export function repoView(summary: RepoSummary): RepoView {
  return {
    bars: REPO_KEYS.map((key) => ({ key, value: summary[key] })),
    total: summary.total,
    hitRate: summary.total > 0 ? summary.hit / summary.total : null,
  };
}

export interface RepoOperatorRow {
  readonly name: string;
  readonly type: string;
  readonly dimension: string | null;
  readonly action: Exclude<RepoAction, null>;
}

export function repoOperators(task: TuningTask): RepoOperatorRow[] {
  return task.operators.flatMap((o) =>
    o.repoAction
      ? [{ name: o.name, type: o.type, dimension: o.dimension, action: o.repoAction }]
      : [],
  );
}

export interface OperatorRow {
  readonly name: string;
  readonly type: string;
  readonly dimension: string;
  readonly beforeUs: number;
  readonly afterUs: number;
  /** after − before: negative is faster. */
  readonly deltaUs: number;
  /** AOE's stated speed-up %, else recomputed from the times. */
  readonly improvementPct: number | null;
  /** before / after. */
  readonly speedup: number | null;
  readonly action: string;
  readonly label: DiffLabel;
}

export function operatorRows(task: TuningTask): OperatorRow[] {
  return task.operators.map((o) => {
    const diff = diffValues(o.beforeUs, o.afterUs);
    return {
      name: o.name,
      type: o.type,
      dimension: o.dimension ?? '',
      beforeUs: o.beforeUs,
      afterUs: o.afterUs,
      deltaUs: o.afterUs - o.beforeUs,
      improvementPct: o.improvementPct ?? speedupPct(o.beforeUs, o.afterUs),
      speedup: diff.kind === 'numeric' ? diff.speedup : null,
      action: o.repoAction ?? '',
      label: labelDiff(diff, NO_FLOOR),
    };
  });
}

/** The operator rows as table columns (ids match the operators table's column ids). */
export function operatorColumns(rows: readonly OperatorRow[]): ColumnarData {
  return fromRows(rows, {
    name: (r) => r.name,
    type: (r) => r.type,
    dimension: (r) => r.dimension,
    beforeUs: (r) => r.beforeUs,
    afterUs: (r) => r.afterUs,
    deltaUs: (r) => r.deltaUs,
    improvementPct: (r) => r.improvementPct,
    speedup: (r) => r.speedup,
    action: (r) => r.action,
  });
}

export interface GainBar {
  readonly label: string;
  /** µs saved: positive for a gain, negative for a regression. */
  readonly savedUs: number;
  readonly kind: DiffLabel;
}

/** The `limit` largest gains and the `limit` largest regressions, gains first, by µs saved. */
export function gainBars(rows: readonly OperatorRow[], limit = 8): GainBar[] {
  const bar = (r: OperatorRow): GainBar => ({
    label: r.dimension ? `${r.name} · ${r.dimension}` : r.name,
    savedUs: -r.deltaUs,
    kind: r.label,
  });
  const gains = rows
    .filter((r) => r.label === 'improvement')
    .sort((a, b) => a.deltaUs - b.deltaUs)
    .slice(0, limit);
  const losses = rows
    .filter((r) => r.label === 'regression')
    .sort((a, b) => b.deltaUs - a.deltaUs)
    .slice(0, limit);
  return [...gains.map(bar), ...losses.reverse().map(bar)];
}
