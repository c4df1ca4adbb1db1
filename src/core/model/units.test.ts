// parsePercent reads AOE's "12.34%" on a fast path; every string must read exactly as the one
// regular expression that defines the accepted forms reads it.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parsePercent } from './units.ts';

/** The definition: optional spaces, a decimal number (exponent allowed), an optional %. */
function reference(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string') return null;
  const m = /^\s*([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?)\s*%?\s*$/i.exec(value);
  if (!m || m[1] === undefined) return null;
  const n = Number(m[1]);
  return Number.isFinite(n) ? n : null;
}

describe('parsePercent', () => {
  it.each([
    ['12.34%', 12.34],
    ['-0.5%', -0.5],
    ['0%', 0],
    ['5.%', 5],
    ['.5%', 0.5],
    [' 7 % ', 7],
    ['1e2%', 100],
    ['%', null],
    ['-%', null],
    ['1.2.3%', null],
    ['0x10%', null],
    ['Infinity%', null],
    [`${'9'.repeat(400)}%`, null],
    [`${'9'.repeat(40)}%`, 1e40],
    ['12', 12],
    ['', null],
  ])('%j → %j', (text, value) => {
    expect(parsePercent(text)).toBe(value);
  });

  it('reads any string as the definition does', () => {
    const char = fc.constantFrom('0', '1', '9', '.', '-', '+', '%', 'e', ' ', 'x');
    fc.assert(
      fc.property(fc.array(char, { maxLength: 12 }), (chars) => {
        const text = chars.join('');
        expect(Object.is(parsePercent(text), reference(text))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
