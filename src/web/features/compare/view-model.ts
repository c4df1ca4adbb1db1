// Model → what the compare page shows: short names for the runs and the operators table's rows.
// Views never decide better/worse themselves: labels come from core's `labelDiff` through the
// comparison.
import type { OperatorRow } from '../../../core/model/compare.ts';
import type { SharedRun } from '../../../core/share/bundle-types.ts';
import {
  internStrings,
  numberColumn,
  type ColumnarData,
} from '../../components/data-table/columnar.ts';

/** AOE names its result files `aoe_result_<kind>_<yyyymmddhhmmssSSS>_pid<n>.json`. */
const FILE_STAMP = /(?:^|_)(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{3})?(?=_|\.|$)/;
const ISO_STAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?/;
const PID = /_pid(\d{1,10})(?=[._]|$)/;
const MAX_MODEL = 24;

const clip = (s: string, max: number): string => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/** From shortest to most specific: the names a run can go by. */
function nameLevels(r: SharedRun): string[] {
  const { run } = r;
  const model = clip(run.task.name.trim() || run.fileName, MAX_MODEL);
  const started = run.manifest?.['startedAt'];
  const stamp =
    FILE_STAMP.exec(run.fileName) ?? (typeof started === 'string' ? ISO_STAMP.exec(started) : null);
  const task = ` #${r.taskIndex + 1}`;
  if (!stamp) {
    const stem = clip(run.fileName.replace(/\.json$/i, ''), MAX_MODEL);
    return [model, `${model} · ${stem}`, `${model} · ${stem}${task}`];
  }
  const [, y, mo, d, h, mi, s, ms] = stamp;
  const pid = PID.exec(run.fileName)?.[1];
  const full = `${model} ${y}-${mo}-${d} ${h}:${mi}:${s}`;
  const exact = ms ? `${full}.${ms}` : full;
  const withPid = pid ? `${exact} pid${pid}` : exact;
  return [`${model} ${mo}-${d} ${h}:${mi}`, full, exact, withPid, `${withPid}${task}`];
}

/**
 * Short names for runs (chart axes, the run column), from the model and when the run was made:
 * `resnet50 03-01 10:00`. A run's name depends on the run, not on its position in a selection, so
 * it does not change as runs are ticked; where two runs would share a name, both get a more
 * specific one (seconds, then milliseconds, the process id, the task).
 */
export function shortRunNames(runs: readonly SharedRun[]): Map<string, string> {
  const levels = runs.map(nameLevels);
  const at = (names: readonly string[], level: number) =>
    names[Math.min(level, names.length - 1)] ?? '';
  const out = new Map<string, string>();
  const used = new Map<string, number>();
  runs.forEach((r, i) => {
    const own = levels[i] ?? [];
    let level = 0;
    while (
      level < own.length - 1 &&
      levels.some((other, j) => j !== i && at(other, level) === at(own, level))
    )
      level += 1;
    const name = at(own, level);
    // Identical runs in every respect still get names of their own.
    const seen = used.get(name) ?? 0;
    used.set(name, seen + 1);
    out.set(r.run.id, seen === 0 ? name : `${name} (${seen + 1})`);
  });
  return out;
}

export interface TableRow extends OperatorRow {
  readonly runId: string;
  readonly runLabel: string;
}

/**
 * The operators table's rows as columns for the data table (sorting, search and the bucket
 * filter run there). Every column has a fixed kind, even with no rows; `candName` is not shown
 * but searched.
 */
export function operatorColumns(
  rows: readonly TableRow[],
  short: ReadonlyMap<string, string>,
): ColumnarData {
  const numbers = (get: (r: TableRow) => number | null | undefined) =>
    numberColumn(
      Float64Array.from(rows, (r) => {
        const v = get(r);
        return typeof v === 'number' && Number.isFinite(v) ? v : NaN;
      }),
    );
  const numeric = (r: TableRow) => (r.diff.kind === 'numeric' ? r.diff : null);
  return {
    rowCount: rows.length,
    columns: {
      run: internStrings(rows.map((r) => short.get(r.runId) ?? r.runId)),
      name: internStrings(rows.map((r) => r.name)),
      candName: internStrings(rows.map((r) => r.candName ?? '')),
      type: internStrings(rows.map((r) => r.type)),
      dimension: internStrings(rows.map((r) => r.dimension ?? '')),
      bucket: internStrings(rows.map((r) => r.bucket)),
      baseUs: numbers((r) => r.baseUs),
      candUs: numbers((r) => r.candUs),
      deltaUs: numbers((r) => numeric(r)?.delta),
      deltaPct: numbers((r) => numeric(r)?.deltaPct),
      speedup: numbers((r) => numeric(r)?.speedup),
    },
  };
}

/** Operators only the run has, and only the baseline has: the candidates for a rename pair. */
export function renameCandidates(rows: readonly TableRow[]): {
  added: string[];
  removed: string[];
} {
  const added = new Set<string>();
  const removed = new Set<string>();
  for (const r of rows) {
    if (r.bucket === 'added' && r.candName !== null) added.add(r.candName);
    if (r.bucket === 'removed') removed.add(r.name);
  }
  return { added: [...added].sort(), removed: [...removed].sort() };
}
