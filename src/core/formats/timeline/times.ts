// Trace timestamps: µs since the epoch, a decimal string in CANN 8.x (`"1736408883704643.212"`)
// and a number before. A float64 holds such an epoch only to ¼ µs, so times are kept relative to
// the first one read: the integer parts are subtracted exactly (they stay below 2^53), then the
// fraction is added.
export class TimeReader {
  /** The first timestamp as written, or null before any. */
  baseText: string | null = null;
  private baseInt = 0;

  /** Relative µs, or NaN when the value is not a time. */
  read(v: unknown): number {
    let int: number;
    let frac: number;
    if (typeof v === 'string') {
      const dot = v.indexOf('.');
      int = Number(dot < 0 ? v : v.slice(0, dot));
      frac = dot < 0 ? 0 : Number(`0${v.slice(dot)}`);
      if (v.startsWith('-')) frac = -frac;
      if (!Number.isFinite(int) || !Number.isFinite(frac) || v.trim() === '') return NaN;
    } else if (typeof v === 'number' && Number.isFinite(v)) {
      int = Math.trunc(v);
      frac = v - int;
    } else return NaN;
    if (this.baseText === null) {
      this.baseText = typeof v === 'string' ? v.trim() : String(v);
      this.baseInt = int;
    }
    return int - this.baseInt + frac;
  }
}
