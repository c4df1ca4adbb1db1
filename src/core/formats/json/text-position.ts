// Positions in a JSON text for issues: JSON pointers, UTF-8 byte offsets (what a hex viewer or
// `dd` shows for the file on disk) and 1-based line and column (what an editor shows).
import { CharBuffer } from './char-codes.ts';

/** Escapes one JSON pointer segment (RFC 6901): `~` → `~0`, `/` → `~1`. Linear in the key. */
export function escapePointer(key: string): string {
  const tilde = key.indexOf('~');
  const slash = key.indexOf('/');
  if (tilde === -1 && slash === -1) return key;
  const first = tilde === -1 ? slash : slash === -1 ? tilde : Math.min(tilde, slash);
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
