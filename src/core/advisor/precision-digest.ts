// The data types the model computed in, read from a kernel table's `Input Data Types` column
// (op_summary, kernel_details Level1+), and its `OP State` (static / dynamic). The profile model
// keeps neither column, so hosts that want the precision advice feed the file's bytes through
// this digest as well (in chunks, like the table parser: memory stays at the digest) — or, when
// they read the file with the kernel table parser anyway, attach the digest to the parser's
// tokenizer (`tap`), so the bytes are scanned once for both.
//
// The cells are read from the bytes: a text cell's class is computed once per distinct text
// (interned), a duration that is a plain decimal is parsed without a string. Anything else goes
// the exact way (decoded, trimmed, `Number`), so the digest is the same either way.
import { CsvTokenizer } from '../formats/csv/tokenizer.ts';
import { CELL_ESCAPED, type RecordSink, type RecordTap } from '../formats/csv/record-sink.ts';
import { cleanHeaderCell, mapColumns } from '../formats/csv/header.ts';
import { Interner, MISSING } from '../formats/csv/cells.ts';

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
const QUOTE = 34;
const DOT = 46;
const D0 = 48;
const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];
POW10.push(1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22);
/** Bytes of `dynamic`. */
const DYNAMIC = [100, 121, 110, 97, 109, 105, 99];

/** ASCII whitespace: what `String.prototype.trim` removes among bytes below 0x80. */
const isSpace = (b: number): boolean => b === 32 || (b >= 9 && b <= 13);

/** Results per interned text of a column, computed once per distinct text. */
class TextClasses<T> {
  readonly interner = new Interner();
  private readonly cache: (T | undefined)[] = [];
  private prev = -1;

  constructor(private readonly of: (text: string) => T) {}

  /** The interned id of the cell's exact bytes (MISSING for an empty or `N/A` cell). */
  id(buf: Uint8Array, s: number, e: number): number {
    const id = this.interner.internAfter(this.prev, buf, s, e);
    this.prev = this.interner.last;
    return id;
  }

  /** The result for the cell's exact text; `missing` for an empty or `N/A` cell. */
  get(buf: Uint8Array, s: number, e: number, missing: T): T {
    const id = this.id(buf, s, e);
    if (id === MISSING) return missing;
    let v = this.cache[id];
    if (v === undefined) this.cache[id] = v = this.of(this.interner.dict[id] ?? '');
    return v;
  }
}

class DigestSink implements RecordSink, RecordTap {
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
  /** Cells per data row the digest reads: one past its rightmost column, once the header is in. */
  width = 0;
  /** The columns read, once the header is in: only their cells need storing. */
  columns: readonly number[] = [];
  // Empty and `N/A` are AI Core rows (AI_CORE lists both), and their data type is `other`.
  private readonly core = new TextClasses((t) => AI_CORE.has(t.trim().toUpperCase()));
  private readonly dtype = new TextClasses(dtypeClass);
  private readonly type = new TextClasses((t) => t.trim() || '(no type)');
  /** The accumulator of each interned type text (several texts may trim to one type). */
  private readonly typeAcc: ({ count: number; fp32Us: number } | undefined)[] = [];
  private scratch = new Uint8Array(256);
  private buf: Uint8Array = this.scratch;
  private s = 0;
  private e = 0;

  record(
    buf: Uint8Array,
    starts: Int32Array,
    ends: Int32Array,
    flags: Uint8Array,
    count: number,
  ): boolean {
    return this.tap(buf, starts, ends, flags, count, Math.min(count, starts.length));
  }

