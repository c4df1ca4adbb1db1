// A streaming RFC-4180 tokenizer over UTF-8 bytes. Profiler tables reach hundreds of MB, so it
// never builds per-row strings or arrays: it finds cell boundaries in the byte buffer and hands
// each complete record to a sink as offsets. The sink decodes only the cells it needs.
//
// What it accepts (FORMATS.md B.1): `,` delimiter; quoted cells with `""` escapes and embedded
// newlines; CRLF, LF and lone CR line endings, mixed within one file; a UTF-8 BOM. Chunks may split
// anywhere (inside a CRLF pair, a quoted cell or a multi-byte character): the unfinished record is
// carried over, with its scan state, so no byte is scanned twice.

import { CELL_ESCAPED, CELL_MALFORMED, CELL_QUOTED, type RecordSink } from './record-sink.ts';

const COMMA = 44;
const QUOTE = 34;
const LF = 10;
const CR = 13;

/** Scanner states: inside an unquoted run; inside quotes; just after a closing quote (the next
 * byte decides between `""` and the end of the cell); after a CR (a following LF belongs to it). */
const PLAIN = 0;
const QUOTED = 1;
const AFTER_QUOTE = 2;
const SKIP_LF = 3;

/** 1 for the bytes that end an unquoted run (`,` `"` LF CR), 0 for the rest. */
const STRUCTURAL = new Uint8Array(256);
for (const b of [COMMA, QUOTE, LF, CR]) STRUCTURAL[b] = 1;

/** Spare bytes in the carry-over buffer beyond the current need. */
const HEADROOM = 1 << 16;

/** At most this many cells of a record are stored; the count goes on (a ragged row shows). */
const MAX_CELLS = 1 << 16;

/** Every cell below the limit stored: the default, before a reader names its columns. */
const EVERY_CELL = new Uint8Array(MAX_CELLS).fill(1);

export class CsvTokenizer {
  private buf: Uint8Array = new Uint8Array(0);
  private len = 0;
  /** Where the unfinished record starts in `buf`, and where scanning resumes. */
  private recStart = 0;
  private pos = 0;
  private cellStart = 0;
  /** PLAIN, QUOTED, AFTER_QUOTE or SKIP_LF. */
  private mode = PLAIN;
  private cellFlags = 0;
  private bomChecked = false;
  /** `buf` is ours (not the caller's chunk) and may be written into. */
  private owned = false;
  private stopped = false;
  /** 1-based line of the next byte, and of the current record's first byte. */
  private line = 1;
  private recLine = 1;
  private count = 0;
  /** Cells of a record past this index are counted, not stored. */
  private limit = MAX_CELLS;
  /** 1 for the cells below `limit` whose offsets are stored; the others are only counted. */
  private want: Uint8Array = EVERY_CELL;
  private rowFlags = 0;
  /** File offset of `buf[0]`: bytes dropped from the front so far. */
  private origin = 0;
  private starts: Int32Array = new Int32Array(64);
  private ends: Int32Array = new Int32Array(64);
  private flags: Uint8Array = new Uint8Array(64);

  constructor(private readonly sink: RecordSink) {}

  /**
   * Stores the offsets of only the first `n` cells of each record from now on; later cells are
   * still counted (so ragged rows show) but cost no stores. For sinks that read a prefix of
   * the columns.
   */
  storeCells(n: number): void {
    this.limit = Math.max(1, Math.min(n, MAX_CELLS));
    this.want = EVERY_CELL;
  }

  /**
   * Stores the offsets of only the cells of `columns` (0-based; negative ones are ignored) of
   * each record from now on; the other cells are still scanned and counted (so ragged rows and
   * broken quoting show) but cost no stores. The first cell is always stored (a blank line is
   * told from a record by it). For sinks that read a few columns spread over a wide row:
   * `starts[i]`/`ends[i]`/`flags[i]` of a cell not named hold stale offsets.
   */
  storeColumns(columns: readonly number[]): void {
    const named = columns.filter((c) => c >= 0 && c < MAX_CELLS);
    const limit = Math.max(0, ...named) + 1;
    const want = new Uint8Array(limit);
    want[0] = 1;
    for (const c of named) want[c] = 1;
    this.limit = limit;
    this.want = want;
    if (this.starts.length < limit) this.room(limit);
  }

  get done(): boolean {
    return this.stopped;
  }

  /** How many cells of a record are stored (see `storeCells`). */
  get storedCells(): number {
    return this.limit;
  }

  /** Offset, in the bytes pushed so far, of the first byte of the record not yet complete. */
  get offset(): number {
    return this.origin + this.recStart;
  }

  /** Offset, in the bytes pushed so far, just past the last byte scanned. */
  get scanned(): number {
    return this.origin + this.pos;
  }

