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
  readonly taskName: string;
  readonly fileName: string;
  readonly counts: OutcomeCounts;
  readonly topGainers: readonly GainItem[];
  readonly worstRegressions: readonly GainItem[];
  readonly pareto: readonly ParetoBar[];
}

export function summarize(file: ImportedFile, report: TuningReport, task: TuningTask): RunSummary {
  const modelDiff = diffValues(task.baselineMs, task.tunedMs);
  const rows = operatorRows(task);
  const items = gainItems(rows);
  return {
    taskName: task.name,
    fileName: file.fileName,
    counts: outcomeCounts(rows),
    topGainers: topGainers(items),
    worstRegressions: worstRegressions(items),
    pareto: savedPareto(items),
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

export interface ModelDelta {
  readonly task: string;
  readonly baselineMs: number;
  readonly tunedMs: number;
  /** (baseline − tuned) ÷ baseline × 100: time saved in % of the baseline. */
  readonly savedPct: number;
  readonly label: DiffLabel;
}

/** Baseline vs tuned model latency of every task that has both (training files have neither). */
export function modelDeltas(report: TuningReport): ModelDelta[] {
  return report.tasks.flatMap((t) =>
    t.baselineMs !== null && t.tunedMs !== null && t.baselineMs > 0
      ? [
          {
            task: t.name,
            baselineMs: t.baselineMs,
            tunedMs: t.tunedMs,
            savedPct: ((t.baselineMs - t.tunedMs) / t.baselineMs) * 100,
            label: labelDiff(diffValues(t.baselineMs, t.tunedMs), NO_FLOOR),
          },
        ]
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

/** How many operator rows got faster, slower, or stayed the same (the three add up to the rows). */
export interface OutcomeCounts {
  readonly faster: number;
  readonly slower: number;
  readonly unchanged: number;
  readonly rows: number;
  /** µs saved by the rows that got faster (positive) and lost by those that got slower (positive). */
  readonly savedUs: number;
  readonly lostUs: number;
}

export function outcomeCounts(rows: readonly OperatorRow[]): OutcomeCounts {
  let faster = 0;
  let slower = 0;
  let savedUs = 0;
  let lostUs = 0;
  for (const r of rows) {
    if (r.label === 'improvement') {
      faster++;
      savedUs -= r.deltaUs;
    } else if (r.label === 'regression') {
      slower++;
      lostUs += r.deltaUs;
    }
  }
  return {
    faster,
    slower,
    unchanged: rows.length - faster - slower,
    rows: rows.length,
    savedUs,
    lostUs,
  };
}

/** One operator row as a chart item or list entry: µs saved (negative when it got slower). */
export interface GainItem {
  readonly id: string;
  readonly label: string;
  /** The operator name alone (what the operators table is filtered by). */
  readonly name: string;
  readonly value: number;
  readonly kind: DiffLabel;
  readonly beforeUs: number;
  readonly afterUs: number;
}

export function gainItems(rows: readonly OperatorRow[]): GainItem[] {
  return rows.map((r, i) => ({
    id: String(i),
    label: r.dimension ? `${r.name} · ${r.dimension}` : r.name,
    name: r.name,
    value: -r.deltaUs,
    kind: r.label,
    beforeUs: r.beforeUs,
    afterUs: r.afterUs,
  }));
}

/** The `limit` rows that saved the most, largest first. */
export function topGainers(items: readonly GainItem[], limit = 5): GainItem[] {
  return items
    .filter((i) => i.kind === 'improvement')
    .sort((a, b) => b.value - a.value)
    .slice(0, limit);
}

/** The `limit` rows that lost the most, worst first. */
export function worstRegressions(items: readonly GainItem[], limit = 5): GainItem[] {
  return items
    .filter((i) => i.kind === 'regression')
    .sort((a, b) => a.value - b.value)
    .slice(0, limit);
}

export interface ParetoBar {
  readonly label: string;
  readonly savedUs: number;
  /** Share of all time saved covered by this bar and the ones above it, 0–1. */
  readonly cumulative: number;
  /** How many rows an "others" bar stands for; 1 for an operator row. */
  readonly rows: number;
  readonly name: string | null;
}

/**
 * Time saved by operator, largest first, as a Pareto: the `limit` largest gains, then one bar for
 * the rest of the gains; the running share says how few operators bought most of the gain.
 */
export function savedPareto(items: readonly GainItem[], limit = 10): ParetoBar[] {
  const gains = items.filter((i) => i.kind === 'improvement').sort((a, b) => b.value - a.value);
  const total = gains.reduce((sum, g) => sum + g.value, 0);
  if (total <= 0) return [];
  const bars: ParetoBar[] = [];
  let running = 0;
  for (const g of gains.slice(0, limit)) {
    running += g.value;
    bars.push({
      label: g.label,
      savedUs: g.value,
      cumulative: running / total,
      rows: 1,
      name: g.name,
    });
  }
  const rest = gains.slice(limit);
  if (rest.length > 0) {
    const sum = rest.reduce((s, g) => s + g.value, 0);
    bars.push({ label: '', savedUs: sum, cumulative: 1, rows: rest.length, name: null });
  }
  return bars;
}

/** The operators tab filtered to one operator name (a link from the summary). */
export function operatorHref(name: string): string {
  const p = new URLSearchParams({ tab: 'operators', 'ops.f.name': name });
  return `?${p.toString()}`;
}
