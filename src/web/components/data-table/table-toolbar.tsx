// Above the table: global search, group-by, column visibility, and how many rows are shown.
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReactTable } from '@tanstack/react-table';
import type { ColumnarData } from './columnar.ts';
import { DATA_TABLE_NS } from './strings.ts';
import type { ColumnSpec, RowRef, features } from './use-table-view.ts';

type Table = ReactTable<typeof features, RowRef>;

export function TableToolbar(props: {
  table: Table;
  columns: readonly ColumnSpec[];
  data: ColumnarData;
  shown: number;
  search: string;
  onClear: () => void;
  /** After the row count: the cue for columns out of view, so it takes no line of its own. */
  children?: ReactNode;
}) {
  const { table, columns, data, shown, search, onClear } = props;
  const { t, i18n } = useTranslation(DATA_TABLE_NS);
  const [text, setText] = useState(search);
  useEffect(() => setText(search), [search]);
  const groupable = table.getAllLeafColumns().filter((c) => c.getCanGroup());
  const grouped = table.state.grouping[0] ?? '';
  const headerOf = (id: string) => columns.find((c) => c.id === id)?.header ?? id;
  const nf = new Intl.NumberFormat(i18n.language);
  const filtered = table.state.columnFilters.length > 0 || search !== '';
  return (
    <div className="dt-toolbar">
      <input
        type="search"
        className="dt-search"
        aria-label={t('search')}
        placeholder={t('searchPlaceholder')}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          table.setGlobalFilter(e.target.value);
        }}
      />
      {groupable.length > 0 ? (
        <label className="dt-inline">
          {t('groupBy')}
          <select
            value={grouped}
            onChange={(e) => table.setGrouping(e.target.value ? [e.target.value] : [])}
          >
            <option value="">{t('noGrouping')}</option>
            {groupable.map((c) => (
              <option key={c.id} value={c.id}>
                {headerOf(c.id)}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <details className="dt-columns">
        <summary>{t('columns')}</summary>
        <fieldset>
          <legend className="visually-hidden">{t('columns')}</legend>
          {table.getAllLeafColumns().map((c) => (
            <label key={c.id} className="dt-inline">
              <input
                type="checkbox"
                checked={c.getIsVisible()}
                disabled={!c.getCanHide()}
                onChange={(e) => c.toggleVisibility(e.target.checked)}
              />
              {headerOf(c.id)}
            </label>
          ))}
        </fieldset>
      </details>
      {filtered ? (
        <button type="button" onClick={onClear}>
          {t('clear')}
        </button>
      ) : null}
      <span className="dt-status muted" role="status" aria-live="polite">
        {t('rowsShown', { shown: nf.format(shown), total: nf.format(data.rowCount) })}
      </span>
      {props.children}
    </div>
  );
}
