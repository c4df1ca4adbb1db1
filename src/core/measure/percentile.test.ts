import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { percentileOfSorted, statsOf } from './percentile.ts';

describe('type-7 percentile', () => {
  // Expected values worked by hand: h = (n − 1)·p/100 on the sorted samples.
  test.each([
    // [1..10]: h = 9·p/100
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50, 5.5], // h = 4.5 → 5 + 0.5·1
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90, 9.1], // h = 8.1 → 9 + 0.1·1
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 99, 9.91], // h = 8.91
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0, 1],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 100, 10],
    [[10, 20, 30, 40, 50], 95, 48], // h = 3.8 → 40 + 0.8·10
    [[7], 99, 7],
    [[2, 4], 50, 3],
  ])('%j at %d → %d', (xs, p, expected) => {
    expect(percentileOfSorted(xs, p)).toBeCloseTo(expected, 12);
  });

  test('empty or out of range is NaN', () => {
    expect(percentileOfSorted([], 50)).toBeNaN();
    expect(percentileOfSorted([1, 2], 101)).toBeNaN();
    expect(percentileOfSorted([1, 2], -1)).toBeNaN();
  });

  test('statsOf sorts, and the empty series has a count of 0 and no figures', () => {
    const s = statsOf([3, 1, 2, 5, 4]);
    expect(s).toEqual({
      count: 5,
      min: 1,
      max: 5,
      mean: 3,
      median: 3,
      p90: 4.6,
      p95: 4.8,
      p99: 4.96,
    });
    expect(statsOf([])).toEqual({
      count: 0,
      min: null,
      max: null,
      mean: null,
      median: null,
      p90: null,
      p95: null,
      p99: null,
    });
  });

  test('agrees with the textbook definition on the 1-based rank 1 + (n − 1)·p', () => {
    // A second formulation (R's documentation of type 7), computed independently of the module.
    const reference = (xs: number[], p: number): number => {
      const s = [...xs].sort((a, b) => a - b);
      const rank = 1 + (s.length - 1) * (p / 100); // 1-based
      const j = Math.floor(rank);
      const g = rank - j;
      const lo = s[j - 1] as number;
      const hi = s[Math.min(j, s.length - 1)] as number;
      return (1 - g) * lo + g * hi;
    };
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1e4, noNaN: true }), { minLength: 1, maxLength: 50 }),
        fc.integer({ min: 0, max: 100 }),
        (xs, p) => {
          const sorted = Float64Array.from(xs).sort();
          const got = percentileOfSorted(sorted, p);
          const want = reference(xs, p);
          expect(Math.abs(got - want)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(want)));
          expect(got).toBeGreaterThanOrEqual(sorted[0] as number);
          expect(got).toBeLessThanOrEqual(sorted[sorted.length - 1] as number);
        },
      ),
    );
  });
});
