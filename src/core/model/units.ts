// Model times are in milliseconds, operator times in microseconds (AOE's own units). The brands
// keep the two from being mixed: a `Ms` is not assignable to a `Us` and vice versa, while plain
// numbers (literals, parsed values) are accepted by both. Each normalizer converts exactly once.

declare const unit: unique symbol;

export type Ms = number & { readonly [unit]?: 'ms' };
export type Us = number & { readonly [unit]?: 'us' };

export const usToMs = (us: Us): Ms => (us / 1000) as Ms;
export const msToUs = (ms: Ms): Us => (ms * 1000) as Us;

/** Parses AOE's percentage strings (`"35.35%"`, `"-1.2 %"`) and plain numbers; null when not a number. */
export function parsePercent(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string') return null;
  // AOE's own form, "12.34%" (a sign, digits, at most one point inside them, a percent sign):
  // read without the regular expression, which was a tenth of reading a 20,000-operator report.
  const plain = plainPercent(value);
  if (plain !== null) return plain;
  const m = /^\s*([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?)\s*%?\s*$/i.exec(value);
  if (!m || m[1] === undefined) return null;
  const n = Number(m[1]);
  return Number.isFinite(n) ? n : null;
}

/** `-?digits(.digits)?%` as a number (always finite), else null. */
function plainPercent(value: string): number | null {
  const end = value.length - 1;
  if (end < 1 || value.charCodeAt(end) !== 0x25 /* % */) return null;
  let i = value.charCodeAt(0) === 0x2d /* - */ ? 1 : 0;
  const first = i;
  let point = -1;
  for (; i < end; i++) {
    const c = value.charCodeAt(i);
    if (c === 0x2e /* . */ && point < 0) point = i;
    else if (c < 0x30 || c > 0x39) return null;
  }
  if (i === first || point === first || point === end - 1 || end - first > 30) return null;
  return Number(value.slice(0, end));
}

/**
 * AOE's "improvement" is a speed-up, (before / after − 1) × 100, not a time reduction.
 * Returns null when it cannot be computed.
 */
export function speedupPct(before: number, after: number): number | null {
  if (!(before > 0) || !(after > 0)) return null;
  return (before / after - 1) * 100;
}

/** Time saved as a share of the baseline, (before − after) / before × 100. */
export function savedPct(before: number, after: number): number | null {
  if (!(before > 0) || !Number.isFinite(after)) return null;
  return ((before - after) / before) * 100;
}
