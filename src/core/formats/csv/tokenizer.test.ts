import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { CsvTokenizer } from './tokenizer.ts';
import { CELL_ESCAPED, CELL_MALFORMED, CELL_QUOTED } from './record-sink.ts';
import { bytesOf } from './test-helpers.ts';

interface Rec {
  cells: string[];
  flags: number[];
  line: number;
}

/** Tokenizes `bytes` fed in pieces of `sizes` (cycled); whole when none. */
function tokenize(bytes: Uint8Array, sizes: readonly number[] = []): Rec[] {
  const out: Rec[] = [];
  const dec = new TextDecoder();
  const t = new CsvTokenizer({
    record(buf, starts, ends, flags, count, line) {
      const cells: string[] = [];
      const fl: number[] = [];
      for (let i = 0; i < count; i++) {
        cells.push(dec.decode(buf.subarray(starts[i], ends[i])));
        fl.push(flags[i] ?? 0);
      }
      out.push({ cells, flags: fl, line });
      return true;
    },
  });
  if (sizes.length === 0) t.push(bytes);
  else {
    let at = 0;
    for (let k = 0; at < bytes.length; k++) {
      const n = Math.max(1, sizes[k % sizes.length] ?? 1);
      t.push(bytes.slice(at, at + n));
      at += n;
    }
  }
  t.finish();
  return out;
}

const cellsOf = (text: string, sizes: readonly number[] = []) =>
  tokenize(bytesOf(text), sizes).map((r) => r.cells);

