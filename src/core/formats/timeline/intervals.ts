// Time intervals as sorted, disjoint [start, end) lists in typed arrays: the union of a track's
// events (busy time), and the intersections the compute / communication split needs. Events of
// one track mostly come in time order, so adjacent ones are merged as they arrive and the memory
// held is the number of separate busy runs, not of events.

export interface Intervals {
  readonly starts: Float64Array;
  readonly ends: Float64Array;
  readonly length: number;
}

export class IntervalUnion {
  private starts = new Float64Array(64);
  private ends = new Float64Array(64);
  private n = 0;
  private sorted = true;

  add(start: number, end: number): void {
    if (!(end >= start)) return;
    const last = this.n - 1;
    if (last >= 0) {
      const ls = this.starts[last] as number;
      if (start >= ls) {
        if (start <= (this.ends[last] as number)) {
          if (end > (this.ends[last] as number)) this.ends[last] = end;
          return;
        }
      } else this.sorted = false;
    }
    if (this.n === this.starts.length) {
      const s = new Float64Array(this.n * 2);
      const e = new Float64Array(this.n * 2);
      s.set(this.starts);
      e.set(this.ends);
      this.starts = s;
      this.ends = e;
    }
    this.starts[this.n] = start;
    this.ends[this.n] = end;
    this.n++;
  }

  /** The union as sorted disjoint intervals. */
  result(): Intervals {
    const n = this.n;
    if (this.sorted) return { starts: this.starts, ends: this.ends, length: n };
    const order = new Uint32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    order.sort((a, b) => (this.starts[a] as number) - (this.starts[b] as number));
    const out = new IntervalUnion();
    for (let k = 0; k < n; k++) {
      const i = order[k] as number;
      out.add(this.starts[i] as number, this.ends[i] as number);
    }
    return out.result();
  }
}

export function totalLength(u: Intervals): number {
  let sum = 0;
  for (let i = 0; i < u.length; i++) sum += (u.ends[i] as number) - (u.starts[i] as number);
  return sum;
}

/** a ∩ b, both sorted and disjoint. */
export function intersect(a: Intervals, b: Intervals): Intervals {
  const out = new IntervalUnion();
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const s = Math.max(a.starts[i] as number, b.starts[j] as number);
    const e = Math.min(a.ends[i] as number, b.ends[j] as number);
    if (e > s) out.add(s, e);
    if ((a.ends[i] as number) < (b.ends[j] as number)) i++;
    else j++;
  }
  return out.result();
}

/** Length of u ∩ [from, to). */
export function lengthWithin(u: Intervals, from: number, to: number): number {
  let sum = 0;
  for (let i = 0; i < u.length; i++) {
    const s = Math.max(u.starts[i] as number, from);
    const e = Math.min(u.ends[i] as number, to);
    if (e > s) sum += e - s;
  }
  return sum;
}
