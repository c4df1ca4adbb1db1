// Joins one tuning task with a profile of the same model: how much of the model's time the tuned
// operators account for, the model gain their operator gains predict against the gain AOE measured,
// why the two differ, and which operators are worth tuning next. This answers the question the
// report alone cannot: why does a 35 % operator gain become a 0.31 % model gain?
import type { OperatorAggregate, OperatorResult, ProfileSummary, TuningTask } from './types.ts';
import type { Us } from './units.ts';

export type MatchKind = 'exact' | 'normalized';

/** One tuned operator (all its tuning dimensions merged) and where it sits in the profile. */
export interface JoinedOperator {
  readonly name: string;
  readonly type: string;
  /** The untuned time: the largest "before" over the operator's dimensions. */
  readonly beforeUs: Us;
  /** The best tuned time: the smallest "after" over the operator's dimensions. */
  readonly afterUs: Us;
  /** 1 − after / before (0.25 = a quarter of the operator's time saved); null without times. */
  readonly gainFraction: number | null;
  readonly profileName: string | null;
  readonly match: MatchKind | null;
  readonly profileTotalUs: Us | null;
  /** Share of the profiled model time, 0–1; null when not found in the profile. */
  readonly share: number | null;
  /** This operator's predicted contribution to the model gain, in % of model time. */
  readonly predictedGainPct: number | null;
}

/**
 * Which model the profile measured. A profile of the tuned model shows the operators' "after"
 * times, so their pre-tuning share has to be reconstructed before predicting the gain.
 */
export type ProfileBasis = 'baseline' | 'tuned' | 'unknown';

export type TuneNextReason = 'not-tuned' | 'no-gain' | 'failed';

export interface TuneNextEntry {
  readonly rank: number;
  readonly name: string;
  readonly type: string;
  readonly totalUs: Us;
  readonly share: number;
  /** Running sum of `share` down the list: what tuning everything above would address. */
  readonly cumulativeShare: number;
  readonly reason: TuneNextReason;
}

/** Why predicted and measured gains differ; the UI renders each as a sentence. */
export type JoinNote =
  | { readonly kind: 'coverage'; readonly tunedSharePct: number; readonly matched: number }
  | { readonly kind: 'unmatched'; readonly count: number; readonly names: readonly string[] }
  | { readonly kind: 'no-operator-rows' }
  | { readonly kind: 'no-model-times' }
  | { readonly kind: 'profile-of-tuned-model' }
  | { readonly kind: 'agree'; readonly gapPp: number }
  | { readonly kind: 'measured-below'; readonly gapPp: number }
  | { readonly kind: 'measured-above'; readonly gapPp: number };

export interface TaskProfileJoin {
  readonly operators: readonly JoinedOperator[];
  /** Sum of the matched operators' shares, 0–1. */
  readonly tunedShare: number;
  readonly basis: ProfileBasis;
  /** Σ share × (1 − after/before) × 100 (baseline basis), or its tuned-basis equivalent. */
  readonly predictedGainPct: number | null;
  /** AOE's measured time saved, in % of the baseline (`TuningTask.savedPct`). */
  readonly measuredGainPct: number | null;
  /** measured − predicted, in percentage points. */
  readonly gapPp: number | null;
  readonly notes: readonly JoinNote[];
  readonly tuneNext: readonly TuneNextEntry[];
}

export interface JoinOptions {
  /** How many "tune next" entries to keep (default 20). */
  readonly tuneNextLimit?: number;
  /** Below this gap (percentage points) predicted and measured count as agreeing (default 0.5). */
  readonly agreeWithinPp?: number;
}

/**
 * Loose operator-name key: case, separators and punctuation differ between the graph names AOE
 * reports and the kernel names profilers write (`conv1/Conv2D` vs `conv1_Conv2D`).
 */
