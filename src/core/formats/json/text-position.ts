// Positions in a JSON text for issues: JSON pointers, UTF-8 byte offsets (what a hex viewer or
// `dd` shows for the file on disk) and 1-based line and column (what an editor shows).
import { CharBuffer } from './char-codes.ts';

/** Keys at least this long are escaped through UTF-8 bytes (see escapePointer). */
const LONG_KEY = 1024;
const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder();

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
  return childPointer('', key, false);
}

/**
 * `parent` + `/` + the escaped `key` (or the key alone when `withParent` is false), as one flat
 * string: a pointer joined from two pieces would be copied again when first used as a property
 * name, which for a key of tens of megabytes cost as much as escaping it.
 */
export function childPointer(parent: string, key: string, withParent = true): string {
  const tilde = key.indexOf('~');
  const slash = key.indexOf('/');
  const head = withParent ? `${parent}/` : '';
  if (tilde === -1 && slash === -1) return head + key;
  const first = tilde === -1 ? slash : slash === -1 ? tilde : Math.min(tilde, slash);
  if (key.length >= LONG_KEY && wellFormed(key) && wellFormed(head)) return escapeBytes(head, key);
  let specials = 0;
  for (let i = first; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (c === 0x7e || c === 0x2f) specials++;
  }
  const out = new CharBuffer(head.length + key.length + specials);
  out.pushRange(head, 0, head.length);
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

/** `head` and the escaped `key`, both well-formed, through UTF-8 bytes and one native decode. */
function escapeBytes(head: string, key: string): string {
  const src = utf8Encoder.encode(key);
  const n = src.length;
  // Room for the key and a quarter more; grown (rarely: a key made mostly of `~` and `/`) when a
  // chunk might not fit.
  let out = new Uint8Array(3 * head.length + n + (n >> 2) + 2 * ESCAPE_CHUNK);
  let o = utf8Encoder.encodeInto(head, out).written;
  for (let start = 0; start < n; start += ESCAPE_CHUNK) {
    const end = Math.min(n, start + ESCAPE_CHUNK);
    if (out.length - o < 2 * (end - start)) {
      const bigger = new Uint8Array(Math.max(2 * out.length, o + 2 * (n - start)));
      bigger.set(out.subarray(0, o));
      out = bigger;
    }
    o = escapeChunk(src, start, end, out, o);
  }
  return utf8Decoder.decode(out.subarray(0, o));
}

/**
 * Escapes `src[start..end)` into `out` from `o`; returns the new end. A function of its own, called
 * once per chunk, so that the engine optimizes it after the first few chunks.
 */
function escapeChunk(
  src: Uint8Array,
  start: number,
  end: number,
  out: Uint8Array,
  from: number,
): number {
  let o = from;
  for (let i = start; i < end; i++) {
    const b = src[i] as number;
    if (b === 0x7e /* ~ */) {
      out[o++] = 0x7e;
      out[o++] = 0x30;
    } else if (b === 0x2f /* / */) {
      out[o++] = 0x7e;
      out[o++] = 0x31;
    } else out[o++] = b;
  }
  return o;
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
