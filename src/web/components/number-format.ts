// Locale-aware number formatting for the UI (the user's language decides separators).
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
