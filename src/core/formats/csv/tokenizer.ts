// A streaming RFC-4180 tokenizer over UTF-8 bytes. Profiler tables reach hundreds of MB, so it
// never builds per-row strings or arrays: it finds cell boundaries in the byte buffer and hands
// each complete record to a sink as offsets. The sink decodes only the cells it needs.
//
// What it accepts (FORMATS.md B.1): `,` delimiter; quoted cells with `""` escapes and embedded
// newlines; CRLF, LF and lone CR line endings, mixed within one file; a UTF-8 BOM. Chunks may split
// anywhere (inside a CRLF pair, a quoted cell or a multi-byte character): the unfinished record is
// carried over, with its scan state, so no byte is scanned twice.

/** The cell was quoted: its offsets exclude the outer quotes. */
export const CELL_QUOTED = 1;
/** The quoted cell contains `""` escapes that the reader must collapse. */
export const CELL_ESCAPED = 2;
/** The cell broke the quoting rules (text after a closing quote, or a quote left open at EOF). */
export const CELL_MALFORMED = 4;

export interface RecordSink {
  /**
   * One complete record. Cell `i` is `buf[starts[i] .. ends[i])`, with `flags[i]` of CELL_*.
   * The arrays and the buffer are reused: read what you need before returning.
   * `line` is the 1-based line the record starts on; `rowFlags` ORs the flags of its cells.
   * Return false to stop tokenizing.
   */
  record(
    buf: Uint8Array,
    starts: Int32Array,
    ends: Int32Array,
    flags: Uint8Array,
    count: number,
    line: number,
    rowFlags: number,
  ): boolean;
}

const COMMA = 44;
const QUOTE = 34;
const LF = 10;
const CR = 13;

/** 1 for the bytes that end an unquoted run (`,` `"` LF CR), 0 for the rest. */
const STRUCTURAL = new Uint8Array(256);
for (const b of [COMMA, QUOTE, LF, CR]) STRUCTURAL[b] = 1;

/** Records wider than this are cut off here (the sink sees a ragged row and reports it). */
const MAX_CELLS = 1 << 16;

export class CsvTokenizer {
  private buf: Uint8Array = new Uint8Array(0);
  private len = 0;
  /** Where the unfinished record starts in `buf`, and where scanning resumes. */
  private recStart = 0;
  private pos = 0;
  private cellStart = 0;
  private inQuotes = false;
  /** Just after a closing quote: the next byte decides between `""` and the end of the cell. */
  private afterQuote = false;
  private cellFlags = 0;
  /** A CR ended the last record; a following LF belongs to it. */
  private skipLf = false;
  private bomChecked = false;
  /** `buf` is ours (not the caller's chunk) and may be written into. */
  private owned = false;
  private stopped = false;
  /** 1-based line of the next byte, and of the current record's first byte. */
  private line = 1;
  private recLine = 1;
  private count = 0;
  private rowFlags = 0;
  private starts = new Int32Array(64);
  private ends = new Int32Array(64);
  private flags = new Uint8Array(64);

  constructor(private readonly sink: RecordSink) {}

  get done(): boolean {
    return this.stopped;
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
    if (this.pos === this.recStart && this.count === 0) return;
    if (this.inQuotes) this.cellFlags |= CELL_MALFORMED;
    this.endCell(this.len);
    this.emit();
    this.stopped = true;
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
      // Geometric growth, so that one record spanning many chunks stays linear.
      const next = new Uint8Array(Math.max(need, keep * 2));
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
    this.recStart -= by;
    this.pos -= by;
    this.cellStart -= by;
    for (let i = 0; i < this.count; i++) {
      this.starts[i] = (this.starts[i] as number) - by;
      this.ends[i] = (this.ends[i] as number) - by;
    }
  }

