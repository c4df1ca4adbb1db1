// A JSON reader for files that may still be being written. AOE rewrites its result file while
// tuning runs, so a reader regularly sees a document cut in the middle of an operator. JSON.parse
// can only say "unexpected end"; this reader keeps every value that was complete, closes the open
// containers, and says where the text ended, so the dashboard can show the salvaged operators.
//
// Why not a library: the well-kept incremental parsers either stream events without building the
// tree or build it with ordinary objects; what we need is small (RFC 8259 grammar, one pass, no
// recursion so that deep nesting cannot overflow the stack) and must build objects that inherit
// nothing, so that keys such as `__proto__` or `constructor` are plain data and never reach a
// prototype.

import { JsonStop, scanNumberEnd, scanString, type StringCursor } from './lexer.ts';
import { escapePointer, lineAndColumn, utf8Length } from './text-position.ts';

export type JsonObject = Record<string, unknown>;

/**
 * A number whose text is valid JSON but beyond a 64-bit float (`1e309` reads as Infinity). It is
 * kept in the tree as ±Infinity; the reader says where it was and how it was written.
 */
export interface OutOfRangeNumber {
  /** JSON pointer of the value. */
  readonly pointer: string;
  /** The number as written (at most 40 characters). */
  readonly text: string;
  /** UTF-8 byte offset, and 1-based line and column, of its first character. */
  readonly offset: number;
  readonly line: number;
  readonly column: number;
}

export type JsonReadResult =
  | {
      readonly kind: 'complete';
      readonly value: unknown;
      /** JSON pointers of object keys that occurred more than once (the last value was kept). */
      readonly duplicateKeys: readonly string[];
      readonly outOfRange: readonly OutOfRangeNumber[];
    }
  | {
      readonly kind: 'truncated';
      /** The salvaged tree, or undefined when not even the root container had started. */
      readonly value: unknown;
      /** Containers that were still open at the end: what they hold is complete, they are not. */
      readonly incomplete: ReadonlySet<object>;
      readonly duplicateKeys: readonly string[];
      readonly outOfRange: readonly OutOfRangeNumber[];
      /** UTF-8 byte offset where the text ended. */
      readonly offset: number;
    }
  | {
      readonly kind: 'error';
      readonly message: string;
      /** UTF-8 byte offset of the offending character. */
      readonly offset: number;
      /** 1-based line and column (column counts UTF-16 code units). */
      readonly line: number;
      readonly column: number;
    };

/** Out-of-range numbers listed with their position; issue lists are capped well below this. */
const MAX_OUT_OF_RANGE = 100;

/** Deeper nesting than this is refused: AOE files nest about 7 levels. */
export const MAX_DEPTH = 256;

interface Frame {
  readonly container: JsonObject | unknown[];
  readonly isArray: boolean;
  /** Where this container sits: its parent's frame and key or index (null for the root). */
  readonly parent: Frame | null;
  readonly segment: string | number;
  /** Object frames: the key whose value is being read. */
  key: string | null;
}

/** The JSON pointer of a frame's container, built only when an issue needs it. */
function pointerOf(frame: Frame | null): string {
  const parts: string[] = [];
  for (let f = frame; f !== null && f.parent !== null; f = f.parent) {
    parts.push(typeof f.segment === 'number' ? String(f.segment) : escapePointer(f.segment));
  }
  return parts.length === 0 ? '' : `/${parts.reverse().join('/')}`;
}

/**
 * The prototype of every object the reader builds: empty, frozen, and itself without a prototype,
 * so parsed objects inherit nothing (no `__proto__` accessor, no `constructor`, no `toString`) and
 * a key such as `__proto__` is an ordinary own property. `Object.create(null)` would do the same,
 * but V8 keeps such objects in slow dictionary mode: this is about three times faster to build
 * and read for the 100,000-object reports AOE writes for big models.
 */
const EMPTY_PROTOTYPE: object = Object.freeze(Object.create(null) as object);

function newObject(): JsonObject {
  return Object.create(EMPTY_PROTOTYPE) as JsonObject;
}

const WS = new Uint8Array(128);
for (const c of [0x20, 0x09, 0x0a, 0x0d]) WS[c] = 1;

/** Reads `text` as JSON. Never throws. A leading BOM is skipped (it counts 3 bytes in offsets). */
export function readJson(text: string): JsonReadResult {
  const reader = new Reader(text);
  try {
    return reader.run();
  } catch (e) {
    if (!(e instanceof JsonStop)) throw e;
    if (e.truncated) {
      return {
        kind: 'truncated',
        value: reader.root,
        incomplete: new Set(reader.stack.map((f) => f.container)),
        duplicateKeys: reader.duplicates,
        outOfRange: reader.outOfRange,
        offset: utf8Length(text, text.length),
      };
    }
    const { line, column } = lineAndColumn(text, e.at);
    return {
      kind: 'error',
      message: e.message,
      offset: utf8Length(text, e.at),
      line,
      column,
    };
  }
}

class Reader implements StringCursor {
  pos = 0;
  root: unknown = undefined;
  readonly stack: Frame[] = [];
  readonly duplicates: string[] = [];
  readonly outOfRange: OutOfRangeNumber[] = [];
  nextBackslash = -1;
  /** Where positions were last counted: out-of-range numbers come in text order. */
  private counted = { at: 0, offset: 0, line: 1, lineStart: 0 };

  constructor(private readonly text: string) {
    if (text.charCodeAt(0) === 0xfeff) this.pos = 1;
  }

