import type { SniffInput, SniffScore } from '../types.ts';
import { sniffTable } from '../csv/sniff.ts';

/** `op_summary_<timestamp>.csv`, sliced exports `op_summary_slice_<n>_<timestamp>.csv` (B.0). */
export const OP_SUMMARY_NAME = /^op_summary(_slice_\d{1,2})?(_\d{1,14})?\.csv$/i;

export function sniffOpSummary(input: SniffInput): SniffScore {
  return sniffTable(input, 'op-summary', OP_SUMMARY_NAME);
}