describe('CsvTokenizer', () => {
  test.each([
    [
      'a,b\n1,2\n',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    [
      'a,b\r\n1,2\r\n',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    [
      'a,b\r1,2\n3,4',
      [
        ['a', 'b'],
        ['1', '2'],
        ['3', '4'],
      ],
    ],
    [
      'a,,c\n,\n',
      [
        ['a', '', 'c'],
        ['', ''],
      ],
    ],
    ['x\n\n\r\ny\n', [['x'], ['y']]],
    ['', []],
    ['\uFEFFName,Type\n', [['Name', 'Type']]],
  ])('splits %j into records', (text, expected) => {
    expect(cellsOf(text)).toEqual(expected);
  });

  test('quoted cells keep commas and newlines; "" is flagged for the reader to collapse', () => {
    const recs = tokenize(bytesOf('n,s\n"a,b","""32,3,224,224"""\n"multi\nline",""\n'));
    expect(recs.map((r) => r.cells)).toEqual([
      ['n', 's'],
      ['a,b', '""32,3,224,224""'],
      ['multi\nline', ''],
    ]);
    expect(recs[1]?.flags).toEqual([CELL_QUOTED, CELL_QUOTED | CELL_ESCAPED]);
    expect(recs[2]?.flags).toEqual([CELL_QUOTED, CELL_QUOTED]);
  });

  test('records carry the 1-based line they start on, across multi-line cells and CRLF', () => {
    const recs = tokenize(bytesOf('h1,h2\r\n"a\nb\nc",1\r\n\r\nx,2\ry,3'));
    expect(recs.map((r) => [r.cells[0], r.line])).toEqual([
      ['h1', 1],
      ['a\nb\nc', 2],
      ['x', 6],
      ['y', 7],
    ]);
  });

  test('broken quoting is flagged, not thrown', () => {
    const recs = tokenize(bytesOf('"ab"cd,e\n"open'));
    expect(recs.map((r) => r.cells)).toEqual([['ab"cd', 'e'], ['open']]);
    expect(recs[0]?.flags[0]).toBe(CELL_QUOTED | CELL_MALFORMED);
    expect(recs[1]?.flags[0]).toBe(CELL_QUOTED | CELL_MALFORMED);
  });

  test('a quote inside an unquoted cell is text', () => {
    expect(cellsOf('ab"c,d\n')).toEqual([['ab"c', 'd']]);
  });

  test('a sink can stop the tokenizer', () => {
    let seen = 0;
    const t = new CsvTokenizer({
      record: () => ++seen < 2,
    });
    t.push(bytesOf('a\nb\nc\nd\n'));
    t.finish();
    expect(seen).toBe(2);
    expect(t.done).toBe(true);
  });

  const tricky =
    '\uFEFFName,Shape,"Start"\r\n' +
    'Conv_0,"""32,3,224,224""",1736408883704643.212\t\r\n' +
    '"算子\r\n名",,N/A\n' +
    'Relu_0,"a""b",1\r' +
    'end,"",';

  test('byte-by-byte feeding gives the same records as one chunk', () => {
    expect(tokenize(bytesOf(tricky), [1])).toEqual(tokenize(bytesOf(tricky)));
  });

  test('any chunking gives the same records (property)', () => {
    const whole = tokenize(bytesOf(tricky));
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 17 }), { minLength: 1, maxLength: 12 }),
        (sizes) => {
          expect(tokenize(bytesOf(tricky), sizes)).toEqual(whole);
        },
      ),
    );
  });

  test('a reused chunk buffer does not corrupt a record carried over', () => {
    const bytes = bytesOf('a,bb\nccc,dddd\n');
    const out: string[][] = [];
    const dec = new TextDecoder();
    const t = new CsvTokenizer({
      record(buf, starts, ends, _f, count) {
        out.push(
          Array.from({ length: count }, (_, i) => dec.decode(buf.subarray(starts[i], ends[i]))),
        );
        return true;
      },
    });
    const scratch = new Uint8Array(4);
    for (let at = 0; at < bytes.length; at += 4) {
      const piece = bytes.subarray(at, at + 4);
      scratch.set(piece);
      t.push(scratch.subarray(0, piece.length));
      scratch.fill(0x58);
    }
    t.finish();
    expect(out).toEqual([
      ['a', 'bb'],
      ['ccc', 'dddd'],
    ]);
  });

  test('storeCells keeps the first cells and still counts the rest, in any chunking', () => {
    const run = (sizes: readonly number[]) => {
      const seen: [number, number, string[]][] = [];
      const dec = new TextDecoder();
      const t = new CsvTokenizer({
        record(buf, starts, ends, _f, count, line) {
          const n = Math.min(count, 2);
          const cells = Array.from({ length: n }, (_, i) =>
            dec.decode(buf.subarray(starts[i], ends[i])),
          );
          seen.push([count, line, cells]);
          return true;
        },
      });
      t.storeCells(2);
      const bytes = bytesOf('a,b,c,d\r\ne,"f,g",h,"x\ny",z\ni,,,\n"j""",k');
      let at = 0;
      for (let k = 0; at < bytes.length; k++) {
        const n = sizes.length === 0 ? bytes.length : (sizes[k % sizes.length] ?? 1);
        t.push(bytes.slice(at, at + n));
        at += n;
      }
      t.finish();
      return seen;
    };
    const whole = run([]);
    expect(whole).toEqual([
      [4, 1, ['a', 'b']],
      [5, 2, ['e', 'f,g']],
      [4, 4, ['i', '']],
      [2, 5, ['j""', 'k']],
    ]);
    expect(run([1])).toEqual(whole);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 8 }), (s) => {
        expect(run(s)).toEqual(whole);
      }),
    );
  });

  test('storeColumns stores only the named cells, counts and flags the rest, in any chunking', () => {
    interface Seen {
      count: number;
      line: number;
      rowFlags: number;
      named: [string, number][];
    }
    /** Every record; from the second on, only the cells of `columns` (named after the first). */
    const run = (
      bytes: Uint8Array,
      columns: readonly number[] | null,
      sizes: readonly number[],
    ) => {
      const seen: Seen[] = [];
      const dec = new TextDecoder();
      const t = new CsvTokenizer({
        record(buf, starts, ends, flags, count, line, rowFlags) {
          const first = seen.length === 0;
          const read = first || columns === null ? [...Array(count).keys()] : columns;
          const named = read
            .filter((c) => c >= 0 && c < count)
            .map((c): [string, number] => [
              dec.decode(buf.subarray(starts[c], ends[c])),
              flags[c] ?? 0,
            ]);
          seen.push({ count, line, rowFlags, named });
          // As a table parser does: the columns are named once the header is read.
          if (first && columns !== null) t.storeColumns(columns);
          return true;
        },
      });
      let at = 0;
      for (let k = 0; at < bytes.length; k++) {
        const n = sizes.length === 0 ? bytes.length : Math.max(1, sizes[k % sizes.length] ?? 1);
        t.push(bytes.slice(at, at + n));
        at += n;
      }
      t.finish();
      return seen;
    };
    const project = (all: Seen[], columns: readonly number[]) =>
      all.map((r, k) => ({
        ...r,
        named:
          k === 0 ? r.named : columns.filter((c) => c >= 0 && c < r.count).map((c) => r.named[c]),
      }));

    const bytes = bytesOf(
      'h0,h1,h2,h3,h4\r\na,"b,\n""x",c,"d""",e\n\nf,g\r,h,"i"j,k\n"l",m,n,o,p,q',
    );
    const columns = [3, 1];
    const whole = run(bytes, columns, []);
    expect(whole.map((r) => [r.count, r.line, r.named.map((n) => n[0])])).toEqual([
      [5, 1, ['h0', 'h1', 'h2', 'h3', 'h4']],
      [5, 2, ['d""', 'b,\n""x']],
      [2, 5, ['g']],
      [4, 6, ['k', 'h']],
      [6, 7, ['o', 'm']],
    ]);
    // Broken quoting in a cell that is not stored (`"i"j`) still marks its row.
    expect(whole.map((r) => (r.rowFlags & CELL_MALFORMED) !== 0)).toEqual([
      false,
      false,
      false,
      true,
      false,
    ]);
    expect(whole[1]?.named.map((n) => n[1])).toEqual([
      CELL_QUOTED | CELL_ESCAPED,
      CELL_QUOTED | CELL_ESCAPED,
    ]);

    const cell = fc.oneof(
      fc.constantFrom('', 'x', 'N/A', '12.5', '"q"', '"a,b"', '"a""b"', '"x\ny"', '"t"u', 'v"w'),
      fc.string({ maxLength: 4 }),
    );
    const row = fc.array(cell, { minLength: 1, maxLength: 8 });
    const eol = fc.constantFrom('\n', '\r\n', '\r', '\n\n');
    fc.assert(
      fc.property(
        fc.array(fc.tuple(row, eol), { minLength: 1, maxLength: 8 }),
        fc.array(fc.integer({ min: -1, max: 9 }), { maxLength: 4 }),
        fc.array(fc.integer({ min: 1, max: 7 }), { maxLength: 5 }),
        (rows, cols, sizes) => {
          const text = rows.map(([cells, end]) => cells.join(',') + end).join('');
          const b = bytesOf(text);
          const all = run(b, null, []);
          expect(run(b, cols, sizes)).toEqual(project(all, cols));
        },
      ),
      { numRuns: 400 },
    );
  });
});
