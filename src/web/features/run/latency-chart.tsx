// Baseline vs tuned model latency, one pair of bars per task.
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { THEMED_TOOLTIP } from '../../components/chart-theme.ts';
import { ChartFrame } from '../../components/data-table/chart-frame.tsx';
import { useNumberFormats } from '../../components/data-table/number-format.ts';
import { RUN_NS } from './strings.ts';
import type { LatencyPoint } from './view-model.ts';

export function LatencyChart({ series }: { series: readonly LatencyPoint[] }) {
  const { t } = useTranslation(RUN_NS);
  const f = useNumberFormats();
  const title = series.length > 1 ? t('latency.perTask') : t('latency.title');
  return (
    <ChartFrame
      title={title}
      testId="latency-chart"
      table={{
        columns: [t('latency.task'), t('latency.baseline'), t('latency.tuned')],
        rows: series.map((p) => [p.task, f.ms(p.baselineMs), f.ms(p.tunedMs)]),
      }}
    >
      <BarChart
        responsive
        width="100%"
        height={Math.max(200, 90 + series.length * 60)}
        data={[...series]}
        layout="vertical"
        margin={{ left: 8, right: 24, top: 8, bottom: 8 }}
        title={title}
      >
        <CartesianGrid stroke="var(--border)" horizontal={false} />
        <XAxis type="number" tick={{ fill: 'var(--muted)' }} stroke="var(--border)" unit=" ms" />
        <YAxis
          type="category"
          dataKey="task"
          width={140}
          tick={{ fill: 'var(--fg)' }}
          stroke="var(--border)"
        />
        <Tooltip
          formatter={(v) => (typeof v === 'number' ? f.ms(v) : String(v))}
          {...THEMED_TOOLTIP}
        />
        <Legend />
        <Bar
          dataKey="baselineMs"
          name={t('latency.baseline')}
          fill="var(--neutral)"
          isAnimationActive={false}
        />
        <Bar
          dataKey="tunedMs"
          name={t('latency.tuned')}
          fill="var(--accent)"
          isAnimationActive={false}
        />
      </BarChart>
    </ChartFrame>
  );
}
