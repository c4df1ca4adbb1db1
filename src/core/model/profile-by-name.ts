// A profile grouped by operator name: a kernel table lists one row per launch (Conv_34 once per
// step, dozens of times), while the question is usually "which operator takes the time". Count,
// total, mean, max and share per name, in one pass over the columnar table; a table without rows
// (op_statistic, or a summary from a shared link) is grouped from its per-operator aggregates,
// without a max (the launches are not there).
//
// Rules, as in profile-aggregate.ts: a row without a duration counts as a call but adds no time,
// the mean is over the calls that have a duration. One name seen with several types keeps the type
// with the most time.
import type { ProfileData } from './types.ts';
import type { Us } from './units.ts';

export interface NameAggregate {
  readonly name: string;
  readonly type: string;
  /** Other types the name was seen with (rare: renamed or fused kernels). */
  readonly otherTypes: readonly string[];
  readonly count: number;
  readonly totalUs: Us;
  /** Over the launches that have a duration; null when none has. */
  readonly meanUs: Us | null;
  /** The longest single launch; null when the table has no rows. */
  readonly maxUs: Us | null;
  /** Share of the profile's total time, 0–1. */
  readonly share: number;
}

interface Acc {
  count: number;
  timed: number;
  total: number;
  max: number;
  byType: Map<string, number>;
}

function finish(name: string, a: Acc, whole: number, hasMax: boolean): NameAggregate {
  const types = [...a.byType].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1));
  return {
    name,
    type: types[0]?.[0] ?? '',
    otherTypes: types.slice(1).map(([t]) => t),
    count: a.count,
    totalUs: a.total,
    meanUs: a.timed > 0 ? a.total / a.timed : null,
    maxUs: hasMax && a.timed > 0 ? a.max : null,
    share: whole > 0 ? a.total / whole : 0,
  };
}

const newAcc = (): Acc => ({ count: 0, timed: 0, total: 0, max: -Infinity, byType: new Map() });

/** Sorted by total time, descending, then by name. */
export function groupByName(profile: ProfileData): NameAggregate[] {
  const byName = new Map<string, Acc>();
  const table = profile.table;
  let whole = 0;
  if (table) {
    const perName = new Map<number, Acc>();
    const typeOf = new Map<Acc, Map<number, number>>();
    for (let i = 0; i < table.rowCount; i++) {
      const n = table.name[i] as number;
      let a = perName.get(n);
      if (a === undefined) {
        perName.set(n, (a = newAcc()));
        typeOf.set(a, new Map());
      }
      const d = table.durationUs[i] as number;
      a.count++;
      const types = typeOf.get(a) as Map<number, number>;
      const t = table.type[i] as number;
      types.set(t, (types.get(t) ?? 0) + (d === d ? d : 0));
      if (d === d) {
        a.timed++;
        a.total += d;
        whole += d;
        if (d > a.max) a.max = d;
      }
    }
    for (const [n, a] of perName) {
      for (const [t, us] of typeOf.get(a) ?? []) a.byType.set(table.dict[t] ?? '', us);
      byName.set(table.dict[n] ?? '', a);
    }
  } else {
    for (const o of profile.summary.topOperators) {
      let a = byName.get(o.name);
      if (a === undefined) byName.set(o.name, (a = newAcc()));
      a.count += o.count;
      a.total += o.totalUs;
      a.timed += o.totalUs > 0 && o.meanUs > 0 ? o.totalUs / o.meanUs : 0;
      a.byType.set(o.type, (a.byType.get(o.type) ?? 0) + o.totalUs);
      whole += o.totalUs;
    }
  }
  const out = [...byName].map(([name, a]) => finish(name, a, whole, table !== null));
  return out.sort((x, y) => y.totalUs - x.totalUs || (x.name < y.name ? -1 : 1));
}

/** A Level0 torch_npu profile writes `N/A` (or nothing) as every kernel's type. */
export function isNoType(type: string): boolean {
  const t = type.trim();
  return t === '' || t.toUpperCase() === 'N/A';
}
