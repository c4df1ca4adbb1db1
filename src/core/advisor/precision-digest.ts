// The data types the model computed in, read from a kernel table's `Input Data Types` column
// (op_summary, kernel_details Level1+), and its `OP State` (static / dynamic). The profile model
// keeps neither column, so hosts that want the precision advice feed the file's bytes through
// this digest as well (in chunks, like the table parser: memory stays at the digest).
import { CsvTokenizer } from '../formats/csv/tokenizer.ts';
import { CELL_ESCAPED, type RecordSink } from '../formats/csv/record-sink.ts';
import { cleanHeaderCell, mapColumns } from '../formats/csv/header.ts';

/** A row's data class, from its first input (the data input; later inputs are weights, bias). */
export type DtypeClass = 'fp32' | 'half' | 'other';

export interface PrecisionTypeRow {
  readonly type: string;
  readonly count: number;
  readonly fp32Us: number;
}

export interface PrecisionDigest {
  readonly fileId: string;
  readonly fileName: string;
  /** The file has an `Input Data Types` column. */
  readonly hasDataTypes: boolean;
  /** The file has an `OP State` column (msprof op_summary). */
  readonly hasOpState: boolean;
  readonly rows: number;
  /** Time of AI Core rows (the Cube/Vector units) by the class of their first input, µs. */
  readonly aiCoreUs: number;
  readonly fp32Us: number;
  readonly halfUs: number;
  /** AI Core rows with FP32 input by operator type, most time first. */
  readonly fp32ByType: readonly PrecisionTypeRow[];
  /** Rows whose OP State is `dynamic`, and their time. */
  readonly dynamicRows: number;
  readonly dynamicUs: number;
  readonly totalUs: number;
}

const FP32 = new Set(['FLOAT', 'FLOAT32', 'FP32', 'DT_FLOAT', 'DT_FLOAT32']);
const HALF = new Set([
  'FLOAT16',
  'FP16',
  'DT_FLOAT16',
  'BF16',
  'BFLOAT16',
  'DT_BF16',
  'DT_BFLOAT16',
]);
/**
 * Task types that run on the AI Core's Cube or Vector units. AI_CPU, communication and DMA
 * tasks are left out: their data type says nothing about the Cube's precision.
 */
const AI_CORE = new Set(['AI_CORE', 'AI_VECTOR_CORE', 'MIX_AIC', 'MIX_AIV', 'N/A', '']);

export function dtypeClass(cell: string): DtypeClass {
  const first = (cell.split(';')[0] ?? '')
    .trim()
    .replace(/^"+|"+$/g, '')
    .toUpperCase();
  if (FP32.has(first)) return 'fp32';
  if (HALF.has(first)) return 'half';
  return 'other';
}

const decoder = new TextDecoder('utf-8');

/** A cell's text (quotes unescaped); '' for a column the row does not have. */
function cellText(
  buf: Uint8Array,
  starts: Int32Array,
  ends: Int32Array,
  flags: Uint8Array,
  width: number,
  i: number,
): string {
  if (i < 0 || i >= width) return '';
  const start = starts[i] as number;
  const end = ends[i] as number;
  let text: string;
  if (end - start <= 32) {
    // Short ASCII cells (numbers, core types, states) without the decoder's per-call cost.
    text = '';
    for (let k = start; k < end; k++) {
      const c = buf[k] as number;
      if (c >= 0x80) {
        text = decoder.decode(buf.subarray(start, end));
        break;
      }
      text += String.fromCharCode(c);
    }
  } else {
    text = decoder.decode(buf.subarray(start, end));
  }
  return (flags[i] as number) & CELL_ESCAPED ? text.replace(/""/g, '"') : text;
}

/**
 * The last cell of one column and what was made of it: a row whose cell has the same bytes (and
 * the same escaping) as the row before gets the same answer without decoding the cell again.
 * Profiles repeat these cells row after row (the same core, state, data types).
 */
class CellMemo<T> {
  private bytes = new Uint8Array(64);
  private length = -1;
  private flags = 0;
  value!: T;

  /** A row without the column: the next cell is not compared with an older one. */
  forget(): void {
    this.length = -1;
  }

  /** Whether the cell [start, end) is the last one seen; if not, it becomes it (set `value`). */
  same(buf: Uint8Array, start: number, end: number, flags: number): boolean {
    const n = end - start;
    if (n === this.length && flags === this.flags) {
      let k = 0;
      while (k < n && this.bytes[k] === buf[start + k]) k++;
      if (k === n) return true;
    }
    if (n > this.bytes.length) this.bytes = new Uint8Array(Math.max(n, this.bytes.length * 2));
    for (let k = 0; k < n; k++) this.bytes[k] = buf[start + k] as number;
    this.length = n;
    this.flags = flags;
    return false;
  }
}

class DigestSink implements RecordSink {
  header: readonly string[] | null = null;
  cols = { type: -1, core: -1, dur: -1, dtype: -1, state: -1 };
  rows = 0;
  aiCoreUs = 0;
  fp32Us = 0;
  halfUs = 0;
  totalUs = 0;
  dynamicRows = 0;
  dynamicUs = 0;
  byType = new Map<string, { count: number; fp32Us: number }>();
  private readonly stateMemo = new CellMemo<boolean>();
  private readonly coreMemo = new CellMemo<boolean>();
  private readonly dtypeMemo = new CellMemo<DtypeClass>();

