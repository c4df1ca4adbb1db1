// A table's view state (sort, filters, search, grouping, hidden columns) lives in the URL search
// params under a prefix, so reload, back/forward and a URL opened later show the same view. The
// URL is untrusted input: unknown column ids and malformed values are dropped, never thrown on.
import { isValueList, type ColumnFilterValue, type NumberRange } from './engine.ts';
import type { SortKey } from './sort.ts';

export interface TableViewState {
  readonly sorting: readonly SortKey[];
  readonly filters: Readonly<Record<string, ColumnFilterValue>>;
  readonly search: string;
  readonly groupBy: string | null;
  readonly hidden: readonly string[];
}

export interface ColumnKind {
  readonly id: string;
  readonly kind: 'text' | 'number';
}

const keyOf = (prefix: string, name: string) => `${prefix}.${name}`;

function parseNumber(text: string): number | null {
  if (text.trim() === '') return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}

/** `"10~"`, `"~5.5"`, `"1~2"` → a range; anything else → null. */
export function parseRange(text: string): NumberRange | null {
  const parts = text.split('~');
  if (parts.length !== 2) return null;
  const range = { min: parseNumber(parts[0] ?? ''), max: parseNumber(parts[1] ?? '') };
  return range.min === null && range.max === null ? null : range;
}

/** Values of a one-of filter, each URI-encoded so that commas inside a value survive. */
function parseValueList(text: string): string[] {
  const out: string[] = [];
  for (const part of text.split(',')) {
    try {
      const v = decodeURIComponent(part);
      if (v !== '' && !out.includes(v)) out.push(v);
    } catch {
      // A malformed escape in a hand-edited URL: that value is dropped.
    }
  }
  return out;
}

export function formatRange(range: NumberRange): string {
  return `${range.min ?? ''}~${range.max ?? ''}`;
}

export function parseTableState(
  params: URLSearchParams,
  prefix: string,
  columns: readonly ColumnKind[],
  defaults: Partial<TableViewState> = {},
): TableViewState {
  const byId = new Map(columns.map((c) => [c.id, c]));
  const sortParam = params.get(keyOf(prefix, 'sort'));
  const sorting =
    sortParam === null
      ? (defaults.sorting ?? [])
      : sortParam
          .split(',')
          .map((part) => {
            const [id = '', dir] = part.split('.');
            return { id, desc: dir === 'desc' };
          })
          .filter((k, i, all) => byId.has(k.id) && all.findIndex((o) => o.id === k.id) === i);
  const filters: Record<string, ColumnFilterValue> = Object.create(null) as Record<
    string,
    ColumnFilterValue
  >;
  for (const col of columns) {
    const oneOf = col.kind === 'text' ? params.get(keyOf(prefix, `in.${col.id}`)) : null;
    if (oneOf !== null) {
      const values = parseValueList(oneOf);
      if (values.length > 0) filters[col.id] = values;
      continue;
    }
    const raw = params.get(keyOf(prefix, `f.${col.id}`));
    if (raw === null || raw === '') continue;
    if (col.kind === 'text') filters[col.id] = raw;
    else {
      const range = parseRange(raw);
      if (range) filters[col.id] = range;
    }
  }
  const group = params.get(keyOf(prefix, 'group'));
  const groupCol = group === null ? undefined : byId.get(group);
  const hideParam = params.get(keyOf(prefix, 'hide'));
  return {
    sorting,
    filters,
    search: params.get(keyOf(prefix, 'q')) ?? '',
    groupBy:
      group === null ? (defaults.groupBy ?? null) : groupCol?.kind === 'text' ? groupCol.id : null,
    hidden:
      hideParam === null
        ? (defaults.hidden ?? [])
        : hideParam.split(',').filter((id) => byId.has(id)),
  };
}

/** A copy of `params` with this table's keys replaced by `state` (other keys untouched). */
export function writeTableState(
  params: URLSearchParams,
  prefix: string,
  state: TableViewState,
): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const key of [...next.keys()]) if (key.startsWith(`${prefix}.`)) next.delete(key);
  // Written even when empty, so clearing a default sort or grouping survives a reload.
  next.set(
    keyOf(prefix, 'sort'),
    state.sorting.map((k) => `${k.id}.${k.desc ? 'desc' : 'asc'}`).join(','),
  );
  for (const [id, value] of Object.entries(state.filters)) {
    if (isValueList(value)) {
      if (value.length > 0)
        next.set(keyOf(prefix, `in.${id}`), value.map(encodeURIComponent).join(','));
      continue;
    }
    const text = typeof value === 'string' ? value : formatRange(value);
    if (text !== '' && text !== '~') next.set(keyOf(prefix, `f.${id}`), text);
  }
  if (state.search !== '') next.set(keyOf(prefix, 'q'), state.search);
  next.set(keyOf(prefix, 'group'), state.groupBy ?? '');
  if (state.hidden.length > 0) next.set(keyOf(prefix, 'hide'), state.hidden.join(','));
  return next;
}

/**
 * A caller-held state checked against the table's columns, with the same rules as a URL: the
 * state may come from a share link, so unknown column ids, non-text grouping, a range on a text
 * column and text on a number column are dropped, never thrown on.
 */
export function sanitizeTableState(
  state: TableViewState,
  columns: readonly ColumnKind[],
): TableViewState {
  const byId = new Map(columns.map((c) => [c.id, c]));
  const filters: Record<string, ColumnFilterValue> = Object.create(null) as Record<
    string,
    ColumnFilterValue
  >;
  for (const col of columns) {
    if (!Object.hasOwn(state.filters, col.id)) continue;
    const value: unknown = state.filters[col.id];
    if (col.kind === 'text' && typeof value === 'string' && value !== '') filters[col.id] = value;
    if (col.kind === 'text' && Array.isArray(value)) {
      const values = value.filter(
        (v, i, all): v is string => typeof v === 'string' && v !== '' && all.indexOf(v) === i,
      );
      if (values.length > 0) filters[col.id] = values;
    }
    if (col.kind === 'number' && isRangeLike(value)) {
      const range = { min: finiteOrNull(value.min), max: finiteOrNull(value.max) };
      if (range.min !== null || range.max !== null) filters[col.id] = range;
    }
  }
  const group = state.groupBy === null ? undefined : byId.get(state.groupBy);
  return {
    sorting: state.sorting
      .filter((k, i, all) => byId.has(k.id) && all.findIndex((o) => o.id === k.id) === i)
      .map((k) => ({ id: k.id, desc: k.desc === true })),
    filters,
    search: typeof state.search === 'string' ? state.search : '',
    groupBy: group?.kind === 'text' ? group.id : null,
    hidden: state.hidden.filter((id, i, all) => byId.has(id) && all.indexOf(id) === i),
  };
}

function isRangeLike(value: unknown): value is { min?: unknown; max?: unknown } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function finiteOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
