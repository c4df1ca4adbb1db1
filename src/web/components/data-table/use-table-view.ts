// Binds a table's view state to the URL search params and to a TanStack Table instance. TanStack
// holds the column model and the sort/filter/grouping/visibility state machinery (multi-sort on
// Shift, sort cycles, visibility toggles); the rows themselves are processed by engine.ts over
// columnar data, so the table runs in manual mode with no row models registered.
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import {
  columnFilteringFeature,
  columnGroupingFeature,
  columnVisibilityFeature,
  createColumnHelper,
  functionalUpdate,
  globalFilteringFeature,
  rowSortingFeature,
  tableFeatures,
  useTable,
  type ColumnFiltersState,
  type ColumnVisibilityState,
  type SortingState,
} from '@tanstack/react-table';
import type { ColumnarData } from './columnar.ts';
import { isValueList, type ColumnFilterValue, type NumberRange } from './engine.ts';
import {
  parseTableState,
  sanitizeTableState,
  writeTableState,
  type TableViewState,
} from './url-state.ts';

/** What TanStack sees of a row: its id in the columnar data (rows are never materialized). */
export interface RowRef {
  readonly row: number;
}

export const features = tableFeatures({
  rowSortingFeature,
  columnFilteringFeature,
  globalFilteringFeature,
  columnGroupingFeature,
  columnVisibilityFeature,
});

const helper = createColumnHelper<typeof features, RowRef>();
const NO_ROWS: RowRef[] = [];

export interface ColumnSpec {
  readonly id: string;
  readonly header: string;
  readonly groupable?: boolean;
  /** First click sorts descending (default for number columns: biggest first). */
  readonly sortDescFirst?: boolean;
  /** False: the header is a plain label, and a sort on this column is never applied. */
  readonly sortable?: boolean;
}

/**
 * A view state held by the caller instead of the URL (e.g. a page whose view travels in a share
 * link). `onChange` gets the whole next state; `replace` is true for typing (filters, search),
 * where a caller that keeps history should replace rather than push an entry.
 */
export interface ControlledTableState {
  readonly state: TableViewState;
  readonly onChange: (next: TableViewState, replace: boolean) => void;
}

export function useTableView(
  prefix: string,
  data: ColumnarData,
  specs: readonly ColumnSpec[],
  defaults: Partial<TableViewState> | undefined,
  controlled?: ControlledTableState,
) {
  const [params, setParams] = useSearchParams();
  const kinds = useMemo(
    () =>
      specs.flatMap((s) => {
        const col = data.columns[s.id];
        return col ? [{ id: s.id, kind: col.kind }] : [];
      }),
    [specs, data],
  );
  // The hooks run in both modes (hook order is fixed); a controlled table ignores the URL.
  const controlledState = controlled?.state;
  const onControlledChange = controlled?.onChange;
  const unsortable = useMemo(
    () => new Set(specs.filter((s) => s.sortable === false).map((s) => s.id)),
    [specs],
  );
  const view = useMemo(() => {
    const state = controlledState
      ? sanitizeTableState(controlledState, kinds)
      : parseTableState(params, prefix, kinds, defaults);
    return unsortable.size === 0
      ? state
      : { ...state, sorting: state.sorting.filter((k) => !unsortable.has(k.id)) };
  }, [controlledState, params, prefix, kinds, defaults, unsortable]);

  const update = useCallback(
    (patch: (current: TableViewState) => Partial<TableViewState>, replace = false) => {
      if (onControlledChange) {
        onControlledChange({ ...view, ...patch(view) }, replace);
        return;
      }
      setParams(
        (prev) => {
          const current = parseTableState(prev, prefix, kinds, defaults);
          return writeTableState(prev, prefix, { ...current, ...patch(current) });
        },
        { replace },
      );
    },
    [onControlledChange, view, setParams, prefix, kinds, defaults],
  );

  const columns = useMemo(
    () =>
      helper.columns(
        specs.map((s) =>
          helper.accessor((r) => r.row, {
            id: s.id,
            header: s.header,
            sortDescFirst: s.sortDescFirst ?? data.columns[s.id]?.kind === 'number',
            enableGrouping: s.groupable ?? false,
            enableSorting: s.sortable ?? true,
          }),
        ),
      ),
    [specs, data],
  );

  // TanStack's state shapes, derived from the URL state.
  const sorting: SortingState = useMemo(() => view.sorting.map((k) => ({ ...k })), [view.sorting]);
  const columnFilters: ColumnFiltersState = useMemo(
    () => Object.entries(view.filters).map(([id, value]) => ({ id, value })),
    [view.filters],
  );
  const columnVisibility: ColumnVisibilityState = useMemo(
    () => Object.fromEntries(view.hidden.map((id) => [id, false])),
    [view.hidden],
  );
  const grouping = useMemo(() => (view.groupBy ? [view.groupBy] : []), [view.groupBy]);

  const table = useTable({
    features,
    columns,
    data: NO_ROWS,
    state: { sorting, columnFilters, globalFilter: view.search, grouping, columnVisibility },
    manualSorting: true,
    manualFiltering: true,
    manualGrouping: true,
    enableMultiSort: true,
    isMultiSortEvent: (e: unknown) =>
      typeof e === 'object' && e !== null && 'shiftKey' in e && e.shiftKey === true,
    onSortingChange: (u) => update(() => ({ sorting: functionalUpdate(u, sorting) })),
    onColumnFiltersChange: (u) =>
      update(() => {
        const next: Record<string, ColumnFilterValue> = {};
        for (const f of functionalUpdate(u, columnFilters)) {
          if (typeof f.value === 'string' || isRange(f.value) || isValueList(f.value))
            next[f.id] = f.value;
        }
        return { filters: next };
      }, true),
    onGlobalFilterChange: (u) =>
      update(() => ({ search: String(functionalUpdate(u, view.search) ?? '') }), true),
    onGroupingChange: (u) => update(() => ({ groupBy: functionalUpdate(u, grouping)[0] ?? null })),
    onColumnVisibilityChange: (u) =>
      update(() => ({
        hidden: Object.entries(functionalUpdate(u, columnVisibility))
          .filter(([, visible]) => !visible)
          .map(([id]) => id),
      })),
  });

  return { table, view, update };
}

function isRange(value: unknown): value is NumberRange {
  return typeof value === 'object' && value !== null && 'min' in value && 'max' in value;
}