  record(
    buf: Uint8Array,
    starts: Int32Array,
    ends: Int32Array,
    flags: Uint8Array,
    count: number,
  ): boolean {
    const width = Math.min(count, starts.length);
    if (this.header === null) {
      const header: string[] = [];
      for (let i = 0; i < width; i++) {
        header.push(cleanHeaderCell(cellText(buf, starts, ends, flags, width, i)));
      }
      if (header.every((h) => h === '')) return true;
      this.header = header;
      const at = mapColumns(header);
      this.cols = {
        type: at.get('op_type') ?? -1,
        core: at.get('core_type') ?? -1,
        dur: at.get('duration_us') ?? -1,
        dtype: at.get('input_data_types') ?? -1,
        state: at.get('op_state') ?? -1,
      };
      // Without a duration or either column of interest there is nothing to digest.
      return this.cols.dur >= 0 && (this.cols.dtype >= 0 || this.cols.state >= 0);
    }
    const { type, core, dur: durCol, dtype, state } = this.cols;
    const dur = Number(cellText(buf, starts, ends, flags, width, durCol).trim());
    if (!Number.isFinite(dur) || dur < 0) return true;
    this.rows++;
    this.totalUs += dur;
    if (state >= 0) {
      const m = this.stateMemo;
      if (state >= width) {
        m.forget();
        m.value = false;
      } else if (
        !m.same(buf, starts[state] as number, ends[state] as number, flags[state] as number)
      )
        m.value =
          cellText(buf, starts, ends, flags, width, state).trim().toLowerCase() === 'dynamic';
      if (m.value) {
        this.dynamicRows++;
        this.dynamicUs += dur;
      }
    }
    if (dtype < 0) return true;
    const c = this.coreMemo;
    if (core < 0 || core >= width) {
      c.forget();
      c.value = AI_CORE.has('');
    } else if (!c.same(buf, starts[core] as number, ends[core] as number, flags[core] as number))
      c.value = AI_CORE.has(cellText(buf, starts, ends, flags, width, core).trim().toUpperCase());
    if (!c.value) return true;
    this.aiCoreUs += dur;
    const d = this.dtypeMemo;
    if (dtype >= width) {
      d.forget();
      d.value = dtypeClass('');
    } else if (!d.same(buf, starts[dtype] as number, ends[dtype] as number, flags[dtype] as number))
      d.value = dtypeClass(cellText(buf, starts, ends, flags, width, dtype));
    const cls = d.value;
    if (cls === 'half') this.halfUs += dur;
    if (cls !== 'fp32') return true;
    this.fp32Us += dur;
    const typeName = cellText(buf, starts, ends, flags, width, type).trim() || '(no type)';
    const t = this.byType.get(typeName) ?? { count: 0, fp32Us: 0 };
    t.count++;
    t.fp32Us += dur;
    this.byType.set(typeName, t);
    return true;
  }
}

/** Fed the file's bytes in chunks, then finished once. */
export class PrecisionDigester {
  private readonly sink = new DigestSink();
  private readonly tokenizer = new CsvTokenizer(this.sink);

  constructor(
    private readonly fileId: string,
    private readonly fileName: string,
  ) {}

  push(chunk: Uint8Array): void {
    this.tokenizer.push(chunk);
  }

  finish(): PrecisionDigest {
    this.tokenizer.finish();
    const s = this.sink;
    const fp32ByType = byTypeRows(s.byType);
    return {
      fileId: this.fileId,
      fileName: this.fileName,
      hasDataTypes: s.cols.dtype >= 0,
      hasOpState: s.cols.state >= 0,
      rows: s.rows,
      aiCoreUs: s.aiCoreUs,
      fp32Us: s.fp32Us,
      halfUs: s.halfUs,
      fp32ByType,
      dynamicRows: s.dynamicRows,
      dynamicUs: s.dynamicUs,
      totalUs: s.totalUs,
    };
  }
}

function byTypeRows(
  byType: ReadonlyMap<string, { count: number; fp32Us: number }>,
): PrecisionTypeRow[] {
  return [...byType.entries()]
    .map(([type, t]) => ({ type, count: t.count, fp32Us: t.fp32Us }))
    .sort((a, b) => b.fp32Us - a.fp32Us || (a.type < b.type ? -1 : 1));
}

/**
 * The digest of a file from the digests of its byte ranges, in file order (each range digested
 * with the file's header before its bytes). Counts are the whole file's exactly; the times are
 * summed range by range, so they may differ from one reading's in the last bits.
 */
export function mergePrecisionDigests(parts: readonly PrecisionDigest[]): PrecisionDigest | null {
  const first = parts[0];
  if (!first) return null;
  const byType = new Map<string, PrecisionTypeRow>();
  const sum = (
    key: 'rows' | 'aiCoreUs' | 'fp32Us' | 'halfUs' | 'dynamicRows' | 'dynamicUs' | 'totalUs',
  ) => parts.reduce((n, p) => n + p[key], 0);
  for (const part of parts) {
    for (const row of part.fp32ByType) {
      const t = byType.get(row.type);
      byType.set(row.type, {
        type: row.type,
        count: (t?.count ?? 0) + row.count,
        fp32Us: (t?.fp32Us ?? 0) + row.fp32Us,
      });
    }
  }
  return {
    fileId: first.fileId,
    fileName: first.fileName,
    hasDataTypes: first.hasDataTypes,
    hasOpState: first.hasOpState,
    rows: sum('rows'),
    aiCoreUs: sum('aiCoreUs'),
    fp32Us: sum('fp32Us'),
    halfUs: sum('halfUs'),
    fp32ByType: byTypeRows(byType),
    dynamicRows: sum('dynamicRows'),
    dynamicUs: sum('dynamicUs'),
    totalUs: sum('totalUs'),
  };
}

/** The digest of a whole text (tests, small files). */
export function digestPrecision(fileId: string, fileName: string, text: string): PrecisionDigest {
  const d = new PrecisionDigester(fileId, fileName);
  d.push(new TextEncoder().encode(text));
  return d.finish();
}