export function normalizeOpName(name: string): string {
  return name.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

interface MergedOp {
  name: string;
  type: string;
  beforeUs: number;
  afterUs: number;
}

function mergeDimensions(operators: readonly OperatorResult[]): MergedOp[] {
  const byName = new Map<string, MergedOp>();
  for (const op of operators) {
    const seen = byName.get(op.name);
    if (!seen) {
      byName.set(op.name, {
        name: op.name,
        type: op.type,
        beforeUs: op.beforeUs,
        afterUs: op.afterUs,
      });
    } else {
      seen.beforeUs = Math.max(seen.beforeUs, op.beforeUs);
      seen.afterUs = Math.min(seen.afterUs, op.afterUs);
    }
  }
  return [...byName.values()];
}

class ProfileIndex {
  private readonly exact = new Map<string, OperatorAggregate>();
  private readonly loose = new Map<string, OperatorAggregate>();
  constructor(ops: readonly OperatorAggregate[]) {
    for (const op of ops) {
      // Several rows per name can exist (one per type); keep the one with the most time.
      const e = this.exact.get(op.name);
      if (!e || op.totalUs > e.totalUs) this.exact.set(op.name, op);
      const key = normalizeOpName(op.name);
      const l = this.loose.get(key);
      if (key !== '' && (!l || op.totalUs > l.totalUs)) this.loose.set(key, op);
    }
  }
  find(name: string): { op: OperatorAggregate; match: MatchKind } | null {
    const e = this.exact.get(name);
    if (e) return { op: e, match: 'exact' };
    const key = normalizeOpName(name);
    const l = key === '' ? undefined : this.loose.get(key);
    return l ? { op: l, match: 'normalized' } : null;
  }
}

function gainOf(op: MergedOp): number | null {
  return op.beforeUs > 0 && op.afterUs >= 0 ? 1 - op.afterUs / op.beforeUs : null;
}

/** Votes, per matched operator, whether its profiled mean is nearer its before or after time. */
function detectBasis(pairs: readonly { op: MergedOp; prof: OperatorAggregate }[]): ProfileBasis {
  let baseline = 0;
  let tuned = 0;
  for (const { op, prof } of pairs) {
    if (!(op.beforeUs > 0 && op.afterUs > 0 && prof.meanUs > 0)) continue;
    // Only operators whose times differ by more than 2 % can tell the two models apart.
    if (Math.abs(Math.log(op.beforeUs / op.afterUs)) < 0.02) continue;
    const dBefore = Math.abs(Math.log(prof.meanUs / op.beforeUs));
    const dAfter = Math.abs(Math.log(prof.meanUs / op.afterUs));
    if (dBefore < dAfter) baseline++;
    else if (dAfter < dBefore) tuned++;
  }
  if (tuned > baseline) return 'tuned';
  if (baseline > 0) return 'baseline';
  return 'unknown';
}

export function joinTaskWithProfile(
  task: TuningTask,
  profile: ProfileSummary,
  options: JoinOptions = {},
): TaskProfileJoin {
  const limit = options.tuneNextLimit ?? 20;
  const agreeWithin = options.agreeWithinPp ?? 0.5;
  const merged = mergeDimensions(task.operators);
  const index = new ProfileIndex(profile.topOperators);
  const total = profile.totalDurationUs;

  const pairs: { op: MergedOp; prof: OperatorAggregate; match: MatchKind }[] = [];
  const found = new Map<MergedOp, { prof: OperatorAggregate; match: MatchKind }>();
  for (const op of merged) {
    const hit = index.find(op.name);
    if (hit) {
      pairs.push({ op, prof: hit.op, match: hit.match });
      found.set(op, { prof: hit.op, match: hit.match });
    }
  }
  const basis = detectBasis(pairs);

  // Saved time per matched operator, in profile µs. On a tuned-model profile the operator ran at
  // its "after" speed, so the saving is t × (before/after − 1) and the baseline total grows by it.
  const savedUs = new Map<MergedOp, number>();
  for (const { op, prof } of pairs) {
    const g = gainOf(op);
    if (g === null) continue;
    if (basis === 'tuned') {
      if (op.afterUs > 0) savedUs.set(op, prof.totalUs * (op.beforeUs / op.afterUs - 1));
    } else savedUs.set(op, prof.totalUs * g);
  }
  let baselineTotal = total;
  if (basis === 'tuned') for (const s of savedUs.values()) baselineTotal += s;

  const operators: JoinedOperator[] = merged.map((op) => {
    const hit = found.get(op);
    const saved = savedUs.get(op);
    return {
      name: op.name,
      type: op.type,
      beforeUs: op.beforeUs,
      afterUs: op.afterUs,
      gainFraction: gainOf(op),
      profileName: hit?.prof.name ?? null,
      match: hit?.match ?? null,
      profileTotalUs: hit?.prof.totalUs ?? null,
      share: hit && total > 0 ? hit.prof.totalUs / total : null,
      predictedGainPct:
        saved !== undefined && baselineTotal > 0 ? (saved / baselineTotal) * 100 : null,
    };
  });

  const tunedShare = operators.reduce((s, o) => s + (o.share ?? 0), 0);
  const anyPrediction = operators.some((o) => o.predictedGainPct !== null);
  const predictedGainPct = anyPrediction
    ? operators.reduce((s, o) => s + (o.predictedGainPct ?? 0), 0)
    : null;
  const measuredGainPct = task.savedPct;
  const gapPp =
    predictedGainPct !== null && measuredGainPct !== null
      ? measuredGainPct - predictedGainPct
      : null;

  const notes: JoinNote[] = [];
  if (profile.topOperators.length === 0) notes.push({ kind: 'no-operator-rows' });
  else notes.push({ kind: 'coverage', tunedSharePct: tunedShare * 100, matched: pairs.length });
  const unmatched = merged.filter((op) => !found.has(op)).map((op) => op.name);
  if (unmatched.length > 0 && profile.topOperators.length > 0) {
    notes.push({ kind: 'unmatched', count: unmatched.length, names: unmatched.slice(0, 10) });
  }
  if (basis === 'tuned') notes.push({ kind: 'profile-of-tuned-model' });
  if (measuredGainPct === null) notes.push({ kind: 'no-model-times' });
  if (gapPp !== null) {
    if (Math.abs(gapPp) <= agreeWithin) notes.push({ kind: 'agree', gapPp });
    else if (gapPp < 0) notes.push({ kind: 'measured-below', gapPp });
    else notes.push({ kind: 'measured-above', gapPp });
  }

  return {
    operators,
    tunedShare,
    basis,
    predictedGainPct,
    measuredGainPct,
    gapPp,
    notes,
    tuneNext: rankTuneNext(task, merged, found, index, profile, limit),
  };
}

/**
 * Operators with the most profiled time that this run did not improve: never tuned, tuned without
 * a gain (AOE's "unsatisfied" ones, when the file lists them), or failed.
 */
function rankTuneNext(
  task: TuningTask,
  merged: readonly MergedOp[],
  found: ReadonlyMap<MergedOp, { prof: OperatorAggregate }>,
  index: ProfileIndex,
  profile: ProfileSummary,
  limit: number,
): TuneNextEntry[] {
  const status = new Map<OperatorAggregate, TuneNextReason | 'improved'>();
  for (const op of merged) {
    const hit = found.get(op);
    if (!hit) continue;
    const improved = op.afterUs < op.beforeUs;
    // An operator tuned in several rows counts as improved if any row improved it.
    if (improved || status.get(hit.prof) !== 'improved') {
      status.set(hit.prof, improved ? 'improved' : 'no-gain');
    }
  }
  for (const name of task.failedOperators) {
    const hit = index.find(name);
    if (hit && status.get(hit.op) !== 'improved') status.set(hit.op, 'failed');
  }
  const total = profile.totalDurationUs;
  const candidates = profile.topOperators
    .filter((op) => status.get(op) !== 'improved' && op.totalUs > 0)
    .sort((a, b) => b.totalUs - a.totalUs)
    .slice(0, Math.max(0, limit));
  let cumulative = 0;
  return candidates.map((op, i) => {
    const share = total > 0 ? op.totalUs / total : 0;
    cumulative += share;
    const reason = status.get(op);
    return {
      rank: i + 1,
      name: op.name,
      type: op.type,
      totalUs: op.totalUs,
      share,
      cumulativeShare: cumulative,
      reason: reason === 'improved' || reason === undefined ? 'not-tuned' : reason,
    };
  });
}
