// Byte-level pieces of the column layout of share links (link-layout.ts): unsigned LEB128 varints
// up to 2^53 − 1, zigzag for signed integers, 2-bit packed flags and length-prefixed UTF-8. The
// reader is for untrusted bytes: every read is bounds-checked, a varint longer than 8 bytes or
// past Number.MAX_SAFE_INTEGER is refused, and a count is checked against the bytes left before
// anything is allocated for it. Reader failures throw a LayoutError that the codec turns into an
// issue; nothing else escapes.

/** Largest magnitude a signed column may hold: its zigzag code stays a safe integer. */
export const MAX_SIGNED = 2 ** 52 - 1;
const MAX_VARINT_BYTES = 8;

export class LayoutError extends Error {
  constructor(
    readonly kind: 'truncated' | 'corrupt' | 'too-large',
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

export const zigzag = (n: number): number => (n >= 0 ? n * 2 : -n * 2 - 1);
export const unzigzag = (z: number): number => (z % 2 === 0 ? z / 2 : -(z + 1) / 2);

/** True for an integer the unsigned writer can store. */
export const isUint = (n: unknown): n is number =>
  typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
/** True for an integer the signed writer can store. */
export const isSint = (n: unknown): n is number =>
  typeof n === 'number' && Number.isSafeInteger(n) && Math.abs(n) <= MAX_SIGNED;

export class ByteWriter {
  private buf = new Uint8Array(1024);
  private at = 0;

  private room(n: number): void {
    if (this.at + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.at + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.at));
    this.buf = next;
  }

  byte(b: number): void {
    this.room(1);
    this.buf[this.at++] = b;
  }

  /** A non-negative safe integer, 7 bits a byte, low bits first (arithmetic: past 32 bits too). */
  uint(n: number): void {
    this.room(MAX_VARINT_BYTES);
    let v = n;
    while (v >= 0x80) {
      this.buf[this.at++] = (v % 0x80) | 0x80;
      v = Math.floor(v / 0x80);
    }
    this.buf[this.at++] = v;
  }

  sint(n: number): void {
    this.uint(zigzag(n));
  }

  bytes(b: Uint8Array): void {
    this.room(b.length);
    this.buf.set(b, this.at);
    this.at += b.length;
  }

  /** Values 0–3, four to a byte. */
  pairs(values: readonly number[]): void {
    for (let i = 0; i < values.length; i += 4) {
      let b = 0;
      for (let k = 0; k < 4 && i + k < values.length; k++)
        b |= ((values[i + k] ?? 0) & 3) << (2 * k);
      this.byte(b);
    }
  }

  f64(n: number): void {
    this.room(8);
    new DataView(this.buf.buffer, this.buf.byteOffset + this.at, 8).setFloat64(0, n, true);
    this.at += 8;
  }

  result(): Uint8Array {
    return this.buf.slice(0, this.at);
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export class ByteReader {
  private at: number;
  constructor(
    private readonly buf: Uint8Array,
    start = 0,
  ) {
    this.at = start;
  }

  get offset(): number {
    return this.at;
  }
  get left(): number {
    return this.buf.length - this.at;
  }

  private cut(what: string): never {
    throw new LayoutError('truncated', `its content ends inside ${what}`, this.at);
  }

  byte(what: string): number {
    const b = this.buf[this.at];
    if (b === undefined) this.cut(what);
    this.at++;
    return b;
  }

  uint(what: string): number {
    const start = this.at;
    let value = 0;
    let scale = 1;
    for (let i = 0; i < MAX_VARINT_BYTES; i++) {
      const b = this.byte(what);
      value += (b & 0x7f) * scale;
      if (b < 0x80) {
        if (!Number.isSafeInteger(value))
          throw new LayoutError('corrupt', `${what} is a number too large to be real`, start);
        return value;
      }
      scale *= 0x80;
    }
    throw new LayoutError(
      'corrupt',
      `${what} is a number longer than ${MAX_VARINT_BYTES} bytes`,
      start,
    );
  }

  sint(what: string): number {
    return unzigzag(this.uint(what));
  }

  /**
   * A count of items that take at least `bytesEach` bytes (fractions for packed flags) each:
   * refused when the bytes left cannot hold that many, or when it exceeds `max`.
   */
  count(what: string, max: number, bytesEach = 1): number {
    const start = this.at;
    const n = this.uint(`the count of ${what}`);
    if (n > max)
      throw new LayoutError('too-large', `${what}: ${n} entries, more than ${max}`, start);
    if (Math.ceil(n * bytesEach) > this.left)
      throw new LayoutError(
        'truncated',
        `${what}: ${n} entries announced, but only ${this.left} bytes follow`,
        start,
      );
    return n;
  }

  bytes(n: number, what: string): Uint8Array {
    if (n > this.left) this.cut(what);
    const out = this.buf.subarray(this.at, this.at + n);
    this.at += n;
    return out;
  }

  text(n: number, what: string): string {
    const start = this.at;
    const b = this.bytes(n, what);
    try {
      return utf8.decode(b);
    } catch {
      throw new LayoutError('corrupt', `${what} is not valid UTF-8`, start);
    }
  }

  pairs(n: number, what: string): number[] {
    const packed = this.bytes(Math.ceil(n / 4), what);
    const out = new Array<number>(n);
    for (let i = 0; i < n; i++) out[i] = ((packed[i >> 2] ?? 0) >> (2 * (i & 3))) & 3;
    return out;
  }

  f64(what: string): number {
    const b = this.bytes(8, what);
    return new DataView(b.buffer, b.byteOffset, 8).getFloat64(0, true);
  }
}