  tap(
    buf: Uint8Array,
    starts: Int32Array,
    ends: Int32Array,
    flags: Uint8Array,
    count: number,
    stored: number,
  ): boolean {
    if (this.header === null) return this.readHeader(buf, starts, ends, flags, stored);
    const cols = this.cols;
    const dur = this.duration(buf, starts, ends, flags, stored);
    if (!Number.isFinite(dur) || dur < 0) return true;
    this.rows++;
    this.totalUs += dur;
    if (cols.state >= 0 && this.isDynamic(buf, starts, ends, flags, stored)) {
      this.dynamicRows++;
      this.dynamicUs += dur;
    }
    if (cols.dtype < 0) return true;
    const aiCore = this.cell(buf, starts, ends, flags, cols.core, stored)
      ? this.core.get(this.buf, this.s, this.e, true)
      : true;
    if (!aiCore) return true;
    this.aiCoreUs += dur;
    const cls = this.cell(buf, starts, ends, flags, cols.dtype, stored)
      ? this.dtype.get(this.buf, this.s, this.e, 'other')
      : 'other';
    if (cls === 'half') this.halfUs += dur;
    if (cls !== 'fp32') return true;
    this.fp32Us += dur;
    const t = this.typeAccOf(buf, starts, ends, flags, stored);
    t.count++;
    t.fp32Us += dur;
    return true;
  }

  private readHeader(
    buf: Uint8Array,
    starts: Int32Array,
    ends: Int32Array,
    flags: Uint8Array,
    stored: number,
  ): boolean {
    const header: string[] = [];
    for (let i = 0; i < stored; i++)
      header.push(cleanHeaderCell(this.text(buf, starts, ends, flags, i, stored)));
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
    const c = this.cols;
    this.width = Math.max(c.type, c.core, c.dur, c.dtype, c.state) + 1;
    this.columns = [c.type, c.core, c.dur, c.dtype, c.state].filter((i) => i >= 0);
    // Without a duration or either column of interest there is nothing to digest.
    return c.dur >= 0 && (c.dtype >= 0 || c.state >= 0);
  }

  /**
   * Points `buf`/`s`/`e` at cell `i`'s text (`""` collapsed); false when the row has no such
   * cell (read as the empty text).
   */
  private cell(
    buf: Uint8Array,
    starts: Int32Array,
    ends: Int32Array,
    flags: Uint8Array,
    i: number,
    stored: number,
  ): boolean {
    if (i < 0 || i >= stored) return false;
    const s = starts[i] as number;
    const e = ends[i] as number;
    if ((flags[i] as number) & CELL_ESCAPED) {
      if (this.scratch.length < e - s) this.scratch = new Uint8Array((e - s) * 2);
      const out = this.scratch;
      let n = 0;
      for (let k = s; k < e; k++) {
        const c = buf[k] as number;
        out[n++] = c;
        if (c === QUOTE && buf[k + 1] === QUOTE && k + 1 < e) k++;
      }
      this.buf = out;
      this.s = 0;
      this.e = n;
    } else {
      this.buf = buf;
      this.s = s;
      this.e = e;
    }
    return true;
  }

  /** Cell `i` as text, the way the digest has always read it ('' when the row lacks it). */
  private text(
    buf: Uint8Array,
    starts: Int32Array,
    ends: Int32Array,
    flags: Uint8Array,
    i: number,
    stored: number,
  ): string {
    if (!this.cell(buf, starts, ends, flags, i, stored)) return '';
    return decoder.decode(this.buf.subarray(this.s, this.e));
  }

  /**
   * `Number(cell.trim())`: a plain decimal of at most 15 significant digits is read from the
   * bytes (exactly: an integer below 2^53 divided by an exact power of ten is correctly rounded,
   * as `Number` rounds); anything else is decoded and given to `Number`.
   */
  private duration(
    buf: Uint8Array,
    starts: Int32Array,
    ends: Int32Array,
    flags: Uint8Array,
    stored: number,
  ): number {
    if (!this.cell(buf, starts, ends, flags, this.cols.dur, stored)) return 0;
    const b = this.buf;
    let s = this.s;
    let e = this.e;
    while (s < e && isSpace(b[s] as number)) s++;
    while (e > s && isSpace(b[e - 1] as number)) e--;
    let mant = 0;
    let digits = 0;
    let scale = 0;
    let dot = false;
    let any = false;
    let i = s;
    for (; i < e; i++) {
      const d = (b[i] as number) - D0;
      if (d >= 0 && d <= 9) {
        any = true;
        if (dot) scale++;
        if (mant === 0 && d === 0) continue;
        mant = mant * 10 + d;
        digits++;
      } else if (b[i] === DOT && !dot) dot = true;
      else break;
    }
    if (i === e && any && digits <= 15 && scale <= 22) return mant / (POW10[scale] as number);
    return Number(decoder.decode(b.subarray(this.s, this.e)).trim());
  }

