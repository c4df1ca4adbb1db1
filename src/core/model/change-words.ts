// The one mapping from a labelled change to what a reader sees: ▼ always means faster / better,
// ▲ always slower / worse, `=` no change, and a word always goes with the glyph, so neither the
// arrow's direction nor a colour has to be decoded. Which changes are better is decided by
// `labelDiff` (compare.ts); this module only says how that label and the size of the change read.
// The dashboard's DiffBadge, the Markdown export and the CLI's text all take their glyphs from here.
import type { DiffLabel } from './compare.ts';

export const DIFF_GLYPH: Readonly<Record<DiffLabel, string>> = {
  improvement: '▼',
  regression: '▲',
  neutral: '=',
};

/** `speed` for times (faster / slower), `quality` for anything else (better / worse). */
export type DiffSense = 'speed' | 'quality';

/** English words, for exports and the terminal (the dashboard translates the same keys). */
export const DIFF_WORD_EN: Readonly<Record<DiffSense, Readonly<Record<DiffLabel, string>>>> = {
  speed: { improvement: 'faster', regression: 'slower', neutral: 'unchanged' },
  quality: { improvement: 'better', regression: 'worse', neutral: 'no change' },
};

/**
 * From this ratio of the longer to the shorter time on, a change reads as a factor ("9.51×
 * slower") rather than a percentage ("851.38% slower" says the same thing less plainly).
 */
export const FACTOR_FROM = 2;

/**
 * A gate change (`pct` = |cand − base| ÷ base × 100, in its direction) as the factor it is when
 * the longer time is at least FACTOR_FROM times the shorter; null while it reads as a percentage.
 */
export function changeFactor(direction: string, pct: number): number | null {
  const factor =
    direction === 'slower'
      ? 1 + pct / 100
      : direction === 'faster' && pct < 100
        ? 100 / (100 - pct)
        : 0;
  return factor >= FACTOR_FROM ? factor : null;
}

/** The unsigned size of a change in time, as a percentage of the baseline or as a factor. */
export type ChangeSize =
  | { readonly kind: 'pct'; readonly value: number }
  | { readonly kind: 'factor'; readonly value: number };

/**
 * How much a time changed from `base` to `cand`, without its direction (the label gives that):
 * |cand − base| ÷ base as a percentage while the longer time is less than twice the shorter,
 * else longer ÷ shorter as a factor. Null when either time is missing, negative or the baseline
 * is 0.
 */
export function changeSize(
  base: number | null | undefined,
  cand: number | null | undefined,
): ChangeSize | null {
  if (base === null || base === undefined || cand === null || cand === undefined) return null;
  if (!Number.isFinite(base) || !Number.isFinite(cand) || base <= 0 || cand < 0) return null;
  const lo = Math.min(base, cand);
  const hi = Math.max(base, cand);
  if (lo > 0 && hi / lo >= FACTOR_FROM) return { kind: 'factor', value: hi / lo };
  if (lo === 0) return { kind: 'pct', value: 100 };
  return { kind: 'pct', value: (Math.abs(cand - base) / base) * 100 };
}

/** A change size as plain text with fixed decimals ("12.34%", "9.51×"), for exports. */
export function changeSizeText(size: ChangeSize | null, digits = 2): string {
  if (size === null) return '—';
  return size.kind === 'factor'
    ? `${size.value.toFixed(digits)}×`
    : `${size.value.toFixed(digits)}%`;
}

/** "▲ 9.51× slower", "▼ 12.34% faster", "= unchanged": glyph, size and word, in English. */
export function changeTextEn(
  label: DiffLabel,
  magnitude: string,
  sense: DiffSense = 'speed',
): string {
  const size = magnitude === '' ? '' : `${magnitude} `;
  return `${DIFF_GLYPH[label]} ${size}${DIFF_WORD_EN[sense][label]}`;
}
