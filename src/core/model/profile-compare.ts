// Two profiles side by side: where the time moved. Per operator type and per operator (matched by
// name + type, then by input shape when both tables carry shapes), count / total / mean, the
// change in µs and in %, the share of the profile's time before and after, and the operators that
// appear or vanish; sorted by the size of the change. When both sides also have a step breakdown
// (step_trace_time.csv, a timeline, a .db's OVERLAP_ANALYSIS) the step time and its compute /
// communication / free split are compared too.
//
// Level0 tables (torch_npu `profiler_level=Level0`) write `N/A` as every row's Type: such a table
// is `typeless`, operators are then matched by name alone and the per-type view is left empty,
// so the UI says so once instead of showing one "(no type)" bucket.
import type { ProfileSummary, ProfileTable } from './types.ts';
import type { Us } from './units.ts';

/** Where a step's time goes, as the profiler's overlap analysis defines it (all µs). */
export interface TimeBreakdown {
  /** Steps measured; 0 when the figures cover the whole capture rather than marked steps. */
  readonly steps: number;
  /** Computing + Communication(Not Overlapped) + Free, summed over the steps (or the capture). */
  readonly totalUs: Us;
  /** totalUs / steps, or null without steps. */
  readonly meanStepUs: Us | null;
  readonly computingUs: Us;
  /** Communication time not hidden under computation. */
  readonly communicationNotOverlappedUs: Us;
  /** Communication hidden under computation. */
  readonly overlappedUs: Us;
  /** All communication time: not overlapped + overlapped. */
  readonly communicationUs: Us;
  readonly freeUs: Us;
  /** Shares of totalUs, 0–1; they add up to 1 when totalUs > 0. */
  readonly computeShare: number;
  readonly communicationShare: number;
  readonly freeShare: number;
}

/** Builds a breakdown from its three additive parts (and the hidden communication). */
export function breakdownOf(parts: {
  readonly steps: number;
  readonly computingUs: number;
  readonly communicationNotOverlappedUs: number;
  readonly overlappedUs: number;
  readonly freeUs: number;
}): TimeBreakdown {
  const total = parts.computingUs + parts.communicationNotOverlappedUs + parts.freeUs;
  const share = (x: number) => (total > 0 ? x / total : 0);
  return {
    steps: parts.steps,
    totalUs: total,
    meanStepUs: parts.steps > 0 ? total / parts.steps : null,
    computingUs: parts.computingUs,
    communicationNotOverlappedUs: parts.communicationNotOverlappedUs,
    overlappedUs: parts.overlappedUs,
    communicationUs: parts.communicationNotOverlappedUs + parts.overlappedUs,
    freeUs: parts.freeUs,
    computeShare: share(parts.computingUs),
    communicationShare: share(parts.communicationNotOverlappedUs),
    freeShare: share(parts.freeUs),
  };
}

/** True when the table has rows and none of them has a Type (Level0 `N/A`). */
export function isTypeless(table: ProfileTable): boolean {
  if (table.rowCount === 0) return false;
  for (let i = 0; i < table.rowCount; i++) if (table.type[i] !== 0) return false;
  return true;
}

/**
 * One operator's totals at the finest grain a profile gives: name, type and input shapes. Adding
 * these up gives every coarser view (by name + type, by name alone), so a shared comparison can
 * carry them instead of the profiler's rows and still show the same figures.
 */
export interface OperatorTotal {
  readonly name: string;
  readonly type: string;
  /** The rows' input-shape text; null when they have none. */
  readonly shape: string | null;
  readonly count: number;
  /** Calls with a time (a row may have no duration). */
  readonly timed: number;
  readonly totalUs: Us;
}

/**
 * One side of a comparison: a profile's summary, its rows when it has them (or, instead of rows,
 * their per-operator totals as a shared comparison carries them), its step split.
 */
export interface ProfileSide {
  readonly summary: ProfileSummary;
  readonly table?: ProfileTable | null;
  readonly operators?: readonly OperatorTotal[] | null;
  readonly breakdown?: TimeBreakdown | null;
}

export interface SideFigures {
  readonly count: number;
  readonly totalUs: Us;
  readonly meanUs: Us;
  /** Share of that profile's total time, 0–1. */
  readonly share: number;
}

export type ChangeStatus = 'both' | 'new' | 'vanished';

