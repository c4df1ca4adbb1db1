// MindSpore Lite `benchmark` output: the run-time summary, and with --timeProfiling its
// per-operator tables.
import { measurementFormat } from '../../measure/as-format.ts';
import { readMindSporeLite } from '../../measure/mindspore-lite.ts';
import { sniffMindSporeLite } from '../../measure/sniff.ts';

export const mindSporeLiteFormat = measurementFormat({
  id: 'mindspore-lite-stdout',
  names: {
    en: 'MindSpore Lite benchmark log',
    'zh-CN': 'MindSpore Lite benchmark 日志',
    phrase: 'a MindSpore Lite benchmark log',
  },
  extensions: ['.log', '.txt', '.out'],
  sniff: sniffMindSporeLite,
  read: readMindSporeLite,
});
