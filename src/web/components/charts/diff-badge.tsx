// The one way a change is shown: ▼ always means faster / better, ▲ always slower / worse, and the
// word is always there, so neither the arrow's direction nor the colour has to be decoded. The
// number is a magnitude (no sign): the word says which way. Which changes are better is decided in
// core/model/compare.ts (labelDiff); the badge only shows that label.
import { useTranslation } from 'react-i18next';
import type { DiffLabel } from '../../../core/model/compare.ts';
import { CHARTS_NS } from './strings.ts';
import './charts.css';

/** `speed` for times (faster / slower), `quality` for anything else (better / worse). */
export type DiffSense = 'speed' | 'quality';

export const DIFF_GLYPH: Readonly<Record<DiffLabel, string>> = {
  improvement: '▼',
  regression: '▲',
  neutral: '=',
};

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

export function DiffBadge(props: {
  readonly label: DiffLabel;
  /** The size of the change, unsigned and formatted with its unit ("7.82 µs", "2.76%"). */
  readonly magnitude: string;
  readonly sense?: DiffSense;
  readonly testId?: string;
}) {
  const { label, magnitude, sense = 'speed', testId } = props;
  const { t } = useTranslation(CHARTS_NS);
  return (
    <span className={`diff-badge ${DIFF_CLASS[label]}`} data-label={label} data-testid={testId}>
      <span aria-hidden="true">{DIFF_GLYPH[label]}</span> {magnitude ? `${magnitude} ` : ''}
      <span className="diff-word">{t(WORD_KEY[sense][label])}</span>
    </span>
  );
}
