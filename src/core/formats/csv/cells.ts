// Reading cells straight from the byte buffer: numbers without building strings, start times as
// exact decimal differences, and strings interned once. Profiler conventions (FORMATS.md B.1):
// surrounding spaces and the trailing TAB msprof/torch_npu append to timestamps are ignored, and
// `N/A` or an empty cell is missing (NaN for numbers, MISSING for strings).

const TAB = 9;
const SPACE = 32;
const DOT = 46;
const MINUS = 45;
const PLUS = 43;
const D0 = 48;

/** Dictionary index of a missing string (`N/A` or empty): the dictionary always starts with ''. */
export const MISSING = 0;

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];
POW10.push(1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22);

const utf8 = new TextDecoder('utf-8');

/** Trims spaces and TABs: returns the new start; `trimEnd` gives the new end. */
export function trimStart(buf: Uint8Array, s: number, e: number): number {
  while (s < e && (buf[s] === SPACE || buf[s] === TAB)) s++;
  return s;
}

export function trimEnd(buf: Uint8Array, s: number, e: number): number {
  while (e > s && (buf[e - 1] === SPACE || buf[e - 1] === TAB)) e--;
  return e;
}

/** `N/A` (any case) or nothing. */
export function isMissing(buf: Uint8Array, s: number, e: number): boolean {
  if (s === e) return true;
  return (
    e - s === 3 &&
    ((buf[s] as number) | 32) === 110 &&
    buf[s + 1] === 47 &&
    ((buf[s + 2] as number) | 32) === 97
  );
}

/**
 * Parses a decimal number from bytes. Missing → NaN with `ok` true; text that is not a number →
 * NaN with `ok` false, so the caller can report the row; a number beyond a float → NaN with
 * `outOfRange` set.
 */
export class NumberReader {
  ok = true;
  /** The cell is a number too large for a float (`1e309`): read as NaN, with `ok` still true. */
  outOfRange = false;

  read(buf: Uint8Array, s0: number, e0: number): number {
    this.ok = true;
    this.outOfRange = false;
    const s = trimStart(buf, s0, e0);
    const e = trimEnd(buf, s, e0);
    if (isMissing(buf, s, e)) return NaN;
    let i = s;
    let neg = false;
    const c0 = buf[i];
    if (c0 === MINUS || c0 === PLUS) {
      neg = c0 === MINUS;
      i++;
    }
    let mant = 0;
    let digits = 0;
    let scale = 0;
    let seenDot = false;
    let any = false;
    for (; i < e; i++) {
      const d = (buf[i] as number) - D0;
      if (d >= 0 && d <= 9) {
        any = true;
        if (mant === 0 && d === 0) {
          if (seenDot) scale++;
          continue;
        }
        mant = mant * 10 + d;
        digits++;
        if (seenDot) scale++;
      } else if (buf[i] === DOT && !seenDot) seenDot = true;
      else break;
    }
    // Exact fast path (Clinger): up to 15 significant digits divided by an exact power of ten is
    // correctly rounded. Anything else (exponents, long mantissas) goes through Number().
    if (i === e && any && digits <= 15 && scale <= 22) {
      const v = mant / (POW10[scale] as number);
      return neg ? -v : v;
    }
    return this.slow(buf, s, e);
  }

  private slow(buf: Uint8Array, s: number, e: number): number {
    const text = utf8.decode(buf.subarray(s, e));
    const v = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text) ? Number(text) : NaN;
    if (Number.isNaN(v)) this.ok = false;
    if (!Number.isFinite(v) && this.ok) {
      this.outOfRange = true;
      return NaN;
    }
    return v;
  }
}

/**
 * A decimal timestamp split so that differences stay exact: `hi`·1e9 + `lo` + `frac`, where `lo`
 * holds the last nine integer digits and `frac` the fraction. An epoch in µs with three decimals
 * has 19 significant digits, more than float64 keeps; the difference to a base has few.
 */
export class DecimalTimeReader {
  hi = 0;
  lo = 0;
  frac = 0;
  /** The trimmed cell text of the last successful read (only when `keepText`). */
  text = '';
  ok = true;

