// The "Performance Summary" block ais_bench prints, for users who kept only the log.
import { measurementFormat } from '../../measure/as-format.ts';
import { readAisBenchStdout } from '../../measure/ais-bench-stdout.ts';
import { sniffAisBenchStdout } from '../../measure/sniff.ts';

export const aisBenchStdoutFormat = measurementFormat({
  id: 'ais_bench-stdout',
  names: {
    en: 'ais_bench log',
    'zh-CN': 'ais_bench 日志',
    phrase: 'an ais_bench log (Performance Summary)',
  },
  extensions: ['.log', '.txt', '.out'],
  sniff: sniffAisBenchStdout,
  read: readAisBenchStdout,
});
