// Positions in a JSON text for issues: JSON pointers, UTF-8 byte offsets (what a hex viewer or
// `dd` shows for the file on disk) and 1-based line and column (what an editor shows).
import { CharBuffer } from './char-codes.ts';

/** Keys at least this long are escaped through UTF-8 bytes (see escapePointer). */
const LONG_KEY = 1024;
const utf8Encoder = new TextEncoder();

/** True when `text` has no lone surrogate (so UTF-8 round-trips it); native where there is one. */
function wellFormed(text: string): boolean {
  const native = (text as { isWellFormed?: () => boolean }).isWellFormed;
  return typeof native === 'function'
    ? native.call(text)
    : !/[\ud800-\udbff](?![\udc00-\udfff])|(?:[^\ud800-\udbff]|^)[\udc00-\udfff]/.test(text);
}

/**
 * Escapes one JSON pointer segment (RFC 6901): `~` → `~0`, `/` → `~1`. Linear in the key. A long
 * key (a damaged file's field name of megabytes) is encoded to UTF-8 natively, escaped in one
 * loop over its bytes (`~` and `/` never occur inside a multi-byte sequence) and decoded natively:
 * a character-by-character string builder took seconds on 50 MB.
 */
export function escapePointer(key: string): string {
  const tilde = key.indexOf('~');
  const slash = key.indexOf('/');
  if (tilde === -1 && slash === -1) return key;
  const first = tilde === -1 ? slash : slash === -1 ? tilde : Math.min(tilde, slash);
  if (key.length >= LONG_KEY && wellFormed(key)) return escapeBytes(key);
  let specials = 0;
  for (let i = first; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (c === 0x7e || c === 0x2f) specials++;
  }
  const out = new CharBuffer(key.length + specials);
  out.pushRange(key, 0, first);
  for (let i = first; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (c === 0x7e /* ~ */) {
      out.push(0x7e);
      out.push(0x30 /* 0 */);
    } else if (c === 0x2f /* / */) {
      out.push(0x7e);
      out.push(0x31 /* 1 */);
    } else out.push(c);
  }
  return out.toString();
}

const ESCAPE_CHUNK = 1 << 16;

function escapeBytes(key: string): string {
  // Escaped a chunk at a time into one buffer twice the chunk (every byte may double), decoded in
  // streaming mode so that a character split between chunks comes out whole.
  const src = utf8Encoder.encode(key);
  const n = src.length;
  const out = new Uint8Array(2 * ESCAPE_CHUNK);
  const decoder = new TextDecoder();
  const pieces: string[] = [];
  for (let start = 0; start < n; start += ESCAPE_CHUNK) {
    const end = Math.min(n, start + ESCAPE_CHUNK);
    let o = 0;
    for (let i = start; i < end; i++) {
      const b = src[i]!;
      if (b === 0x7e /* ~ */) {
        out[o++] = 0x7e;
        out[o++] = 0x30;
      } else if (b === 0x2f /* / */) {
        out[o++] = 0x7e;
        out[o++] = 0x31;
      } else out[o++] = b;
    }
    pieces.push(decoder.decode(out.subarray(0, o), { stream: end < n }));
  }
  return pieces.join('');
}

/** UTF-8 byte length of `text` up to UTF-16 index `end` (a lone surrogate counts 3, as encoded). */
export function utf8Length(text: string, end: number): number {
  let n = 0;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < end) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  return n;
}

export function lineAndColumn(text: string, at: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < at && i < text.length; i++) {
    if (text.charCodeAt(i) === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: at - lineStart + 1 };
}
