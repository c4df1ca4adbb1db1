import type { SniffInput, SniffScore } from '../types.ts';
import { sniffTable } from '../csv/sniff.ts';

/** msprof `op_statistic_<timestamp>.csv` and torch_npu `op_statistic.csv` (B.0). */
export const OP_STATISTIC_NAME = /^op_statistic(_slice_\d{1,2})?(_\d{1,14})?\.csv$/i;

export function sniffOpStatistic(input: SniffInput): SniffScore {
  return sniffTable(input, 'op-statistic', OP_STATISTIC_NAME);
}
