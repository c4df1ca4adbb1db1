// Detection of the measurement formats by content, the file name as a hint, on the head of the
// file (what SniffInput carries: the first bytes, BOM stripped). Each test is a cheap regex over
// content only the tool writes, so none claims another measurement format, an AOE report or a
// profiler table. Scores as the format modules': 0 no, 1 only the name, 2 content, 3 both.
import type { SniffInput, SniffScore } from '../formats/types.ts';

export type MeasureFormatId =
  | 'ais_bench-summary'
  | 'ais_bench-stdout'
  | 'benchmark-perf'
  | 'mindspore-lite-stdout'
  | 'trtexec-stdout'
  | 'trtexec-times'
  | 'trtexec-profile';

const baseName = (name: string): string =>
  name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);

function score(content: boolean, name: boolean): SniffScore {
  if (content) return name ? 3 : 2;
  return name ? 1 : 0;
}

/**
 * summary.py writes `filesinfo` first, and with a large dataset it alone can fill the head, so a
 * head that opens with `{"filesinfo": {` fits as well as one that shows NPU_compute_time.
 */
export function sniffAisBenchSummary({ fileName, head }: SniffInput): SniffScore {
  const name = /(?:_summary|^sumary)\.json$/i.test(baseName(fileName));
  const content =
    /^\s*\{/.test(head) &&
    (/"NPU_compute_time"\s*:\s*\{/.test(head) || /^\s*\{\s*"filesinfo"\s*:\s*\{/.test(head));
  return score(content, name);
}

export function sniffAisBenchStdout({ head }: SniffInput): SniffScore {
  const content =
    /-{3,}Performance Summary-{3,}/.test(head) || /\bNPU_compute_time \(ms\): min = /.test(head);
  return score(content, false);
}

export function sniffBenchmarkPerf({ fileName, head }: SniffInput): SniffScore {
  const name = /^perf_[A-Za-z0-9]+_batchsize_\d+_device_\d+\.txt$/i.test(baseName(fileName));
  const content =
    /^\s*\[e2e\] throughputRate: /m.test(head) ||
    /^\s*\[(?:infer|inference)\] throughputRate: .*Interface throughputRate: /m.test(head);
  return score(content, name);
}

export function sniffMindSporeLite({ head }: SniffInput): SniffScore {
  const content =
    /MinRunTime = [-+\d.e]+ ms, MaxRuntime = [-+\d.e]+ ms, AvgRunTime = /.test(head) ||
    (/^ModelPath = /m.test(head) && /^LoopCount = /m.test(head) && /^DeviceType = /m.test(head));
  return score(content, false);
}

export function sniffTrtexecStdout({ head }: SniffInput): SniffScore {
  const content =
    /&&&& RUNNING TensorRT\.trtexec/.test(head) || /=== Performance summary ===/.test(head);
  return score(content, false);
}

export function sniffTrtexecTimes({ head }: SniffInput): SniffScore {
  const content = /^\s*\[\s*\{\s*"(?:startEnqMs|startInMs)"\s*:/.test(head);
  return score(content, false);
}

export function sniffTrtexecProfile({ head }: SniffInput): SniffScore {
  const content = /^\s*\[\s*\{\s*"count"\s*:\s*\d+\s*\}\s*(?:,\s*\{\s*"name"\s*:|\]|$)/.test(head);
  return score(content, false);
}

export const MEASURE_SNIFFERS: Readonly<
  Record<MeasureFormatId, (input: SniffInput) => SniffScore>
> = {
  'ais_bench-summary': sniffAisBenchSummary,
  'ais_bench-stdout': sniffAisBenchStdout,
  'benchmark-perf': sniffBenchmarkPerf,
  'mindspore-lite-stdout': sniffMindSporeLite,
  'trtexec-stdout': sniffTrtexecStdout,
  'trtexec-times': sniffTrtexecTimes,
  'trtexec-profile': sniffTrtexecProfile,
};

/**
 * The measurement format with the best score, or null when none fits by content. When ais_bench
 * runs trtexec, its log holds trtexec's summary (and no NPU_compute_time): trtexec wins there
 * because ais_bench's own summary does not match.
 */
export function detectMeasureFormat(input: SniffInput): MeasureFormatId | null {
  let best: MeasureFormatId | null = null;
  let bestScore = 1;
  for (const [id, sniff] of Object.entries(MEASURE_SNIFFERS) as [
    MeasureFormatId,
    (i: SniffInput) => SniffScore,
  ][]) {
    const s = sniff(input);
    if (s > bestScore) {
      best = id;
      bestScore = s;
    }
  }
  return best;
}
