import { describe, expect, test } from 'vitest';
import { DecimalTimeReader, Interner, MISSING, NumberReader } from './cells.ts';
import { bytesOf } from './test-helpers.ts';

const readNumber = (text: string) => {
  const r = new NumberReader();
  const b = bytesOf(text);
  const v = r.read(b, 0, b.length);
  return { v, ok: r.ok };
};

describe('NumberReader', () => {
  test.each([
    ['53.741', 53.741, true],
    ['6958.620000', 6958.62, true],
    ['0', 0, true],
    ['-1.5', -1.5, true],
    ['  12.25\t', 12.25, true],
    ['1e-05', 1e-5, true],
    ['0.1', 0.1, true],
    ['4294967295', 4294967295, true],
    ['1736408883704643.212', Number('1736408883704643.212'), true],
  ])('%j → %d', (text, value, ok) => {
    expect(readNumber(text)).toEqual({ v: value, ok });
  });

  test.each(['N/A', 'n/a', '', '   ', '\t'])('%j is missing: NaN, not an error', (text) => {
    const { v, ok } = readNumber(text);
    expect(Number.isNaN(v)).toBe(true);
    expect(ok).toBe(true);
  });

  test.each(['fast', '1.2.3', '12abc', '.', '-'])('%j is not a number', (text) => {
    const { v, ok } = readNumber(text);
    expect(Number.isNaN(v)).toBe(true);
    expect(ok).toBe(false);
  });

  test('the fast path agrees with Number() on short decimals', () => {
    for (const text of ['0.3', '123.456', '99999.999', '0.000001', '7.1', '1000000.5']) {
      expect(readNumber(text).v).toBe(Number(text));
    }
  });
});

describe('DecimalTimeReader', () => {
  const diff = (a: string, b: string): number => {
    const r = new DecimalTimeReader();
    const ba = bytesOf(a);
    const bb = bytesOf(b);
    r.read(bb, 0, bb.length, false);
    const base = { hi: r.hi, lo: r.lo, frac: r.frac };
    r.read(ba, 0, ba.length, false);
    return (r.hi - base.hi) * 1e9 + (r.lo - base.lo) + (r.frac - base.frac);
  };

  test.each([
    ['1736408883704801.156\t', '1736408883704643.212\t', 157.944],
    ['1780676244407387.120', '1780676244313289.000', 94098.12],
    ['1695115378715400.2', '1695115378713661', 1739.2],
    ['1764246877073569.641', '1764246877073569.640', 0.001],
    ['1764247877073569.640', '1764246877073569.640', 1e9],
  ])('%s − %s = %d µs, with sub-µs precision', (a, b, expected) => {
    expect(diff(a, b)).toBeCloseTo(expected, 9);
  });

  test('float64 alone would lose the nanoseconds that the split keeps', () => {
    expect(Number('1764246877073569.641') - Number('1764246877073569.640')).not.toBeCloseTo(
      0.001,
      6,
    );
    expect(diff('1764246877073569.641', '1764246877073569.640')).toBeCloseTo(0.001, 9);
  });

  test('keeps the trimmed text of the base; rejects what is not a decimal', () => {
    const r = new DecimalTimeReader();
    const b = bytesOf(' 1736408883704643.212\t');
    expect(r.read(b, 0, b.length, true)).toBe(true);
    expect(r.text).toBe('1736408883704643.212');
    const bad = bytesOf('12:30');
    expect(r.read(bad, 0, bad.length, false)).toBe(false);
    expect(r.ok).toBe(false);
    const na = bytesOf('N/A');
    expect(r.read(na, 0, na.length, false)).toBe(false);
    expect(r.ok).toBe(true);
  });
});

describe('Interner', () => {
  test('equal text gets one index; N/A and empty are MISSING', () => {
    const it = new Interner();
    const b = bytesOf('Conv_0|Relu_0|Conv_0|N/A||卷积');
    const cells: [number, number][] = [];
    let s = 0;
    for (let i = 0; i <= b.length; i++) {
      if (i === b.length || b[i] === 124) {
        cells.push([s, i]);
        s = i + 1;
      }
    }
    const ids = cells.map(([a, e]) => it.intern(b, a, e));
    expect(ids).toEqual([1, 2, 1, MISSING, MISSING, 3]);
    expect(it.dict).toEqual(['', 'Conv_0', 'Relu_0', '卷积']);
    expect(it.invalidUtf8).toBe(false);
  });

  test('invalid UTF-8 is replaced and flagged', () => {
    const it = new Interner();
    const b = new Uint8Array([0x41, 0xff, 0x42]);
    expect(it.dict[it.intern(b, 0, 3)]).toBe('A\uFFFDB');
    expect(it.invalidUtf8).toBe(true);
  });

  test('stays correct past many distinct strings (table growth)', () => {
    const it = new Interner();
    const ids: number[] = [];
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 5000; i++) {
        const b = bytesOf(`op_${i}`);
        ids.push(it.intern(b, 0, b.length));
      }
    }
    expect(ids.slice(5000)).toEqual(ids.slice(0, 5000));
    expect(it.dict.length).toBe(5001);
    expect(it.dict[ids[4321] ?? 0]).toBe('op_4321');
  });
});
