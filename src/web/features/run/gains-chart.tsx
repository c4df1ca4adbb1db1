// Diverging bars of µs saved per operator row: gains to the right in the "better" colour with ▲,
// regressions to the left in the "worse" colour with ▼ (glyphs in the labels, so colour is never
// the only cue).
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Cell, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { THEMED_TOOLTIP } from '../../components/chart-theme.ts';
import { ChartFrame } from '../../components/data-table/chart-frame.tsx';
import { useNumberFormats } from '../../components/data-table/number-format.ts';
import { RUN_NS } from './strings.ts';
import type { GainBar } from './view-model.ts';

const glyphOf = (kind: GainBar['kind']) =>
  kind === 'improvement' ? '▲' : kind === 'regression' ? '▼' : '';

export function GainsChart({ bars }: { bars: readonly GainBar[] }) {
  const { t } = useTranslation(RUN_NS);
  const f = useNumberFormats();
  const data = bars.map((b) => ({ ...b, tick: `${glyphOf(b.kind)} ${b.label}` }));
  return (
    <ChartFrame
      title={t('ops.gains')}
      hint={t('ops.gainsHint')}
      testId="gains-chart"
      table={{
        columns: [t('ops.name'), t('ops.savedUs')],
        rows: bars.map((b) => [
          b.label,
          `${glyphOf(b.kind)} ${f.signedUs(b.savedUs)} (${t(b.kind === 'improvement' ? 'ops.faster' : 'ops.slower')})`,
        ]),
      }}
    >
      <BarChart
        responsive
        width="100%"
        height={Math.max(160, 40 + data.length * 28)}
        data={data}
        layout="vertical"
        margin={{ left: 8, right: 24, top: 8, bottom: 8 }}
        title={t('ops.gains')}
      >
        <CartesianGrid stroke="var(--border)" horizontal={false} />
        <XAxis type="number" tick={{ fill: 'var(--muted)' }} stroke="var(--border)" unit=" µs" />
        <YAxis
          type="category"
          dataKey="tick"
          width={220}
          tick={{ fill: 'var(--fg)', fontSize: 12 }}
          stroke="var(--border)"
          interval={0}
        />
        <ReferenceLine x={0} stroke="var(--muted)" />
        <Tooltip
          formatter={(v) => (typeof v === 'number' ? `${f.signedUs(v)} µs` : String(v))}
          {...THEMED_TOOLTIP}
        />
        <Bar dataKey="savedUs" name={t('ops.savedUs')} isAnimationActive={false}>
          {data.map((d, i) => (
            <Cell key={i} fill={d.kind === 'regression' ? 'var(--worse)' : 'var(--better)'} />
          ))}
        </Bar>
      </BarChart>
    </ChartFrame>
  );
}
