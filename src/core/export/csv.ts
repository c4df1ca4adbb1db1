// CSV exports of the operators table and of a comparison. RFC 4180 (CRLF, quotes doubled, a cell
// quoted when it holds a comma, quote or line break), UTF-8, with a BOM on request so that Excel
// opens Chinese operator names correctly (the UI turns it on by default in zh-CN). Operator names
// come from untrusted files, so a text cell that a spreadsheet would run as a formula (= + - @,
// or a leading tab / carriage return) is prefixed with a single quote.
import type { ModelRow, OperatorComparison } from '../model/compare.ts';
import type { TuningTask } from '../model/types.ts';
import { round } from '../model/stats.ts';

export interface CsvOptions {
  readonly bom: boolean;
}

export const BOM = '\uFEFF';
export type Cell = string | number | null;

/** The BOM default for a UI language. */
export const defaultBom = (language: string): boolean => language.toLowerCase().startsWith('zh');

export function csvCell(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let text = value;
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(
  header: readonly string[],
  rows: readonly (readonly Cell[])[],
  options: CsvOptions,
): string {
  const lines = [header, ...rows].map((row) => row.map(csvCell).join(','));
  return (options.bom ? BOM : '') + lines.join('\r\n') + '\r\n';
}

const r3 = (v: number | null | undefined): number | null =>
  v === null || v === undefined ? null : round(v, 3);
const r2 = (v: number | null | undefined): number | null =>
  v === null || v === undefined ? null : round(v, 2);
const r4 = (v: number | null | undefined): number | null =>
  v === null || v === undefined ? null : round(v, 4);

/** The operators of one run, as the run view's table shows them. */
export function runOperatorsCsv(task: TuningTask, options: CsvOptions): string {
  const header = [
    'operator',
    'type',
    'dimension',
    'before_us',
    'after_us',
    'delta_us',
    'improvement_pct',
    'speedup_x',
    'repo_action',
  ];
  const rows = task.operators.map((op) => [
    op.name,
    op.type,
    op.dimension,
    r3(op.beforeUs),
    r3(op.afterUs),
    r3(op.afterUs - op.beforeUs),
    r2(op.improvementPct),
    op.afterUs > 0 ? r4(op.beforeUs / op.afterUs) : null,
    op.repoAction,
  ]);
  return toCsv(header, rows, options);
}

/** One row per operator per compared run, with the baseline's and the run's tuned times. */
export function operatorComparisonCsv(
  comparisons: readonly OperatorComparison[],
  labels: Readonly<Record<string, string>>,
  options: CsvOptions,
): string {
  const header = [
    'run',
    'operator',
    'type',
    'dimension',
    'bucket',
    'verdict',
    'baseline_us',
    'run_us',
    'delta_us',
    'delta_pct',
    'speedup_x',
    'matched_by',
  ];
  const rows: Cell[][] = [];
  for (const c of comparisons) {
    for (const row of c.rows) {
      const d = row.diff;
      rows.push([
        labels[c.runId] ?? c.runId,
        row.name,
        row.type,
        row.dimension,
        row.bucket,
        row.label,
        r3(row.baseUs),
        r3(row.candUs),
        d.kind === 'numeric' ? r3(d.delta) : null,
        d.kind === 'numeric' ? r2(d.deltaPct) : null,
        d.kind === 'numeric' ? r4(d.speedup) : null,
        row.via,
      ]);
    }
  }
  return toCsv(header, rows, options);
}

export function modelComparisonCsv(rows: readonly ModelRow[], options: CsvOptions): string {
  const header = [
    'run',
    'is_baseline',
    'aoe_baseline_ms',
    'tuned_ms',
    'delta_ms',
    'delta_pct',
    'verdict',
  ];
  return toCsv(
    header,
    rows.map((m) => [
      m.runLabel,
      m.isBaseline ? 'yes' : 'no',
      m.baselineMs,
      m.tunedMs,
      m.diff.kind === 'numeric' ? round(m.diff.delta, 6) : null,
      m.diff.kind === 'numeric' ? r2(m.diff.deltaPct) : null,
      m.label,
    ]),
    options,
  );
}
