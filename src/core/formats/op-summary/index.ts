import type { TableFormatModule } from '../types.ts';
import { createOpSummaryParser } from './parse.ts';
import { sniffOpSummary } from './sniff.ts';

/** msprof operator details, `mindstudio_profiler_output/op_summary_*.csv`. */
export const opSummaryFormat: TableFormatModule = {
  id: 'op-summary',
  kind: 'profile',
  sniff: sniffOpSummary,
  createParser: createOpSummaryParser,
};