  private scan(): void {
    const buf = this.buf;
    const len = this.len;
    let i = this.pos;
    while (i < len) {
      // Rare states first; they resolve on one byte.
      if (this.inQuotes) {
        // Jump to the next quote; count newlines on the way for line numbers.
        let q = buf.indexOf(QUOTE, i);
        if (q < 0 || q >= len) q = len;
        for (let k = i; k < q; k++) if (buf[k] === LF) this.line++;
        if (q === len) {
          i = len;
          break;
        }
        this.inQuotes = false;
        this.afterQuote = true;
        i = q + 1;
        continue;
      }
      if (this.afterQuote) {
        const c = buf[i] as number;
        this.afterQuote = false;
        if (c === QUOTE) {
          this.inQuotes = true;
          this.cellFlags |= CELL_ESCAPED;
          i++;
          continue;
        }
        if (c === COMMA || c === LF || c === CR) {
          // The content ends before the closing quote.
          this.pushCell(this.cellStart, i - 1, this.cellFlags);
          if (!this.delimiter(c, i)) return;
          i++;
          continue;
        }
        this.cellFlags |= CELL_MALFORMED;
      } else if (this.skipLf) {
        this.skipLf = false;
        if (buf[i] === LF) {
          i++;
          this.recStart = this.cellStart = i;
          continue;
        }
      }
      // The hot loop: ordinary bytes of unquoted cells. Digits, letters, `.`, `;`, `_` are all
      // above `,` (44), the highest structural byte, so one comparison clears most bytes.
      let c = 0;
      while (i < len) {
        c = buf[i] as number;
        if (c > COMMA || STRUCTURAL[c] === 0) {
          i++;
          continue;
        }
        break;
      }
      if (i === len) break;
      if (c === COMMA && this.cellFlags === 0 && this.count < this.starts.length) {
        // The common delimiter, inlined: a plain cell ends, the next starts.
        const n = this.count;
        this.starts[n] = this.cellStart;
        this.ends[n] = i;
        this.flags[n] = 0;
        this.count = n + 1;
        this.cellStart = ++i;
        continue;
      }
      if (c === QUOTE) {
        if (i === this.cellStart && this.cellFlags === 0) {
          this.inQuotes = true;
          this.cellFlags = CELL_QUOTED;
          this.cellStart = i + 1;
        }
        // A quote inside an unquoted cell is kept as text, as spreadsheets do.
        i++;
        continue;
      }
      this.endCell(i);
      if (!this.delimiter(c, i)) return;
      i++;
    }
    this.pos = i;
  }

  /** Handles `,` / LF / CR at `i` after the current cell was closed; false when stopped. */
  private delimiter(c: number, i: number): boolean {
    if (c === COMMA) {
      this.cellStart = i + 1;
      return true;
    }
    this.line++;
    if (c === CR) this.skipLf = true;
    if (!this.emit()) {
      this.stopped = true;
      this.pos = i + 1;
      return false;
    }
    this.recStart = this.cellStart = i + 1;
    this.recLine = this.line;
    return true;
  }

  private endCell(end: number): void {
    let flags = this.cellFlags;
    let e = end;
    if (flags & CELL_QUOTED) {
      // Malformed quoting: keep everything up to the delimiter as the cell's text.
      flags |= CELL_MALFORMED;
      if (this.afterQuote) {
        this.afterQuote = false;
        e = end - 1;
        flags &= ~CELL_MALFORMED;
      }
    }
    this.pushCell(this.cellStart, e, flags);
  }

  private pushCell(start: number, end: number, flags: number): void {
    this.cellFlags = 0;
    if (this.count === this.starts.length) {
      if (this.count >= MAX_CELLS) return;
      const n = this.count * 2;
      const s = new Int32Array(n);
      const e = new Int32Array(n);
      const f = new Uint8Array(n);
      s.set(this.starts);
      e.set(this.ends);
      f.set(this.flags);
      this.starts = s;
      this.ends = e;
      this.flags = f;
    }
    this.starts[this.count] = start;
    this.ends[this.count] = end < start ? start : end;
    this.flags[this.count] = flags;
    this.rowFlags |= flags;
    this.count++;
  }

  private emit(): boolean {
    const n = this.count;
    const rowFlags = this.rowFlags;
    this.count = 0;
    this.rowFlags = 0;
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
