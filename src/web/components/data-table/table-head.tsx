// The table head: one row of sort buttons (keyboard focusable, `aria-sort` on the header cell,
// Shift adds a column to the sort) and one row of per-column filters (text contains, or a numeric
// min–max range).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReactTable } from '@tanstack/react-table';
import type { ColumnarData } from './columnar.ts';
import type { NumberRange } from './engine.ts';
import { DATA_TABLE_NS } from './strings.ts';
import type { RowRef, features } from './use-table-view.ts';

type Table = ReactTable<typeof features, RowRef>;

/** An input that edits locally and follows outside changes (back/forward, clear). */
function FilterInput(props: {
  value: string;
  onCommit: (value: string) => void;
  label: string;
  type: 'search' | 'number';
  placeholder?: string;
}) {
  const { value, onCommit, label, type, placeholder } = props;
  const [text, setText] = useState(value);
  // Follow the URL only when it says something else: "1." being typed must not snap back to "1".
  useEffect(() => {
    const same = (a: string, b: string) =>
      type === 'number' ? toNumber(a) === toNumber(b) : a === b;
    setText((prev) => (same(prev, value) ? prev : value));
  }, [value, type]);
  return (
    <input
      className="dt-filter"
      type={type}
      step={type === 'number' ? 'any' : undefined}
      aria-label={label}
      placeholder={placeholder}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        onCommit(e.target.value);
      }}
    />
  );
}

function toNumber(text: string): number | null {
  if (text.trim() === '') return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}

export function TableHead({
  table,
  data,
  filters = true,
  classNames,
}: {
  table: Table;
  data: ColumnarData;
  /** False: no row of per-column filters (the caller owns the filtering controls). */
  filters?: boolean;
  /** Extra class of a column's header cell, by column id. */
  classNames?: ReadonlyMap<string, string>;
}) {
  const { t } = useTranslation(DATA_TABLE_NS);
  const headers = table.getHeaderGroups()[0]?.headers ?? [];
  const multi = table.state.sorting.length > 1;
  return (
    <thead className="dt-head">
      <tr className="dt-row" aria-rowindex={1}>
        {headers.map((header) => {
          const column = header.column;
          const sorted = column.getIsSorted();
          const label = String(column.columnDef.header ?? column.id);
          const kind = data.columns[column.id]?.kind;
          const className =
            [kind === 'number' ? 'dt-num' : '', classNames?.get(column.id) ?? '']
              .filter(Boolean)
              .join(' ') || undefined;
          if (!column.getCanSort())
            return (
              <th key={header.id} scope="col" className={className}>
                <span className="dt-label">{label}</span>
              </th>
            );
          return (
            <th
              key={header.id}
              scope="col"
              className={className}
              aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}
            >
              <button
                type="button"
                className="dt-sort"
                onClick={column.getToggleSortingHandler()}
                title={t('sortHint')}
              >
                <span>{label}</span>
                <span className="dt-sort-mark" aria-hidden="true">
                  {sorted === 'asc' ? '↑' : sorted === 'desc' ? '↓' : '↕'}
                  {multi && sorted ? column.getSortIndex() + 1 : ''}
                </span>
                {sorted ? (
                  <span className="visually-hidden">
                    {t(sorted === 'asc' ? 'sortedAsc' : 'sortedDesc')}
                  </span>
                ) : null}
              </button>
            </th>
          );
        })}
      </tr>
      {filters ? (
        <tr className="dt-row dt-filters" aria-rowindex={2}>
          {headers.map((header) => {
            const column = header.column;
            const label = String(column.columnDef.header ?? column.id);
            const value = column.getFilterValue();
            const extra = classNames?.get(column.id);
            if (data.columns[column.id]?.kind === 'number') {
              const range: NumberRange =
                typeof value === 'object' && value !== null
                  ? (value as NumberRange)
                  : { min: null, max: null };
              const set = (patch: Partial<NumberRange>) => {
                const next = { ...range, ...patch };
                column.setFilterValue(next.min === null && next.max === null ? undefined : next);
              };
              return (
                <td key={header.id} className={extra ? `dt-num ${extra}` : 'dt-num'}>
                  <div className="dt-range">
                    <FilterInput
                      type="number"
                      label={t('minOf', { column: label })}
                      placeholder={t('min')}
                      value={range.min === null ? '' : String(range.min)}
                      onCommit={(v) => set({ min: toNumber(v) })}
                    />
                    <FilterInput
                      type="number"
                      label={t('maxOf', { column: label })}
                      placeholder={t('max')}
                      value={range.max === null ? '' : String(range.max)}
                      onCommit={(v) => set({ max: toNumber(v) })}
                    />
                  </div>
                </td>
              );
            }
            return (
              <td key={header.id} className={extra}>
                <FilterInput
                  type="search"
                  label={t('filterText', { column: label })}
                  value={typeof value === 'string' ? value : ''}
                  onCommit={(v) => column.setFilterValue(v === '' ? undefined : v)}
                />
              </td>
            );
          })}
        </tr>
      ) : null}
    </thead>
  );
}
