// The one percentile method of the measurement readers, for every series of per-iteration samples
// (trtexec --exportTimes, ais_bench npu_compute_time_list):
//
//   linear interpolation between closest ranks — Hyndman & Fan type 7, numpy's default
//   (`method="linear"`), R's default, Excel PERCENTILE.INC. For n sorted samples x[0..n-1] and
//   p in [0, 100]: h = (n − 1)·p/100, result = x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋ + 1] − x[⌊h⌋]).
//
// Why this one: ais_bench computes its stated `percentile(99%)` with numpy's default, so the
// figures we compute agree with the ones it writes. trtexec's own summary uses a nearest-rank
// variant (sampleReporting.cpp findPercentile), so a percentile computed from its --exportTimes
// may differ from the one its log prints by up to one sample step; the median is the same.
import type { LatencyStats } from './model.ts';

/** Type-7 percentile of an ascending series; NaN when it is empty. */
export function percentileOfSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0 || !(p >= 0 && p <= 100)) return NaN;
  const h = ((n - 1) * p) / 100;
  const lo = Math.floor(h);
  const a = sorted[lo] as number;
  if (lo + 1 >= n) return a;
  const b = sorted[lo + 1] as number;
  return a + (h - lo) * (b - a);
}

/** Count, min, max, mean, median and P90/P95/P99 of the samples (any order), by type 7. */
export function statsOf(samples: ArrayLike<number>): LatencyStats {
  const n = samples.length;
  if (n === 0) {
    return {
      count: 0,
      min: null,
      max: null,
      mean: null,
      median: null,
      p90: null,
      p95: null,
      p99: null,
    };
  }
  // A typed array copies by slice; `from` would walk it through the iterator protocol.
  const sorted = (
    samples instanceof Float64Array ? samples.slice() : Float64Array.from(samples)
  ).sort();
  let sum = 0;
  for (let i = 0; i < n; i++) sum += sorted[i] as number;
  return {
    count: n,
    min: sorted[0] as number,
    max: sorted[n - 1] as number,
    mean: sum / n,
    median: percentileOfSorted(sorted, 50),
    p90: percentileOfSorted(sorted, 90),
    p95: percentileOfSorted(sorted, 95),
    p99: percentileOfSorted(sorted, 99),
  };
}