  /** `cell.trim().toLowerCase() === 'dynamic'`, from the bytes when they are ASCII. */
  private isDynamic(
    buf: Uint8Array,
    starts: Int32Array,
    ends: Int32Array,
    flags: Uint8Array,
    stored: number,
  ): boolean {
    if (!this.cell(buf, starts, ends, flags, this.cols.state, stored)) return false;
    const b = this.buf;
    let s = this.s;
    let e = this.e;
    for (let k = s; k < e; k++) {
      if ((b[k] as number) >= 0x80) {
        return decoder.decode(b.subarray(s, e)).trim().toLowerCase() === 'dynamic';
      }
    }
    while (s < e && isSpace(b[s] as number)) s++;
    while (e > s && isSpace(b[e - 1] as number)) e--;
    if (e - s !== DYNAMIC.length) return false;
    // `| 32` lowers an ASCII letter and leaves it alone otherwise; only 'D'/'d' give 'd', etc.
    for (let k = 0; k < DYNAMIC.length; k++)
      if (((b[s + k] as number) | 32) !== DYNAMIC[k]) return false;
    return true;
  }

  private typeAccOf(
    buf: Uint8Array,
    starts: Int32Array,
    ends: Int32Array,
    flags: Uint8Array,
    stored: number,
  ): { count: number; fp32Us: number } {
    let name: string;
    let id = -1;
    if (!this.cell(buf, starts, ends, flags, this.cols.type, stored)) name = '(no type)';
    else {
      id = this.type.id(this.buf, this.s, this.e);
      const known = this.typeAcc[id];
      if (id !== MISSING && known !== undefined) return known;
      // An empty cell and `N/A` share the MISSING id but not their name: read the text.
      name =
        id === MISSING
          ? decoder.decode(this.buf.subarray(this.s, this.e)).trim() || '(no type)'
          : this.type.get(this.buf, this.s, this.e, '');
    }
    let t = this.byType.get(name);
    if (t === undefined) this.byType.set(name, (t = { count: 0, fp32Us: 0 }));
    if (id > MISSING) this.typeAcc[id] = t;
    return t;
  }
}

/** Fed the file's bytes in chunks (or attached to a table parser's tokenizer), then finished. */
export class PrecisionDigester {
  private readonly sink = new DigestSink();
  private readonly tokenizer = new CsvTokenizer(this.sink);
  private tapped = false;
  private headerSeen = false;

  constructor(
    private readonly fileId: string,
    private readonly fileName: string,
  ) {}

  /**
   * The digest as a reader of another tokenizer's records (a kernel table parser's), instead of
   * being pushed the bytes: every record of the file, the header first, with the cells it
   * stores; after the header, that tokenizer must store the cells of `tap.columns`.
   */
  get tap(): RecordTap {
    this.tapped = true;
    return this.sink;
  }

  push(chunk: Uint8Array): void {
    if (this.tapped) throw new Error('this digest reads another parser’s records');
    this.tokenizer.push(chunk);
    if (!this.headerSeen && this.sink.header !== null) {
      // Only the cells up to the rightmost column read are worth storing.
      this.headerSeen = true;
      this.tokenizer.storeColumns(this.sink.columns);
    }
  }

  finish(): PrecisionDigest {
    if (!this.tapped) this.tokenizer.finish();
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
