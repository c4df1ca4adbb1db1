// A virtualized table over columnar data: multi-sort, per-column filters, global search, group by
// a text column, column visibility, all kept in the URL. Only the rows in view are rendered
// (TanStack Virtual), so 1,000,000 rows scroll like 100.
import {
  useDeferredValue,
  useEffect,
  useMemo,
  useRef,
  useState,
  type CSSProperties,
  type ReactNode,
} from 'react';
import { useTranslation } from 'react-i18next';
import { useVirtualizer } from '@tanstack/react-virtual';
import { cellText, type ColumnarData } from './columnar.ts';
import { runQuery, type EngineQuery } from './engine.ts';
import { ScrollCue, useHiddenColumns } from './scroll-cue.tsx';
import { DATA_TABLE_NS } from './strings.ts';
import { TableHead } from './table-head.tsx';
import { TableToolbar } from './table-toolbar.tsx';
import type { TableViewState } from './url-state.ts';
import { useTableView, type ColumnSpec, type ControlledTableState } from './use-table-view.ts';
import './data-table.css';

/** Attributes a caller may put on a row or a cell: a class, a title, `data-*` and `aria-*`. */
export interface ElementAttributes {
  readonly className?: string;
  readonly title?: string;
  readonly [name: `data-${string}`]: string | undefined;
  readonly [name: `aria-${string}`]: string | undefined;
}

export interface DataTableColumn extends ColumnSpec {
  /** Cell content for a row id; default: the value as text (numbers via `formatNumber`). */
  readonly cell?: (row: number) => ReactNode;
  /** Attributes of a row's cell in this column (test ids, a state class, data for CSS). */
  readonly cellProps?: (row: number) => ElementAttributes;
  /** Class of the column's header and body cells (e.g. to hide it on narrow screens). */
  readonly className?: string;
  /** Number columns: how a group's sum is shown (omit to show no sum). */
  readonly sum?: (total: number) => ReactNode;
  /** CSS grid track, e.g. `minmax(14rem, 3fr)`. */
  readonly width?: string;
}

export interface DataTableProps {
  /** Accessible name of the table. */
  readonly label: string;
  readonly data: ColumnarData;
  readonly columns: readonly DataTableColumn[];
  /** Prefix of this table's URL search params (`ops` → `ops.sort`, `ops.f.name`, …). */
  readonly urlKey: string;
  /**
   * The view state held by the caller instead of the URL (sort, filters, search, grouping,
   * hidden columns); `urlKey` is then unused and the URL is left alone.
   */
  readonly viewState?: ControlledTableState;
  /** Must be a stable reference (module constant or memo). */
  readonly defaults?: Partial<TableViewState>;
  /** Most the scroll area grows to: pixels or a CSS length such as `70vh`. */
  readonly height?: number | string;
  /**
   * Pixels per row (default 34; cell text is cut with an ellipsis), or `'measure'`: cell text
   * wraps and each rendered row is measured, for tables whose rows differ in height.
   */
  readonly rowHeight?: number | 'measure';
  /** Hide the search / group / columns / status bar: the caller shows its own controls. */
  readonly hideToolbar?: boolean;
  /** Hide the row of per-column filters under the headers. */
  readonly hideColumnFilters?: boolean;
  /**
   * Columns of `data` the search looks in (default: the text columns shown); may name columns
   * of `data` that are not shown, e.g. a second name.
   */
  readonly searchColumns?: readonly string[];
  /** Attributes of a body row. */
  readonly rowProps?: (row: number) => ElementAttributes;
  /** Told how many rows pass the filters, whenever that changes. */
  readonly onShownChange?: (shown: number) => void;
  /** Shown instead of the built-in text when no row passes the filters. */
  readonly emptyText?: ReactNode;
  /** Extra class of the outer element. */
  readonly className?: string;
  readonly formatNumber?: (value: number) => string;
  readonly testId?: string;
}

const ROW_HEIGHT = 34;

const joinClasses = (...names: (string | undefined | false)[]) =>
  names.filter(Boolean).join(' ') || undefined;

