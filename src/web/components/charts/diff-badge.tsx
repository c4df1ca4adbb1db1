// The one way a change is shown: ▼ always means faster / better, ▲ always slower / worse, and the
// word is always there, so neither the arrow's direction nor the colour has to be decoded. The
// number is a magnitude (no sign): the word says which way. Which changes are better is decided in
// core/model/compare.ts (labelDiff); the glyphs and the size rule come from core/model/change-words.ts.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { DiffLabel } from '../../../core/model/compare.ts';
import {
  changeSize,
  DIFF_GLYPH,
  type ChangeSize,
  type DiffSense,
} from '../../../core/model/change-words.ts';
import { CHARTS_NS } from './strings.ts';
import './charts.css';

export { DIFF_GLYPH, type DiffSense };

export const DIFF_CLASS: Readonly<Record<DiffLabel, string>> = {
  improvement: 'better',
  regression: 'worse',
  neutral: 'neutral',
};

const WORD_KEY: Readonly<Record<DiffSense, Readonly<Record<DiffLabel, string>>>> = {
  speed: { improvement: 'diff.faster', regression: 'diff.slower', neutral: 'diff.unchanged' },
  quality: { improvement: 'diff.better', regression: 'diff.worse', neutral: 'diff.same' },
};

/** The badge's words as plain text ("▼ 7.82 µs faster"), for tables, titles and exports. */
export function useDiffText(): (label: DiffLabel, magnitude: string, sense?: DiffSense) => string {
  const { t } = useTranslation(CHARTS_NS);
  return (label, magnitude, sense = 'speed') =>
    `${DIFF_GLYPH[label]} ${magnitude ? `${magnitude} ` : ''}${t(WORD_KEY[sense][label])}`;
}

/**
 * The size of a change in time in the UI language: "12.34%" of the baseline below 2×, "9.51×"
 * from 2× on (see `changeSize`); "" when it cannot be computed.
 */
export function useChangeSize(): (
  base: number | null | undefined,
  cand: number | null | undefined,
) => string {
  const { i18n } = useTranslation();
  const lang = i18n.language;
  return useMemo(() => {
    const nf = new Intl.NumberFormat(lang, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    const text = (s: ChangeSize | null) =>
      s === null ? '' : s.kind === 'factor' ? `${nf.format(s.value)}×` : `${nf.format(s.value)}%`;
    return (base, cand) => text(changeSize(base, cand));
  }, [lang]);
}

export function DiffBadge(props: {
  readonly label: DiffLabel;
  /** The size of the change, unsigned and formatted with its unit ("7.82 µs", "2.76%"). */
  readonly magnitude: string;
  readonly sense?: DiffSense;
  readonly testId?: string;
  /** Extra words for a tooltip (e.g. the figure the file itself states). */
  readonly title?: string;
}) {
  const { label, magnitude, sense = 'speed', testId, title } = props;
  const { t } = useTranslation(CHARTS_NS);
  const size = magnitude ? `${magnitude} ` : '';
  return (
    <span
      className={`diff-badge ${DIFF_CLASS[label]}`}
      data-label={label}
      data-testid={testId}
      title={title}
    >
      <span aria-hidden="true">{DIFF_GLYPH[label]}</span> {size}
      <span className="diff-word">{t(WORD_KEY[sense][label])}</span>
    </span>
  );
}
