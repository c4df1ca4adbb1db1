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

/**
 * An operator's accumulator, found from its name id: a name under another type too (rare)
 * chains the next type's accumulator. The commonest shape is counted in `shape`/`shapeCount`
 * while the operator has seen one shape; a second one moves the counts to `shapes`, in the
 * order the shapes were first seen (ties go to the first).
 */
interface OpAcc extends Acc {
  readonly name: number;
  readonly type: number;
  next: OpAcc | null;
  shape: number;
  shapeCount: number;
  shapes: Map<number, number> | null;
}

export function summarizeTable(table: ProfileTable): ProfileSummary {
  const { dict, rowCount } = table;
  const width = dict.length;
  // Per type: arrays indexed by dictionary id; per operator: its accumulator by name id, so a
  // row costs array reads, not a hash of name × type (~60 ms of a 500,000-row table's 127 MB).
  const typeCount = new Float64Array(width);
  const typeTimed = new Float64Array(width);
  const typeTotal = new Float64Array(width);
  const byName: (OpAcc | undefined)[] = new Array<OpAcc | undefined>(width).fill(undefined);
  const opOrder: OpAcc[] = [];
  let total = 0;
  for (let i = 0; i < rowCount; i++) {
    const d = table.durationUs[i] as number;
    const t = table.type[i] as number;
    const n = table.name[i] as number;
    typeCount[t] = (typeCount[t] as number) + 1;
    let oa: OpAcc | null | undefined = byName[n];
    while (oa !== undefined && oa !== null && oa.type !== t) oa = oa.next;
    if (oa === undefined || oa === null) {
      const made: OpAcc = {
        count: 0,
        timed: 0,
        total: 0,
        name: n,
        type: t,
        next: byName[n] ?? null,
        shape: 0,
        shapeCount: 0,
        shapes: null,
      };
      byName[n] = made;
      opOrder.push(made);
      oa = made;
    }
    add(oa, d);
    if (d === d) {
      typeTimed[t] = (typeTimed[t] as number) + 1;
      typeTotal[t] = (typeTotal[t] as number) + d;
      total += d;
    }
    const shape = table.inputShapes[i] as number;
    if (shape !== 0) countShape(oa, shape);
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
  for (const a of opOrder) {
    ops.push({
      name: dict[a.name] ?? '',
      type: dict[a.type] ?? '',
      count: a.count,
      totalUs: a.total,
      meanUs: mean(a),
      share: shareOf(a.total, total),
      inputShapes: commonestOf(a, dict),
    });
  }
  types.sort(byTotal((x) => x.type));
  ops.sort(byTotal((x) => `${x.name}\u0000${x.type}`));
  return { rows: rowCount, totalDurationUs: total, byType: types, topOperators: ops };
}

function countShape(a: OpAcc, shape: number): void {
  if (a.shapes === null) {
    if (a.shape === shape) {
      a.shapeCount++;
      return;
    }
    if (a.shape === 0) {
      a.shape = shape;
      a.shapeCount = 1;
      return;
    }
    a.shapes = new Map([[a.shape, a.shapeCount]]);
  }
  a.shapes.set(shape, (a.shapes.get(shape) ?? 0) + 1);
}

function commonestOf(a: OpAcc, dict: readonly string[]): string | null {
  if (a.shapes !== null) return commonest(a.shapes, dict);
  return a.shape === 0 ? null : (dict[a.shape] ?? null);
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