  /** False when the cell is missing; sets `ok` false when it is not a plain decimal. */
  read(buf: Uint8Array, s0: number, e0: number, keepText: boolean): boolean {
    this.ok = true;
    const s = trimStart(buf, s0, e0);
    const e = trimEnd(buf, s, e0);
    if (isMissing(buf, s, e)) return false;
    let i = s;
    const neg = buf[i] === MINUS;
    if (neg || buf[i] === PLUS) i++;
    const intStart = i;
    while (i < e && (buf[i] as number) - D0 >= 0 && (buf[i] as number) - D0 <= 9) i++;
    const intEnd = i;
    let fracNum = 0;
    let fracDigits = 0;
    if (i < e && buf[i] === DOT) {
      i++;
      for (; i < e; i++) {
        const d = (buf[i] as number) - D0;
        if (d < 0 || d > 9) break;
        if (fracDigits < 15) {
          fracNum = fracNum * 10 + d;
          fracDigits++;
        }
      }
    }
    if (i !== e || (intEnd === intStart && fracDigits === 0)) {
      this.ok = false;
      return false;
    }
    const split = Math.max(intStart, intEnd - 9);
    let hi = 0;
    for (let k = intStart; k < split; k++) hi = hi * 10 + ((buf[k] as number) - D0);
    let lo = 0;
    for (let k = split; k < intEnd; k++) lo = lo * 10 + ((buf[k] as number) - D0);
    const frac = fracNum / (POW10[fracDigits] as number);
    this.hi = neg ? -hi : hi;
    this.lo = neg ? -lo : lo;
    this.frac = neg ? -frac : frac;
    if (keepText) this.text = utf8.decode(buf.subarray(s, e));
    return true;
  }
}

