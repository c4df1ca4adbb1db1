// The operators tab: the full operator table (one row per operator per tuning dimension) first,
// so rows show above the fold on a laptop screen, then the diverging chart of the largest gains
// and regressions (top N chosen by the user, the rest counted). Changes read as ▼ faster / ▲ slower with words, never as a bare signed number.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { TuningTask } from '../../../core/model/types.ts';
import { DataTable, type DataTableColumn } from '../../components/data-table/data-table.tsx';
import { useNumberFormats } from '../../components/number-format.ts';
import type { TableViewState } from '../../components/data-table/url-state.ts';
import { DiffBadge, useChangeSize } from '../../components/charts/diff-badge.tsx';
import { DivergingBars } from '../../components/charts/diverging-bars.tsx';
import { RUN_NS } from './strings.ts';
import { gainItems, operatorColumns, operatorRows, outcomeCounts } from './view-model.ts';

const DEFAULTS: Partial<TableViewState> = { sorting: [{ id: 'deltaUs', desc: false }] };

export function OperatorsPanel({ task }: { task: TuningTask }) {
  const { t } = useTranslation(RUN_NS);
  const f = useNumberFormats();
  const changeSize = useChangeSize();
  const rows = useMemo(() => operatorRows(task), [task]);
  const data = useMemo(() => operatorColumns(rows), [rows]);
  const items = useMemo(() => gainItems(rows), [rows]);
  const counts = useMemo(() => outcomeCounts(rows), [rows]);

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
        // Room for "▲ 1,234.56 µs slower" (and the Chinese words) without an ellipsis.
        width: 'minmax(10.5rem, 1.2fr)',
        cell: (i) => {
          const r = rows[i];
          if (!r) return null;
          return <DiffBadge label={r.label} magnitude={`${f.us(Math.abs(r.deltaUs))} µs`} />;
        },
        sum: f.signedUs,
      },
      {
        id: 'improvementPct',
        header: t('ops.improvement'),
        width: 'minmax(9.5rem, 1fr)',
        // The size of the change from the row's own times (a factor from 2× on, so "-851.38%"
        // reads "9.51× slower"); AOE's stated figure is kept in the tooltip.
        cell: (i) => {
          const r = rows[i];
          const v = r?.improvementPct;
          if (!r || v === null || v === undefined || Number.isNaN(v)) return '—';
          const fromTimes = changeSize(r.beforeUs, r.afterUs);
          const stated = v > 0 ? 'improvement' : v < 0 ? 'regression' : 'neutral';
          const label = fromTimes ? r.label : stated;
          const size = fromTimes || f.pct(Math.abs(v));
          return (
            <DiffBadge
              label={label}
              magnitude={size}
              title={t('ops.stated', { value: f.pct(v) })}
            />
          );
        },
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
  }, [rows, t, f, changeSize]);

  if (rows.length === 0) return <p className="muted">{t('ops.noOperators')}</p>;
  return (
    <div className="run-operators">
      <DataTable
        label={t('ops.table')}
        data={data}
        columns={columns}
        urlKey="ops"
        defaults={DEFAULTS}
        testId="operators-table"
      />
      {counts.faster + counts.slower > 0 ? (
        <DivergingBars
          title={t('ops.gains')}
          runNames={[task.name]}
          items={items}
          format={(v) => `${f.us(v)} µs`}
          nameHeader={t('ops.name')}
          valueHeader={t('ops.savedUs')}
          exportName={`${task.name}-operator-gains`}
          testId="gains-chart"
        />
      ) : (
        <p className="muted">{t('ops.noChanges')}</p>
      )}
    </div>
  );
}
