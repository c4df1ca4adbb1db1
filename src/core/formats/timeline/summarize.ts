// One pass over timeline events, keeping only summary state (the Chrome DevTools trace-engine
// habit: handle each event, finalize once). What it keeps: per track (process × thread) the union
// of its busy time; the device kernels' start/end per stream, for the launch gaps; the few
// communication ops and step markers. Everything else is counted and dropped.
//
// Which events are what (FORMATS.md B.7):
// - a device task is an `X` event whose args carry `Task Type` and `Physic Stream Id` (CANN 8.x)
//   or `Stream Id` (2024): the Ascend Hardware track, one thread per stream;
// - a kernel is a device task that is not a copy, an event record/wait, a notify, a profiling
//   switch or a communication task (the same set the profiler's overlap analysis counts as
//   Computing);
// - communication is an `hcom_*` op outside the host processes (the HCCL track's big ops);
// - a step is a `ProfilerStep#N` event (torch_npu, on the host).
// Compute / communication / free follow the profiler's definition: within each step (or, with
// no step markers, the span of the device tasks), Computing = the union of kernel time,
// Communication(Not Overlapped) = communication outside it, Free = the rest. A step marker is
// the host's ProfilerStep span, so Free here also holds the time before the step's first device
// task (step_trace_time.csv's `Preparing`): on real torch_npu output Computing and Communication
// agree with step_trace_time.csv to a hundredth of a µs, Free is larger by about Preparing.
import { breakdownOf, type TimeBreakdown } from '../../model/profile-compare.ts';
import type { Us } from '../../model/units.ts';
import {
  IntervalUnion,
  intersect,
  lengthWithin,
  totalLength,
  type Intervals,
} from './intervals.ts';
import { TimeReader } from './times.ts';

const NON_KERNEL = new Set([
  'PLACE_HOLDER_SQE',
  'PCIE_DMA_SQE',
  'SDMA_SQE',
  'SDMA',
  'EVENT_RECORD_SQE',
  'EVENT_WAIT_SQE',
  'EVENT_RECORD',
  'EVENT_WAIT',
  'NOTIFY_RECORD_SQE',
  'NOTIFY_WAIT_SQE',
  'WRITE_VALUE_SQE',
  'Notify Record',
  'Notify Wait',
  'Write Value',
  'MEMCPY_ASYNC',
  'STARS_COMMON',
  'PROFILING_ENABLE',
  'PROFILING_DISABLE',
]);
const HOST_PROCESSES = new Set(['Python', 'CANN']);
const OVERLAP_NAMES = ['Computing', 'Communication', 'Communication(Not Overlapped)', 'Free'];
const STEP = /^ProfilerStep#(\S+)/;
const COMMUNICATION = /^hcom_/i;

export interface TimelineTrack {
  readonly pid: string;
  readonly tid: string;
  readonly process: string | null;
  readonly thread: string | null;
  readonly events: number;
  /** Union of the track's event intervals. */
  readonly busyUs: Us;
  /** First start and last end, relative to `startBaseUs`. */
  readonly firstUs: Us;
  readonly lastUs: Us;
}

export interface GapStats {
  /** Gaps of positive length between consecutive kernels on one stream. */
  readonly count: number;
  readonly totalUs: Us;
  readonly p50Us: Us | null;
  readonly p90Us: Us | null;
  readonly maxUs: Us | null;
}

export interface StreamGaps {
  readonly pid: string;
  readonly stream: string;
  readonly kernels: number;
  readonly gaps: GapStats;
}

export interface TimelineStep {
  readonly step: string;
  readonly startUs: Us;
  readonly durationUs: Us;
  readonly breakdown: TimeBreakdown;
}

export interface TimelineSummary {
  readonly id: string;
  readonly fileName: string;
  /** Array elements read, of which `X` (complete) and `M` (metadata). */
  readonly events: number;
  readonly completeEvents: number;
  readonly metadataEvents: number;
  /** `X` events without a usable `ts` or `dur`: counted, not summarised. */
  readonly skippedEvents: number;
  /** Absolute µs of the first timestamp, as written (exact); every other time is relative. */
  readonly startBaseUs: string | null;
  readonly tracks: readonly TimelineTrack[];
  readonly deviceTasks: number;
  readonly kernels: number;
  readonly communicationOps: number;
  readonly steps: readonly TimelineStep[];
  /** Over the steps; over the device span (steps: 0) when there are no step markers. */
  readonly breakdown: TimeBreakdown;
  /** All streams together, and per stream. */
  readonly gaps: GapStats;
  readonly streams: readonly StreamGaps[];
  /** The profiler's own `Overlap Analysis` track, summed by name, when the file has one. */
  readonly overlapAnalysis: {
    readonly computingUs: Us;
    readonly communicationUs: Us;
    readonly communicationNotOverlappedUs: Us;
    readonly freeUs: Us;
  } | null;
}

interface Track {
  pid: unknown;
  tid: unknown;
  events: number;
  busy: IntervalUnion;
  first: number;
  last: number;
  /** Kernel start/end pairs when this is a device stream. */
  kernels: Float64Array | null;
  kernelCount: number;
}

