import type { SniffInput, SniffScore } from '../types.ts';
import { sniffTable } from '../csv/sniff.ts';

/** `ASCEND_PROFILER_OUTPUT/kernel_details.csv` (B.0). */
export const KERNEL_DETAILS_NAME = /^kernel_details(_\d+)?\.csv$/i;

export function sniffKernelDetails(input: SniffInput): SniffScore {
  return sniffTable(input, 'kernel-details', KERNEL_DETAILS_NAME);
}
