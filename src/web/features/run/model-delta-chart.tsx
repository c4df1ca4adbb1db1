// The model's latency change on an axis that shows it: each task's baseline and tuned latency on
// an axis zoomed around the two (113.589 → 113.237 ms would be two identical bars from 0), the
// baseline marked, the change drawn and labeled ▼ faster / ▲ slower with its size.
import { useTranslation } from 'react-i18next';
import { ChartCard } from '../../components/charts/chart-card.tsx';
import { DIFF_CLASS, useDiffText } from '../../components/charts/diff-badge.tsx';
import { niceTicks } from '../../components/charts/layout.ts';
import { useWidth } from '../../components/charts/use-width.ts';
import { useNumberFormats } from '../../components/number-format.ts';
import { RUN_NS } from './strings.ts';
import type { ModelDelta } from './view-model.ts';

const ROW = 80;
const COLOR = {
  improvement: 'var(--better)',
  regression: 'var(--worse)',
  neutral: 'var(--neutral)',
};

export function ModelDeltaChart(props: {
  readonly deltas: readonly ModelDelta[];
  readonly fileName: string;
}) {
  const { deltas, fileName } = props;
  const { t } = useTranslation(RUN_NS);
  const f = useNumberFormats();
  const diffText = useDiffText();
  const [box, width] = useWidth<HTMLDivElement>();
  const title = deltas.length > 1 ? t('delta.perTask') : t('delta.title');
  const left = 44;
  // Room for the last tick's label, centred on its tick.
  const right = 44;
  const height = deltas.length * ROW;
  const change = (d: ModelDelta) =>
    diffText(
      d.label,
      `${f.ms(Math.abs(d.tunedMs - d.baselineMs))} (${f.pct(Math.abs(d.savedPct))})`,
    );
  return (
    <ChartCard
      title={title}
      runNames={[fileName]}
      legend={[
        { label: t('delta.baselineMark'), color: 'var(--fg)' },
        { label: t('delta.tunedMark'), color: 'var(--accent)' },
      ]}
      hint={t('delta.zoomNote')}
      exportName={`${deltas[0]?.task ?? 'run'}-model-latency`}
      testId="latency-chart"
      table={{
        columns: [t('latency.task'), t('latency.baseline'), t('latency.tuned'), t('delta.change')],
        rows: deltas.map((d) => [d.task, f.ms(d.baselineMs), f.ms(d.tunedMs), change(d)]),
      }}
    >
      <div ref={box}>
        <svg width={width} height={height} role="img" aria-label={title}>
          {deltas.map((d, row) => {
            const lo = Math.min(d.baselineMs, d.tunedMs);
            const hi = Math.max(d.baselineMs, d.tunedMs);
            const margin = Math.max((hi - lo) * 0.6, hi * 0.0005, 1e-6);
            const ticks = niceTicks(lo - margin, hi + margin, Math.max(3, Math.floor(width / 120)));
            const min = Math.min(lo - margin, ticks[0] ?? lo);
            const max = Math.max(hi + margin, ticks.at(-1) ?? hi);
            const x = (v: number) => left + ((v - min) / (max - min)) * (width - left - right);
            const y0 = row * ROW;
            const mid = y0 + 44;
            const xb = x(d.baselineMs);
            const xt = x(d.tunedMs);
            const color = COLOR[d.label];
            const anchorB = xb > xt ? 'start' : 'end';
            const anchorT = xb > xt ? 'end' : 'start';
            return (
              <g key={d.task} data-testid="delta-row">
                <text x={left} y={y0 + 14} fontSize={12} fill="var(--fg)" fontWeight={600}>
                  {`${d.task}: `}
                  <tspan className={DIFF_CLASS[d.label]} fill={color}>
                    {change(d)}
                  </tspan>
                </text>
                <line x1={left} x2={width - right} y1={mid} y2={mid} stroke="var(--border)" />
                {ticks.map((v) => (
                  <g key={v}>
                    <line x1={x(v)} x2={x(v)} y1={mid - 3} y2={mid + 3} stroke="var(--muted)" />
                    <text
                      x={x(v)}
                      y={mid + 18}
                      fontSize={11}
                      textAnchor="middle"
                      fill="var(--muted)"
                    >
                      {f.ms(v)}
                    </text>
                  </g>
                ))}
                <line
                  x1={xb}
                  x2={xb}
                  y1={mid - 20}
                  y2={mid + 6}
                  stroke="var(--fg)"
                  strokeWidth={2}
                  strokeDasharray="4 2"
                />
                <text
                  x={xb + (anchorB === 'start' ? 4 : -4)}
                  y={mid - 22}
                  fontSize={11}
                  textAnchor={anchorB}
                  fill="var(--fg)"
                >
                  {`${t('delta.baselineMark')} ${f.ms(d.baselineMs)}`}
                </text>
                <rect
                  x={Math.min(xb, xt)}
                  y={mid - 6}
                  width={Math.max(1, Math.abs(xt - xb))}
                  height={12}
                  fill={color}
                  opacity={0.85}
                />
                <circle cx={xt} cy={mid} r={6} fill="var(--accent)" stroke="var(--surface)" />
                <text
                  x={xt + (anchorT === 'start' ? 8 : -8)}
                  y={mid - 10}
                  fontSize={11}
                  textAnchor={anchorT}
                  fill="var(--fg)"
                >
                  {`${t('delta.tunedMark')} ${f.ms(d.tunedMs)}`}
                </text>
              </g>
            );
          })}
        </svg>
      </div>
    </ChartCard>
  );
}
