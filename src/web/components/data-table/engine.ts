// Row processing for the data table: filter → sort → group, over columnar data, producing the
// list of display rows the virtualizer renders. It replaces TanStack Table's client row models
// (the table runs with manualFiltering/manualSorting/manualGrouping and keeps only the state,
// headers and column model): those models build one Row object per record and sort them with a
// comparator calling getValue() on each side, which for 1,000,000 profiler rows means a million
// objects and ~20 million comparator calls — seconds, not the 300 ms we allow. Here a filter is
// one pass that writes row ids into a Uint32Array, and sorting is a stable LSD radix sort of that
// id array on the typed columns (see sort.ts).
import type { ColumnData, ColumnarData } from './columnar.ts';
import { sortRowIds, type SortKey } from './sort.ts';

export interface NumberRange {
  readonly min: number | null;
  readonly max: number | null;
}

/**
 * A text column's filter: a string (rows whose value contains it, case-insensitive) or a list of
 * values (rows whose value is exactly one of them, e.g. chosen buckets); a number column's: a range.
 */
export type ColumnFilterValue = string | NumberRange | readonly string[];

export const isValueList = (value: unknown): value is readonly string[] =>
  Array.isArray(value) && value.every((v) => typeof v === 'string');

export interface EngineQuery {
  readonly sort: readonly SortKey[];
  readonly filters: Readonly<Record<string, ColumnFilterValue>>;
  readonly search: string;
  /** Text columns the global search looks in. */
  readonly searchColumns: readonly string[];
  readonly groupBy: string | null;
}

export interface GroupInfo {
  readonly key: string;
  readonly count: number;
  /** Sums of the number columns over the group's rows. */
  readonly sums: Readonly<Record<string, number>>;
}

export interface EngineResult {
  /** Row ids after filtering and sorting (groups are contiguous when grouping). */
  readonly rows: Uint32Array;
  /** One entry per group, in display order; empty when not grouping. */
  readonly groups: readonly GroupInfo[];
  /** Where each group's rows start in `rows`. */
  readonly groupStarts: readonly number[];
}

/** Which dictionary entries contain the needle (case-insensitive): one test per distinct string. */
function dictMatches(col: Extract<ColumnData, { kind: 'text' }>, needle: string): Uint8Array {
  const mask = new Uint8Array(col.dict.length);
  const n = needle.toLowerCase();
  for (let i = 0; i < col.dict.length; i++) {
    if ((col.dict[i] ?? '').toLowerCase().includes(n)) mask[i] = 1;
  }
  return mask;
}

type RowTest = (row: number) => boolean;

function columnTest(col: ColumnData, value: ColumnFilterValue): RowTest | null {
  if (col.kind === 'text') {
    let mask: Uint8Array;
    if (isValueList(value)) {
      if (value.length === 0) return null;
      const wanted = new Set(value);
      mask = new Uint8Array(col.dict.length);
      for (let i = 0; i < col.dict.length; i++) if (wanted.has(col.dict[i] ?? '')) mask[i] = 1;
    } else if (typeof value === 'string' && value.trim() !== '') {
      mask = dictMatches(col, value.trim());
    } else return null;
    const codes = col.codes;
    return (row) => mask[codes[row] ?? 0] === 1;
  }
  if (typeof value === 'string' || isValueList(value)) return null;
  const { min, max } = value;
  if (min === null && max === null) return null;
  const lo = min ?? -Infinity;
  const hi = max ?? Infinity;
  const values = col.values;
  // NaN fails both comparisons: a missing value never matches a range.
  return (row) => {
    const v = values[row] ?? NaN;
    return v >= lo && v <= hi;
  };
}

function searchTest(
  data: ColumnarData,
  columns: readonly string[],
  search: string,
): RowTest | null {
  const needle = search.trim();
  if (needle === '') return null;
  const parts: { codes: Uint32Array; mask: Uint8Array }[] = [];
  for (const id of columns) {
    const col = data.columns[id];
    if (col?.kind === 'text') parts.push({ codes: col.codes, mask: dictMatches(col, needle) });
  }
  return (row) => parts.some((p) => p.mask[p.codes[row] ?? 0] === 1);
}

export function filterRows(data: ColumnarData, query: EngineQuery): Uint32Array {
  const tests: RowTest[] = [];
  for (const [id, value] of Object.entries(query.filters)) {
    const col = data.columns[id];
    const test = col ? columnTest(col, value) : null;
    if (test) tests.push(test);
  }
  const search = searchTest(data, query.searchColumns, query.search);
  if (search) tests.push(search);
  const out = new Uint32Array(data.rowCount);
  let n = 0;
  if (tests.length === 0) {
    for (let i = 0; i < data.rowCount; i++) out[i] = i;
    return out;
  }
  for (let i = 0; i < data.rowCount; i++) {
    if (tests.every((t) => t(i))) out[n++] = i;
  }
  return out.slice(0, n);
}

/**
 * Groups the sorted rows by a text column. Groups appear in the order their first row appears in
 * the sorted list (sorting by time descending puts the heaviest group first); rows keep their
 * sorted order inside each group.
 */
function groupRows(
  data: ColumnarData,
  sorted: Uint32Array,
  groupBy: string,
): Pick<EngineResult, 'rows' | 'groups' | 'groupStarts'> | null {
  const col = data.columns[groupBy];
  if (col?.kind !== 'text') return null;
  const order: number[] = [];
  const counts = new Map<number, number>();
  for (const row of sorted) {
    const code = col.codes[row] ?? 0;
    const c = counts.get(code);
    if (c === undefined) order.push(code);
    counts.set(code, (c ?? 0) + 1);
  }
  const start = new Map<number, number>();
  const groupStarts: number[] = [];
  let at = 0;
  for (const code of order) {
    start.set(code, at);
    groupStarts.push(at);
    at += counts.get(code) ?? 0;
  }
  const rows = new Uint32Array(sorted.length);
  const cursor = new Map(start);
  for (const row of sorted) {
    const code = col.codes[row] ?? 0;
    const pos = cursor.get(code) ?? 0;
    rows[pos] = row;
    cursor.set(code, pos + 1);
  }
  const numberCols = Object.entries(data.columns).filter(
    (e): e is [string, Extract<ColumnData, { kind: 'number' }>] => e[1].kind === 'number',
  );
  const groups = order.map((code, g) => {
    const from = groupStarts[g] ?? 0;
    const count = counts.get(code) ?? 0;
    const sums: Record<string, number> = Object.create(null) as Record<string, number>;
    for (const [id, c] of numberCols) {
      let s = 0;
      for (let k = from; k < from + count; k++) {
        const v = c.values[rows[k] ?? 0] ?? NaN;
        if (!Number.isNaN(v)) s += v;
      }
      sums[id] = s;
    }
    return { key: col.dict[code] ?? '', count, sums };
  });
  return { rows, groups, groupStarts };
}

export function runQuery(data: ColumnarData, query: EngineQuery): EngineResult {
  const filtered = filterRows(data, query);
  const sorted = sortRowIds(data, filtered, query.sort);
  if (query.groupBy) {
    const grouped = groupRows(data, sorted, query.groupBy);
    if (grouped) return grouped;
  }
  return { rows: sorted, groups: [], groupStarts: [] };
}
