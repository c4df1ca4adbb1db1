// Reads per-kernel profiler tables — msprof `op_summary_*.csv` and torch_npu `kernel_details.csv`,
// every header set of FORMATS.md B.2/B.8 — into one columnar ProfileTable. Only the columns the
// model keeps are decoded (name, type, accelerator core, input shapes, start, duration, wait);
// the other cells of a row are skipped as byte offsets.
import type { CsvProfileFormat } from './header.ts';
import type { ProfileData, ProfileTable } from '../../model/types.ts';
import type { ImportIssue, ParseContext, ParseResult } from '../types.ts';
import { summarizeTable } from '../../model/profile-aggregate.ts';
import { DecimalTimeReader, Interner, MISSING, NumberReader, trimEnd, trimStart } from './cells.ts';
import { TableParser } from './table-parser.ts';
import { CELL_ESCAPED } from './record-sink.ts';

const QUOTE = 34;
/** Rows read before the bytes per row are known well enough to size the columns for the file. */
const SAMPLE_ROWS = 4096;
const KERNEL_FAMILY: readonly CsvProfileFormat[] = ['op-summary', 'kernel-details'];
/**
 * The hardware utilisation columns kept: how busy the AI Core's cube (matrix) and vector units
 * were (FORMATS.md B.2: PipeUtilization `aic_mac_ratio`, `aiv_vec_ratio`, `cube_utilization(%)`;
 * the older single-core `mac_ratio`, `vec_ratio`). Only these: each kept column costs every row
 * a number parse and 4 bytes (Float32: three decimals are all the file writes), and all 12 ratio
 * columns of a PipeUtilization table made ingest ~50 % slower.
 */
const METRIC_COLUMN = /^(?:aic_mac_ratio|aiv_vec_ratio|cube_utilization\(%\)|mac_ratio|vec_ratio)$/;
const MAX_METRICS = 5;

/** Whether a header cell names a hardware utilisation column the profile keeps. */
export function isMetricColumn(name: string): boolean {
  return METRIC_COLUMN.test(name);
}

/**
 * The escaped cell content `buf[s..e)` is `""` + text + `""` with no quote in the text: collapsing
 * `""` gives `"text"`, whose first and last bytes are the quotes a shape cell's literal quotes
 * are (no space or TAB to trim before them), so the shape is the text.
 */
function isDoublyQuoted(buf: Uint8Array, s: number, e: number): boolean {
  if (e - s < 4 || buf[s] !== QUOTE || buf[s + 1] !== QUOTE) return false;
  if (buf[e - 1] !== QUOTE || buf[e - 2] !== QUOTE) return false;
  for (let i = s + 2; i < e - 2; i++) if (buf[i] === QUOTE) return false;
  return true;
}

export class KernelTableParser extends TableParser {
  private readonly strings = new Interner();
  private readonly num = new NumberReader();
  private readonly time = new DecimalTimeReader();
  private scratch = new Uint8Array(256);
  private cName = -1;
  private cType = -1;
  private cCore = -1;
  private cShapes = -1;
  private cStart = -1;
  private cDuration = -1;
  private cWait = -1;
  private n = 0;
  private cap = 0;
  private name = new Uint32Array(0);
  private type = new Uint32Array(0);
  private core = new Uint32Array(0);
  private shapes = new Uint32Array(0);
  private duration = new Float64Array(0);
  private wait = new Float64Array(0);
  private startOff = new Float64Array(0);
  private baseHi = 0;
  private baseLo = 0;
  private baseFrac = 0;
  private base: string | null = null;
  /** Dictionary cache entry of each text column's cell in the previous row (Interner.last). */
  private prevName = -1;
  private prevType = -1;
  private prevCore = -1;
  private prevShapes = -1;
  private metricCols: number[] = [];
  private metricNames: string[] = [];
  private metricValues: Float32Array[] = [];

  constructor(ctx: ParseContext, expected: CsvProfileFormat) {
    super(ctx, expected);
  }

  /**
   * Takes `text` as the start time every row is measured from, instead of the first row's: a
   * reader of one byte range of a file gets the file's first start time, so that its offsets are
   * the ones a reading of the whole file gives, to the last bit.
   */
  presetBase(text: string): void {
    const bytes = new TextEncoder().encode(text);
    if (!this.time.read(bytes, 0, bytes.length, true)) return;
    this.base = this.time.text;
    this.baseHi = this.time.hi;
    this.baseLo = this.time.lo;
    this.baseFrac = this.time.frac;
  }

  /** The start time rows are measured from (the first row's), once a row has one. */
  get startBase(): string | null {
    return this.base;
  }

  protected family(): readonly CsvProfileFormat[] {
    return KERNEL_FAMILY;
  }

