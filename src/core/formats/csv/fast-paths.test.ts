// The shortcuts of the row reader checked against the plain reading they stand for: numbers read
// from the bytes (NumberReader's digit loop), text cells found without hashing (Interner's quick
// slots), shape cells read in place instead of unescaped into a copy, durations accepted without
// the out-of-range and negative checks' bookkeeping.
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { Interner, MISSING, NumberReader } from './cells.ts';
import { kernelDetailsFormat } from '../kernel-details/index.ts';
import { bytesOf, issuesOf, parseWith, profileOf, rowsOf } from './test-helpers.ts';

/** Interning as a map from text to the index of its first appearance ('' and N/A missing). */
function referenceIds(texts: readonly string[]): { ids: number[]; dict: string[] } {
  const dict = [''];
  const at = new Map<string, number>([['', MISSING]]);
  const ids = texts.map((t) => {
    if (t === '' || /^n\/a$/i.test(t)) return MISSING;
    let id = at.get(t);
    if (id === undefined) at.set(t, (id = dict.push(t) - 1));
    return id;
  });
  return { ids, dict };
}

/** What a number cell reads as, the plain way: trimmed text, `N/A` or nothing missing, Number(). */
function plainNumber(cell: string): { value: number; ok: boolean; outOfRange: boolean } {
  const t = cell.replace(/^[ \t]+|[ \t]+$/g, '');
  if (t === '' || /^n\/a$/i.test(t)) return { value: NaN, ok: true, outOfRange: false };
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t))
    return { value: NaN, ok: false, outOfRange: false };
  const v = Number(t);
  return Number.isFinite(v)
    ? { value: v, ok: true, outOfRange: false }
    : { value: NaN, ok: true, outOfRange: true };
}

describe('NumberReader', () => {
  const digits = (max: number) =>
    fc.string({ unit: fc.constantFrom(...'0123456789'), maxLength: max });
  const pad = fc.string({ unit: fc.constantFrom(' ', '\t'), maxLength: 2 });
  const decimal = fc
    .tuple(
      pad,
      fc.constantFrom('', '-', '+'),
      // Leading zeros, long mantissas (past the 15 digits read exactly), long fractions.
      fc.oneof(digits(3), digits(25)),
      fc.oneof(
        fc.constant(''),
        digits(25).map((f) => `.${f}`),
      ),
      fc.oneof(
        fc.constant(''),
        fc
          .tuple(fc.constantFrom('e', 'E'), fc.constantFrom('', '-', '+'), digits(3))
          .map((x) => x.join('')),
      ),
      pad,
    )
    .map((x) => x.join(''));
  const cell = fc.oneof(
    decimal,
    fc.constantFrom(
      '',
      ' ',
      'N/A',
      'n/a',
      ' N/A\t',
      '.',
      '-',
      '1.2.3',
      '12abc',
      '0x10',
      '1e400',
      '-1e400',
      '5e-400',
      'Infinity',
    ),
  );

  test('gives what trimming and Number() give, bit for bit, with the same ok and out-of-range', () => {
    const reader = new NumberReader();
    fc.assert(
      fc.property(cell, (text) => {
        const b = bytesOf(`,${text},`);
        const value = reader.read(b, 1, b.length - 1);
        const want = plainNumber(text);
        expect(Object.is(value, want.value)).toBe(true);
        expect({ ok: reader.ok, outOfRange: reader.outOfRange }).toEqual({
          ok: want.ok,
          outOfRange: want.outOfRange,
        });
      }),
      { numRuns: 5000 },
    );
  });
});

