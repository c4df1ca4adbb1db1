// A virtualized table over columnar data: multi-sort, per-column filters, global search, group by
// a text column, column visibility, all kept in the URL. Only the rows in view are rendered
// (TanStack Virtual), so 1,000,000 rows scroll like 100.
import { useDeferredValue, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useVirtualizer } from '@tanstack/react-virtual';
import { cellText, type ColumnarData } from './columnar.ts';
import { runQuery, type EngineQuery } from './engine.ts';
import { DATA_TABLE_NS } from './strings.ts';
import { TableHead } from './table-head.tsx';
import { TableToolbar } from './table-toolbar.tsx';
import type { TableViewState } from './url-state.ts';
import { useTableView, type ColumnSpec, type ControlledTableState } from './use-table-view.ts';
import './data-table.css';

export interface DataTableColumn extends ColumnSpec {
  /** Cell content for a row id; default: the value as text (numbers via `formatNumber`). */
  readonly cell?: (row: number) => ReactNode;
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
  readonly height?: number;
  readonly formatNumber?: (value: number) => string;
  readonly testId?: string;
}

const ROW_HEIGHT = 34;

export function DataTable(props: DataTableProps) {
  const { label, data, columns, urlKey, defaults, viewState, height = 520, testId } = props;
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

  const searchColumns = useMemo(
    () => columns.filter((c) => data.columns[c.id]?.kind === 'text').map((c) => c.id),
    [columns, data],
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

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });

  const visible = table.getVisibleLeafColumns();
  const specById = useMemo(() => new Map(columns.map((c) => [c.id, c])), [columns]);
  const template = visible
    .map(
      (c) =>
        specById.get(c.id)?.width ??
        (data.columns[c.id]?.kind === 'number' ? 'minmax(8rem, 1fr)' : 'minmax(10rem, 2fr)'),
    )
    .join(' ');

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
    <div className="dt" data-testid={testId} style={{ ['--dt-cols' as string]: template }}>
      <TableToolbar
        table={table}
        columns={columns}
        data={data}
        shown={result.rows.length}
        search={view.search}
        onClear={() => update(() => ({ filters: {}, search: '' }))}
      />
      <div
        ref={scrollRef}
        className="dt-scroll"
        style={{ maxHeight: height }}
        tabIndex={0}
        role="region"
        aria-label={label}
      >
        <table className="dt-table" aria-rowcount={count + 2} aria-label={label}>
          <TableHead table={table} data={data} />
          <tbody className="dt-body" style={{ height: virtualizer.getTotalSize() }}>
            {count === 0 ? (
              <tr className="dt-row dt-empty">
                <td>{t('noRows')}</td>
              </tr>
            ) : null}
            {virtualizer.getVirtualItems().map((item) => {
              const entry = display ? (display[item.index] ?? 0) : (result.rows[item.index] ?? 0);
              const style = { transform: `translateY(${item.start}px)`, height: ROW_HEIGHT };
              if (entry < 0) {
                const g = result.groups[-1 - entry];
                if (!g) return null;
                const open = !collapsed.has(g.key);
                return (
                  <tr
                    key={`g:${g.key}`}
                    className="dt-row dt-group"
                    style={style}
                    aria-rowindex={item.index + 3}
                  >
                    {visible.map((c, i) => {
                      const spec = specById.get(c.id);
                      const sum = g.sums[c.id];
                      return (
                        <td
                          key={c.id}
                          className={data.columns[c.id]?.kind === 'number' ? 'dt-num' : undefined}
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
                              <span className="muted">({t('groupRows', { count: g.count })})</span>
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
              return (
                <tr key={entry} className="dt-row" style={style} aria-rowindex={item.index + 3}>
                  {visible.map((c) => (
                    <td
                      key={c.id}
                      className={data.columns[c.id]?.kind === 'number' ? 'dt-num' : undefined}
                    >
                      {renderCell(c.id, entry)}
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