  protected start(): boolean {
    this.cName = this.column('op_name');
    this.cType = this.column('op_type');
    this.cCore = this.column('core_type');
    this.cShapes = this.column('input_shapes');
    this.cStart = this.column('start_us');
    this.cDuration = this.column('duration_us');
    this.cWait = this.column('wait_us');
    (this.header ?? []).forEach((name, i) => {
      if (this.metricCols.length < MAX_METRICS && isMetricColumn(name)) {
        this.metricCols.push(i);
        this.metricNames.push(name);
        this.metricValues.push(new Float32Array(0));
      }
    });
    this.needColumns([
      this.cName,
      this.cType,
      this.cCore,
      this.cShapes,
      this.cStart,
      this.cDuration,
      this.cWait,
    ]);
    if (this.metricCols.length > 0) this.optionalColumns(this.metricCols);
    this.grow(SAMPLE_ROWS);
    return true;
  }

  protected row(
    buf: Uint8Array,
    starts: Int32Array,
    ends: Int32Array,
    flags: Uint8Array,
    count: number,
    line: number,
    rowFlags: number,
  ): boolean {
    if (this.rejectRow(count, line, rowFlags)) return true;
    const r = this.n;
    if (r === this.cap) this.grow(this.nextCap());
    const strings = this.strings;
    this.name[r] = this.text(buf, starts, ends, flags, this.cName, false, this.prevName);
    this.prevName = strings.last;
    this.type[r] = this.text(buf, starts, ends, flags, this.cType, false, this.prevType);
    this.prevType = strings.last;
    this.core[r] = this.text(buf, starts, ends, flags, this.cCore, false, this.prevCore);
    this.prevCore = strings.last;
    if (this.cShapes < 0) this.shapes[r] = MISSING;
    else {
      this.shapes[r] = this.text(buf, starts, ends, flags, this.cShapes, true, this.prevShapes);
      this.prevShapes = strings.last;
    }
    this.duration[r] = this.number(buf, starts, ends, this.cDuration, line, 'duration');
    this.wait[r] = this.number(buf, starts, ends, this.cWait, line, 'wait time');
    this.startOff[r] = this.startTime(
      buf,
      starts[this.cStart] as number,
      ends[this.cStart] as number,
      line,
    );
    for (let k = 0; k < this.metricCols.length; k++) {
      const col = this.metricCols[k] as number;
      (this.metricValues[k] as Float32Array)[r] =
        col < count ? this.metric(buf, starts, ends, col) : NaN;
    }
    this.n = r + 1;
    return true;
  }

  private text(
    buf: Uint8Array,
    starts: Int32Array,
    ends: Int32Array,
    flags: Uint8Array,
    col: number,
    shape: boolean,
    prev: number,
  ): number {
    let src = buf;
    let s = starts[col] as number;
    let e = ends[col] as number;
    if ((flags[col] as number) & CELL_ESCAPED) {
      // A shape cell as torch_npu writes it, `"""32,3,224,224"""`: the text inside the doubled
      // quotes, read in place when no other quote is in it (what collapsing `""` and dropping the
      // literal quotes gives), without copying the cell.
      if (shape && isDoublyQuoted(buf, s, e))
        return this.strings.internAfter(prev, buf, s + 2, e - 2);
      e = this.unescape(buf, s, e);
      s = 0;
      src = this.scratch;
    }
    s = trimStart(src, s, e);
    e = trimEnd(src, s, e);
    // Shape cells carry literal quotes (`"32,3,224,224"`): the shape is what is inside them.
    if (shape && e - s >= 2 && src[s] === QUOTE && src[e - 1] === QUOTE) {
      s++;
      e--;
    }
    return this.strings.internAfter(prev, src, s, e);
  }

  /** Copies the cell into `scratch` with `""` collapsed to `"`; returns its length. */
  private unescape(buf: Uint8Array, s: number, e: number): number {
    if (this.scratch.length < e - s) this.scratch = new Uint8Array((e - s) * 2);
    const out = this.scratch;
    let n = 0;
    for (let i = s; i < e; i++) {
      const c = buf[i] as number;
      out[n++] = c;
      if (c === QUOTE && buf[i + 1] === QUOTE && i + 1 < e) i++;
    }
    return n;
  }

  private number(
    buf: Uint8Array,
    starts: Int32Array,
    ends: Int32Array,
    col: number,
    line: number,
    what: string,
  ): number {
    const start = starts[col] as number;
    const end = ends[col] as number;
    const num = this.num;
    const v = num.read(buf, start, end);
    // The common case first, without building the cell and place `usableNumber` reports.
    if (num.ok && !num.outOfRange && !(v < 0)) return v;
    if (!num.ok) this.badCell(buf, start, end, line, what);
    // Both columns read as numbers are times (duration, wait).
    return this.usableNumber(v, num, { buf, start, end }, { line, col }, true);
  }

  /** A utilisation cell: blank, `N/A` or anything not a finite number is NaN, without an issue. */
  private metric(buf: Uint8Array, starts: Int32Array, ends: Int32Array, col: number): number {
    const v = this.num.read(buf, starts[col] as number, ends[col] as number);
    return this.num.ok && Number.isFinite(v) ? v : NaN;
  }

