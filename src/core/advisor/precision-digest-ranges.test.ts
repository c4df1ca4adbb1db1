// The precision digest reads cells as bytes (short ASCII cells without the decoder, a cell equal
// to the row before's not read again): its digest must be the one a plain reading of every cell
// as text gives. The reference here is that plain reading, on a table with repeated and changing
// cells, ragged rows between equal ones, quotes, non-ASCII text and Unicode case and spaces.
import { describe, expect, test } from 'vitest';
import { digestPrecision, mergePrecisionDigests, PrecisionDigester } from './precision-digest.ts';
import { plainDigest } from './precision-digest.test-helpers.ts';

/** Every cell decoded as text, every row: the digest's definition. */
const reference = (text: string) => plainDigest(new TextEncoder().encode(text));

const HEADER = 'Name,Type,OP State,Accelerator Core,Duration(us),Input Data Types\n';
const CORES = ['AI_CORE', ' ai_core ', 'AI_CPU', 'MIX_AIV', 'N/A', '', 'HCCL', 'ＡＩ_CORE'];
const STATES = [
  'dynamic',
  'static',
  ' DYNAMIC ',
  'dynamic\u00a0',
  '"dynamic"',
  'Dynamic',
  'ｄynamic',
];
const DTYPES = [
  'FLOAT;FLOAT',
  '"FLOAT16;INT64"',
  'DT_BF16',
  ' float ',
  '"""FLOAT"";INT32"',
  'ﬂOAT',
  'FLOAT\u3000',
  `${'FLOAT;'.repeat(20)}INT8`,
  '浮点',
  '',
];
const DURS = ['1.5', ' 2.25', '3', 'N/A', '-1', '1e3', '０.5', '7.000000000000001', '"4.5"', ''];

function table(rows: number): string {
  const lines: string[] = [];
  for (let r = 0; r < rows; r++) {
    // Runs of equal cells (r >> 2) with changes in between; every 13th row short of columns.
    const k = (r >> 2) + (r % 3 === 0 ? r : 0);
    const cells = [
      `Op_${k % 9}`,
      k % 5 === 0 ? '算子' : `T${k % 4}`,
      STATES[k % STATES.length],
      CORES[(k >> 1) % CORES.length],
      DURS[(r * 7) % DURS.length],
      DTYPES[k % DTYPES.length],
    ];
    lines.push((r % 13 === 12 ? cells.slice(0, 2 + (r % 4)) : cells).join(','));
  }
  return HEADER + lines.join('\n') + '\n';
}

describe('the precision digest', () => {
  test('equals every cell read as text, on equal, changing, ragged and non-ASCII cells', () => {
    for (const rows of [1, 50, 2000]) {
      const text = table(rows);
      const got = digestPrecision('id', 'kernel_details.csv', text);
      const want = reference(text);
      expect(got).toEqual({
        fileId: 'id',
        fileName: 'kernel_details.csv',
        ...want,
        hasDataTypes: true,
        hasOpState: true,
      });
    }
    // The table does exercise each class and the dynamic state.
    const d = digestPrecision('id', 'k.csv', table(2000));
    expect([d.fp32Us > 0, d.halfUs > 0, d.dynamicRows > 0, d.rows < 2000]).toEqual([
      true,
      true,
      true,
      true,
    ]);
  });

  test('digests of ranges, merged in order, count what the whole file counts', () => {
    const text = table(3000);
    const lines = text.split('\n');
    const digestOf = (body: string[]) => {
      const d = new PrecisionDigester('id', 'k.csv');
      d.push(new TextEncoder().encode(HEADER + body.join('\n')));
      return d.finish();
    };
    const body = lines.slice(1);
    const merged = mergePrecisionDigests([
      digestOf(body.slice(0, 1000)),
      digestOf(body.slice(1000, 1001)),
      digestOf(body.slice(1001)),
    ]);
    const whole = digestPrecision('id', 'k.csv', text);
    expect(merged?.rows).toBe(whole.rows);
    expect(merged?.dynamicRows).toBe(whole.dynamicRows);
    expect(merged?.fp32ByType.map((t) => [t.type, t.count])).toEqual(
      whole.fp32ByType.map((t) => [t.type, t.count]),
    );
    expect(merged?.totalUs).toBeCloseTo(whole.totalUs, 6);
    expect(merged?.fp32Us).toBeCloseTo(whole.fp32Us, 6);
    expect(mergePrecisionDigests([])).toBeNull();
  });
});
