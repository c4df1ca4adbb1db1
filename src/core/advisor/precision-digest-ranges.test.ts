// The precision digest reads cells as bytes (short ASCII cells without the decoder, a cell equal
// to the row before's not read again): its digest must be the one a plain reading of every cell
// as text gives. The reference here is that plain reading, on a table with repeated and changing
// cells, ragged rows between equal ones, quotes, non-ASCII text and Unicode case and spaces.
import { describe, expect, test } from 'vitest';
import { CsvTokenizer } from '../formats/csv/tokenizer.ts';
import { CELL_ESCAPED, type RecordSink } from '../formats/csv/record-sink.ts';
import { cleanHeaderCell, mapColumns } from '../formats/csv/header.ts';
import {
  digestPrecision,
  dtypeClass,
  mergePrecisionDigests,
  PrecisionDigester,
} from './precision-digest.ts';

const AI_CORE = new Set(['AI_CORE', 'AI_VECTOR_CORE', 'MIX_AIC', 'MIX_AIV', 'N/A', '']);

/** Every cell decoded as text, every row: the digest's definition. */
function reference(text: string) {
  const decoder = new TextDecoder('utf-8');
  let cols: Record<string, number> | null = null;
  const out = {
    rows: 0,
    totalUs: 0,
    dynamicRows: 0,
    dynamicUs: 0,
    aiCoreUs: 0,
    halfUs: 0,
    fp32Us: 0,
  };
  const byType = new Map<string, { count: number; fp32Us: number }>();
  const sink: RecordSink = {
    record(buf, starts, ends, flags, count) {
      const cell = (i: number): string => {
        if (i < 0 || i >= Math.min(count, starts.length)) return '';
        const t = decoder.decode(buf.subarray(starts[i] as number, ends[i] as number));
        return (flags[i] as number) & CELL_ESCAPED ? t.replace(/""/g, '"') : t;
      };
      if (cols === null) {
        const at = mapColumns(Array.from({ length: count }, (_, i) => cleanHeaderCell(cell(i))));
        cols = {
          type: at.get('op_type') ?? -1,
          core: at.get('core_type') ?? -1,
          dur: at.get('duration_us') ?? -1,
          dtype: at.get('input_data_types') ?? -1,
          state: at.get('op_state') ?? -1,
        };
        return true;
      }
      const c = cols as Record<string, number>;
      const dur = Number(cell(c.dur as number).trim());
      if (!Number.isFinite(dur) || dur < 0) return true;
      out.rows++;
      out.totalUs += dur;
      if (
        c.state !== -1 &&
        cell(c.state as number)
          .trim()
          .toLowerCase() === 'dynamic'
      ) {
        out.dynamicRows++;
        out.dynamicUs += dur;
      }
      if (
        !AI_CORE.has(
          cell(c.core as number)
            .trim()
            .toUpperCase(),
        )
      )
        return true;
      out.aiCoreUs += dur;
      const cls = dtypeClass(cell(c.dtype as number));
      if (cls === 'half') out.halfUs += dur;
      if (cls !== 'fp32') return true;
      out.fp32Us += dur;
      const type = cell(c.type as number).trim() || '(no type)';
      const t = byType.get(type) ?? { count: 0, fp32Us: 0 };
      t.count++;
      t.fp32Us += dur;
      byType.set(type, t);
      return true;
    },
  };
  const tokenizer = new CsvTokenizer(sink);
  tokenizer.push(new TextEncoder().encode(text));
  tokenizer.finish();
  const fp32ByType = [...byType.entries()]
    .map(([type, t]) => ({ type, count: t.count, fp32Us: t.fp32Us }))
    .sort((a, b) => b.fp32Us - a.fp32Us || (a.type < b.type ? -1 : 1));
  return { ...out, fp32ByType };
}

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
        hasDataTypes: true,
        hasOpState: true,
        ...want,
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