  private startTime(buf: Uint8Array, s: number, e: number, line: number): number {
    const t = this.time;
    if (!t.read(buf, s, e, this.base === null)) {
      if (!t.ok) this.badCell(buf, s, e, line, 'start time');
      return NaN;
    }
    if (this.base === null) {
      this.base = t.text;
      this.baseHi = t.hi;
      this.baseLo = t.lo;
      this.baseFrac = t.frac;
      return 0;
    }
    // Exact integer differences first, the fraction last: the result keeps sub-µs precision.
    return (t.hi - this.baseHi) * 1e9 + (t.lo - this.baseLo) + (t.frac - this.baseFrac);
  }

  private badCell(buf: Uint8Array, s: number, e: number, line: number, what: string): void {
    const found = new TextDecoder().decode(buf.subarray(s, Math.min(e, s + 40)));
    this.rows.badRow(
      line,
      `the ${what} is not a number: ${JSON.stringify(found)}`,
      'a number',
      found,
    );
  }

  /**
   * The column capacity after `cap` rows: after the first rows, enough for the whole file at the
   * bytes per row seen so far (with a margin), when the file size is known; else double. Growing
   * by doubling copies every column about twice over a large file.
   */
  private nextCap(): number {
    const total = this.expectedBytes;
    const read = this.tokenizer.offset;
    if (total > read && read > 0 && this.cap === SAMPLE_ROWS) {
      const estimate = Math.ceil(((this.n * total) / read) * 1.03) + SAMPLE_ROWS;
      if (estimate > this.cap * 2) return estimate;
    }
    return Math.ceil(this.cap * (this.cap >= 1 << 20 ? 1.5 : 2));
  }

  private grow(cap: number): void {
    const n = this.n;
    const u32 = (a: Uint32Array) => {
      const b = new Uint32Array(cap);
      b.set(a.subarray(0, n));
      return b;
    };
    const f64 = (a: Float64Array) => {
      const b = new Float64Array(cap);
      b.set(a.subarray(0, n));
      return b;
    };
    const f32 = (a: Float32Array) => {
      const b = new Float32Array(cap);
      b.set(a.subarray(0, n));
      return b;
    };
    this.name = u32(this.name);
    this.type = u32(this.type);
    this.core = u32(this.core);
    this.shapes = u32(this.shapes);
    this.duration = f64(this.duration);
    this.wait = f64(this.wait);
    this.startOff = f64(this.startOff);
    this.metricValues = this.metricValues.map(f32);
    this.cap = cap;
  }

  /**
   * The columns read so far, as views of the filled rows. A column sized from the file size holds
   * little spare room, so the view is returned as it is; a column far larger than its rows (a
   * size estimate that was too high) is copied, so the spare memory is released.
   */
  columnsRead(): KernelColumns {
    const n = this.n;
    const fit = this.cap - n <= n / 8 + 1024;
    const u32 = (a: Uint32Array) => (fit ? a.subarray(0, n) : a.slice(0, n));
    const f64 = (a: Float64Array) => (fit ? a.subarray(0, n) : a.slice(0, n));
    const f32 = (a: Float32Array) => (fit ? a.subarray(0, n) : a.slice(0, n));
    return {
      rowCount: n,
      dict: this.strings.dict,
      name: u32(this.name),
      type: u32(this.type),
      coreType: u32(this.core),
      inputShapes: u32(this.shapes),
      durationUs: f64(this.duration),
      waitUs: f64(this.wait),
      startUs: f64(this.startOff),
      startBaseUs: this.base,
      ...(this.metricNames.length > 0
        ? {
            metrics: this.metricNames.map((column, k) => ({
              column,
              values: f32(this.metricValues[k] as Float32Array),
            })),
          }
        : {}),
      invalidUtf8: this.strings.invalidUtf8,
    };
  }

  protected result(): ParseResult<ProfileData> {
    return kernelProfile(this.describe(), this.columnsRead(), this.warnings());
  }

  /** What the header said: the format, header set and column names of the file. */
  describe(): KernelFileInfo {
    return {
      id: this.ctx.id,
      fileName: this.ctx.fileName,
      format: this.formatOf(),
      headerSet: this.headerSet?.id ?? `${this.formatOf()}-unrecognised`,
      columns: this.header ?? [],
    };
  }
}

/** The kept columns of a kernel table, with what the reading of their text found. */
export interface KernelColumns extends ProfileTable {
  /** Some interned text was not valid UTF-8 (shown with U+FFFD). */
  readonly invalidUtf8: boolean;
}

export type KernelFileInfo = Pick<
  ProfileData,
  'id' | 'fileName' | 'format' | 'headerSet' | 'columns'
>;

/** The ProfileData of a kernel table read whole or in byte ranges: columns, summary, warnings. */
export function kernelProfile(
  info: KernelFileInfo,
  columns: KernelColumns,
  rowWarnings: readonly ImportIssue[],
): ParseResult<ProfileData> {
  const { invalidUtf8, ...table } = columns;
  const warnings = [...rowWarnings];
  if (invalidUtf8) {
    warnings.push({
      code: 'NOT_UTF8',
      severity: 'warning',
      message: 'some cells are not valid UTF-8; the bad bytes are shown as �',
    });
  }
  return {
    ok: true,
    value: { ...info, table, summary: summarizeTable(table) },
    warnings,
  };
}
