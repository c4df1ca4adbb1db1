// The legacy Ascend `benchmark` tool's `result/perf_vision_batchsize_<bs>_device_<id>.txt`.
import { measurementFormat } from '../../measure/as-format.ts';
import { readBenchmarkPerf } from '../../measure/benchmark-perf.ts';
import { sniffBenchmarkPerf } from '../../measure/sniff.ts';

export const benchmarkPerfFormat = measurementFormat({
  id: 'benchmark-perf',
  names: {
    en: 'benchmark perf result',
    'zh-CN': 'benchmark 性能结果',
    phrase: 'a legacy benchmark perf_*_batchsize_*.txt',
  },
  extensions: ['.txt'],
  sniff: sniffBenchmarkPerf,
  read: readBenchmarkPerf,
});
