// What the measurement readers produce: latency and throughput of one benchmark run, as the tool
// stated them, with the per-iteration samples when the file has them. Plain readonly data (it
// crosses the worker boundary and is stored), no classes. Every figure is in milliseconds or per
// second; a figure the file does not give is null, never a guess.
import type { ImportIssue } from '../formats/types.ts';

export type MeasureTool = 'ais_bench' | 'benchmark' | 'mindspore-lite-benchmark' | 'trtexec';

/** Which output of the tool a measurement was read from. */
export type MeasureSource =
  | 'ais_bench-summary-json' // `<timestamp>_summary.json` / `<dirname>_summary.json`
  | 'ais_infer-sumary-json' // old ais_infer `sumary.json`: no `count`, no per-iteration list
  | 'ais_bench-stdout' // the "Performance Summary" block of its log
  | 'benchmark-perf-txt' // `result/perf_vision_batchsize_<bs>_device_<id>.txt`
  | 'mindspore-lite-stdout'
  | 'trtexec-stdout' // the "=== Performance summary ===" block
  | 'trtexec-export-times'; // `--exportTimes` JSON

/** Summary statistics of one series, in ms. `count` is the number of iterations. */
export interface LatencyStats {
  readonly count: number | null;
  readonly min: number | null;
  readonly max: number | null;
  readonly mean: number | null;
  readonly median: number | null;
  readonly p90: number | null;
  readonly p95: number | null;
  readonly p99: number | null;
}

/** One row of MindSpore Lite's `--timeProfiling` tables (per operator name or per type). */
export interface OperatorTime {
  readonly name: string;
  /** Total time over the run divided by the loop count. */
  readonly avgMs: number;
  /** Share of all operator time, 0–1 (the tool prints a fraction under "percent"). */
  readonly fraction: number;
  readonly calls: number;
  readonly totalMs: number;
}

export interface Measurement {
  readonly tool: MeasureTool;
  readonly source: MeasureSource;
  /** e.g. "8.6.1" for trtexec; null when the output does not say. */
  readonly toolVersion: string | null;
  readonly batchSize: number | null;
  /**
   * The end-to-end figure of the tool: ais_bench NPU_compute_time, trtexec Latency (H2D + compute
   * + D2H), MindSpore Lite run time. All null when the tool reports no latency (legacy benchmark).
   */
  readonly latencyMs: LatencyStats;
  /** As stated (or derived, see `derived`); `throughputUnit` says per what. */
  readonly throughputPerS: number | null;
  /** ais_bench and the legacy benchmark count samples; trtexec counts queries (batches). */
  readonly throughputUnit: 'samples' | 'queries' | null;
  readonly computeMs?: LatencyStats;
  readonly h2dMs?: LatencyStats;
  readonly d2hMs?: LatencyStats;
  /** Per-iteration latency, in file order. */
  readonly iterationsMs?: Float64Array;
  readonly model: string | null;
  readonly device: string | null;
  /**
   * Fields computed by the reader rather than read, as dotted paths ("latencyMs.p90",
   * "throughputPerS", "batchSize"), so a view can say "computed from the iterations".
   */
  readonly derived: readonly string[];
  /** Tool-specific figures kept verbatim, e.g. the legacy benchmark's stage rates. */
  readonly extra?: Readonly<Record<string, number>>;
  /** MindSpore Lite `--timeProfiling`: per operator name and per operator type. */
  readonly operators?: readonly OperatorTime[];
  readonly operatorTypes?: readonly OperatorTime[];
}

/** One layer of trtexec `--exportProfile`. */
export interface LayerTime {
  readonly name: string;
  /** Total over all profiled iterations. */
  readonly timeMs: number;
  readonly averageMs: number;
  /** Written by TensorRT 8.6 and later only. */
  readonly medianMs: number | null;
  /** 0–100, as the tool writes it. */
  readonly percentage: number;
}

export interface LayerProfile {
  /** Profiled iterations (the `{"count": N}` head element). */
  readonly iterations: number;
  readonly layers: readonly LayerTime[];
}

/**
 * What every reader returns. Bad input never throws. `ok` is false when an issue has severity
 * `error`; what could be salvaged is still returned (a truncated log may hold whole summaries).
 */
export type MeasureResult =
  | {
      readonly ok: true;
      readonly measurements: readonly Measurement[];
      readonly issues: readonly ImportIssue[];
    }
  | {
      readonly ok: false;
      readonly measurements: readonly Measurement[];
      readonly issues: readonly ImportIssue[];
    };

export type LayerProfileResult =
  | { readonly ok: true; readonly profile: LayerProfile; readonly issues: readonly ImportIssue[] }
  | {
      readonly ok: false;
      readonly profile: LayerProfile | null;
      readonly issues: readonly ImportIssue[];
    };

export const NO_STATS: LatencyStats = {
  count: null,
  min: null,
  max: null,
  mean: null,
  median: null,
  p90: null,
  p95: null,
  p99: null,
};