  /** The 1-based line of the next byte. */
  get nextLine(): number {
    return this.line;
  }

  /**
   * True when every byte pushed belongs to a complete record: the next byte starts a record.
   * A reader of one byte range of a file checks this at the end of its range; false means the
   * range ended inside a record (a quoted cell running over lines, a CR without its LF yet).
   */
  get atRecordStart(): boolean {
    return (
      !this.stopped &&
      this.len === this.recStart &&
      this.mode === PLAIN &&
      this.count === 0 &&
      this.cellFlags === 0
    );
  }

  push(chunk: Uint8Array): void {
    if (this.stopped || chunk.length === 0) return;
    this.append(chunk);
    if (!this.bomChecked) {
      if (this.len < 3) {
        if (this.buf === chunk) this.own();
        return;
      }
      this.bomChecked = true;
      if (this.buf[0] === 0xef && this.buf[1] === 0xbb && this.buf[2] === 0xbf) {
        this.recStart = this.pos = this.cellStart = 3;
      }
    }
    this.scan();
    if (this.buf === chunk && !this.stopped) this.own();
  }

  /** Copies the unfinished record out of the caller's chunk, which it may reuse after push. */
  private own(): void {
    const keep = this.buf.slice(this.recStart, this.len);
    this.shift(this.recStart);
    this.buf = keep;
    this.len = keep.length;
    this.owned = true;
  }

  /** Flushes the last record (a file need not end with a newline). */
  finish(): void {
    if (this.stopped) return;
    if (!this.bomChecked) {
      this.bomChecked = true;
      if (this.len === 3 && this.buf[0] === 0xef && this.buf[1] === 0xbb && this.buf[2] === 0xbf)
        this.recStart = this.pos = this.cellStart = 3;
      this.scan();
      if (this.stopped) return;
    }
    this.stopped = true;
    if (this.pos === this.recStart && this.count === 0) return;
    this.endLastCell();
    this.emit(this.count, this.rowFlags);
  }

  private append(chunk: Uint8Array): void {
    const keep = this.len - this.recStart;
    if (keep === 0) {
      // Nothing pending: scan the caller's chunk in place (`own` copies what is left after).
      this.shift(this.recStart);
      this.buf = chunk;
      this.len = chunk.length;
      this.owned = false;
      return;
    }
    const need = keep + chunk.length;
    if (this.owned && need <= this.buf.length) {
      this.buf.copyWithin(0, this.recStart, this.len);
    } else {
      // Headroom, so that the next chunk of the same size fits and the buffer is reused (a fresh
      // megabyte per chunk makes V8 collect garbage far more often); geometric growth, so that
      // one record spanning many chunks stays linear.
      const next = new Uint8Array(Math.max(need + HEADROOM, keep * 2));
      next.set(this.buf.subarray(this.recStart, this.len), 0);
      this.buf = next;
      this.owned = true;
    }
    this.shift(this.recStart);
    this.buf.set(chunk, keep);
    this.len = need;
  }

  /** Rebases every pending offset after dropping `by` bytes from the front. */
  private shift(by: number): void {
    if (by === 0) return;
    this.origin += by;
    this.recStart -= by;
    this.pos -= by;
    this.cellStart -= by;
    for (let i = 0; i < this.count; i++) {
      this.starts[i] = (this.starts[i] as number) - by;
      this.ends[i] = (this.ends[i] as number) - by;
    }
  }

