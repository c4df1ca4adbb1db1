// The card every chart sits in: title, the run(s) it shows, a legend that never relies on colour
// alone, SVG and PNG export (the files carry the title, legend and run names too), and the data as
// a table — always in the page for screen readers, and shown instead of the chart on request.
import { useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChartTable } from '../data-table/chart-frame.tsx';
import { exportPng, exportSvg } from './export.ts';
import { CHARTS_NS } from './strings.ts';
import './charts.css';

export interface LegendItem {
  readonly label: string;
  /** A colour or `var(--name)`. */
  readonly color: string;
}

export function ChartCard(props: {
  readonly title: string;
  readonly runNames: readonly string[];
  readonly legend?: readonly LegendItem[];
  readonly hint?: ReactNode;
  /** Controls of the chart (top-N choice, …), placed in the header. */
  readonly controls?: ReactNode;
  readonly table: ChartTable;
  /** File name of exports, without extension. */
  readonly exportName: string;
  readonly testId?: string;
  readonly children: ReactNode;
}) {
  const { title, runNames, legend = [], hint, controls, table, exportName, testId } = props;
  const { t } = useTranslation(CHARTS_NS);
  const [asTable, setAsTable] = useState(false);
  const body = useRef<HTMLDivElement>(null);
  const id = useId();
  const subtitle = t('runs', { names: runNames.join(', ') });
  const request = () => {
    const svg = body.current?.querySelector('svg');
    return svg ? { svg, title, subtitle, legend, fileName: exportName } : null;
  };
  return (
    <figure className="chart-card card" data-testid={testId} aria-labelledby={id}>
      <figcaption className="chart-card-head">
        <div className="chart-card-titles">
          <span id={id} className="chart-card-title">
            {title}
          </span>
          <span className="chart-card-runs muted" data-testid="chart-runs">
            {subtitle}
          </span>
        </div>
        <div className="chart-card-tools">
          {controls}
          <button type="button" aria-pressed={asTable} onClick={() => setAsTable((v) => !v)}>
            {t('table')}
          </button>
          <button
            type="button"
            title={t('exportHint')}
            disabled={asTable}
            onClick={() => {
              const r = request();
              if (r) exportSvg(r);
            }}
          >
            {t('exportSvg')}
          </button>
          <button
            type="button"
            title={t('exportHint')}
            disabled={asTable}
            onClick={() => {
              const r = request();
              if (r) void exportPng(r);
            }}
          >
            {t('exportPng')}
          </button>
        </div>
      </figcaption>
      {legend.length > 0 ? (
        <ul className="chart-card-legend" aria-label={title}>
          {legend.map((l) => (
            <li key={l.label}>
              <span className="chart-card-swatch" style={{ background: l.color }} aria-hidden />
              {l.label}
            </li>
          ))}
        </ul>
      ) : null}
      {hint ? <p className="chart-card-hint muted">{hint}</p> : null}
      {asTable ? null : (
        <div className="chart-card-body" ref={body}>
          {props.children}
        </div>
      )}
      <table className={asTable ? 'chart-card-table' : 'visually-hidden'}>
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
