// Diverging bars that stay readable at thousands of items: the user picks how many of the largest
// gains and losses to draw, the chart says how many it leaves out, names are shortened in the
// middle (start and end kept) with the full name on hover and on keyboard focus, and each bar
// carries ▼/▲ and a number besides its colour.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DiffLabel } from '../../../core/model/compare.ts';
import { useNumberFormats } from '../number-format.ts';
import { ChartCard } from './chart-card.tsx';
import { DIFF_GLYPH, useDiffText } from './diff-badge.tsx';
import { divergingView, middleEllipsis, type DivergingItem } from './layout.ts';
import { CHARTS_NS } from './strings.ts';
import { useWidth } from './use-width.ts';

const TOP_N = [10, 20, 50, 100] as const;
const ROW = 22;
// Names are drawn in the monospace font at 12 px; 7.8 px a character leaves room for wide glyphs.
const CHAR_PX = 7.8;
// An attribute, not the .mono class: the class sets its own font size, and exports keep attributes.
const MONO = "ui-monospace, 'SFMono-Regular', Menlo, Consolas, 'Liberation Mono', monospace";
const COLOR: Readonly<Record<DiffLabel, string>> = {
  improvement: 'var(--better)',
  regression: 'var(--worse)',
  neutral: 'var(--neutral)',
};

export function DivergingBars(props: {
  readonly title: string;
  readonly runNames: readonly string[];
  readonly items: readonly DivergingItem[];
  /** The magnitude with its unit ("7.82 µs"). */
  readonly format: (magnitude: number) => string;
  /** A heading for the name column of the table fallback. */
  readonly nameHeader: string;
  readonly valueHeader: string;
  readonly exportName: string;
  readonly testId?: string;
  readonly defaultTopN?: number;
}) {
  const { title, runNames, items, format, exportName, testId } = props;
  const { t } = useTranslation(CHARTS_NS);
  const diffText = useDiffText();
  const f = useNumberFormats();
  const [topN, setTopN] = useState(props.defaultTopN ?? 10);
  const view = useMemo(() => divergingView(items, topN), [items, topN]);
  const [focused, setFocused] = useState<DivergingItem | null>(null);
  const [box, width] = useWidth<HTMLDivElement>();

  const labelWidth = Math.max(110, Math.min(340, Math.round(width * 0.36)));
  const maxChars = Math.max(8, Math.floor((labelWidth - 12) / CHAR_PX));
  const valueRoom = 78;
  const half = Math.max(30, (width - labelWidth) / 2 - valueRoom);
  const axis = labelWidth + valueRoom + half;
  const max = Math.max(...view.shown.map((i) => Math.abs(i.value)), 1e-12);
  const height = view.shown.length * ROW + 8;
  const textOf = (i: DivergingItem) => diffText(i.kind, format(Math.abs(i.value)));

  const controls = (
    <label className="chart-inline">
      {t('topN')}
      <select value={topN} onChange={(e) => setTopN(Number(e.target.value))}>
        {TOP_N.map((n) => (
          <option key={n} value={n}>
            {t('topNOption', { count: n })}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <ChartCard
      title={title}
      runNames={runNames}
      legend={[
        { label: t('legend.better'), color: COLOR.improvement },
        { label: t('legend.worse'), color: COLOR.regression },
      ]}
      controls={controls}
      exportName={exportName}
      testId={testId}
      table={{
        columns: [props.nameHeader, props.valueHeader],
        rows: view.shown.map((i) => [i.label, textOf(i)]),
      }}
      hint={
        <span data-testid="diverging-counts">
          {t('shown', {
            faster: f.int(view.faster.shown),
            fasterTotal: f.int(view.faster.total),
            slower: f.int(view.slower.shown),
            slowerTotal: f.int(view.slower.total),
            hidden: f.int(view.hidden),
            unchanged: f.int(view.unchanged),
          })}
        </span>
      }
    >
      <div ref={box} className="diverging">
        <svg
          width={width}
          height={height}
          viewBox={`0 0 ${width} ${height}`}
          role="list"
          aria-label={title}
          className="diverging-svg"
        >
          <line x1={axis} x2={axis} y1={0} y2={height} stroke="var(--muted)" />
          {view.shown.map((item, row) => {
            const y = row * ROW + 4;
            const len = (Math.abs(item.value) / max) * half;
            const right = item.value >= 0;
            const x = right ? axis : axis - len;
            const text = textOf(item);
            return (
              <g
                key={item.id}
                role="listitem"
                tabIndex={0}
                aria-label={`${item.label}: ${text}`}
                className="diverging-row"
                data-kind={item.kind}
                onFocus={() => setFocused(item)}
                onMouseEnter={() => setFocused(item)}
              >
                <title>{`${item.label}\n${text}`}</title>
                <rect x={0} y={y - 2} width={width} height={ROW} fill="transparent" />
                <text
                  x={labelWidth - 8}
                  y={y + 13}
                  textAnchor="end"
                  fontSize={12}
                  fill="var(--fg)"
                  fontFamily={MONO}
                >
                  {middleEllipsis(item.label, maxChars)}
                </text>
                <rect
                  x={x}
                  y={y + 2}
                  width={Math.max(1, len)}
                  height={ROW - 8}
                  fill={COLOR[item.kind]}
                />
                <text
                  x={right ? axis + len + 4 : axis - len - 4}
                  y={y + 13}
                  textAnchor={right ? 'start' : 'end'}
                  fontSize={11}
                  fill="var(--fg)"
                >
                  {`${DIFF_GLYPH[item.kind]} ${format(Math.abs(item.value))}`}
                </text>
              </g>
            );
          })}
        </svg>
        <p className="diverging-focus muted" aria-live="polite" data-testid="diverging-focus">
          {focused ? (
            <>
              <span className="mono">{focused.label}</span> — {textOf(focused)}
            </>
          ) : (
            t('hoverHint')
          )}
        </p>
      </div>
    </ChartCard>
  );
}
