// Task fields every AOE result file states the same way, whatever the tuning kind: the status
// text, the repository summary, the recomputed figures, the file stem.
import type { RepoSummary, TaskStatus, TuningTask } from '../../model/types.ts';
import { savedPct, speedupPct, type Ms } from '../../model/units.ts';
import { finite, isObject, own } from '../json/tree.ts';

export const SUMMARY_KEYS = [
  'repo_add_num',
  'repo_hit_num',
  'repo_reserved_num',
  'repo_unsatisfied_num',
  'repo_update_num',
  'total_num',
] as const;

/** AOE's status text → status; a file without one (cut, or never written) is `unknown`. */
export function statusOf(statusText: string | null, failedCount: number): TaskStatus {
  if (statusText !== null) {
    if (/fail/i.test(statusText)) return 'failed';
    if (/succe/i.test(statusText)) return 'succeeded';
    return 'unknown';
  }
  return failedCount > 0 ? 'failed' : 'unknown';
}

/** The six counters when all are non-negative integers (the schema reports any that is not). */
export function readSummary(value: unknown, incomplete: ReadonlySet<object>): RepoSummary | null {
  if (!isObject(value) || incomplete.has(value)) return null;
  const n = SUMMARY_KEYS.map((k) => {
    const v = finite(own(value, k));
    return v !== null && Number.isInteger(v) && v >= 0 ? v : null;
  });
  const [add, hit, reserved, unsatisfied, update, total] = n;
  if (
    add == null ||
    hit == null ||
    reserved == null ||
    unsatisfied == null ||
    update == null ||
    total == null
  ) {
    return null;
  }
  return { add, hit, reserved, unsatisfied, update, total };
}

/** What the model times say, recomputed: the speed-up and the time saved, in ms and in %. */
export function recomputedFigures(
  baselineMs: Ms | null,
  tunedMs: Ms | null,
): Pick<TuningTask, 'recomputedImprovementPct' | 'savedMs' | 'savedPct'> {
  if (baselineMs === null || tunedMs === null) {
    return { recomputedImprovementPct: null, savedMs: null, savedPct: null };
  }
  return {
    recomputedImprovementPct: finiteOrNull(speedupPct(baselineMs, tunedMs)),
    savedMs: finiteOrNull(baselineMs - tunedMs),
    savedPct: finiteOrNull(savedPct(baselineMs, tunedMs)),
  };
}

/** Extreme inputs (1e308 / 1e-308) overflow; the model holds finite numbers or null. */
export function finiteOrNull(n: number | null): number | null {
  return n !== null && Number.isFinite(n) ? n : null;
}

export function stem(fileName: string): string {
  return fileName.replace(/\.json$/i, '');
}
