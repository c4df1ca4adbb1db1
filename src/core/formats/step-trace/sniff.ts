import type { SniffInput, SniffScore } from '../types.ts';
import { headerOfHead, nameMatches } from '../csv/header.ts';
import { REQUIRED_STEP_COLUMNS } from './parse.ts';

/** `step_trace_time.csv` (torch_npu) and `cluster_step_trace_time.csv` (msprof-analyze). */
export const STEP_TRACE_NAME = /^(cluster_)?step_trace_time(_\d+)?\.csv$/i;

/** By content: the header has Step and the overlap-analysis columns. Cheap, never throws. */
export function sniffStepTrace(input: SniffInput): SniffScore {
  const header = headerOfHead(input.head);
  const content = REQUIRED_STEP_COLUMNS.every((c) => header.includes(c));
  const name = nameMatches(input.fileName, STEP_TRACE_NAME);
  return content ? (name ? 3 : 2) : name ? 1 : 0;
}
