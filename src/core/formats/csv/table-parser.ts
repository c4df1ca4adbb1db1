// What every profiler-table parser shares: the binary check on the first bytes, the streaming
// tokenizer, the header (decoded once, its set detected, its columns mapped through the aliases),
// required-column checks, and row issues. Subclasses read the data rows.
import type { CsvProfileFormat } from './header.ts';
import type { ProfileData } from '../../model/types.ts';
import type { ImportIssue, ParseContext, ParseResult, StreamParser } from '../types.ts';
import { CsvTokenizer } from './tokenizer.ts';
import { CELL_ESCAPED, CELL_MALFORMED, type RecordSink, type RecordTap } from './record-sink.ts';
import {
  cleanHeaderCell,
  detectHeaderSet,
  mapColumns,
  missingColumns,
  type HeaderSet,
} from './header.ts';
import { binaryIssue, EMPTY_ISSUE, RowIssues } from './issues.ts';
import { trimEnd, trimStart, type NumberReader } from './cells.ts';

const HEAD_BYTES = 4096;
const headerDecoder = new TextDecoder('utf-8');
const cellDecoder = new TextDecoder('utf-8');

export abstract class TableParser implements StreamParser<ProfileData>, RecordSink {
  protected readonly tokenizer: CsvTokenizer = new CsvTokenizer(this);
  protected readonly rows = new RowIssues();
  protected header: readonly string[] | null = null;
  protected headerSet: HeaderSet | null = null;
  protected columns: ReadonlyMap<string, number> = new Map();
  /** Cells per data row, from the header. */
  protected width = 0;
  private needWidth = 0;
  /** The columns `row` reads (needed and optional): only their cells are stored. */
  private readColumns: number[] = [];
  protected fatal: ImportIssue | null = null;
  private headSeen = 0;
  /** Bytes from the start of the input to the end of the header record (its line end). */
  headerBytes = 0;
  /** The size of the whole input when the host knows it (`sizeHint`), else 0. */
  protected expectedBytes = 0;
  /** A second reader of the same records (attachTap), until it wants no more. */
  private tapped: RecordTap | null = null;

  constructor(
    protected readonly ctx: ParseContext,
    /** The format this parser was chosen for: its required columns apply. */
    protected readonly expected: CsvProfileFormat,
  ) {}

  /**
   * Tells the parser how many bytes it will be fed in all (the file size), so that it can size
   * its columns once from the bytes per row of the first rows instead of doubling them.
   */
  sizeHint(totalBytes: number): void {
    this.expectedBytes = totalBytes;
  }

  /**
   * For reading one byte range of a file apart from the rest: `header` is the file's first
   * record (with its line end), and the bytes pushed next are taken as starting a record, on the
   * line after the header. Lines in issues are then counted from there; see `RowIssues.shifted`.
   */
  startRange(header: Uint8Array): void {
    this.push(header);
    this.headSeen = HEAD_BYTES;
  }

  /**
   * Gives every record this parser tokenizes to `tap` as well (before any byte is pushed): one
   * scan of the bytes for two readers. The cells of `tap.columns` are stored for it.
   */
  attachTap(tap: RecordTap): void {
    this.tapped = tap;
  }

  /** The header was read and accepted: data rows are being read. */
  get readingRows(): boolean {
    return this.header !== null && this.fatal === null;
  }

  /** Where the tokenizer stands: see CsvTokenizer. */
  get position(): { offset: number; nextLine: number; atRecordStart: boolean } {
    const t = this.tokenizer;
    return { offset: t.offset, nextLine: t.nextLine, atRecordStart: t.atRecordStart };
  }

  /** The row issues so far, for a reader that merges byte ranges. */
  get rowIssues(): RowIssues {
    return this.rows;
  }

  push(chunk: Uint8Array): void {
    if (this.fatal !== null || this.tokenizer.done) return;
    if (this.headSeen < HEAD_BYTES) {
      const bad = binaryIssue(chunk.subarray(0, HEAD_BYTES - this.headSeen));
      if (bad) {
        this.fatal = { ...bad, offset: (bad.offset ?? 0) + this.headSeen };
        return;
      }
      this.headSeen += Math.min(chunk.length, HEAD_BYTES);
    }
    this.tokenizer.push(chunk);
  }

  /** Flushes the last record (input without a final line end) without building the result. */
  endOfInput(): void {
    if (this.fatal === null) this.tokenizer.finish();
  }

  /** The fatal issue that stopped reading (binary, missing column), if any. */
  get fatalIssue(): ImportIssue | null {
    return this.fatal;
  }

  finish(): ParseResult<ProfileData> {
    if (this.fatal === null) this.tokenizer.finish();
    if (this.fatal !== null) return { ok: false, errors: [this.fatal] };
    if (this.header === null) return { ok: false, errors: [EMPTY_ISSUE] };
    return this.result();
  }