  run(): JsonReadResult {
    this.readValue();
    while (this.stack.length > 0) {
      const top = this.stack[this.stack.length - 1] as Frame;
      const c = this.skipWs();
      if (c === 0x2c /* , */) {
        this.pos++;
        if (!top.isArray) this.readKey(top);
        this.readValue();
      } else if (c === (top.isArray ? 0x5d : 0x7d) /* ] or } */) {
        this.pos++;
        this.stack.pop();
      } else {
        throw this.unexpected(top.isArray ? "',' or ']'" : "',' or '}'");
      }
    }
    if (this.skipWs() !== -1) throw new JsonStop(false, this.pos, 'Unexpected text after the JSON');
    return {
      kind: 'complete',
      value: this.root,
      duplicateKeys: this.duplicates,
      outOfRange: this.outOfRange,
    };
  }

  /** Reads one value at the current position and attaches it to the open container. */
  private readValue(): void {
    const c = this.skipWs();
    const t = this.text;
    if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (this.stack.length >= MAX_DEPTH) {
        throw new JsonStop(false, this.pos, `Nested deeper than ${MAX_DEPTH} levels`);
      }
      const isArray = c === 0x5b;
      const container: JsonObject | unknown[] = isArray ? [] : newObject();
      // Attach on open, so that the tree is connected whenever the text ends.
      const parent = this.stack[this.stack.length - 1] ?? null;
      const segment = this.attach(container);
      this.pos++;
      const frame: Frame = { container, isArray, parent, segment, key: null };
      this.stack.push(frame);
      const next = this.skipWs();
      if (next === (isArray ? 0x5d : 0x7d)) {
        this.pos++;
        this.stack.pop();
        return;
      }
      if (isArray) this.readValue();
      else {
        this.readKey(frame);
        this.readValue();
      }
      return;
    }
    if (c === 0x22 /* " */) {
      this.attach(this.readString());
      return;
    }
    if (c === 0x2d /* - */ || (c >= 0x30 && c <= 0x39)) {
      this.attach(this.readNumber());
      return;
    }
    for (const [word, value] of LITERALS) {
      if (t.startsWith(word, this.pos)) {
        this.pos += word.length;
        this.attach(value);
        return;
      }
    }
    const rest = t.slice(this.pos, this.pos + 5);
    if (rest.length > 0 && LITERALS.some(([w]) => w.startsWith(rest) && rest.length < w.length)) {
      if (this.pos + rest.length === t.length) throw new JsonStop(true, this.pos, 'Unexpected end');
    }
    throw this.unexpected('a value');
  }

  private readKey(frame: Frame): void {
    if (this.skipWs() !== 0x22) throw this.unexpected('a "key"');
    const key = this.readString();
    if (this.skipWs() !== 0x3a /* : */) throw this.unexpected("':'");
    this.pos++;
    frame.key = key;
  }

  /** Puts a finished value (or a just-opened container) into its parent; returns its key/index. */
  private attach(value: unknown): string | number {
    const top = this.stack[this.stack.length - 1];
    if (top === undefined) {
      this.root = value;
      return '';
    }
    if (top.isArray) {
      const arr = top.container as unknown[];
      arr.push(value);
      return arr.length - 1;
    }
    const obj = top.container as JsonObject;
    const key = top.key as string;
    // The object inherits nothing and JSON has no `undefined`: a defined value is a repeated key.
    if (obj[key] !== undefined) this.duplicates.push(`${pointerOf(top)}/${escapePointer(key)}`);
    obj[key] = value;
    top.key = null;
    return key;
  }

  private readString(): string {
    return scanString(this.text, this);
  }

  private readNumber(): number {
    const start = this.pos;
    // A number running into the end of a cut file may be missing digits: never keep it.
    this.pos = scanNumberEnd(this.text, start, this.stack.length > 0);
    const value = Number(this.text.slice(start, this.pos));
    if (!Number.isFinite(value) && this.outOfRange.length < MAX_OUT_OF_RANGE) {
      this.noteOutOfRange(start);
    }
    return value;
  }

  /** Records the number at `start`, about to be attached to the open container. */
  private noteOutOfRange(start: number): void {
    const top = this.stack[this.stack.length - 1];
    let pointer = '';
    if (top !== undefined) {
      const segment = top.isArray
        ? String((top.container as unknown[]).length)
        : escapePointer(top.key as string);
      pointer = `${pointerOf(top)}/${segment}`;
    }
    const t = this.text;
    const c = this.counted;
    c.offset += utf8Length(t.slice(c.at, start), start - c.at);
    for (let i = c.at; i < start; i++) {
      if (t.charCodeAt(i) === 0x0a) {
        c.line++;
        c.lineStart = i + 1;
      }
    }
    c.at = start;
    this.outOfRange.push({
      pointer,
      text: t.slice(start, Math.min(this.pos, start + 40)),
      offset: c.offset,
      line: c.line,
      column: start - c.lineStart + 1,
    });
  }

  /** Skips white space; returns the next char code, or -1 at the end of a complete root. */
  private skipWs(): number {
    const t = this.text;
    while (this.pos < t.length) {
      const c = t.charCodeAt(this.pos);
      if (c >= 128 || WS[c] !== 1) return c;
      this.pos++;
    }
    if (this.stack.length === 0 && this.root !== undefined) return -1;
    throw new JsonStop(true, this.pos, 'Unexpected end of the text');
  }

  private unexpected(expected: string): JsonStop {
    const ch = this.text.codePointAt(this.pos);
    const found = ch === undefined ? 'the end' : JSON.stringify(String.fromCodePoint(ch));
    return new JsonStop(false, this.pos, `Expected ${expected}, found ${found}`);
  }
}

const LITERALS: readonly (readonly [string, unknown])[] = [
  ['true', true],
  ['false', false],
  ['null', null],
];
