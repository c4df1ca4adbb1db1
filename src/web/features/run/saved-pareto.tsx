// Time saved by operator as a Pareto: the largest gains first, the rest of the gains in one bar,
// and the running share of all time saved, so one sees how few operators bought the gain.
import { useTranslation } from 'react-i18next';
import { ChartCard } from '../../components/charts/chart-card.tsx';
import { middleEllipsis } from '../../components/charts/layout.ts';
import { CHARTS_NS } from '../../components/charts/strings.ts';
import { useWidth } from '../../components/charts/use-width.ts';
import { useNumberFormats } from '../../components/number-format.ts';
import { RUN_NS } from './strings.ts';
import type { ParetoBar } from './view-model.ts';

const ROW = 22;

export function SavedPareto(props: {
  readonly bars: readonly ParetoBar[];
  readonly runName: string;
  readonly totalSavedUs: number;
}) {
  const { bars, runName, totalSavedUs } = props;
  const { t } = useTranslation(RUN_NS);
  const { t: tc } = useTranslation(CHARTS_NS);
  const f = useNumberFormats();
  const [box, width] = useWidth<HTMLDivElement>();
  const title = t('pareto.title', { total: `${f.us(totalSavedUs)} µs` });
  const labelOf = (b: ParetoBar) => (b.name === null ? tc('others', { count: b.rows }) : b.label);
  const labelWidth = Math.max(110, Math.min(300, Math.round(width * 0.32)));
  const shareWidth = 64;
  const valueRoom = 76;
  const barMax = Math.max(20, width - labelWidth - shareWidth - valueRoom);
  const max = Math.max(...bars.map((b) => b.savedUs), 1e-12);
  const height = bars.length * ROW + 24;
  return (
    <ChartCard
      title={title}
      runNames={[runName]}
      legend={[{ label: tc('legend.better'), color: 'var(--better)' }]}
      hint={t('pareto.hint')}
      exportName={`${runName}-time-saved`}
      testId="pareto-chart"
      table={{
        columns: [t('ops.name'), t('ops.savedUs'), tc('cumulative')],
        rows: bars.map((b) => [labelOf(b), f.us(b.savedUs), f.share(b.cumulative)]),
      }}
    >
      <div ref={box}>
        <svg width={width} height={height} role="img" aria-label={title}>
          <text x={width - 4} y={12} fontSize={11} textAnchor="end" fill="var(--muted)">
            {tc('cumulative')}
          </text>
          {bars.map((b, i) => {
            const y = 20 + i * ROW;
            const len = (b.savedUs / max) * barMax;
            const label = labelOf(b);
            return (
              <g key={`${label}-${i}`}>
                <title>{`${label}: ${f.us(b.savedUs)} µs, ${f.share(b.cumulative)}`}</title>
                <text
                  x={labelWidth - 8}
                  y={y + 13}
                  fontSize={12}
                  textAnchor="end"
                  fill={b.name === null ? 'var(--muted)' : 'var(--fg)'}
                >
                  {middleEllipsis(label, Math.floor((labelWidth - 12) / 7.4))}
                </text>
                <rect
                  x={labelWidth}
                  y={y + 3}
                  width={Math.max(1, len)}
                  height={ROW - 8}
                  fill="var(--better)"
                  opacity={b.name === null ? 0.5 : 1}
                />
                <text x={labelWidth + len + 4} y={y + 13} fontSize={11} fill="var(--fg)">
                  {`▼ ${f.us(b.savedUs)} µs`}
                </text>
                <text x={width - 4} y={y + 13} fontSize={11} textAnchor="end" fill="var(--muted)">
                  {f.share(b.cumulative)}
                </text>
              </g>
            );
          })}
        </svg>
      </div>
    </ChartCard>
  );
}