const num = (v: unknown): number =>
  typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;

export class TimelineSummarizer {
  private readonly time = new TimeReader();
  private readonly tracks = new Map<unknown, Map<unknown, Track>>();
  private readonly processNames = new Map<unknown, string>();
  private readonly processLabels = new Map<unknown, string>();
  private readonly threadNames = new Map<unknown, Map<unknown, string>>();
  private readonly compute = new IntervalUnion();
  private readonly comm: { pid: unknown; start: number; end: number }[] = [];
  private readonly stepMarks: { step: string; start: number; end: number }[] = [];
  private readonly overlap = new Map<unknown, number[]>();
  private events = 0;
  private complete = 0;
  private metadata = 0;
  private skipped = 0;
  private deviceTasks = 0;
  private kernels = 0;
  private spanStart = Infinity;
  private spanEnd = -Infinity;

  event(e: Record<string, unknown>): void {
    this.events++;
    const ph = e.ph;
    if (ph === 'M') return this.meta(e);
    if (ph !== 'X') return;
    this.complete++;
    const start = this.time.read(e.ts);
    const dur = num(e.dur);
    if (!Number.isFinite(start) || !(dur >= 0)) {
      this.skipped++;
      return;
    }
    const end = start + dur;
    const track = this.track(e.pid, e.tid);
    track.events++;
    track.busy.add(start, end);
    if (start < track.first) track.first = start;
    if (end > track.last) track.last = end;
    const name = typeof e.name === 'string' ? e.name : '';
    const args = e.args;
    if (args !== null && typeof args === 'object') {
      const a = args as Record<string, unknown>;
      const taskType = a['Task Type'];
      if (typeof taskType === 'string' && ('Physic Stream Id' in a || 'Stream Id' in a)) {
        this.deviceTasks++;
        if (start < this.spanStart) this.spanStart = start;
        if (end > this.spanEnd) this.spanEnd = end;
        if (!NON_KERNEL.has(taskType) && !NON_KERNEL.has(name) && !COMMUNICATION.test(name)) {
          this.kernel(track, start, end);
        }
      }
    }
    if (COMMUNICATION.test(name)) this.comm.push({ pid: e.pid, start, end });
    else if (name.startsWith('ProfilerStep#')) {
      this.stepMarks.push({ step: STEP.exec(name)?.[1] ?? name, start, end });
    } else {
      const k = OVERLAP_NAMES.indexOf(name);
      if (k >= 0) {
        let sums = this.overlap.get(e.pid);
        if (sums === undefined) this.overlap.set(e.pid, (sums = [0, 0, 0, 0]));
        sums[k] = (sums[k] as number) + dur;
      }
    }
  }

  private meta(e: Record<string, unknown>): void {
    this.metadata++;
    const args = e.args as Record<string, unknown> | null | undefined;
    const value = typeof args === 'object' && args !== null ? args : {};
    if (e.name === 'process_name' && typeof value.name === 'string') {
      this.processNames.set(e.pid, value.name);
    } else if (e.name === 'process_labels' && typeof value.labels === 'string') {
      this.processLabels.set(e.pid, value.labels);
    } else if (e.name === 'thread_name' && typeof value.name === 'string') {
      let m = this.threadNames.get(e.pid);
      if (m === undefined) this.threadNames.set(e.pid, (m = new Map()));
      m.set(e.tid, value.name);
    }
  }

  private track(pid: unknown, tid: unknown): Track {
    let m = this.tracks.get(pid);
    if (m === undefined) this.tracks.set(pid, (m = new Map()));
    let t = m.get(tid);
    if (t === undefined) {
      t = {
        pid,
        tid,
        events: 0,
        busy: new IntervalUnion(),
        first: Infinity,
        last: -Infinity,
        kernels: null,
        kernelCount: 0,
      };
      m.set(tid, t);
    }
    return t;
  }

  private kernel(track: Track, start: number, end: number): void {
    this.kernels++;
    this.compute.add(start, end);
    let k = track.kernels;
    const n = track.kernelCount;
    if (k === null || 2 * n + 2 > k.length) {
      const next = new Float64Array(Math.max(64, (k?.length ?? 0) * 2));
      if (k !== null) next.set(k);
      track.kernels = k = next;
    }
    k[2 * n] = start;
    k[2 * n + 1] = end;
    track.kernelCount = n + 1;
  }

  private isHost(pid: unknown): boolean {
    return (
      HOST_PROCESSES.has(this.processNames.get(pid) ?? '') || this.processLabels.get(pid) === 'CPU'
    );
  }

