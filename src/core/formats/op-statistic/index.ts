import type { TableFormatModule } from '../types.ts';
import { OpStatisticParser } from './parse.ts';
import { sniffOpStatistic } from './sniff.ts';

/** Per-op-type statistics, msprof `op_statistic_*.csv` and torch_npu `op_statistic.csv`. */
export const opStatisticFormat: TableFormatModule = {
  id: 'op-statistic',
  kind: 'profile',
  sniff: sniffOpStatistic,
  createParser: (ctx) => new OpStatisticParser(ctx),
};
