import { describe, expect, test } from 'vitest';
import { jsonDepthExceeds, valueDepthExceeds } from './depth.ts';

describe('jsonDepthExceeds: nesting of a raw JSON text, without parsing it', () => {
  test.each([
    ['1', 0, false],
    ['[]', 0, true],
    ['[]', 1, false],
    ['{"a":[1,{"b":[]}]}', 4, false],
    ['{"a":[1,{"b":[]}]}', 3, true],
    // Brackets inside strings, escaped quotes and backslashes are text, not nesting.
    ['["[[[[", "\\"[[[", "\\\\", "{"]', 1, false],
    ['["\\\\"]', 1, false],
    ['["\\\\", [[]]]', 2, true],
  ])('%s with max %d → %s', (text, max, exceeds) => {
    expect(jsonDepthExceeds(text, max)).toBe(exceeds);
  });

  test('a million levels: answered without recursion', () => {
    const n = 1_000_000;
    const text = '['.repeat(n) + ']'.repeat(n);
    expect(jsonDepthExceeds(text, n)).toBe(false);
    expect(jsonDepthExceeds(text, n - 1)).toBe(true);
  });

  test('closing brackets do not count below zero (malformed text is the parser’s business)', () => {
    expect(jsonDepthExceeds(']]]][[', 2)).toBe(false);
    expect(jsonDepthExceeds(']]]][[[', 2)).toBe(true);
  });
});

describe('valueDepthExceeds: nesting of a parsed value', () => {
  test.each([
    [1, 0, false],
    [[], 0, true],
    [{ a: [1, { b: [] }] }, 4, false],
    [{ a: [1, { b: [] }] }, 3, true],
  ])('%j with max %d → %s', (value, max, exceeds) => {
    expect(valueDepthExceeds(value, max)).toBe(exceeds);
  });

  test('a value nested 100,000 levels deep', () => {
    let v: unknown = [];
    for (let i = 1; i < 100_000; i++) v = { a: v };
    expect(valueDepthExceeds(v, 100_000)).toBe(false);
    expect(valueDepthExceeds(v, 99_999)).toBe(true);
  });
});
