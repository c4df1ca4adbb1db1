// The token level of the tolerant JSON reader: strings and numbers (RFC 8259). Each scanner tells
// a cut (the text ends inside the token: AOE is still writing) from a real syntax error.
import { CharBuffer } from './char-codes.ts';

/** Thrown inside the reader only, to unwind to `readJson`; never escapes it. */
export class JsonStop {
  readonly truncated: boolean;
  readonly at: number;
  readonly message: string;
  constructor(truncated: boolean, at: number, message: string) {
    this.truncated = truncated;
    this.at = at;
    this.message = message;
  }
}

/** Where the reader is, and where the next backslash is (searched once, reused across strings). */
export interface StringCursor {
  pos: number;
  /** Index of the next backslash at or after the last search; Infinity when there is none. */
  nextBackslash: number;
}

// eslint-disable-next-line no-control-regex -- JSON forbids raw control characters in strings
const CONTROL = /[\u0000-\u001f]/;

/** Escape letter → the code unit it stands for. */
const ESCAPES: Record<number, number> = {
  0x22: 0x22, // "
  0x5c: 0x5c, // \
  0x2f: 0x2f, // /
  0x62: 0x08, // b
  0x66: 0x0c, // f
  0x6e: 0x0a, // n
  0x72: 0x0d, // r
  0x74: 0x09, // t
};

/** Reads the string whose opening quote is at `cursor.pos`; leaves the cursor after its end. */
export function scanString(t: string, cursor: StringCursor): string {
  const start = ++cursor.pos;
  // Fast path: no escape before the closing quote (nearly every AOE string).
  const quote = t.indexOf('"', start);
  if (quote !== -1) {
    if (cursor.nextBackslash < start) {
      const b = t.indexOf('\\', start);
      cursor.nextBackslash = b === -1 ? Infinity : b;
    }
    if (cursor.nextBackslash > quote) {
      const value = t.slice(start, quote);
      if (!CONTROL.test(value)) {
        cursor.pos = quote + 1;
        return value;
      }
    }
  }
  const cut = (): JsonStop => new JsonStop(true, start - 1, 'Unexpected end inside a string');
  // Slow path: the decoded text goes into one buffer (a piece per escape would leave garbage per
  // character for a string made of escapes).
  let out: CharBuffer | null = null;
  let chunkStart = start;
  let p = start;
  for (;;) {
    if (p >= t.length) throw cut();
    const c = t.charCodeAt(p);
    if (c === 0x22) {
      cursor.pos = p + 1;
      if (out === null) return t.slice(chunkStart, p);
      out.pushRange(t, chunkStart, p);
      return out.toString();
    }
    if (c < 0x20) throw new JsonStop(false, p, 'Control character inside a string');
    if (c !== 0x5c /* \ */) {
      p++;
      continue;
    }
    out ??= new CharBuffer((quote === -1 ? p : quote) - start + 16);
    out.pushRange(t, chunkStart, p);
    const e = t.charCodeAt(p + 1);
    if (Number.isNaN(e)) throw cut();
    const simple = ESCAPES[e];
    if (simple !== undefined) {
      out.push(simple);
      p += 2;
    } else if (e === 0x75 /* u */) {
      const code = hex4(t, p + 2);
      if (code < 0) {
        if (code === CUT_HEX) throw cut();
        throw new JsonStop(false, p, 'Bad \\u escape in a string');
      }
      out.push(code);
      p += 6;
    } else {
      throw new JsonStop(false, p, 'Bad escape in a string');
    }
    chunkStart = p;
  }
}

const BAD_HEX = -1;
const CUT_HEX = -2;

/** The value of the four hex digits at `at`; BAD_HEX, or CUT_HEX when the text ends first. */
function hex4(t: string, at: number): number {
  let v = 0;
  for (let i = at; i < at + 4; i++) {
    if (i >= t.length) return CUT_HEX;
    const c = t.charCodeAt(i);
    const d =
      c >= 0x30 && c <= 0x39
        ? c - 0x30
        : c >= 0x61 && c <= 0x66
          ? c - 0x57
          : c >= 0x41 && c <= 0x46
            ? c - 0x37
            : -1;
    if (d < 0) return BAD_HEX;
    v = v * 16 + d;
  }
  return v;
}

/** At the end of the text the number was cut; anywhere else it is malformed. */
function numberStop(t: string, start: number, at: number, what: string): JsonStop {
  return at >= t.length
    ? new JsonStop(true, start, 'Unexpected end inside a number')
    : new JsonStop(false, at, `Expected ${what} in a number`);
}

function digitsEnd(t: string, from: number): number {
  let q = from;
  for (let c = t.charCodeAt(q); c >= 0x30 && c <= 0x39; c = t.charCodeAt(q)) q++;
  return q;
}

/**
 * The end index of the number starting at `start`. `endIsCut`: a number that runs into the end of
 * the text counts as cut (inside a container, the text should go on after it).
 */
export function scanNumberEnd(t: string, start: number, endIsCut: boolean): number {
  let p = start;
  if (t.charCodeAt(p) === 0x2d /* - */) p++;
  let q = digitsEnd(t, p);
  if (q === p) throw numberStop(t, start, q, 'a digit');
  if (t.charCodeAt(p) === 0x30 && q > p + 1) {
    throw new JsonStop(false, p, 'Leading zero in a number');
  }
  p = q;
  if (t.charCodeAt(p) === 0x2e /* . */) {
    q = digitsEnd(t, p + 1);
    if (q === p + 1) throw numberStop(t, start, q, 'a digit after "."');
    p = q;
  }
  const e = t.charCodeAt(p);
  if (e === 0x65 || e === 0x45 /* e E */) {
    p++;
    const sign = t.charCodeAt(p);
    if (sign === 0x2b || sign === 0x2d) p++;
    q = digitsEnd(t, p);
    if (q === p) throw numberStop(t, start, q, 'an exponent');
    p = q;
  }
  if (p >= t.length && endIsCut) throw numberStop(t, start, p, 'more');
  return p;
}
