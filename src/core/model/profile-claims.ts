// "AOE said this operator got 35 % faster; the profiles show x %": a tuning run's claims set
// against two profiles of its model, one before tuning and one after. Per tuned operator (its
// tuning dimensions merged as in the profile join: the largest time before, the smallest after),
// AOE's change next to the change of the operator's mean time per call between the profiles —
// per call, so two captures of different lengths still compare. Per model, AOE's stated model
// time saved next to the change of the profiles' total operator time. Then the operators that
// explain the gap: for each operator of the profiles, the change AOE's operator gains imply
// (its time before × (after ÷ before − 1) for a tuned operator, none for the others) against
// the change the profiles show; the largest differences first.
//
// Which two profiles (chooseProfilePair): the report's linked profiles with operator rows, or
// when fewer than two are linked, every profile whose operators match the run's (at least half
// of its tuned operators found, as automatic links require). Each gets a role from the words of
// its path (before / baseline / origin … vs after / tuned / aoe …, the last word wins, as for
// measurements), else from its times: for each tuned operator whose AOE times differ by more
// than 2 %, is the profile's mean per call nearer AOE's time before or after? The first
// baseline and the first tuned candidate make the pair; two candidates of which only one has a
// role take the two roles. Anything else is left to the user, who can also override the choice.
import { BASELINE_WORDS, TUNED_WORDS } from '../measure/link.ts';
import { normalizeOpName } from './join.ts';
import { LINK_MIN_OPERATOR_OVERLAP } from './link-evidence.ts';
import type { ProfileSummary, TuningTask } from './types.ts';
import type { Us } from './units.ts';

/** Time saved in % of the time before (positive = faster); null without a time before. */
export const savedPctOf = (before: number, after: number): number | null =>
  before > 0 && Number.isFinite(after) ? ((before - after) / before) * 100 : null;

interface Tuned {
  readonly name: string;
  readonly type: string;
  readonly beforeUs: Us;
  readonly afterUs: Us;
}

function tunedOperators(task: TuningTask): Tuned[] {
  const byName = new Map<string, { name: string; type: string; beforeUs: Us; afterUs: Us }>();
  for (const op of task.operators) {
    const seen = byName.get(op.name);
    if (!seen) byName.set(op.name, { ...op });
    else {
      seen.beforeUs = Math.max(seen.beforeUs, op.beforeUs);
      seen.afterUs = Math.min(seen.afterUs, op.afterUs);
    }
  }
  return [...byName.values()].map(({ name, type, beforeUs, afterUs }) => ({
    name,
    type,
    beforeUs,
    afterUs,
  }));
}

interface NameTotals {
  name: string;
  count: number;
  timed: number;
  totalUs: number;
}

/** A profile's operators by name (all types together), found exactly or loosely. */
class ByName {
  readonly exact = new Map<string, NameTotals>();
  private readonly loose = new Map<string, NameTotals>();
  constructor(summary: ProfileSummary) {
    for (const op of summary.topOperators) {
      let a = this.exact.get(op.name);
      if (!a) this.exact.set(op.name, (a = { name: op.name, count: 0, timed: 0, totalUs: 0 }));
      a.count += op.count;
      a.timed += op.meanUs > 0 ? Math.round(op.totalUs / op.meanUs) : 0;
      a.totalUs += op.totalUs;
    }
    for (const a of this.exact.values()) {
      const key = normalizeOpName(a.name);
      const l = this.loose.get(key);
      if (key !== '' && (!l || a.totalUs > l.totalUs)) this.loose.set(key, a);
    }
  }
  find(name: string): NameTotals | null {
    const e = this.exact.get(name);
    if (e) return e;
    const key = normalizeOpName(name);
    return (key === '' ? undefined : this.loose.get(key)) ?? null;
  }
}

const meanOf = (a: NameTotals | null): number | null =>
  a && a.timed > 0 ? a.totalUs / a.timed : null;

export interface OperatorClaim {
  readonly name: string;
  readonly type: string;
  readonly aoeBeforeUs: Us;
  readonly aoeAfterUs: Us;
  /** AOE's time saved, % of its time before (positive = faster). */
  readonly aoePct: number | null;
  /** Mean time per call in the profile before / after tuning; null where not found. */
  readonly beforeMeanUs: Us | null;
  readonly afterMeanUs: Us | null;
  /** The profiles' time saved per call, % (positive = faster); null unless found in both. */
  readonly profilePct: number | null;
}