describe('Interner', () => {
  // Few letters and short texts: many texts share a length and first and last bytes, so they
  // share a quick slot and must still be told apart byte by byte.
  const text = fc.oneof(
    fc.string({ unit: fc.constantFrom('a', 'b', '1', 'é'), minLength: 3, maxLength: 6 }),
    fc.constantFrom('N/A', 'n/a', '', 'AI_CORE', 'AI_VECTOR_CORE', 'AI_COR3'),
  );

  test('gives the ids of a plain text-to-index map, whatever the order and repeats', () => {
    fc.assert(
      fc.property(
        fc.array(text, { minLength: 50, maxLength: 300 }),
        fc.boolean(),
        (texts, afterPrev) => {
          const interner = new Interner();
          let prev = -1;
          const ids = texts.map((t) => {
            const b = bytesOf(` ${t} `);
            const id = afterPrev
              ? interner.internAfter(prev, b, 1, b.length - 1)
              : interner.intern(b, 1, b.length - 1);
            prev = interner.last;
            return id;
          });
          const ref = referenceIds(texts);
          expect(ids).toEqual(ref.ids);
          expect(interner.dict).toEqual(ref.dict);
        },
      ),
    );
  });

  test('tells apart texts of one length and the same first and last two bytes', () => {
    const interner = new Interner();
    const texts = ['Conv2D_12', 'Conv2X_12', 'Conv2D_12', 'ConvXD_12', 'Conv2X_12'];
    const ids = texts.map((t) => interner.intern(bytesOf(t), 0, t.length));
    expect(ids).toEqual([1, 2, 1, 3, 2]);
    expect(interner.dict).toEqual(['', 'Conv2D_12', 'Conv2X_12', 'ConvXD_12']);
  });
});

const HEADER =
  'Step Id,Name,Type,Accelerator Core,Start Time(us),Duration(us),Wait Time(us),Input Shapes\r\n';

/** A CSV cell as a writer quotes it: quoted when it holds a quote, comma or line end. */
const csvCell = (s: string): string => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** What a shape cell reads as: trimmed of spaces and TABs, one pair of literal quotes dropped. */
function shapeOf(cell: string): string | null {
  let t = cell.replace(/^[ \t]+|[ \t]+$/g, '');
  if (t.length >= 2 && t.startsWith('"') && t.endsWith('"')) t = t.slice(1, -1);
  return t === '' || /^n\/a$/i.test(t) ? null : t;
}

describe('shape cells', () => {
  const shape = fc.oneof(
    // torch_npu's form, `"32,3,224,224"` written as `"""32,3,224,224"""`.
    fc
      .array(fc.integer({ min: 0, max: 4096 }), { minLength: 1, maxLength: 4 })
      .map((d) => `"${d.join(',')}"`),
    // Anything else a cell can hold: inner quotes, spaces, TABs, commas, semicolons; with and
    // without literal quotes around it.
    fc.string({
      unit: fc.constantFrom('"', ' ', '\t', ',', ';', '3', '2', 'x', '中'),
      maxLength: 8,
    }),
    fc
      .string({ unit: fc.constantFrom('"', ' ', '\t', ',', '3', '中'), maxLength: 6 })
      .map((s) => `"${s}"`),
  );

  test('read in place give what unescaping, trimming and dropping the quotes gives', () => {
    fc.assert(
      fc.property(fc.array(shape, { minLength: 10, maxLength: 40 }), (shapes) => {
        const rows = shapes.map(
          (s, i) => `1,Op_${i},Op,AI_CORE,${1000 + i}.5\t,2.5,0,${csvCell(s)}`,
        );
        const bytes = bytesOf(HEADER + rows.join('\r\n') + '\r\n');
        const result = parseWith(kernelDetailsFormat, 'kernel_details.csv', bytes);
        expect(issuesOf(result)).toEqual([]);
        expect(rowsOf(profileOf(result)).map((r) => r?.input_shapes)).toEqual(shapes.map(shapeOf));
      }),
    );
  });
});

describe('durations', () => {
  test('plain, missing, negative and out-of-range durations and waits side by side', () => {
    const rows = [
      '1,A,T,AI_CORE,10,2.5,0,',
      '1,B,T,AI_CORE,11,-3,1,',
      '1,C,T,AI_CORE,12,N/A,-0.5,',
      '1,D,T,AI_CORE,13,1e400,7,',
      '1,E,T,AI_CORE,14,x1,0,',
      '1,F,T,AI_CORE,15,-0,0,',
    ];
    const result = parseWith(
      kernelDetailsFormat,
      'kernel_details.csv',
      bytesOf(HEADER + rows.join('\n') + '\n'),
    );
    const got = rowsOf(profileOf(result)).map((r) => [r?.duration_us, r?.wait_us]);
    expect(got).toEqual([
      [2.5, 0],
      [null, 1],
      [null, null],
      [null, 7],
      [null, 0],
      [-0, 0],
    ]);
    expect(issuesOf(result)).toEqual([
      ['NEGATIVE_TIME', 3],
      ['NEGATIVE_TIME', 4],
      ['NUMBER_OUT_OF_RANGE', 5],
      ['BAD_ROW', 6],
    ]);
  });
});
