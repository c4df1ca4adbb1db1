// A chart with its data as a table: the table is always in the page for screen readers (visually
// hidden) and a toggle shows it instead of the chart. Recharts' accessibility layer makes the chart
// itself focusable, with arrow keys moving between data points.
import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DATA_TABLE_NS } from './strings.ts';
import './data-table.css';

export interface ChartTable {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly ReactNode[])[];
}

export function ChartFrame(props: {
  readonly title: string;
  readonly hint?: ReactNode;
  readonly table: ChartTable;
  readonly children: ReactNode;
  readonly testId?: string;
}) {
  const { title, hint, table, children, testId } = props;
  const { t } = useTranslation(DATA_TABLE_NS);
  const [asTable, setAsTable] = useState(false);
  const id = useId();
  return (
    <figure className="chart-frame card" data-testid={testId} aria-labelledby={id}>
      <figcaption className="chart-frame-head">
        <span id={id} className="chart-frame-title">
          {title}
        </span>
        <button type="button" aria-pressed={asTable} onClick={() => setAsTable((v) => !v)}>
          {t('showTable')}
        </button>
      </figcaption>
      {hint ? <p className="chart-frame-hint muted">{hint}</p> : null}
      {asTable ? null : <div className="chart-frame-body">{children}</div>}
      <table className={asTable ? 'chart-frame-table' : 'visually-hidden'}>
        <caption className="visually-hidden">{title}</caption>
        <thead>
          <tr>
            {table.columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row, i) => (
            <tr key={i}>
              {row.map((cell, j) =>
                j === 0 ? (
                  <th key={j} scope="row">
                    {cell}
                  </th>
                ) : (
                  <td key={j}>{cell}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
