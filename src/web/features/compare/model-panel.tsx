// Model level: each run's AOE baseline and tuned latency, and its Δ against the pinned baseline
// run, as a table and a chart. Colours and glyphs come from core's label of each diff.
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Cell, Tooltip, XAxis, YAxis } from 'recharts';
import { THEMED_TOOLTIP } from '../../components/chart-theme.ts';
import type { ModelRow } from '../../../core/model/compare.ts';
import { ChartCard } from './chart-card.tsx';
import { useNumberFormats } from '../../components/number-format.ts';
import { COMPARE_NS } from './strings.ts';
import {
  DIFF_CLASS,
  DIFF_GLYPH,
  DiffBadge,
  useChangeSize,
} from '../../components/charts/diff-badge.tsx';

const FILL = {
  improvement: 'var(--better)',
  neutral: 'var(--neutral)',
  regression: 'var(--worse)',
} as const;

export function ModelPanel({
  rows,
  short,
}: {
  rows: readonly ModelRow[];
  short: ReadonlyMap<string, string>;
}) {
  const { t } = useTranslation(COMPARE_NS);
  const f = useNumberFormats();
  const changeSize = useChangeSize();
  const data = rows.map((m) => ({
    name: short.get(m.runId) ?? m.runId,
    tunedMs: m.tunedMs ?? m.baselineMs,
    label: m.isBaseline ? 'neutral' : m.label,
  }));
  // Room for the longest run name on one line (names are model and time, ~20 characters).
  const axisWidth = Math.min(
    220,
    Math.max(60, 16 + 7.5 * Math.max(0, ...data.map((d) => d.name.length))),
  );
  return (
    <section className="compare-panel" aria-labelledby="compare-model-title">
      <h2 id="compare-model-title">{t('model.title')}</h2>
      <div className="table-scroll">
        <table className="compare-table" data-testid="model-table">
          <thead>
            <tr>
              <th scope="col">{t('model.run')}</th>
              <th scope="col" className="num">
                {t('model.aoeBaseline')}
              </th>
              <th scope="col" className="num">
                {t('model.tuned')}
              </th>
              <th scope="col" className="num">
                {t('model.delta')}
              </th>
              <th scope="col" className="num">
                {t('model.deltaPct')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((m) => {
              const d = m.diff;
              const cls = m.isBaseline ? '' : DIFF_CLASS[m.label];
              return (
                <tr key={m.runId} data-run={m.runId}>
                  <th scope="row">
                    <span className="run-tag">{short.get(m.runId)}</span> {m.runLabel}
                    {m.isBaseline ? <span className="badge">{t('model.isBaseline')}</span> : null}
                  </th>
                  <td className="num">{f.ms(m.baselineMs)}</td>
                  <td className="num">{f.ms(m.tunedMs)}</td>
                  <td className="num" data-testid="model-delta">
                    {m.isBaseline || d.kind !== 'numeric' ? (
                      '—'
                    ) : (
                      <DiffBadge label={m.label} magnitude={f.ms(Math.abs(d.delta))} />
                    )}
                  </td>
                  <td className={`num ${cls}`} data-testid="model-delta-pct">
                    {m.isBaseline || d.kind !== 'numeric' || changeSize(d.base, d.cand) === ''
                      ? '—'
                      : `${DIFF_GLYPH[m.label]} ${changeSize(d.base, d.cand)}`}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <ChartCard
        title={t('model.chart')}
        fileStem="model-latency"
        testId="model-chart"
        table={{
          columns: [t('model.run'), t('model.tuned')],
          rows: rows.map((m) => [m.runLabel, f.ms(m.tunedMs)]),
        }}
      >
        <BarChart
          responsive
          width="100%"
          height={Math.max(180, 70 + rows.length * 44)}
          data={data}
          layout="vertical"
          margin={{ left: 8, right: 24, top: 8, bottom: 8 }}
        >
          <CartesianGrid stroke="var(--border)" horizontal={false} />
          <XAxis type="number" tick={{ fill: 'var(--muted)' }} stroke="var(--border)" unit=" ms" />
          <YAxis
            type="category"
            dataKey="name"
            width={axisWidth}
            tick={{ fill: 'var(--fg)' }}
            stroke="var(--border)"
          />
          <Tooltip
            formatter={(v) => (typeof v === 'number' ? f.ms(v) : String(v))}
            {...THEMED_TOOLTIP}
          />
          <Bar dataKey="tunedMs" name={t('model.tuned')} isAnimationActive={false}>
            {data.map((d) => (
              <Cell key={d.name} fill={FILL[d.label]} />
            ))}
          </Bar>
        </BarChart>
      </ChartCard>
    </section>
  );
}