  finish(ctx: { readonly id: string; readonly fileName: string }): TimelineSummary {
    const compute = this.compute.result();
    const commUnion = new IntervalUnion();
    let commOps = 0;
    for (const c of this.comm) {
      if (this.isHost(c.pid)) continue;
      commOps++;
      commUnion.add(c.start, c.end);
    }
    const comm = commUnion.result();
    const both = intersect(compute, comm);
    const windows =
      this.stepMarks.length > 0
        ? this.stepMarks
        : this.spanEnd > this.spanStart
          ? [{ step: '', start: this.spanStart, end: this.spanEnd }]
          : [];
    const steps: TimelineStep[] = windows.map((w) => ({
      step: w.step,
      startUs: w.start,
      durationUs: w.end - w.start,
      breakdown: split(w.start, w.end, compute, comm, both, 1),
    }));
    const part = (f: (b: TimeBreakdown) => number) => steps.reduce((s, x) => s + f(x.breakdown), 0);
    const breakdown = breakdownOf({
      steps: this.stepMarks.length,
      computingUs: part((b) => b.computingUs),
      communicationNotOverlappedUs: part((b) => b.communicationNotOverlappedUs),
      overlappedUs: part((b) => b.overlappedUs),
      freeUs: part((b) => b.freeUs),
    });

    const tracks: TimelineTrack[] = [];
    const streams: StreamGaps[] = [];
    const allGaps: Float64Array[] = [];
    for (const m of this.tracks.values()) {
      for (const t of m.values()) {
        tracks.push({
          pid: String(t.pid),
          tid: String(t.tid),
          process: this.processNames.get(t.pid) ?? null,
          thread: this.threadNames.get(t.pid)?.get(t.tid) ?? null,
          events: t.events,
          busyUs: totalLength(t.busy.result()),
          firstUs: t.first,
          lastUs: t.last,
        });
        if (t.kernels === null) continue;
        const gaps = gapsOf(t.kernels, t.kernelCount);
        allGaps.push(gaps);
        streams.push({
          pid: String(t.pid),
          stream: String(t.tid),
          kernels: t.kernelCount,
          gaps: gapStats(gaps),
        });
      }
    }
    const merged = new Float64Array(allGaps.reduce((s, g) => s + g.length, 0));
    let at = 0;
    for (const g of allGaps) {
      merged.set(g, at);
      at += g.length;
    }
    let overlapAnalysis: TimelineSummary['overlapAnalysis'] = null;
    for (const [pid, sums] of this.overlap) {
      if (this.processNames.get(pid) !== 'Overlap Analysis') continue;
      overlapAnalysis = {
        computingUs: sums[0] as number,
        communicationUs: sums[1] as number,
        communicationNotOverlappedUs: sums[2] as number,
        freeUs: sums[3] as number,
      };
    }
    return {
      id: ctx.id,
      fileName: ctx.fileName,
      events: this.events,
      completeEvents: this.complete,
      metadataEvents: this.metadata,
      skippedEvents: this.skipped,
      startBaseUs: this.time.baseText,
      tracks,
      deviceTasks: this.deviceTasks,
      kernels: this.kernels,
      communicationOps: commOps,
      steps,
      breakdown,
      gaps: gapStats(merged),
      streams,
      overlapAnalysis,
    };
  }
}

function split(
  from: number,
  to: number,
  compute: Intervals,
  comm: Intervals,
  both: Intervals,
  steps: number,
): TimeBreakdown {
  const computing = lengthWithin(compute, from, to);
  const overlapped = lengthWithin(both, from, to);
  const notOverlapped = lengthWithin(comm, from, to) - overlapped;
  return breakdownOf({
    steps,
    computingUs: computing,
    communicationNotOverlappedUs: notOverlapped,
    overlappedUs: overlapped,
    freeUs: Math.max(0, to - from - computing - notOverlapped),
  });
}

/** Positive gaps between consecutive kernels of one stream (sorted by start first). */
function gapsOf(pairs: Float64Array, n: number): Float64Array {
  const order = new Uint32Array(n);
  let sorted = true;
  for (let i = 0; i < n; i++) {
    order[i] = i;
    if (i > 0 && (pairs[2 * i] as number) < (pairs[2 * i - 2] as number)) sorted = false;
  }
  if (!sorted) order.sort((a, b) => (pairs[2 * a] as number) - (pairs[2 * b] as number));
  const gaps = new Float64Array(Math.max(0, n - 1));
  let count = 0;
  let reach = -Infinity;
  for (let k = 0; k < n; k++) {
    const i = order[k] as number;
    const s = pairs[2 * i] as number;
    if (k > 0 && s > reach) gaps[count++] = s - reach;
    reach = Math.max(reach, pairs[2 * i + 1] as number);
  }
  return gaps.slice(0, count);
}

/** Type-7 quantile of a sorted array. */
function quantileSorted(xs: Float64Array, q: number): number {
  const pos = (xs.length - 1) * q;
  const lo = Math.floor(pos);
  const a = xs[lo] as number;
  const b = (xs[Math.ceil(pos)] as number) ?? a;
  return a + (b - a) * (pos - lo);
}

function gapStats(gaps: Float64Array): GapStats {
  if (gaps.length === 0) return { count: 0, totalUs: 0, p50Us: null, p90Us: null, maxUs: null };
  const xs = gaps.slice().sort();
  let total = 0;
  for (let i = 0; i < xs.length; i++) total += xs[i] as number;
  return {
    count: xs.length,
    totalUs: total,
    p50Us: quantileSorted(xs, 0.5),
    p90Us: quantileSorted(xs, 0.9),
    maxUs: xs[xs.length - 1] as number,
  };
}
