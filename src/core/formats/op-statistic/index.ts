import type { StreamFormatModule } from '../types.ts';
import { mapParser } from '../content.ts';
import { OpStatisticParser } from './parse.ts';
import { sniffOpStatistic } from './sniff.ts';

/** Per-op-type statistics, msprof `op_statistic_*.csv` and torch_npu `op_statistic.csv`. */
export const opStatisticFormat: StreamFormatModule<'op-statistic'> = {
  id: 'op-statistic',
  names: { en: 'op_statistic table', 'zh-CN': 'op_statistic 表', phrase: 'an op_statistic table' },
  extensions: ['.csv'],
  yields: 'profile',
  kind: 'stream',
  sniff: sniffOpStatistic,
  createParser: (ctx) =>
    mapParser(new OpStatisticParser(ctx), (profile) => ({ kind: 'profile', profile })),
};