export interface GapOperator {
  readonly name: string;
  readonly tuned: boolean;
  readonly beforeUs: Us;
  readonly afterUs: Us;
  /** The change AOE's operator gains imply (negative = time saved). */
  readonly expectedDeltaUs: Us;
  /** The change the profiles show. */
  readonly actualDeltaUs: Us;
  /** actual − expected: positive = the profiles saved less (or spent more) than AOE implies. */
  readonly residualUs: Us;
  /** residualUs in percentage points of the profile's total time before. */
  readonly residualPp: number;
}

export interface ProfileClaims {
  /** Tuned operators, by AOE's time before, largest first. */
  readonly operators: readonly OperatorClaim[];
  readonly model: {
    /** AOE's stated model time saved, % (TuningTask.savedPct). */
    readonly aoePct: number | null;
    readonly beforeTotalUs: Us;
    readonly afterTotalUs: Us;
    /** The profiles' total operator time saved, %. */
    readonly profilePct: number | null;
    /** What the tuned operators would save at AOE's gains, % of the time before. */
    readonly impliedPct: number | null;
    /** aoePct − profilePct, percentage points. */
    readonly gapPp: number | null;
  };
  /** The operators whose change differs most from what AOE's gains imply (at most `limit`). */
  readonly explain: readonly GapOperator[];
}

export function profileClaims(
  task: TuningTask,
  before: ProfileSummary,
  after: ProfileSummary,
  limit = 5,
): ProfileClaims {
  const tuned = tunedOperators(task);
  const b = new ByName(before);
  const a = new ByName(after);
  const operators: OperatorClaim[] = tuned
    .map((op) => {
      const bm = meanOf(b.find(op.name));
      const am = meanOf(a.find(op.name));
      return {
        name: op.name,
        type: op.type,
        aoeBeforeUs: op.beforeUs,
        aoeAfterUs: op.afterUs,
        aoePct: savedPctOf(op.beforeUs, op.afterUs),
        beforeMeanUs: bm,
        afterMeanUs: am,
        profilePct: bm !== null && am !== null ? savedPctOf(bm, am) : null,
      };
    })
    .sort((x, y) => y.aoeBeforeUs - x.aoeBeforeUs || (x.name < y.name ? -1 : 1));

  // AOE's gain ratio (after ÷ before) per tuned operator, found by profile name.
  const exact = new Map<string, number>();
  const loose = new Map<string, number>();
  for (const op of tuned) {
    if (!(op.beforeUs > 0) || !(op.afterUs >= 0)) continue;
    const ratio = op.afterUs / op.beforeUs;
    exact.set(op.name, ratio);
    const key = normalizeOpName(op.name);
    if (key !== '' && !loose.has(key)) loose.set(key, ratio);
  }
  const ratioOf = (name: string) => exact.get(name) ?? loose.get(normalizeOpName(name));

  const bt = before.totalDurationUs;
  const at = after.totalDurationUs;
  let implied = 0;
  const gaps: GapOperator[] = [];
  for (const name of new Set([...b.exact.keys(), ...a.exact.keys()])) {
    const x = b.exact.get(name)?.totalUs ?? 0;
    const y = a.exact.get(name)?.totalUs ?? 0;
    const ratio = ratioOf(name);
    const expected = ratio === undefined ? 0 : x * (ratio - 1);
    implied += expected;
    const actual = y - x;
    const residual = actual - expected;
    gaps.push({
      name,
      tuned: ratio !== undefined,
      beforeUs: x,
      afterUs: y,
      expectedDeltaUs: expected,
      actualDeltaUs: actual,
      residualUs: residual,
      residualPp: bt > 0 ? (residual / bt) * 100 : 0,
    });
  }
  gaps.sort(
    (x, y) => Math.abs(y.residualUs) - Math.abs(x.residualUs) || (x.name < y.name ? -1 : 1),
  );
  const profilePct = savedPctOf(bt, at);
  const aoePct = task.savedPct;
  return {
    operators,
    model: {
      aoePct,
      beforeTotalUs: bt,
      afterTotalUs: at,
      profilePct,
      impliedPct: bt > 0 ? (-implied / bt) * 100 : null,
      gapPp: aoePct !== null && profilePct !== null ? aoePct - profilePct : null,
    },
    // Below a nanosecond a difference is the arithmetic's, not the profiles'.
    explain: gaps.filter((g) => Math.abs(g.residualUs) >= 0.001).slice(0, limit),
  };
}

