// Where a profile's time goes: per operator type and per operator (name + type), count, total,
// mean and share of the table's total, sorted by total time descending. Computed once, in one
// pass over the columnar table (it runs in the ingest worker, on millions of rows).
//
// Rules: a row whose duration is missing (NaN) still counts as a call but adds no time, and the
// mean is over the calls that have a duration. A missing type or name is the empty string.
import type { OperatorAggregate, ProfileSummary, ProfileTable, TypeAggregate } from './types.ts';
import type { Us } from './units.ts';

interface Acc {
  count: number;
  timed: number;
  total: number;
}

const newAcc = (): Acc => ({ count: 0, timed: 0, total: 0 });

function add(acc: Acc, d: number): void {
  acc.count++;
  if (d === d) {
    acc.timed++;
    acc.total += d;
  }
}

const mean = (a: Acc): Us => (a.timed > 0 ? a.total / a.timed : 0);
const shareOf = (part: number, whole: number): number => (whole > 0 ? part / whole : 0);

/** Descending by total, then by name for a stable order. */
function byTotal<T extends { totalUs: number }>(key: (x: T) => string) {
  return (a: T, b: T): number =>
    b.totalUs - a.totalUs || (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
}

export function summarizeTable(table: ProfileTable): ProfileSummary {
  const { dict, rowCount } = table;
  const width = dict.length;
  // Per type: arrays indexed by dictionary id (no hashing); per operator: a map on name × type.
  const typeCount = new Float64Array(width);
  const typeTimed = new Float64Array(width);
  const typeTotal = new Float64Array(width);
  const byOp = new Map<number, Acc>();
  const shapeCounts = new Map<number, Map<number, number>>();
  let total = 0;
  for (let i = 0; i < rowCount; i++) {
    const d = table.durationUs[i] as number;
    const t = table.type[i] as number;
    const opKey = (table.name[i] as number) * width + t;
    typeCount[t] = (typeCount[t] as number) + 1;
    let oa = byOp.get(opKey);
    if (oa === undefined) byOp.set(opKey, (oa = newAcc()));
    add(oa, d);
    if (d === d) {
      typeTimed[t] = (typeTimed[t] as number) + 1;
      typeTotal[t] = (typeTotal[t] as number) + d;
      total += d;
    }
    const shape = table.inputShapes[i] as number;
    if (shape !== 0) {
      let counts = shapeCounts.get(opKey);
      if (counts === undefined) shapeCounts.set(opKey, (counts = new Map()));
      counts.set(shape, (counts.get(shape) ?? 0) + 1);
    }
  }
  const types: TypeAggregate[] = [];
  for (let t = 0; t < width; t++) {
    const count = typeCount[t] as number;
    if (count === 0) continue;
    const sum = typeTotal[t] as number;
    const timed = typeTimed[t] as number;
    types.push({
      type: dict[t] ?? '',
      count,
      totalUs: sum,
      meanUs: timed > 0 ? sum / timed : 0,
      share: shareOf(sum, total),
    });
  }
  const ops: OperatorAggregate[] = [];
  for (const [key, a] of byOp) {
    const t = key % width;
    const n = (key - t) / width;
    ops.push({
      name: dict[n] ?? '',
      type: dict[t] ?? '',
      count: a.count,
      totalUs: a.total,
      meanUs: mean(a),
      share: shareOf(a.total, total),
      inputShapes: commonest(shapeCounts.get(key), dict),
    });
  }
  types.sort(byTotal((x) => x.type));
  ops.sort(byTotal((x) => `${x.name}\u0000${x.type}`));
  return { rows: rowCount, totalDurationUs: total, byType: types, topOperators: ops };
}

/** The most frequent shape text; ties go to the one seen first. */
function commonest(counts: Map<number, number> | undefined, dict: readonly string[]) {
  if (counts === undefined) return null;
  let best = -1;
  let bestCount = 0;
  for (const [shape, c] of counts) {
    if (c > bestCount) {
      best = shape;
      bestCount = c;
    }
  }
  return best < 0 ? null : (dict[best] ?? null);
}

/** One row of an op_statistic table, as the file states it. */
export interface StatisticRow {
  readonly type: string;
  readonly coreType: string;
  readonly count: number;
  readonly totalUs: Us;
}

/**
 * op_statistic is already aggregated by the profiler: byType comes from its own rows. A type
 * listed once per accelerator core (MatMul on AI_CORE and on MIX_AIC) is summed into one entry.
 */
export function summarizeStatistic(rows: readonly StatisticRow[]): ProfileSummary {
  const byType = new Map<string, { count: number; total: number }>();
  let total = 0;
  for (const r of rows) {
    const acc = byType.get(r.type) ?? { count: 0, total: 0 };
    if (Number.isFinite(r.count)) acc.count += r.count;
    if (Number.isFinite(r.totalUs)) {
      acc.total += r.totalUs;
      total += r.totalUs;
    }
    byType.set(r.type, acc);
  }
  const types: TypeAggregate[] = [...byType].map(([type, a]) => ({
    type,
    count: a.count,
    totalUs: a.total,
    meanUs: a.count > 0 ? a.total / a.count : 0,
    share: shareOf(a.total, total),
  }));
  types.sort(byTotal((x) => x.type));
  return { rows: rows.length, totalDurationUs: total, byType: types, topOperators: [] };
}