  /**
   * The scanner. Hot state lives in locals and is written back before any call out (record
   * emission, array growth) and on exit: a cell comes every few bytes in profiler tables, so
   * per-cell field traffic would cost more than the byte loop itself.
   */
  private scan(): void {
    const buf = this.buf;
    const len = this.len;
    let i = this.pos;
    let mode = this.mode;
    let count = this.count;
    let cellStart = this.cellStart;
    let cellFlags = this.cellFlags;
    let rowFlags = this.rowFlags;
    let line = this.line;
    let starts = this.starts;
    let ends = this.ends;
    let flags = this.flags;
    let limit = this.limit;
    let want = this.want;
    while (i < len) {
      let c = 0;
      let closed = false;
      if (mode !== PLAIN) {
        if (mode === QUOTED) {
          // On to the next quote, counting newlines for line numbers: one pass over the bytes
          // (a search for the quote and then a count of the newlines before it took two, and a
          // call per quote: profiler tables quote short cells such as `"""32,3,224,224"""`).
          while (i < len) {
            const b = buf[i] as number;
            if (b === QUOTE) break;
            if (b === LF) line++;
            i++;
          }
          if (i === len) break;
          mode = AFTER_QUOTE;
          i++;
          continue;
        }
        c = buf[i] as number;
        if (mode === AFTER_QUOTE) {
          if (c === QUOTE) {
            mode = QUOTED;
            cellFlags |= CELL_ESCAPED;
            i++;
            continue;
          }
          mode = PLAIN;
          if (c === COMMA || c === LF || c === CR) {
            // The content ends before the closing quote.
            closed = true;
            if (count < limit && want[count] !== 0) {
              if (count >= starts.length) ({ starts, ends, flags } = this.room(count));
              starts[count] = cellStart;
              ends[count] = i - 1;
              flags[count] = cellFlags;
            }
            rowFlags |= cellFlags;
            count++;
          } else cellFlags |= CELL_MALFORMED;
        } else {
          mode = PLAIN;
          if (c === LF) {
            i++;
            this.recStart = cellStart = i;
            continue;
          }
        }
      }
      if (!closed) {
        // The hot loop: ordinary bytes of unquoted cells. Digits, letters, `.`, `;`, `_` are all
        // above `,` (44), the highest structural byte, so one comparison clears most bytes.
        while (i < len) {
          c = buf[i] as number;
          if (c > COMMA || STRUCTURAL[c] === 0) {
            i++;
            continue;
          }
          break;
        }
        if (i === len) break;
        if (c === QUOTE) {
          if (i === cellStart && cellFlags === 0) {
            mode = QUOTED;
            cellFlags = CELL_QUOTED;
            cellStart = i + 1;
          }
          // A quote inside an unquoted cell is kept as text, as spreadsheets do.
          i++;
          continue;
        }
        // Text after a closing quote: keep everything up to the delimiter as the cell's text.
        const f = cellFlags & CELL_QUOTED ? cellFlags | CELL_MALFORMED : cellFlags;
        if (count < limit && want[count] !== 0) {
          if (count >= starts.length) ({ starts, ends, flags } = this.room(count));
          starts[count] = cellStart;
          ends[count] = i;
          flags[count] = f;
        }
        rowFlags |= f;
        count++;
      }
      cellFlags = 0;
      i++;
      cellStart = i;
      if (c === COMMA) {
        // A cell not stored (past the stored ones, or one no reader names) is only counted: stay
        // in a tight loop until a byte needs more than that (a quote, a line end) or a stored
        // cell starts.
        if (mode === PLAIN && (count >= limit || want[count] === 0)) {
          while (i < len) {
            c = buf[i] as number;
            if (c > COMMA || STRUCTURAL[c] === 0) i++;
            else if (c === COMMA) {
              count++;
              cellStart = ++i;
              if (count < limit && want[count] !== 0) break;
            } else break;
          }
        }
        continue;
      }
      line++;
      if (c === CR) mode = SKIP_LF;
      this.pos = i;
      const goOn = this.emit(count, rowFlags);
      // The reader may have named its columns (`storeColumns`) on reading the header.
      ({ starts, ends, flags, limit, want } = this);
      count = 0;
      rowFlags = 0;
      this.recStart = i;
      this.recLine = line;
      if (!goOn) {
        this.stopped = true;
        break;
      }
    }
    this.pos = i;
    this.mode = mode;
    this.count = count;
    this.cellStart = cellStart;
    this.cellFlags = cellFlags;
    this.rowFlags = rowFlags;
    this.line = line;
  }

  /** Doubles the cell arrays (up to the cell limit, which is at most MAX_CELLS). */
  private room(count: number): { starts: Int32Array; ends: Int32Array; flags: Uint8Array } {
    const n = Math.max(count + 1, Math.min(count * 2, MAX_CELLS));
    const s = new Int32Array(n);
    const e = new Int32Array(n);
    const f = new Uint8Array(n);
    s.set(this.starts);
    e.set(this.ends);
    f.set(this.flags);
    this.starts = s;
    this.ends = e;
    this.flags = f;
    return { starts: s, ends: e, flags: f };
  }

  /** The last cell at end of input: a quote left open, or closed just before the end. */
  private endLastCell(): void {
    let end = this.len;
    let f = this.cellFlags;
    if (this.mode === QUOTED) f |= CELL_MALFORMED;
    else if (this.mode === AFTER_QUOTE) end--;
    else if (f & CELL_QUOTED) f |= CELL_MALFORMED;
    const n = this.count;
    if (n < this.limit && this.want[n] !== 0) {
      if (n >= this.starts.length) this.room(n);
      this.starts[n] = this.cellStart;
      this.ends[n] = Math.max(this.cellStart, end);
      this.flags[n] = f;
    }
    this.rowFlags |= f;
    this.count = n + 1;
  }

  private emit(n: number, rowFlags: number): boolean {
    // A blank line is one empty unquoted cell: not a record.
    if (n === 1 && this.starts[0] === this.ends[0] && rowFlags === 0) return true;
    return this.sink.record(
      this.buf,
      this.starts,
      this.ends,
      this.flags,
      n,
      this.recLine,
      rowFlags,
    );
  }
}
