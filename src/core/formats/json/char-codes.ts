// Building a long string from UTF-16 code units in one buffer. Joining one small piece per escape
// (or replacing every `~` of a key with a regex) allocates per character and leaves the garbage
// collector most of the work: for a field name of tens of megabytes that took longer than reading
// the rest of the report. A typed buffer grows by doubling and is turned into a string in slices.

const SLICE = 8192;
const utf16 = new TextDecoder('utf-16le');

export class CharBuffer {
  private codes: Uint16Array;
  length = 0;
  /** Set once a surrogate code unit is written: then the text may hold a lone one. */
  private surrogates = false;

  constructor(capacity: number) {
    this.codes = new Uint16Array(Math.max(16, capacity));
  }

  push(code: number): void {
    if (this.length === this.codes.length) this.grow(this.length + 1);
    if (code >= 0xd800 && code <= 0xdfff) this.surrogates = true;
    this.codes[this.length++] = code;
  }

  /** Appends `text[from..to)`. */
  pushRange(text: string, from: number, to: number): void {
    if (this.length + (to - from) > this.codes.length) this.grow(this.length + (to - from));
    const codes = this.codes;
    let n = this.length;
    for (let i = from; i < to; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdfff) this.surrogates = true;
      codes[n++] = c;
    }
    this.length = n;
  }

  /** The text, code unit for code unit (a lone surrogate stays as it is). */
  toString(): string {
    const used = this.codes.subarray(0, this.length);
    // The decoder is fastest, but it would replace a lone surrogate with U+FFFD.
    if (!this.surrogates) return utf16.decode(used);
    const pieces: string[] = [];
    for (let i = 0; i < this.length; i += SLICE) {
      const end = Math.min(this.length, i + SLICE);
      pieces.push(
        String.fromCharCode.apply(null, this.codes.subarray(i, end) as unknown as number[]),
      );
    }
    return pieces.join('');
  }

  private grow(min: number): void {
    const next = new Uint16Array(Math.max(min, this.codes.length * 2));
    next.set(this.codes.subarray(0, this.length));
    this.codes = next;
  }
}
