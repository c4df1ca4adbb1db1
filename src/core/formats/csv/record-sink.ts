// What the CSV tokenizer hands to its reader: one record at a time, as cell offsets into the
// byte buffer, with per-cell flags.

/** The cell was quoted: its offsets exclude the outer quotes. */
export const CELL_QUOTED = 1;
/** The quoted cell contains `""` escapes that the reader must collapse. */
export const CELL_ESCAPED = 2;
/** The cell broke the quoting rules (text after a closing quote, or a quote left open at EOF). */
export const CELL_MALFORMED = 4;

export interface RecordSink {
  /**
   * One complete record of `count` cells. Cell `i` is `buf[starts[i] .. ends[i])`, with
   * `flags[i]` of CELL_*, for `i` below the stored limit (`storeCells`, and `starts.length`)
   * and, after `storeColumns`, among the columns named there (other entries are stale).
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

/**
 * A second reader of the records a table parser tokenizes, so that one scan of the bytes serves
 * both (TableParser.attachTap). It is given every record, the header first, rejected rows too.
 */
export interface RecordTap {
  /**
   * Like `RecordSink.record`; only the first `stored` of the `count` cells have offsets (a cell
   * at or past `stored` is one the row lacks when `stored === count`). Return false when no
   * more records are wanted.
   */
  tap(
    buf: Uint8Array,
    starts: Int32Array,
    ends: Int32Array,
    flags: Uint8Array,
    count: number,
    stored: number,
  ): boolean;
  /** Cells of each data row the tap reads (one past its rightmost column), once it has the header. */
  readonly width: number;
  /** The columns of each data row the tap reads (only these are stored), once it has the header. */
  readonly columns: readonly number[];
}
