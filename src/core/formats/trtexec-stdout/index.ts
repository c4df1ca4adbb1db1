// TensorRT `trtexec` output: the "=== Performance summary ===" block (the GPU baseline).
import { measurementFormat } from '../../measure/as-format.ts';
import { readTrtexecStdout } from '../../measure/trtexec-stdout.ts';
import { sniffTrtexecStdout } from '../../measure/sniff.ts';

export const trtexecStdoutFormat = measurementFormat({
  id: 'trtexec-stdout',
  names: {
    en: 'trtexec log',
    'zh-CN': 'trtexec 日志',
    phrase: 'a TensorRT trtexec log',
  },
  extensions: ['.log', '.txt', '.out'],
  sniff: sniffTrtexecStdout,
  read: readTrtexecStdout,
});
