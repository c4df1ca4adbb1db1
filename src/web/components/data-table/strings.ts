// Strings of the shared data table (toolbar, filters, status line), in both UI languages.
import { registerStrings } from '../../i18n/index.ts';

export const DATA_TABLE_NS = 'dataTable';

registerStrings(DATA_TABLE_NS, {
  en: {
    search: 'Search',
    searchPlaceholder: 'Search names and types…',
    groupBy: 'Group by',
    noGrouping: 'No grouping',
    columns: 'Columns',
    rowsShown: '{{shown}} of {{total}} rows',
    filterText: 'Filter {{column}}',
    min: 'min',
    max: 'max',
    minOf: 'Minimum {{column}}',
    maxOf: 'Maximum {{column}}',
    noRows: 'No rows match the filters.',
    groupRows: '{{count}} rows',
    expandGroup: 'Expand {{group}}',
    collapseGroup: 'Collapse {{group}}',
    sortHint: 'Click a column to sort; Shift+click to add it to the sort.',
    clear: 'Clear filters',
    sortedAsc: 'sorted ascending',
    sortedDesc: 'sorted descending',
  },
  'zh-CN': {
    search: '搜索',
    searchPlaceholder: '搜索名称和类型…',
    groupBy: '分组依据',
    noGrouping: '不分组',
    columns: '列',
    rowsShown: '显示 {{shown}} / {{total}} 行',
    filterText: '筛选{{column}}',
    min: '最小',
    max: '最大',
    minOf: '{{column}}最小值',
    maxOf: '{{column}}最大值',
    noRows: '没有符合筛选条件的行。',
    groupRows: '{{count}} 行',
    expandGroup: '展开 {{group}}',
    collapseGroup: '折叠 {{group}}',
    sortHint: '点击列标题排序；按住 Shift 点击可按多列排序。',
    clear: '清除筛选',
    sortedAsc: '升序',
    sortedDesc: '降序',
  },
});