  record(
    buf: Uint8Array,
    starts: Int32Array,
    ends: Int32Array,
    flags: Uint8Array,
    count: number,
    line: number,
    rowFlags: number,
  ): boolean {
    const tap = this.tapped;
    if (tap !== null) {
      const stored = Math.min(count, starts.length, this.tokenizer.storedCells);
      if (!tap.tap(buf, starts, ends, flags, count, stored)) this.tapped = null;
    }
    if (this.header !== null) return this.row(buf, starts, ends, flags, count, line, rowFlags);
    const header: string[] = [];
    for (let i = 0; i < Math.min(count, starts.length); i++) {
      let text = headerDecoder.decode(buf.subarray(starts[i] as number, ends[i] as number));
      if ((flags[i] as number) & CELL_ESCAPED) text = text.replace(/""/g, '"');
      header.push(cleanHeaderCell(text));
    }
    // Whitespace-only lines before the header are not a header.
    if (header.every((h) => h === '')) return true;
    this.header = header;
    this.headerBytes = this.tokenizer.scanned;
    this.width = count;
    this.headerSet = detectHeaderSet(header);
    this.columns = mapColumns(header);
    const missing = missingColumns(this.formatOf(), this.columns);
    if (missing.length > 0) {
      this.fatal = {
        code: 'MISSING_COLUMN',
        severity: 'error',
        message: `line ${line}: the header lacks ${missing.join(', ')}`,
        line,
        expected: missing.join(', '),
        found: header.join(',').slice(0, 200),
        ...(this.headerSet && this.headerSet.format !== this.expected
          ? { otherFormat: this.headerSet.format }
          : {}),
      };
      return false;
    }
    if (!this.start()) return false;
    // Data rows: only the cells of the columns read (by this parser or its tap) are stored.
    this.tokenizer.storeColumns(
      this.tapped === null ? this.readColumns : [...this.readColumns, ...this.tapped.columns],
    );
    return true;
  }

  /** The format the content says, within this parser's family; else the one it was chosen for. */
  protected formatOf(): CsvProfileFormat {
    const f = this.headerSet?.format;
    return f !== undefined && this.family().includes(f) ? f : this.expected;
  }

  protected column(key: string): number {
    return this.columns.get(key) ?? -1;
  }

  /**
   * Ragged rows are reported. Real tool output has them (a 2023 torch_npu file drops one cell
   * of one row), so a row that still has every cell this parser reads is kept, read by position;
   * a shorter one, or one with broken quoting, is skipped. True when the row is skipped.
   */
  protected rejectRow(count: number, line: number, rowFlags: number): boolean {
    if (rowFlags & CELL_MALFORMED) {
      this.rows.badRow(line, 'broken quoting; row skipped');
      return true;
    }
    if (count === this.width) return false;
    const skip = count < this.needWidth;
    this.rows.badRow(
      line,
      `expected ${this.width} cells, found ${count}; ${skip ? 'row skipped' : 'read by position'}`,
      String(this.width),
      String(count),
    );
    return skip;
  }

  /**
   * A number just read by `num` from cell `col` of the row on `line`, or NaN with an issue when
   * it cannot be used: beyond a float (NUMBER_OUT_OF_RANGE), or a time below zero (NEGATIVE_TIME).
   * The row is kept with the cell missing, so sums and shares stay finite.
   */
  protected usableNumber(
    value: number,
    num: NumberReader,
    cell: { readonly buf: Uint8Array; readonly start: number; readonly end: number },
    at: { readonly line: number; readonly col: number },
    isTime: boolean,
  ): number {
    const outOfRange = num.outOfRange;
    if (!outOfRange && !(isTime && value < 0)) return value;
    const s = trimStart(cell.buf, cell.start, cell.end);
    const found = cellDecoder.decode(
      cell.buf.subarray(s, Math.min(trimEnd(cell.buf, s, cell.end), s + 40)),
    );
    const where = { line: at.line, column: at.col + 1, name: this.header?.[at.col] ?? '' };
    if (outOfRange) {
      this.rows.badCell(
        'NUMBER_OUT_OF_RANGE',
        where,
        `the number ${found} is out of range (it does not fit a 64-bit float)`,
        found,
      );
    } else {
      this.rows.badCell('NEGATIVE_TIME', where, `the time ${found} is negative`, found);
    }
    return NaN;
  }

  /** Sets the cells a row must have: one past the rightmost column read. */
  protected needColumns(indices: readonly number[]): void {
    this.needWidth = Math.max(0, ...indices) + 1;
    this.readColumns.push(...indices);
  }

  /**
   * Columns read when a row has them, without making shorter rows bad: their cells are stored,
   * and `row` must check `count` before reading them.
   */
  protected optionalColumns(indices: readonly number[]): void {
    this.readColumns.push(...indices);
  }

  protected warnings(): ImportIssue[] {
    return this.rows.issues();
  }

  protected abstract family(): readonly CsvProfileFormat[];
  /** Called once the header is accepted; false stops reading. */
  protected abstract start(): boolean;
  protected abstract row(
    buf: Uint8Array,
    starts: Int32Array,
    ends: Int32Array,
    flags: Uint8Array,
    count: number,
    line: number,
    rowFlags: number,
  ): boolean;
  protected abstract result(): ParseResult<ProfileData>;
}
