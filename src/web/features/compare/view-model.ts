// Model → what the compare page shows: short names for the runs, table rows and their order.
// Views never decide better/worse themselves: labels come from core's `labelDiff` through the
// comparison.
import type { OperatorRow } from '../../../core/model/compare.ts';
import type { SharedRun } from '../../../core/share/bundle-types.ts';
import type { SortSpec } from '../../../core/share/view-state.ts';

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

const num = (row: TableRow, col: SortSpec['id']): number | string => {
  const d = row.diff;
  switch (col) {
    case 'name':
      return row.name;
    case 'type':
      return row.type;
    case 'dimension':
      return row.dimension ?? '';
    case 'bucket':
      return row.bucket;
    case 'baseUs':
      return row.baseUs ?? NaN;
    case 'candUs':
      return row.candUs ?? NaN;
    case 'deltaUs':
      return d.kind === 'numeric' ? d.delta : NaN;
    case 'deltaPct':
      return d.kind === 'numeric' ? (d.deltaPct ?? NaN) : NaN;
    case 'speedup':
      return d.kind === 'numeric' ? (d.speedup ?? NaN) : NaN;
  }
};

/** Multi-column sort; missing numbers always sort last, whatever the direction. */
export function sortRows(rows: readonly TableRow[], sort: readonly SortSpec[]): TableRow[] {
  if (sort.length === 0) return [...rows];
  return [...rows].sort((a, b) => {
    for (const s of sort) {
      const x = num(a, s.id);
      const y = num(b, s.id);
      let c: number;
      if (typeof x === 'number' && typeof y === 'number') {
        const xn = Number.isNaN(x);
        const yn = Number.isNaN(y);
        if (xn || yn) {
          if (xn && yn) continue;
          return xn ? 1 : -1;
        }
        c = x - y;
      } else c = String(x).localeCompare(String(y));
      if (c !== 0) return s.desc ? -c : c;
    }
    return 0;
  });
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
