// Small descriptive statistics used by compare and the gate. Pure; inputs are never mutated.
// Non-finite values are ignored, so a stray NaN from a bad measurement cannot poison a figure.

const finite = (values: readonly number[]): number[] => values.filter((v) => Number.isFinite(v));

export function mean(values: readonly number[]): number | null {
  const xs = finite(values);
  if (xs.length === 0) return null;
  return xs.reduce((s, v) => s + v, 0) / xs.length;
}

/**
 * Quantile with linear interpolation between closest ranks (the "type 7" estimator of R and
 * NumPy's default), `q` in 0–1. Null for an empty sample or a `q` outside 0–1.
 */
export function quantile(values: readonly number[], q: number): number | null {
  if (!(q >= 0 && q <= 1)) return null;
  const xs = finite(values).sort((a, b) => a - b);
  if (xs.length === 0) return null;
  const pos = (xs.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = xs[lo] ?? 0;
  const b = xs[hi] ?? a;
  return a + (b - a) * (pos - lo);
}

export const median = (values: readonly number[]): number | null => quantile(values, 0.5);

/** Geometric mean of positive values (ratios such as speed-ups); null when none is positive. */
export function geomean(values: readonly number[]): number | null {
  const xs = finite(values).filter((v) => v > 0);
  if (xs.length === 0) return null;
  return Math.exp(xs.reduce((s, v) => s + Math.log(v), 0) / xs.length);
}

/** Rounds to `digits` decimals without the 1.005 → 1.00 surprise of `toFixed`. */
export function round(value: number, digits: number): number {
  if (!Number.isFinite(value)) return value;
  const f = 10 ** digits;
  return Math.round((value + Number.EPSILON * Math.sign(value)) * f) / f;
}
