// `step_trace_time.csv` (torch_npu, with and without Device_id / Preparing) and msprof-analyze
// `cluster_step_trace_time.csv`: each step's compute / communication / free split.
import type { StreamFormatModule } from '../types.ts';
import { mapParser } from '../content.ts';
import { createStepTraceParser } from './parse.ts';
import { sniffStepTrace } from './sniff.ts';

export const stepTraceFormat: StreamFormatModule<'step-trace'> = {
  id: 'step-trace',
  names: {
    en: 'step_trace_time table',
    'zh-CN': 'step_trace_time 迭代耗时表',
    phrase: 'a step_trace_time table',
  },
  extensions: ['.csv'],
  yields: 'profile',
  kind: 'stream',
  sniff: sniffStepTrace,
  createParser: (ctx) =>
    mapParser(createStepTraceParser(ctx), (stepTrace) => ({
      kind: 'profile',
      profile: null,
      stepTrace,
      breakdown: stepTrace.summary,
    })),
};

/** The reader by itself (its own result type), for tests, conformance and benchmarks. */
export const stepTraceReader = {
  id: 'step-trace',
  sniff: sniffStepTrace,
  createParser: createStepTraceParser,
} as const;
