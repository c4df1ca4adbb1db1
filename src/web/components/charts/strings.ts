// Strings of the chart kit and the diff badge, in both UI languages.
import { registerStrings } from '../../i18n/index.ts';

export const CHARTS_NS = 'charts';

registerStrings(CHARTS_NS, {
  en: {
    diff: {
      faster: 'faster',
      slower: 'slower',
      unchanged: 'unchanged',
      better: 'better',
      worse: 'worse',
      same: 'no change',
    },
    legend: {
      better: '▼ faster (time saved)',
      worse: '▲ slower (time lost)',
    },
    table: 'Table',
    chart: 'Chart',
    exportSvg: 'SVG',
    exportPng: 'PNG',
    exportHint: 'Download the chart with its title, legend and run names',
    runs: 'Run: {{names}}',
    topN: 'Show the largest',
    topNOption: '{{count}} each',
    shown:
      'Showing {{faster}} of {{fasterTotal}} faster and {{slower}} of {{slowerTotal}} slower; {{hidden}} hidden, {{unchanged}} unchanged.',
    focused: 'Selected: {{name}} — {{value}}',
    hoverHint: 'Point at or focus a bar for its full name.',
    others_one: '{{count}} other',
    others_other: '{{count}} others',
    cumulative: 'Cumulative share',
  },
  'zh-CN': {
    diff: {
      faster: '变快',
      slower: '变慢',
      unchanged: '不变',
      better: '改善',
      worse: '劣化',
      same: '无变化',
    },
    legend: {
      better: '▼ 变快（节省时间）',
      worse: '▲ 变慢（增加时间）',
    },
    table: '表格',
    chart: '图表',
    exportSvg: 'SVG',
    exportPng: 'PNG',
    exportHint: '下载图表（含标题、图例和运行名称）',
    runs: '运行：{{names}}',
    topN: '显示最大的',
    topNOption: '各 {{count}} 个',
    shown:
      '显示 {{fasterTotal}} 个变快中的 {{faster}} 个、{{slowerTotal}} 个变慢中的 {{slower}} 个；隐藏 {{hidden}} 个，{{unchanged}} 个不变。',
    focused: '已选：{{name}} — {{value}}',
    hoverHint: '指向或聚焦条形可查看完整名称。',
    others_one: '其他 {{count}} 个',
    others_other: '其他 {{count}} 个',
    cumulative: '累计占比',
  },
});
