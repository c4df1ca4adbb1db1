import { describe, expect, it } from 'vitest';
import { geomean, mean, median, quantile, round } from './stats.ts';

describe('stats', () => {
  it.each([
    // values, q, expected (type-7 interpolation, computed by hand)
    [[1, 2, 3, 4], 0.5, 2.5],
    [[4, 1, 3, 2], 0, 1],
    [[4, 1, 3, 2], 1, 4],
    [[10, 20, 30, 40, 50], 0.95, 48], // pos 3.8 → 40 + 0.8 × 10
    [[10, 20, 30, 40, 50], 0.99, 49.6], // pos 3.96 → 40 + 0.96 × 10
    [[7], 0.95, 7],
  ] as const)('quantile(%j, %d) = %d', (values, q, expected) => {
    expect(quantile(values, q)).toBeCloseTo(expected, 10);
  });

  it('quantile has no answer for an empty sample or q outside 0–1', () => {
    expect(quantile([], 0.5)).toBeNull();
    expect(quantile([1, 2], 1.5)).toBeNull();
    expect(quantile([NaN, Infinity], 0.5)).toBeNull();
  });

  it('ignores non-finite values and does not mutate its input', () => {
    const xs = [3, NaN, 1, 2];
    expect(mean(xs)).toBe(2);
    expect(median(xs)).toBe(2);
    expect(xs).toEqual([3, NaN, 1, 2]);
    expect(mean([])).toBeNull();
  });

  it.each([
    [[2, 8], 4],
    [[1.25, 0.8], 1],
    [[4, 0, -1], 4], // non-positive ratios cannot enter a geometric mean
  ] as const)('geomean(%j) = %d', (values, expected) => {
    expect(geomean(values)).toBeCloseTo(expected, 12);
  });

  it('geomean of nothing usable is null', () => {
    expect(geomean([0, -2])).toBeNull();
  });

  it.each([
    [1.005, 2, 1.01],
    [2.675, 2, 2.68],
    [-1.005, 2, -1.01],
    [123.4567, 0, 123],
  ] as const)('round(%d, %d) = %d', (v, d, expected) => {
    expect(round(v, d)).toBe(expected);
  });
});
