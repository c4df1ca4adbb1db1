// AOE's stated figures checked against its own numbers. Disagreements are warnings (INCONSISTENT),
// never errors: the file is still shown, with the mismatch pointed out.
import type { RepoSummary } from '../../model/types.ts';
import { speedupPct } from '../../model/units.ts';
import { child, pointerText, type Pointer } from '../json/tree.ts';
import type { IssueSink } from './issue-sink.ts';

/**
 * AOE prints the improvement with two decimals, so a correct figure is within half a unit of the
 * last place of the value recomputed from the times (all seven documented examples are).
 */
export const ROUNDING_TOLERANCE = 0.005 + 1e-9;

/** Warns when a stated speed-up % disagrees with (before / after − 1) × 100 beyond rounding. */
export function checkStatedImprovement(
  raw: unknown,
  stated: number | null,
  before: number,
  after: number,
  at: Pointer,
  sink: IssueSink,
  /** The figure's key under `at`, when `at` is its parent. */
  key?: string,
): void {
  const recomputed = speedupPct(before, after);
  if (stated === null || recomputed === null) return;
  if (Math.abs(stated - recomputed) <= ROUNDING_TOLERANCE) return;
  const pointer = key === undefined ? pointerText(at) : child(pointerText(at), key);
  const expected = `${recomputed.toFixed(2)}%`;
  const found = typeof raw === 'string' ? raw : String(raw);
  sink.add({
    code: 'INCONSISTENT',
    severity: 'warning',
    message: `${pointer}: AOE states ${found}, but ${before} → ${after} is a speed-up of ${expected}.`,
    path: pointer,
    expected,
    found,
  });
}

export interface ListCounts {
  readonly add: number;
  readonly update: number;
}

/**
 * repo_summary against the operator lists and against itself (FORMATS.md A.5): the add and update
 * counters equal the lists' lengths; total = add + update + reserved + unsatisfied; hit = update +
 * reserved. The last two hold in every documented example but are not documented rules.
 */
export function checkRepoSummary(
  summary: RepoSummary,
  counts: ListCounts | null,
  pointer: string,
  sink: IssueSink,
): void {
  const warn = (key: string, expected: number, found: number, why: string): void => {
    sink.add({
      code: 'INCONSISTENT',
      severity: 'warning',
      message: `${child(pointer, key)} is ${found}, but ${why} gives ${expected}.`,
      path: child(pointer, key),
      expected: String(expected),
      found: String(found),
    });
  };
  if (counts !== null) {
    if (summary.add !== counts.add) {
      warn(
        'repo_add_num',
        counts.add,
        summary.add,
        'the number of operators added to the repository',
      );
    }
    if (summary.update !== counts.update) {
      warn(
        'repo_update_num',
        counts.update,
        summary.update,
        'the number of operators updated in the repository',
      );
    }
  }
  const total = summary.add + summary.update + summary.reserved + summary.unsatisfied;
  if (summary.total !== total) {
    warn('total_num', total, summary.total, 'add + update + reserved + unsatisfied');
  }
  const hit = summary.update + summary.reserved;
  if (summary.hit !== hit) warn('repo_hit_num', hit, summary.hit, 'update + reserved');
}
