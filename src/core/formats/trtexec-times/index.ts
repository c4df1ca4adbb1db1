// TensorRT `trtexec --exportTimes` JSON: every iteration's timings, the full distribution.
import { measurementFormat } from '../../measure/as-format.ts';
import { readTrtexecTimes } from '../../measure/trtexec-times.ts';
import { sniffTrtexecTimes } from '../../measure/sniff.ts';

export const trtexecTimesFormat = measurementFormat({
  id: 'trtexec-times',
  names: {
    en: 'trtexec --exportTimes',
    'zh-CN': 'trtexec --exportTimes 计时',
    phrase: 'a trtexec --exportTimes file',
  },
  extensions: ['.json'],
  sniff: sniffTrtexecTimes,
  read: readTrtexecTimes,
});