export type PairRole = 'baseline' | 'tuned';
export type RoleReason =
  | { readonly kind: 'word'; readonly word: string }
  | { readonly kind: 'times'; readonly nearBefore: number; readonly nearAfter: number }
  | { readonly kind: 'other' }
  | { readonly kind: 'none' };

export interface ProfileCandidate {
  readonly id: string;
  readonly path: string;
  readonly summary: ProfileSummary;
  readonly linked: boolean;
  /**
   * Its folders name a model and the run's names another (link-evidence's name evidence
   * disagrees). Such a profile is never taken unlinked, whatever its operator names: generic
   * ONNX names (Conv_7, Gemm_0) recur across models.
   */
  readonly otherModel?: boolean;
}

export interface CandidateRole {
  readonly id: string;
  readonly role: PairRole | null;
  readonly reason: RoleReason;
}

export type ProfilePair =
  | {
      readonly ok: true;
      readonly before: CandidateRole;
      readonly after: CandidateRole;
    }
  | {
      readonly ok: false;
      readonly reason: 'fewer-than-two' | 'roles-unclear';
      readonly candidates: readonly CandidateRole[];
    };

function wordRole(path: string): { role: PairRole; word: string } | null {
  const words = path
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
  for (let i = words.length - 1; i >= 0; i--) {
    const w = words[i] ?? '';
    if (BASELINE_WORDS.includes(w)) return { role: 'baseline', word: w };
    if (TUNED_WORDS.includes(w)) return { role: 'tuned', word: w };
  }
  return null;
}

/** Votes per tuned operator: is the profile's mean per call nearer AOE's time before or after? */
function timesRole(tuned: readonly Tuned[], summary: ProfileSummary): CandidateRole['reason'] {
  const p = new ByName(summary);
  let nearBefore = 0;
  let nearAfter = 0;
  for (const op of tuned) {
    const m = meanOf(p.find(op.name));
    if (m === null || !(m > 0) || !(op.beforeUs > 0 && op.afterUs > 0)) continue;
    if (Math.abs(Math.log(op.beforeUs / op.afterUs)) < 0.02) continue;
    const dBefore = Math.abs(Math.log(m / op.beforeUs));
    const dAfter = Math.abs(Math.log(m / op.afterUs));
    if (dBefore < dAfter) nearBefore++;
    else if (dAfter < dBefore) nearAfter++;
  }
  return nearBefore === nearAfter ? { kind: 'none' } : { kind: 'times', nearBefore, nearAfter };
}

/** Share of the task's tuned operator names found in the profile (loosely). */
function overlap(tuned: readonly Tuned[], summary: ProfileSummary): number {
  if (tuned.length === 0) return 0;
  const p = new ByName(summary);
  return tuned.filter((op) => p.find(op.name) !== null).length / tuned.length;
}

/** The two profiles to set against the task's claims, and why; see the module comment. */
export function chooseProfilePair(
  task: TuningTask,
  profiles: readonly ProfileCandidate[],
): ProfilePair {
  const tuned = tunedOperators(task);
  const withRows = profiles.filter((p) => p.summary.topOperators.length > 0);
  const linked = withRows.filter((p) => p.linked);
  const candidates =
    linked.length >= 2
      ? linked
      : withRows.filter(
          (p) =>
            p.linked || (!p.otherModel && overlap(tuned, p.summary) >= LINK_MIN_OPERATOR_OVERLAP),
        );
  const roles: CandidateRole[] = candidates.map((c) => {
    const w = wordRole(c.path);
    if (w) return { id: c.id, role: w.role, reason: { kind: 'word', word: w.word } };
    const t = timesRole(tuned, c.summary);
    return {
      id: c.id,
      role: t.kind === 'times' ? (t.nearBefore > t.nearAfter ? 'baseline' : 'tuned') : null,
      reason: t,
    };
  });
  if (roles.length < 2) return { ok: false, reason: 'fewer-than-two', candidates: roles };
  let before = roles.find((r) => r.role === 'baseline');
  let after = roles.find((r) => r.role === 'tuned');
  if (roles.length === 2 && (before === undefined) !== (after === undefined)) {
    const other = roles.find((r) => r.role === null);
    if (other && before === undefined)
      before = { ...other, role: 'baseline', reason: { kind: 'other' } };
    if (other && after === undefined)
      after = { ...other, role: 'tuned', reason: { kind: 'other' } };
  }
  return before && after
    ? { ok: true, before, after }
    : { ok: false, reason: 'roles-unclear', candidates: roles };
}
