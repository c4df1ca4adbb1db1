// ais_bench `<timestamp>_summary.json` / `<dirname>_summary.json` (and old ais_infer
// `sumary.json`): NPU compute, H2D and D2H latency, throughput. Reader: core/measure.
import { measurementFormat } from '../../measure/as-format.ts';
import { readAisBenchSummary } from '../../measure/ais-bench-summary.ts';
import { sniffAisBenchSummary } from '../../measure/sniff.ts';

export const aisBenchSummaryFormat = measurementFormat({
  id: 'ais_bench-summary',
  names: {
    en: 'ais_bench summary',
    'zh-CN': 'ais_bench 性能汇总',
    phrase: 'an ais_bench summary.json',
  },
  extensions: ['.json'],
  sniff: sniffAisBenchSummary,
  read: readAisBenchSummary,
});
