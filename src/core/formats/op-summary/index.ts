import type { StreamFormatModule } from '../types.ts';
import { profileWithPrecision } from '../content.ts';
import { createOpSummaryParser } from './parse.ts';
import { sniffOpSummary } from './sniff.ts';

/** msprof operator details, `mindstudio_profiler_output/op_summary_*.csv`. */
export const opSummaryFormat: StreamFormatModule<'op-summary'> = {
  id: 'op-summary',
  names: {
    en: 'msprof op_summary table',
    'zh-CN': 'msprof op_summary 表',
    phrase: 'an msprof op_summary table',
  },
  extensions: ['.csv'],
  yields: 'profile',
  kind: 'stream',
  sniff: sniffOpSummary,
  createParser: (ctx) => profileWithPrecision(createOpSummaryParser(ctx), ctx),
};
