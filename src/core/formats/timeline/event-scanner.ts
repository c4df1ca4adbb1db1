// Walks the top-level array of a Chrome trace (torch_npu trace_view.json, msprof msprof_*.json)
// one event at a time, from UTF-8 chunks split anywhere. Only the bytes of the event being read
// are kept: each complete `{…}` is decoded and parsed on its own and handed to the sink, so a file
// of hundreds of MB never becomes one object graph. The project's tolerant JSON reader works on a
// whole document held as text; this scanner needs only brace depth and string state, so it is a
// small dedicated loop instead.
import type { ImportIssue } from '../types.ts';

const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;

/** At most this many bad events are listed; the rest are counted in one last issue. */
const MAX_EVENT_ISSUES = 20;

export interface EventSink {
  /** One parsed array element that is an object; `offset` is its first byte in the file. */
  event(event: Record<string, unknown>, offset: number): void;
}

/** Where the scanner is: before the `[`, between elements, inside one, after the `]`. */
const BEFORE = 0;
const BETWEEN = 1;
const INSIDE = 2;
const AFTER = 3;

const isSpace = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;

export class TraceEventScanner {
  private mode = BEFORE;
  /** Bytes of the unfinished event (owned), and how many are in use. */
  private carry = new Uint8Array(1 << 12);
  private carryLen = 0;
  private depth = 0;
  private inString = false;
  private escaped = false;
  /** File offset of the first byte of the current chunk, and of the event being read. */
  private base = 0;
  private eventStart = 0;
  private started = false;
  private fatal: ImportIssue | null = null;
  private readonly bad: ImportIssue[] = [];
  private badCount = 0;
  /** Elements seen (objects or not). */
  elements = 0;
  private readonly decoder = new TextDecoder('utf-8');

  constructor(private readonly sink: EventSink) {}

  get failed(): boolean {
    return this.fatal !== null;
  }

  push(chunk: Uint8Array): void {
    if (this.fatal !== null || chunk.length === 0) return;
    let i = 0;
    const n = chunk.length;
    if (!this.started && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) i = 3;
    this.started = true;
    while (i < n) {
      if (this.mode === INSIDE) {
        const from = i;
        i = this.scanEvent(chunk, i, n);
        if (this.mode === INSIDE) {
          this.keep(chunk, from, n);
          break;
        }
        // The event ended at i − 1.
        if (this.carryLen > 0) {
          this.keep(chunk, from, i);
          this.emit(this.carry, 0, this.carryLen);
          this.carryLen = 0;
        } else this.emit(chunk, from, i);
        continue;
      }
      const c = chunk[i] as number;
      if (isSpace(c)) {
        i++;
        continue;
      }
      if (this.mode === BEFORE) {
        if (c !== OPEN_BRACKET) {
          this.stop(i, 'a JSON array of trace events (`[`)', c);
          return;
        }
        this.mode = BETWEEN;
      } else if (this.mode === BETWEEN) {
        if (c === CLOSE_BRACKET) this.mode = AFTER;
        else if (c === OPEN_BRACE) {
          this.mode = INSIDE;
          this.depth = 0;
          this.inString = false;
          this.escaped = false;
          this.eventStart = this.base + i;
          this.elements++;
          continue; // the brace is scanned as part of the event
        } else if (c !== COMMA) {
          this.stop(i, 'an event object (`{`)', c);
          return;
        }
      } else if (this.mode === AFTER) {
        this.stop(i, 'nothing after the closing `]`', c);
        return;
      }
      i++;
    }
    this.base += n;
  }

  /** Scans event bytes from `i`; returns where it stopped (after the closing brace, or `n`). */
  private scanEvent(buf: Uint8Array, i: number, n: number): number {
    let depth = this.depth;
    let inString = this.inString;
    let escaped = this.escaped;
    for (; i < n; i++) {
      const c = buf[i] as number;
      if (inString) {
        if (escaped) escaped = false;
        else if (c === BACKSLASH) escaped = true;
        else if (c === QUOTE) inString = false;
        continue;
      }
      if (c === QUOTE) inString = true;
      else if (c === OPEN_BRACE || c === OPEN_BRACKET) depth++;
      else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        depth--;
        if (depth === 0) {
          this.mode = BETWEEN;
          i++;
          break;
        }
      }
    }
    this.depth = depth;
    this.inString = inString;
    this.escaped = escaped;
    return i;
  }

  private keep(chunk: Uint8Array, from: number, to: number): void {
    const need = this.carryLen + (to - from);
    if (need > this.carry.length) {
      const next = new Uint8Array(Math.max(need, this.carry.length * 2));
      next.set(this.carry.subarray(0, this.carryLen));
      this.carry = next;
    }
    this.carry.set(chunk.subarray(from, to), this.carryLen);
    this.carryLen = need;
  }

  private emit(buf: Uint8Array, from: number, to: number): void {
    let value: unknown;
    try {
      value = JSON.parse(this.decoder.decode(buf.subarray(from, to)));
    } catch (e) {
      this.badEvent(`event at byte ${this.eventStart} is not valid JSON (${String(e)})`);
      return;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return;
    this.sink.event(value as Record<string, unknown>, this.eventStart);
  }

  private badEvent(message: string): void {
    this.badCount++;
    if (this.badCount <= MAX_EVENT_ISSUES)
      this.bad.push({
        code: 'NOT_JSON',
        severity: 'warning',
        message: `${message}; the event is skipped`,
        offset: this.eventStart,
      });
  }

  private stop(i: number, expected: string, c: number): void {
    const found = String.fromCharCode(c);
    this.fatal = {
      code: 'NOT_JSON',
      severity: 'error',
      message: `byte ${this.base + i}: expected ${expected}, found ${JSON.stringify(found)}`,
      offset: this.base + i,
      expected,
      found,
    };
  }

  /** Ends the input: the issues, the first of them an error when nothing usable was read. */
  finish(): ImportIssue[] {
    const out: ImportIssue[] = [];
    if (this.fatal !== null) out.push(this.fatal);
    else if (this.mode === BEFORE) {
      out.push({ code: 'EMPTY', severity: 'error', message: 'the file is empty' });
    } else if (this.mode !== AFTER) {
      const at = this.mode === INSIDE ? this.eventStart : this.base;
      out.push({
        code: 'TRUNCATED',
        severity: 'warning',
        message:
          this.mode === INSIDE
            ? `the file ends inside the event that starts at byte ${at}: the events before it are summarised`
            : 'the file ends before the closing `]`: the events read are summarised',
        offset: at,
      });
    }
    out.push(...this.bad);
    if (this.badCount > MAX_EVENT_ISSUES) {
      out.push({
        code: 'NOT_JSON',
        severity: 'warning',
        message: `… and ${this.badCount - MAX_EVENT_ISSUES} more events that are not valid JSON`,
        found: String(this.badCount - MAX_EVENT_ISSUES),
      });
    }
    return out;
  }
}
