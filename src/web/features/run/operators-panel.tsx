// The operators tab: the diverging chart of the largest gains and regressions, then the full
// operator table (one row per operator per tuning dimension).
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { TuningTask } from '../../../core/model/types.ts';
import { DataTable, type DataTableColumn } from '../../components/data-table/data-table.tsx';
import { useNumberFormats } from '../../components/data-table/number-format.ts';
import type { TableViewState } from '../../components/data-table/url-state.ts';
import { GainsChart } from './gains-chart.tsx';
import { RUN_NS } from './strings.ts';
import { gainBars, operatorColumns, operatorRows } from './view-model.ts';

const DEFAULTS: Partial<TableViewState> = { sorting: [{ id: 'deltaUs', desc: false }] };

export function OperatorsPanel({ task }: { task: TuningTask }) {
  const { t } = useTranslation(RUN_NS);
  const f = useNumberFormats();
  const rows = useMemo(() => operatorRows(task), [task]);
  const data = useMemo(() => operatorColumns(rows), [rows]);
  const bars = useMemo(() => gainBars(rows), [rows]);

  const columns: DataTableColumn[] = useMemo(() => {
    const num = (v: number | null | undefined, format: (n: number) => string) =>
      v === null || v === undefined || Number.isNaN(v) ? '—' : format(v);
    return [
      {
        id: 'name',
        header: t('ops.name'),
        width: 'minmax(12rem, 3fr)',
        cell: (i) => (
          <span className="mono" title={rows[i]?.name}>
            {rows[i]?.name}
          </span>
        ),
      },
      { id: 'type', header: t('ops.type'), groupable: true },
      {
        id: 'dimension',
        header: t('ops.dimension'),
        groupable: true,
        width: 'minmax(8.5rem, 1fr)',
      },
      {
        id: 'beforeUs',
        header: t('ops.before'),
        cell: (i) => num(rows[i]?.beforeUs, f.us),
        sum: f.us,
      },
      {
        id: 'afterUs',
        header: t('ops.after'),
        cell: (i) => num(rows[i]?.afterUs, f.us),
        sum: f.us,
      },
      {
        id: 'deltaUs',
        header: t('ops.delta'),
        sortDescFirst: false,
        cell: (i) => {
          const r = rows[i];
          if (!r) return null;
          const cls =
            r.label === 'improvement' ? 'better' : r.label === 'regression' ? 'worse' : 'neutral';
          const glyph = r.label === 'improvement' ? '▲' : r.label === 'regression' ? '▼' : '';
          return (
            <span className={cls}>
              {glyph ? (
                <>
                  <span aria-hidden="true">{glyph} </span>
                  <span className="visually-hidden">
                    {t(r.label === 'improvement' ? 'ops.faster' : 'ops.slower')}{' '}
                  </span>
                </>
              ) : null}
              {f.signedUs(r.deltaUs)}
            </span>
          );
        },
        sum: f.signedUs,
      },
      {
        id: 'improvementPct',
        header: t('ops.improvement'),
        width: 'minmax(9.5rem, 1fr)',
        cell: (i) => num(rows[i]?.improvementPct, f.pct),
      },
      { id: 'speedup', header: t('ops.speedup'), cell: (i) => num(rows[i]?.speedup, f.times) },
      {
        id: 'action',
        header: t('ops.action'),
        groupable: true,
        width: 'minmax(8.5rem, 1fr)',
        cell: (i) => {
          const a = rows[i]?.action;
          return a === 'add' || a === 'update' ? t(`repo.action.${a}`) : '—';
        },
      },
    ];
  }, [rows, t, f]);

  if (rows.length === 0) return <p className="muted">{t('ops.noOperators')}</p>;
  return (
    <div className="run-operators">
      {bars.length > 0 ? <GainsChart bars={bars} /> : <p className="muted">{t('ops.noChanges')}</p>}
      <DataTable
        label={t('ops.table')}
        data={data}
        columns={columns}
        urlKey="ops"
        defaults={DEFAULTS}
        testId="operators-table"
      />
    </div>
  );
}
