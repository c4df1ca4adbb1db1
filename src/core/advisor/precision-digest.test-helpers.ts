// The precision digest as it was first written, every cell it reads decoded to a string: the
// reference the byte-reading digest (whole, pushed, tapped or in ranges) must equal in tests.
import { CsvTokenizer } from '../formats/csv/tokenizer.ts';
import { CELL_ESCAPED, type RecordSink } from '../formats/csv/record-sink.ts';
import { cleanHeaderCell, mapColumns } from '../formats/csv/header.ts';
import { dtypeClass, type PrecisionDigest } from './precision-digest.ts';

const AI_CORE = new Set(['AI_CORE', 'AI_VECTOR_CORE', 'MIX_AIC', 'MIX_AIV', 'N/A', '']);

/** The digest as it was first written: every cell it reads decoded to a string. */
export function plainDigest(bytes: Uint8Array): Omit<PrecisionDigest, 'fileId' | 'fileName'> {
  const decoder = new TextDecoder();
  let header: string[] | null = null;
  let cols = { type: -1, core: -1, dur: -1, dtype: -1, state: -1 };
  const d = {
    rows: 0,
    aiCoreUs: 0,
    fp32Us: 0,
    halfUs: 0,
    totalUs: 0,
    dynamicRows: 0,
    dynamicUs: 0,
  };
  const byType = new Map<string, { count: number; fp32Us: number }>();
  const sink: RecordSink = {
    record(buf, starts, ends, flags, count) {
      const cell = (i: number): string => {
        if (i < 0 || i >= Math.min(count, starts.length)) return '';
        const text = decoder.decode(buf.subarray(starts[i] as number, ends[i] as number));
        return (flags[i] as number) & CELL_ESCAPED ? text.replace(/""/g, '"') : text;
      };
      if (header === null) {
        const h: string[] = [];
        for (let i = 0; i < Math.min(count, starts.length); i++) h.push(cleanHeaderCell(cell(i)));
        if (h.every((x) => x === '')) return true;
        header = h;
        const at = mapColumns(h);
        cols = {
          type: at.get('op_type') ?? -1,
          core: at.get('core_type') ?? -1,
          dur: at.get('duration_us') ?? -1,
          dtype: at.get('input_data_types') ?? -1,
          state: at.get('op_state') ?? -1,
        };
        return cols.dur >= 0 && (cols.dtype >= 0 || cols.state >= 0);
      }
      const dur = Number(cell(cols.dur).trim());
      if (!Number.isFinite(dur) || dur < 0) return true;
      d.rows++;
      d.totalUs += dur;
      if (cols.state >= 0 && cell(cols.state).trim().toLowerCase() === 'dynamic') {
        d.dynamicRows++;
        d.dynamicUs += dur;
      }
      if (cols.dtype < 0) return true;
      if (!AI_CORE.has(cell(cols.core).trim().toUpperCase())) return true;
      d.aiCoreUs += dur;
      const cls = dtypeClass(cell(cols.dtype));
      if (cls === 'half') d.halfUs += dur;
      if (cls !== 'fp32') return true;
      d.fp32Us += dur;
      const type = cell(cols.type).trim() || '(no type)';
      const t = byType.get(type) ?? { count: 0, fp32Us: 0 };
      t.count++;
      t.fp32Us += dur;
      byType.set(type, t);
      return true;
    },
  };
  const tokenizer = new CsvTokenizer(sink);
  tokenizer.push(bytes);
  tokenizer.finish();
  return {
    hasDataTypes: cols.dtype >= 0,
    hasOpState: cols.state >= 0,
    ...d,
    fp32ByType: [...byType.entries()]
      .map(([type, t]) => ({ type, count: t.count, fp32Us: t.fp32Us }))
      .sort((a, b) => b.fp32Us - a.fp32Us || (a.type < b.type ? -1 : 1)),
  };
}
