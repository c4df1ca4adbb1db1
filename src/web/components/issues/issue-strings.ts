// Import issues in the user's language, built from the issue's code and fields (never from the
// parser's English sentence, which is shown beside them as the original text).
import { registerStrings } from '../../i18n/index.ts';

export const ISSUES_NS = 'issues';

registerStrings(ISSUES_NS, {
  en: {
    code: {
      UNREADABLE: 'The file could not be read.',
      EMPTY: 'The file is empty.',
      BINARY: 'The file is binary, not text.',
      NOT_UTF8: 'The file is not UTF-8 text (save it as UTF-8; GBK is not read).',
      NOT_JSON: 'The file is not valid JSON.',
      TRUNCATED:
        'The file ends early (the tool may still be writing it); everything complete before that point was kept.',
      UNKNOWN_FORMAT:
        'Not a format the dashboard reads: AOE result JSON (opat/sgat) or a profiler table (op_summary, kernel_details, op_statistic CSV).',
      WRONG_FORMAT: 'The file name suggests one format, but the content is another.',
      SCHEMA_MISMATCH: 'A value does not have the shape this format requires.',
      UNSUPPORTED_VERSION: 'This version of the format is not supported.',
      INCONSISTENT: 'Figures in the file disagree with each other.',
      UNKNOWN_FIELD: 'A field the dashboard does not know was kept as written.',
      MISSING_COLUMN: 'A column this table needs is missing.',
      BAD_ROW: 'A row could not be read.',
      NUMBER_OUT_OF_RANGE:
        'A number is too large to represent (it overflows to infinity); that value was left out and the rest of the file was read.',
      NEGATIVE_TIME:
        'A duration or latency is negative; that value was left out and the rest of the file was read.',
      TOO_LARGE:
        'The file is too large to load in a browser tab; the command line (aoe-dashboard inspect) reads it.',
    },
    severity: { error: 'Error', warning: 'Warning' },
    at: {
      path: 'at {{path}}',
      line: 'line {{line}}',
      offset: 'byte {{offset}}',
    },
    expectedFound: 'expected {{expected}}, found {{found}}',
    expected: 'expected {{expected}}',
    found: 'found {{found}}',
    // The words parsers and the schema check put in `expected` / `found`.
    value: {
      number: 'number',
      integer: 'integer',
      string: 'string',
      boolean: 'boolean',
      object: 'object',
      array: 'array',
      null: 'null',
      present: 'present',
      nothing: 'nothing',
      noSuchField: 'no such field',
      anObject: 'an object',
      anArray: 'an array of {{count}}',
      aNumber: 'a number',
    },
    hint: {
      otherFormat: 'Recognised from its content as: {{format}}.',
      traceJson: 'Open profiler timelines in Perfetto or MindStudio Insight.',
    },
    original: 'Original message',
    count_one: '{{count}} issue',
    count_other: '{{count}} issues',
  },
  'zh-CN': {
    code: {
      UNREADABLE: '无法读取该文件。',
      EMPTY: '文件为空。',
      BINARY: '这是二进制文件，不是文本文件。',
      NOT_UTF8: '文件不是 UTF-8 文本（请另存为 UTF-8；不支持 GBK）。',
      NOT_JSON: '文件不是有效的 JSON。',
      TRUNCATED: '文件提前结束（生成它的工具可能仍在写入）；结束位置之前的完整内容已保留。',
      UNKNOWN_FORMAT:
        '看板无法读取此格式：支持 AOE 结果 JSON（opat/sgat）和 Profiling 表（op_summary、kernel_details、op_statistic CSV）。',
      WRONG_FORMAT: '文件名对应一种格式，但内容是另一种格式。',
      SCHEMA_MISMATCH: '某个值不符合该格式的要求。',
      UNSUPPORTED_VERSION: '不支持该格式的此版本。',
      INCONSISTENT: '文件中的数值相互矛盾。',
      UNKNOWN_FIELD: '看板不认识的字段，已按原样保留。',
      MISSING_COLUMN: '缺少该表必需的列。',
      BAD_ROW: '有一行无法读取。',
      NUMBER_OUT_OF_RANGE: '数值过大，无法表示（溢出为无穷大）；已略去该值，文件其余部分已读取。',
      NEGATIVE_TIME: '耗时或时延为负数；已略去该值，文件其余部分已读取。',
      TOO_LARGE: '文件过大，浏览器标签页无法加载；可用命令行 aoe-dashboard inspect 读取。',
    },
    severity: { error: '错误', warning: '警告' },
    at: {
      path: '位置 {{path}}',
      line: '第 {{line}} 行',
      offset: '第 {{offset}} 字节',
    },
    expectedFound: '应为 {{expected}}，实际为 {{found}}',
    expected: '应为 {{expected}}',
    found: '实际为 {{found}}',
    value: {
      number: '数值',
      integer: '整数',
      string: '字符串',
      boolean: '布尔值',
      object: '对象',
      array: '数组',
      null: '空值 (null)',
      present: '存在该字段',
      nothing: '缺失',
      noSuchField: '不应有此字段',
      anObject: '一个对象',
      anArray: '含 {{count}} 项的数组',
      aNumber: '数值',
    },
    hint: {
      otherFormat: '按内容识别为：{{format}}。',
      traceJson: '请用 Perfetto 或 MindStudio Insight 打开 Profiling 时间线。',
    },
    original: '原始信息',
    count_one: '{{count}} 个问题',
    count_other: '{{count}} 个问题',
  },
});
