// The measurement readers by format id, for hosts and tests that have a text and a detected id.
// Not the format registry: measurements are wired into it separately.
import type { LayerProfileResult, MeasureResult } from './model.ts';
import type { MeasureFormatId } from './sniff.ts';
import { readAisBenchStdout } from './ais-bench-stdout.ts';
import { readAisBenchSummary } from './ais-bench-summary.ts';
import { readBenchmarkPerf } from './benchmark-perf.ts';
import { readMindSporeLite } from './mindspore-lite.ts';
import { readTrtexecProfile } from './trtexec-profile.ts';
import { readTrtexecStdout } from './trtexec-stdout.ts';
import { readTrtexecTimes } from './trtexec-times.ts';

export type MeasurementReader = (text: string, fileName: string) => MeasureResult;

export const MEASUREMENT_READERS: Readonly<
  Record<Exclude<MeasureFormatId, 'trtexec-profile'>, MeasurementReader>
> = {
  'ais_bench-summary': readAisBenchSummary,
  'ais_bench-stdout': readAisBenchStdout,
  'benchmark-perf': readBenchmarkPerf,
  'mindspore-lite-stdout': readMindSporeLite,
  'trtexec-stdout': readTrtexecStdout,
  'trtexec-times': readTrtexecTimes,
};

/** The per-layer profile is not a measurement of latency; it has a reader of its own. */
export const readLayerProfile: (text: string, fileName: string) => LayerProfileResult =
  readTrtexecProfile;