export interface OperatorChange {
  readonly name: string;
  /** '' when the tables are typeless. */
  readonly type: string;
  /** The input shapes this row is for, when operators are matched by shape; else null. */
  readonly shape: string | null;
  readonly status: ChangeStatus;
  readonly base: SideFigures | null;
  readonly other: SideFigures | null;
  /** other − base total (a missing side counts as 0). */
  readonly deltaUs: Us;
  /** deltaUs / base total × 100; null when the base has no time for it. */
  readonly deltaPct: number | null;
}

export interface TypeChange {
  readonly type: string;
  readonly status: ChangeStatus;
  readonly base: SideFigures | null;
  readonly other: SideFigures | null;
  readonly deltaUs: Us;
  readonly deltaPct: number | null;
}

export interface BreakdownChange {
  readonly base: TimeBreakdown;
  readonly other: TimeBreakdown;
  /** other − base for the mean step (null unless both have steps) and each part. */
  readonly meanStepDeltaUs: Us | null;
  readonly computingDeltaUs: Us;
  readonly communicationNotOverlappedDeltaUs: Us;
  readonly freeDeltaUs: Us;
}

export interface ProfileComparison {
  readonly baseTotalUs: Us;
  readonly otherTotalUs: Us;
  readonly deltaUs: Us;
  readonly deltaPct: number | null;
  /** Either side is typeless: operators are matched by name only and `byType` is empty. */
  readonly typeless: boolean;
  /** Operators were told apart by input shape (both tables have shape cells). */
  readonly byShape: boolean;
  readonly byType: readonly TypeChange[];
  /** Sorted by |deltaUs| descending, then name, type and shape. */
  readonly operators: readonly OperatorChange[];
  readonly newOperators: number;
  readonly vanishedOperators: number;
  readonly breakdown: BreakdownChange | null;
}

interface Acc {
  name: string;
  type: string;
  shape: string | null;
  count: number;
  timed: number;
  total: number;
}

const SEP = '\u0000';

function hasShapes(side: ProfileSide): boolean {
  const table = side.table;
  if (table) {
    for (let i = 0; i < table.rowCount; i++) if (table.inputShapes[i] !== 0) return true;
    return false;
  }
  return side.operators?.some((o) => o.shape !== null) ?? false;
}

function accumulate(
  out: Map<string, Acc>,
  name: string,
  type: string,
  shape: string | null,
  n: number,
  t: number,
  total: number,
): void {
  const key = `${name}${SEP}${type}${SEP}${shape ?? ''}`;
  let a = out.get(key);
  if (a === undefined) out.set(key, (a = { name, type, shape, count: 0, timed: 0, total: 0 }));
  a.count += n;
  a.timed += t;
  a.total += total;
}

/**
 * The side's operators at the finest grain it has: from its rows (name, type, input shapes), from
 * the totals it carries, else from its summary's operators (name + type, no shapes).
 */
export function operatorTotals(side: ProfileSide): OperatorTotal[] {
  const table = side.table;
  if (!table && side.operators) return [...side.operators];
  const out = new Map<string, Acc>();
  if (table) {
    const d = table.dict;
    for (let i = 0; i < table.rowCount; i++) {
      const dur = table.durationUs[i] as number;
      const timed = dur === dur;
      const shape = table.inputShapes[i] as number;
      accumulate(
        out,
        d[table.name[i] as number] ?? '',
        d[table.type[i] as number] ?? '',
        shape === 0 ? null : (d[shape] ?? ''),
        1,
        timed ? 1 : 0,
        timed ? dur : 0,
      );
    }
  } else {
    for (const op of side.summary.topOperators) {
      // The summary keeps the mean over timed calls: total / mean gives their number back.
      const timed = op.meanUs > 0 ? Math.round(op.totalUs / op.meanUs) : 0;
      accumulate(out, op.name, op.type, null, op.count, timed, op.totalUs);
    }
  }
  return [...out.values()].map((a) => ({
    name: a.name,
    type: a.type,
    shape: a.shape,
    count: a.count,
    timed: a.timed,
    totalUs: a.total,
  }));
}

/** Per-operator accumulation keyed by name (+ type) (+ shape). */
function operatorsOf(side: ProfileSide, useType: boolean, useShape: boolean): Map<string, Acc> {
  const out = new Map<string, Acc>();
  for (const o of operatorTotals(side)) {
    accumulate(
      out,
      o.name,
      useType ? o.type : '',
      useShape ? (o.shape ?? '') : null,
      o.count,
      o.timed,
      o.totalUs,
    );
  }
  return out;
}

