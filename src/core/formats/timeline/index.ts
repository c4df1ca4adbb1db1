// Timelines: msprof `msprof_<ts>.json` (and older `device_N/timeline/*.json`) and torch_npu
// `trace_view.json` (Chrome trace arrays), summarised as they stream, never drawn: busy time per
// stream, step times, compute / communication / free, the gaps between kernels.
import type { StreamFormatModule } from '../types.ts';
import { mapParser } from '../content.ts';
import { createTimelineParser } from './parse.ts';
import { sniffTimeline } from './sniff.ts';

export const timelineFormat: StreamFormatModule<'timeline'> = {
  id: 'timeline',
  names: {
    en: 'profiler timeline',
    'zh-CN': 'Profiling 时间线',
    phrase: 'a profiler timeline (Chrome trace JSON)',
  },
  extensions: ['.json'],
  yields: 'profile',
  kind: 'stream',
  sniff: sniffTimeline,
  createParser: (ctx) =>
    mapParser(createTimelineParser(ctx), (timeline) => ({
      kind: 'profile',
      profile: null,
      timeline,
      breakdown: timeline.breakdown,
    })),
};

/** The reader by itself (its own result type), for the advisor, conformance and benchmarks. */
export const timelineReader = {
  id: 'timeline',
  sniff: sniffTimeline,
  createParser: createTimelineParser,
} as const;
