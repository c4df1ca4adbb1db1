// The knowledge base across runs: adds, updates and unsatisfied operators as bars, the hit rate
// as a line on its own axis.
import { useTranslation } from 'react-i18next';
import { Bar, CartesianGrid, ComposedChart, Legend, Line, Tooltip, XAxis, YAxis } from 'recharts';
import { THEMED_TOOLTIP } from '../../components/chart-theme.ts';
import type { KnowledgeBasePoint } from '../../../core/model/compare.ts';
import { ChartCard } from './chart-card.tsx';
import { useNumberFormats } from '../../components/number-format.ts';
import { COMPARE_NS } from './strings.ts';

export function KnowledgeBasePanel({
  points,
  short,
}: {
  points: readonly KnowledgeBasePoint[];
  short: ReadonlyMap<string, string>;
}) {
  const { t } = useTranslation(COMPARE_NS);
  const f = useNumberFormats();
  const known = points.filter((p) => p.total !== null);
  if (known.length === 0) return <p className="muted">{t('kb.none')}</p>;
  const data = known.map((p) => ({
    name: short.get(p.runId) ?? p.runId,
    add: p.add,
    update: p.update,
    unsatisfied: p.unsatisfied,
    hitRate: p.hitRate === null ? null : p.hitRate * 100,
  }));
  return (
    <section className="compare-panel" aria-labelledby="compare-kb-title">
      <h2 id="compare-kb-title" className="visually-hidden">
        {t('kb.title')}
      </h2>
      <ChartCard
        title={t('kb.title')}
        fileStem="knowledge-base-trend"
        testId="kb-chart"
        table={{
          columns: [
            t('kb.run'),
            t('kb.hitRate'),
            t('kb.hit'),
            t('kb.add'),
            t('kb.update'),
            t('kb.unsatisfied'),
            t('kb.total'),
          ],
          rows: known.map((p) => [
            `${short.get(p.runId) ?? ''} ${p.label}`,
            f.pct1(p.hitRate === null ? null : p.hitRate * 100),
            f.int(p.hit),
            f.int(p.add),
            f.int(p.update),
            f.int(p.unsatisfied),
            f.int(p.total),
          ]),
        }}
      >
        <ComposedChart
          responsive
          width="100%"
          height={280}
          data={data}
          margin={{ left: 8, right: 8, top: 8, bottom: 8 }}
        >
          <CartesianGrid stroke="var(--border)" vertical={false} />
          <XAxis dataKey="name" tick={{ fill: 'var(--fg)' }} stroke="var(--border)" />
          <YAxis
            yAxisId="n"
            allowDecimals={false}
            domain={[0, 'dataMax + 1']}
            tick={{ fill: 'var(--muted)' }}
            stroke="var(--border)"
          />
          <YAxis
            yAxisId="pct"
            orientation="right"
            domain={[0, 100]}
            unit="%"
            tick={{ fill: 'var(--muted)' }}
            stroke="var(--border)"
          />
          <Tooltip {...THEMED_TOOLTIP} />
          <Legend />
          <Bar
            yAxisId="n"
            dataKey="add"
            name={t('kb.add')}
            fill="var(--better)"
            isAnimationActive={false}
          />
          <Bar
            yAxisId="n"
            dataKey="update"
            name={t('kb.update')}
            fill="var(--neutral)"
            isAnimationActive={false}
          />
          <Bar
            yAxisId="n"
            dataKey="unsatisfied"
            name={t('kb.unsatisfied')}
            fill="var(--worse)"
            isAnimationActive={false}
          />
          <Line
            yAxisId="pct"
            dataKey="hitRate"
            name={t('kb.hitRate')}
            stroke="var(--fg)"
            strokeWidth={2}
            dot
            isAnimationActive={false}
          />
        </ComposedChart>
      </ChartCard>
    </section>
  );
}
