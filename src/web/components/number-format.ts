// Locale-aware number formatting for the UI (the user's language decides separators).
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
const cache = new Map<string, Intl.NumberFormat>();

function formatter(lang: string, digits: number): Intl.NumberFormat {
  const key = `${lang}|${digits}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(lang, { maximumFractionDigits: digits, minimumFractionDigits: 0 });
    cache.set(key, f);
  }
  return f;
}

export function formatNumber(value: number, lang: string, digits = 2): string {
  return Number.isFinite(value) ? formatter(lang, digits).format(value) : '—';
}

const UNITS = ['B', 'KB', 'MB', 'GB'] as const;

/** 1536 → "1.5 KB" (binary multiples, as file managers show them). */
export function formatBytes(bytes: number, lang: string): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${formatNumber(value, lang, unit === 0 ? 0 : 1)} ${UNITS[unit] ?? 'B'}`;
}

/** A signed percentage: 35.35 → "+35.35%". */
export function formatPct(value: number, lang: string): string {
  const sign = value > 0 ? '+' : '';
  return `${sign}${formatNumber(value, lang, 2)}%`;
}

/** Shown for a missing or non-finite value. */
export const NO_VALUE = '—';

type Value = number | null | undefined;

/** The UI's number formats in the user's language. Missing and non-finite values read "—". */
export interface NumberFormats {
  /** Milliseconds, three fixed decimals: "113.589 ms". */
  readonly ms: (v: Value) => string;
  /** Microseconds, up to two decimals, no unit. */
  readonly us: (v: Value) => string;
  /** Microseconds, two fixed decimals, no unit (columns that must line up). */
  readonly usFixed: (v: Value) => string;
  /** Two fixed decimals and a percent sign (the value is already a percentage). */
  readonly pct: (v: Value) => string;
  /** One fixed decimal and a percent sign (the value is already a percentage). */
  readonly pct1: (v: Value) => string;
  /** A 0–1 share as a percentage. */
  readonly share: (v: Value) => string;
  readonly int: (v: Value) => string;
  /** A speed-up factor: "1.234×". */
  readonly times: (v: Value) => string;
  /** Microseconds with a sign, up to two decimals: "+1.5", "-0.25". */
  readonly signedUs: (v: Value) => string;
  /** Two decimals, no unit (percentage points, ratios). */
  readonly fixed2: (v: Value) => string;
}

export function numberFormats(lang: string): NumberFormats {
  const f = (o: Intl.NumberFormatOptions) => new Intl.NumberFormat(lang, o);
  const wrap =
    (nf: Intl.NumberFormat, suffix = '') =>
    (v: Value) =>
      v === null || v === undefined || !Number.isFinite(v) ? NO_VALUE : `${nf.format(v)}${suffix}`;
  const fixed = (digits: number) =>
    f({ minimumFractionDigits: digits, maximumFractionDigits: digits });
  const two = fixed(2);
  return {
    ms: wrap(fixed(3), ' ms'),
    us: wrap(f({ maximumFractionDigits: 2 })),
    usFixed: wrap(two),
    pct: wrap(two, '%'),
    pct1: wrap(fixed(1), '%'),
    share: wrap(f({ style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 })),
    int: wrap(f({ maximumFractionDigits: 0 })),
    times: wrap(fixed(3), '×'),
    signedUs: wrap(f({ maximumFractionDigits: 2, signDisplay: 'exceptZero' })),
    fixed2: wrap(two),
  };
}

/** `numberFormats` in the current UI language (re-made when the language changes). */
export function useNumberFormats(): NumberFormats {
  const { i18n } = useTranslation();
  const lang = i18n.language;
  return useMemo(() => numberFormats(lang), [lang]);
}