function figures(a: Acc | undefined, total: number): SideFigures | null {
  if (a === undefined) return null;
  return {
    count: a.count,
    totalUs: a.total,
    meanUs: a.timed > 0 ? a.total / a.timed : 0,
    share: total > 0 ? a.total / total : 0,
  };
}

const pct = (delta: number, base: number | undefined): number | null =>
  base !== undefined && base > 0 ? (delta / base) * 100 : null;

const statusOf = (b: unknown, o: unknown): ChangeStatus =>
  b === null ? 'new' : o === null ? 'vanished' : 'both';

function cmpText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareProfiles(base: ProfileSide, other: ProfileSide): ProfileComparison {
  const typeless = sideTypeless(base) || sideTypeless(other);
  const byShape = hasShapes(base) && hasShapes(other);
  const baseTotal = base.summary.totalDurationUs;
  const otherTotal = other.summary.totalDurationUs;

  const b = operatorsOf(base, !typeless, byShape);
  const o = operatorsOf(other, !typeless, byShape);
  const operators: OperatorChange[] = [];
  for (const key of new Set([...b.keys(), ...o.keys()])) {
    const ba = b.get(key);
    const oa = o.get(key);
    const first = (ba ?? oa) as Acc;
    const bf = figures(ba, baseTotal);
    const of = figures(oa, otherTotal);
    const delta = (oa?.total ?? 0) - (ba?.total ?? 0);
    operators.push({
      name: first.name,
      type: first.type,
      shape: first.shape,
      status: statusOf(bf, of),
      base: bf,
      other: of,
      deltaUs: delta,
      deltaPct: pct(delta, ba?.total),
    });
  }
  operators.sort(
    (x, y) =>
      Math.abs(y.deltaUs) - Math.abs(x.deltaUs) ||
      cmpText(x.name, y.name) ||
      cmpText(x.type, y.type) ||
      cmpText(x.shape ?? '', y.shape ?? ''),
  );

  const byType: TypeChange[] = [];
  if (!typeless) {
    const bt = new Map(base.summary.byType.map((t) => [t.type, t]));
    const ot = new Map(other.summary.byType.map((t) => [t.type, t]));
    for (const type of new Set([...bt.keys(), ...ot.keys()])) {
      const x = bt.get(type);
      const y = ot.get(type);
      const side = (t: typeof x): SideFigures | null =>
        t ? { count: t.count, totalUs: t.totalUs, meanUs: t.meanUs, share: t.share } : null;
      const delta = (y?.totalUs ?? 0) - (x?.totalUs ?? 0);
      const bs = side(x);
      const os = side(y);
      byType.push({
        type,
        status: statusOf(bs, os),
        base: bs,
        other: os,
        deltaUs: delta,
        deltaPct: pct(delta, x?.totalUs),
      });
    }
    byType.sort((x, y) => Math.abs(y.deltaUs) - Math.abs(x.deltaUs) || cmpText(x.type, y.type));
  }

  const delta = otherTotal - baseTotal;
  return {
    baseTotalUs: baseTotal,
    otherTotalUs: otherTotal,
    deltaUs: delta,
    deltaPct: pct(delta, baseTotal),
    typeless,
    byShape,
    byType,
    operators,
    newOperators: operators.filter((x) => x.status === 'new').length,
    vanishedOperators: operators.filter((x) => x.status === 'vanished').length,
    breakdown: compareBreakdowns(base.breakdown ?? null, other.breakdown ?? null),
  };
}

function sideTypeless(side: ProfileSide): boolean {
  if (side.table) return isTypeless(side.table);
  if (side.operators && side.operators.length > 0)
    return side.operators.every((o) => o.type === '');
  return typelessSummary(side.summary);
}

/** A summary without rows is typeless when every type it lists is the empty string. */
function typelessSummary(summary: ProfileSummary): boolean {
  return summary.byType.length > 0 && summary.byType.every((t) => t.type === '');
}

export function compareBreakdowns(
  base: TimeBreakdown | null,
  other: TimeBreakdown | null,
): BreakdownChange | null {
  if (base === null || other === null) return null;
  return {
    base,
    other,
    meanStepDeltaUs:
      base.meanStepUs !== null && other.meanStepUs !== null
        ? other.meanStepUs - base.meanStepUs
        : null,
    computingDeltaUs: other.computingUs - base.computingUs,
    communicationNotOverlappedDeltaUs:
      other.communicationNotOverlappedUs - base.communicationNotOverlappedUs,
    freeDeltaUs: other.freeUs - base.freeUs,
  };
}
