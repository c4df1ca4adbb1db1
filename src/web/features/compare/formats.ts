// Number formats of the compare page, in the UI language. Fixed decimals so that numbers line up
// in columns and read the same in the page, its share link and its exports.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

export interface CompareFormats {
  readonly ms: (v: number | null | undefined) => string;
  readonly us: (v: number | null | undefined) => string;
  readonly signedMs: (v: number | null | undefined) => string;
  readonly signedUs: (v: number | null | undefined) => string;
  readonly signedPct: (v: number | null | undefined) => string;
  readonly pct1: (v: number | null | undefined) => string;
  readonly times: (v: number | null | undefined) => string;
  readonly int: (v: number | null | undefined) => string;
  readonly bytes: (v: number) => string;
}

const DASH = '—';

export function useCompareFormats(): CompareFormats {
  const { i18n } = useTranslation();
  const lang = i18n.language;
  return useMemo(() => {
    const nf = (min: number, max: number, sign = false) =>
      new Intl.NumberFormat(lang, {
        minimumFractionDigits: min,
        maximumFractionDigits: max,
        ...(sign ? { signDisplay: 'exceptZero' as const } : {}),
      });
    const wrap =
      (f: Intl.NumberFormat, suffix = '') =>
      (v: number | null | undefined) =>
        v === null || v === undefined || !Number.isFinite(v) ? DASH : `${f.format(v)}${suffix}`;
    return {
      ms: wrap(nf(3, 3), ' ms'),
      us: wrap(nf(2, 2)),
      signedMs: wrap(nf(3, 3, true), ' ms'),
      signedUs: wrap(nf(2, 2, true)),
      signedPct: wrap(nf(2, 2, true), '%'),
      pct1: wrap(nf(1, 1), '%'),
      times: wrap(nf(3, 3), '×'),
      int: wrap(nf(0, 0)),
      bytes: (v: number) => (v < 1024 ? `${v} B` : `${nf(1, 1).format(v / 1024)} KB`),
    };
  }, [lang]);
}