/** A 32-bit hash of bytes, four at a time (one multiply per word), with a final avalanche. */
function hashBytes(buf: Uint8Array, s: number, e: number): number {
  let h = 0x811c9dc5 ^ (e - s);
  let i = s;
  for (; i + 4 <= e; i += 4) {
    const w =
      (buf[i] as number) |
      ((buf[i + 1] as number) << 8) |
      ((buf[i + 2] as number) << 16) |
      ((buf[i + 3] as number) << 24);
    h = Math.imul(h ^ w, 0x01000193);
    h ^= h >>> 15;
  }
  for (; i < e; i++) h = Math.imul(h ^ (buf[i] as number), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const QUICK_SIZE = 1 << 10;

/** A slot of `Interner.quick` from a cell's length and its first and last two bytes (n ≥ 1). */
function quickKey(buf: Uint8Array, s: number, e: number): number {
  const n = e - s;
  const tail = n >= 2 ? (buf[e - 2] as number) : 0;
  return (
    (Math.imul(n, 0x9e3779b1) ^ ((buf[s] as number) << 3) ^ ((buf[e - 1] as number) << 5) ^ tail) &
    (QUICK_SIZE - 1)
  );
}

/**
 * Interns cell text: equal text gets one dictionary index. A byte-keyed hash table answers the
 * common case (the same op name seen again) without decoding; new byte sequences are decoded once
 * and looked up by their text, so different spellings of the same text (quoted or not, invalid
 * UTF-8 replaced) still share one index.
 */
export class Interner {
  readonly dict: string[] = [''];
  private readonly byText = new Map<string, number>([['', MISSING]]);
  private readonly strict = new TextDecoder('utf-8', { fatal: true });
  private readonly lenient = new TextDecoder('utf-8');
  /** Set when some interned text was not valid UTF-8 (replaced with U+FFFD). */
  invalidUtf8 = false;
  private slots = new Int32Array(1 << 12).fill(-1);
  private slotHash = new Uint32Array(1 << 12);
  /** Cache entry k: bytes pool[off[k] .. off[k+1]) → id[k]. */
  private pool = new Uint8Array(1 << 14);
  private poolLen = 0;
  private off: number[] = [0];
  private ids: number[] = [];
  /** Cache entry by `quickKey`, or -1. */
  private readonly quick = new Int32Array(QUICK_SIZE).fill(-1);

  /** The cache entry of the last text interned (-1 for a missing cell): see `internAfter`. */
  last = -1;

  /**
   * `intern`, first comparing the bytes with cache entry `prev` (the `last` of the same column in
   * the previous row): a column often repeats its value from row to row (the core type, the
   * operator type of a run of kernels), and one comparison is cheaper than a hash and a probe.
   */
  internAfter(prev: number, buf: Uint8Array, s: number, e: number): number {
    if (prev >= 0 && this.same(prev, buf, s, e)) {
      this.last = prev;
      return this.ids[prev] as number;
    }
    return this.intern(buf, s, e);
  }

  intern(buf: Uint8Array, s: number, e: number): number {
    if (isMissing(buf, s, e)) {
      this.last = -1;
      return MISSING;
    }
    // The entry last seen with the same length and first and last two bytes: a column of few
    // values (core type, data type, operator type) finds its text here without hashing it.
    const q = quickKey(buf, s, e);
    const k0 = this.quick[q] as number;
    if (k0 >= 0 && this.same(k0, buf, s, e)) {
      this.last = k0;
      return this.ids[k0] as number;
    }
    const k = this.lookup(buf, s, e);
    this.quick[q] = k;
    this.last = k;
    return this.ids[k] as number;
  }

  /** The cache entry of the bytes, added when they are new. */
  private lookup(buf: Uint8Array, s: number, e: number): number {
    const h = hashBytes(buf, s, e);
    const mask = this.slots.length - 1;
    let slot = h & mask;
    for (;;) {
      const k = this.slots[slot] as number;
      if (k < 0) break;
      if (this.slotHash[slot] === h && this.same(k, buf, s, e)) return k;
      slot = (slot + 1) & mask;
    }
    return this.remember(slot, h, buf, s, e, this.idOf(buf, s, e));
  }

  private same(k: number, buf: Uint8Array, s: number, e: number): boolean {
    const a = this.off[k] as number;
    const n = e - s;
    if ((this.off[k + 1] as number) - a !== n) return false;
    const pool = this.pool;
    // The last byte first: names of one kind differ at the end (`Conv2D_12`, `Conv2D_13`).
    if (n > 0 && pool[a + n - 1] !== buf[e - 1]) return false;
    for (let i = 0; i < n; i++) if (pool[a + i] !== buf[s + i]) return false;
    return true;
  }

  private idOf(buf: Uint8Array, s: number, e: number): number {
    const bytes = buf.subarray(s, e);
    let text: string;
    try {
      text = this.strict.decode(bytes);
    } catch {
      this.invalidUtf8 = true;
      text = this.lenient.decode(bytes);
    }
    let id = this.byText.get(text);
    if (id === undefined) {
      id = this.dict.length;
      this.dict.push(text);
      this.byText.set(text, id);
    }
    return id;
  }

  private remember(
    slot: number,
    h: number,
    buf: Uint8Array,
    s: number,
    e: number,
    id: number,
  ): number {
    const n = e - s;
    if (this.poolLen + n > this.pool.length) {
      const next = new Uint8Array(Math.max(this.pool.length * 2, this.poolLen + n));
      next.set(this.pool.subarray(0, this.poolLen));
      this.pool = next;
    }
    this.pool.set(buf.subarray(s, e), this.poolLen);
    this.poolLen += n;
    const k = this.ids.length;
    this.ids.push(id);
    this.off.push(this.poolLen);
    this.slots[slot] = k;
    this.slotHash[slot] = h;
    if (this.ids.length * 2 > this.slots.length) this.rehash();
    return k;
  }

  private rehash(): void {
    const size = this.slots.length * 2;
    const slots = new Int32Array(size).fill(-1);
    const hashes = new Uint32Array(size);
    for (let i = 0; i < this.slots.length; i++) {
      const k = this.slots[i] as number;
      if (k < 0) continue;
      const h = this.slotHash[i] as number;
      let slot = h & (size - 1);
      while ((slots[slot] as number) >= 0) slot = (slot + 1) & (size - 1);
      slots[slot] = k;
      hashes[slot] = h;
    }
    this.slots = slots;
    this.slotHash = hashes;
  }
}
