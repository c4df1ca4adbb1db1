// The precision digest read from the bytes — pushed the file itself, or attached to the kernel
// table parser's tokenizer so the file is scanned once — equals the plain reading it replaced
// (every cell decoded, trimmed and given to Number / Set lookups), on every kernel-table
// fixture and on a table of awkward cells, whatever the chunk boundaries.
import { describe, expect, test } from 'vitest';
import { kernelDetailsFormat } from '../formats/kernel-details/index.ts';
import { opSummaryFormat } from '../formats/op-summary/index.ts';
import { PrecisionDigester, type PrecisionDigest } from './precision-digest.ts';
import { plainDigest } from './precision-digest.test-helpers.ts';

/** Pieces of `bytes` cut at pseudo-random places (seeded), some of one byte. */
function pieces(bytes: Uint8Array, seed: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  let s = seed;
  for (let at = 0; at < bytes.length;) {
    s = (s * 48271) % 2147483647;
    const n = 1 + (s % 97);
    out.push(bytes.slice(at, at + n));
    at += n;
  }
  return out;
}

function pushed(bytes: Uint8Array, seed: number): PrecisionDigest {
  const d = new PrecisionDigester('id', 'f.csv');
  for (const p of pieces(bytes, seed)) d.push(p);
  return d.finish();
}

/** The digest the kernel table parser's content carries (the digest reads its records). */
function tapped(
  bytes: Uint8Array,
  seed: number,
  format: typeof kernelDetailsFormat | typeof opSummaryFormat = kernelDetailsFormat,
) {
  const parser = format.createParser({ fileName: 'f.csv', id: 'id' });
  for (const p of pieces(bytes, seed)) parser.push(p);
  const result = parser.finish();
  if (!result.ok || result.value.kind !== 'profile') return null;
  return result.value.precision ?? null;
}

const fixtures = import.meta.glob<string>(
  '../formats/{kernel-details,op-summary}/fixtures/**/*.csv',
  {
    query: '?raw',
    import: 'default',
    eager: true,
  },
);
const fixtureFiles = Object.keys(fixtures).map((k) => k.slice('../formats/'.length));

/** Cells that take every path: plain decimals, what only Number reads, escapes, non-ASCII. */
function awkwardTable(): string {
  const durations = [
    '12.5',
    ' 7 ',
    '\t3.250\t',
    '',
    'N/A',
    '0x10',
    '1e3',
    '+4',
    '-2',
    '007.50',
    '.5',
    '5.',
    '1.2.3',
    'Infinity',
    '12345678901234567',
    '0.0000000000000000000000001',
    '\u00a01.5',
    '"8.25"',
    '"1""2"',
    'abc',
  ];
  const cores = [
    'AI_CORE',
    'ai_vector_core',
    ' MIX_AIC ',
    'AI_CPU',
    'N/A',
    'n/a',
    '',
    '\u3000AI_CORE',
  ];
  const dtypes = [
    'FLOAT;FLOAT16',
    'FLOAT16',
    '"DT_BF16"',
    'INT64',
    'N/A',
    '',
    ' fp32 ',
    '"FLOAT"";x"',
  ];
  const states = [
    'dynamic',
    'DYNAMIC ',
    'static',
    '',
    'N/A',
    'dynamİc',
    '"dyna""mic"',
    ' Dynamic\u00a0',
  ];
  const types = ['Conv2D', ' Conv2D', 'N/A', 'n/a', '', 'MatMul"x', '"Add"', 'Cast\u00a0'];
  const rows = [
    'Name,Type,OP State,Accelerator Core,Start Time(us),Duration(us),Wait Time(us),Input Data Types',
  ];
  for (let r = 0; r < 900; r++) {
    const q = (text: string) => (text.includes('"') ? `"${text.replace(/"/g, '""')}"` : text);
    const pick = <T>(xs: readonly T[], k: number): T => xs[k % xs.length] as T;
    const cells = [
      `op_${r % 13}`,
      q(pick(types, r * 7)),
      q(pick(states, r * 3)),
      q(pick(cores, r * 5)),
      `${1764246877073569 + r}.5\t`,
      pick(durations, r),
      '0',
      q(pick(dtypes, r * 11)),
    ];
    // Some rows short (the digest reads a missing cell as empty), one blank line.
    if (r % 37 === 0) cells.length = 6;
    if (r % 101 === 0) rows.push('');
    rows.push(cells.join(','));
  }
  return rows.join('\r\n');
}

describe('the precision digest read from bytes equals the plain reading', () => {
  test.each(fixtureFiles)('%s, pushed and tapped', (file) => {
    const bytes = new TextEncoder().encode(fixtures[`../formats/${file}`] ?? '');
    expect(bytes.length).toBeGreaterThan(0);
    const want = plainDigest(bytes);
    for (const seed of [1, 7, 1234]) {
      expect(pushed(bytes, seed)).toEqual({ fileId: 'id', fileName: 'f.csv', ...want });
      const format = file.startsWith('op-summary') ? opSummaryFormat : kernelDetailsFormat;
      const t = tapped(bytes, seed, format);
      // The content carries a digest only for a table the parser accepts, with the columns.
      if (t !== null) expect(t).toEqual({ fileId: 'id', fileName: 'f.csv', ...want });
    }
  });

  test('awkward cells: every path of the byte reading, in pieces, pushed and tapped', () => {
    const bytes = new TextEncoder().encode(awkwardTable());
    const want = plainDigest(bytes);
    // The table exercises what it should: skipped, dynamic, fp32 rows, several fp32 types.
    expect(want.rows).toBeGreaterThan(500);
    expect(want.rows).toBeLessThan(900);
    expect(want.dynamicRows).toBeGreaterThan(0);
    expect(want.fp32ByType.length).toBeGreaterThan(2);
    expect(want.halfUs).toBeGreaterThan(0);
    for (const seed of [3, 99, 31337]) {
      expect(pushed(bytes, seed)).toEqual({ fileId: 'id', fileName: 'f.csv', ...want });
      expect(tapped(bytes, seed)).toEqual({ fileId: 'id', fileName: 'f.csv', ...want });
    }
    // The last record without a line end reaches the tapped digest too.
    const cut = bytes.subarray(0, bytes.lastIndexOf(10));
    expect(tapped(cut, 5)).toEqual({ fileId: 'id', fileName: 'f.csv', ...plainDigest(cut) });
  });
});