export function DataTable(props: DataTableProps) {
  const { label, data, columns, urlKey, defaults, viewState, height = 520, testId } = props;
  const { rowProps, onShownChange, hideToolbar = false, hideColumnFilters = false } = props;
  const measure = props.rowHeight === 'measure';
  const rowHeight = typeof props.rowHeight === 'number' ? props.rowHeight : ROW_HEIGHT;
  const { t, i18n } = useTranslation(DATA_TABLE_NS);
  const plain = useMemo(
    () => new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 3 }),
    [i18n.language],
  );
  const formatNumber = props.formatNumber ?? ((v: number) => plain.format(v));
  const { table, view, update } = useTableView(urlKey, data, columns, defaults, viewState);
  // Collapsed groups belong to the column they were grouped by: another grouping starts open.
  const [collapsedBy, setCollapsedBy] = useState<{ by: string | null; keys: ReadonlySet<string> }>({
    by: null,
    keys: new Set(),
  });

  const collapsed = useMemo(
    () => (collapsedBy.by === view.groupBy ? collapsedBy.keys : new Set<string>()),
    [collapsedBy, view.groupBy],
  );
  const setCollapsed = (update: (prev: ReadonlySet<string>) => ReadonlySet<string>) =>
    setCollapsedBy({ by: view.groupBy, keys: update(collapsed) });

  const searchColumnsProp = props.searchColumns;
  const searchColumns = useMemo(
    () =>
      searchColumnsProp
        ? searchColumnsProp.filter((id) => data.columns[id]?.kind === 'text')
        : columns.filter((c) => data.columns[c.id]?.kind === 'text').map((c) => c.id),
    [searchColumnsProp, columns, data],
  );
  const query: EngineQuery = useMemo(
    () => ({
      sort: view.sorting,
      filters: view.filters,
      search: view.search,
      searchColumns,
      groupBy: view.groupBy,
    }),
    [view, searchColumns],
  );
  // Typing stays responsive on huge tables: the query runs at lower priority than the input.
  const deferred = useDeferredValue(query);
  const result = useMemo(() => runQuery(data, deferred), [data, deferred]);

  // Display list: row ids (≥ 0) and group headers (−1 − group index).
  const display = useMemo(() => {
    if (result.groups.length === 0) return null;
    const list: number[] = [];
    result.groups.forEach((g, i) => {
      list.push(-1 - i);
      if (collapsed.has(g.key)) return;
      const from = result.groupStarts[i] ?? 0;
      for (let k = from; k < from + g.count; k++) list.push(result.rows[k] ?? 0);
    });
    return Int32Array.from(list);
  }, [result, collapsed]);
  const count = display ? display.length : result.rows.length;
  const shown = result.rows.length;
  useEffect(() => {
    onShownChange?.(shown);
  }, [onShownChange, shown]);

  const scrollRef = useRef<HTMLDivElement>(null);
  const hidden = useHiddenColumns(scrollRef);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    // Measured sizes belong to rows, not positions: a re-sort must not reuse another row's height.
    getItemKey: (index) => {
      const entry = display ? (display[index] ?? 0) : (result.rows[index] ?? 0);
      return entry < 0 ? `g${entry}` : entry;
    },
    overscan: 12,
  });
  const headRows = hideColumnFilters ? 1 : 2;
  const rowStyle = (start: number): CSSProperties =>
    measure
      ? { transform: `translateY(${start}px)` }
      : { transform: `translateY(${start}px)`, height: rowHeight };
  const measured = measure
    ? (index: number) => ({ ref: virtualizer.measureElement, 'data-index': index })
    : () => ({});

  const visible = table.getVisibleLeafColumns();
  const specById = useMemo(() => new Map(columns.map((c) => [c.id, c])), [columns]);
  const template = visible
    .map(
      (c) =>
        specById.get(c.id)?.width ??
        (data.columns[c.id]?.kind === 'number' ? 'minmax(8rem, 1fr)' : 'minmax(10rem, 2fr)'),
    )
    .join(' ');

  const headClasses = useMemo(
    () => new Map(columns.flatMap((c) => (c.className ? [[c.id, c.className] as const] : []))),
    [columns],
  );

  const renderCell = (id: string, row: number): ReactNode => {
    const spec = specById.get(id);
    if (spec?.cell) return spec.cell(row);
    const col = data.columns[id];
    if (!col) return null;
    if (col.kind === 'number') {
      const v = col.values[row] ?? NaN;
      return Number.isNaN(v) ? '—' : formatNumber(v);
    }
    return cellText(col, row);
  };

  return (
    <div
      className={joinClasses('dt', props.className)}
      data-testid={testId}
      style={{ ['--dt-cols' as string]: template }}
    >
      {hideToolbar ? null : (
        <TableToolbar
          table={table}
          columns={columns}
          data={data}
          shown={shown}
          search={view.search}
          onClear={() => update(() => ({ filters: {}, search: '' }))}
        >
          <ScrollCue hidden={hidden} frame={scrollRef} />
        </TableToolbar>
      )}
      {hideToolbar ? (
        <div className="dt-cue-row">
          <ScrollCue hidden={hidden} frame={scrollRef} />
        </div>
      ) : null}
      <div
        className={joinClasses(
          'dt-frame',
          hidden.left > 0 && 'dt-more-left',
          hidden.right > 0 && 'dt-more-right',
        )}
      >
        <div
          ref={scrollRef}
          className="dt-scroll"
          style={{ maxHeight: height }}
          tabIndex={0}
          role="region"
          aria-label={label}
        >
          <table
            className={joinClasses('dt-table', measure && 'dt-wrap')}
            aria-rowcount={count + headRows}
            aria-label={label}
          >
            <TableHead
              table={table}
              data={data}
              filters={!hideColumnFilters}
              classNames={headClasses}
            />
            <tbody className="dt-body" style={{ height: virtualizer.getTotalSize() }}>
              {count === 0 ? (
                <tr className="dt-row dt-empty">
                  <td>{props.emptyText ?? t('noRows')}</td>
                </tr>
              ) : null}
              {virtualizer.getVirtualItems().map((item) => {
                const entry = display ? (display[item.index] ?? 0) : (result.rows[item.index] ?? 0);
                const style = rowStyle(item.start);
                if (entry < 0) {
                  const g = result.groups[-1 - entry];
                  if (!g) return null;
                  const open = !collapsed.has(g.key);
                  return (
                    <tr
                      key={`g:${g.key}`}
                      className="dt-row dt-group"
                      style={style}
                      aria-rowindex={item.index + headRows + 1}
                      {...measured(item.index)}
                    >
                      {visible.map((c, i) => {
                        const spec = specById.get(c.id);
                        const sum = g.sums[c.id];
                        return (
                          <td
                            key={c.id}
                            className={joinClasses(
                              data.columns[c.id]?.kind === 'number' && 'dt-num',
                              spec?.className,
                            )}
                          >
                            {i === 0 ? (
                              <button
                                type="button"
                                className="dt-group-toggle"
                                aria-expanded={open}
                                aria-label={t(open ? 'collapseGroup' : 'expandGroup', {
                                  group: g.key,
                                })}
                                onClick={() =>
                                  setCollapsed((prev) => {
                                    const next = new Set(prev);
                                    if (open) next.add(g.key);
                                    else next.delete(g.key);
                                    return next;
                                  })
                                }
                              >
                                <span aria-hidden="true">{open ? '▾' : '▸'}</span> {g.key}{' '}
                                <span className="muted">
                                  ({t('groupRows', { count: g.count })})
                                </span>
                              </button>
                            ) : spec?.sum && sum !== undefined ? (
                              spec.sum(sum)
                            ) : null}
                          </td>
                        );
                      })}
                    </tr>
                  );
                }
                const own = rowProps?.(entry);
                return (
                  <tr
                    key={entry}
                    {...own}
                    className={joinClasses('dt-row', own?.className)}
                    style={style}
                    aria-rowindex={item.index + headRows + 1}
                    {...measured(item.index)}
                  >
                    {visible.map((c) => {
                      const spec = specById.get(c.id);
                      const cellOwn = spec?.cellProps?.(entry);
                      return (
                        <td
                          key={c.id}
                          {...cellOwn}
                          className={joinClasses(
                            data.columns[c.id]?.kind === 'number' && 'dt-num',
                            spec?.className,
                            cellOwn?.className,
                          )}
                        >
                          {renderCell(c.id, entry)}
                        </td>
                      );
                    })}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </div>
    </div>
  );
}
