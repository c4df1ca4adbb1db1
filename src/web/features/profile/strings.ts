// Strings of the profile page ("where the time goes"), in both UI languages.
import { registerStrings } from '../../i18n/index.ts';

export const PROFILE_NS = 'profile';

registerStrings(PROFILE_NS, {
  en: {
    loading: 'Restoring the workspace…',
    notFound:
      'This profile is not in the workspace. It may have been removed, or the link is from another browser.',
    backToWorkspace: 'Back to workspace',
    rows: 'Rows',
    total: 'Total operator time',
    types: 'Operator types',
    byType: 'Time per operator type',
    byTypeChart: 'Share of total time, top {{count}} operator types',
    type: 'Type',
    count: 'Count',
    totalUs: 'Total (µs)',
    meanUs: 'Mean (µs)',
    share: 'Share',
    topOperators: 'Top operators',
    topOperatorsRows: 'Every kernel row of the table (one per launch)',
    metricsNote_one:
      'With the AI Core utilisation column of the file ({{names}}), shown as a percentage; hide it under Columns.',
    metricsNote_other:
      'With the AI Core cube / vector utilisation columns of the file ({{names}}), shown as percentages; hide them under Columns.',
    topOperatorsAggregated: 'Operators, aggregated by name and type',
    sharedNoRows:
      'A link carries the totals per operator, not the kernel rows: the table below sums every launch. Open the file itself for its rows.',
    name: 'Operator',
    coreType: 'Core',
    inputShapes: 'Input shapes',
    durationUs: 'Duration (µs)',
    waitUs: 'Wait (µs)',
    startUs: 'Start (µs, relative)',
    noOperators: 'This table has only per-type statistics (op_statistic).',
    noType: '(no type — Level0 profile)',
    noTypeOther: '(no type)',
    byName: 'Time per operator name',
    byNameHint:
      'Every launch of an operator summed under its name: {{names}} names from {{rows}} kernel rows.',
    maxUs: 'Max (µs)',
    kernelRows: 'Kernel rows',
    usedBy: 'Runs that use this profile',
    usedByNone:
      'No run is linked to this profile. Link it from a report’s card on the workspace page.',
  },
  'zh-CN': {
    loading: '正在恢复工作区…',
    notFound: '工作区中没有这个 Profiling 数据。它可能已被移除，或链接来自另一个浏览器。',
    backToWorkspace: '返回工作区',
    rows: '行数',
    total: '算子总耗时',
    types: '算子类型数',
    byType: '各算子类型耗时',
    byTypeChart: '耗时占比最高的 {{count}} 个算子类型',
    type: '类型',
    count: '次数',
    totalUs: '总耗时 (µs)',
    meanUs: '平均耗时 (µs)',
    share: '占比',
    topOperators: '耗时最多的算子',
    topOperatorsRows: '表中的每一行算子执行记录',
    metricsNote_one: '含文件中的 AI Core 利用率列（{{names}}），以百分比显示；可在“列”中隐藏。',
    metricsNote_other:
      '含文件中的 AI Core Cube / Vector 利用率列（{{names}}），以百分比显示；可在“列”中隐藏。',
    topOperatorsAggregated: '按名称和类型汇总的算子',
    sharedNoRows:
      '链接只携带每个算子的汇总，不含 kernel 明细行：下表为所有下发的合计。如需明细行，请打开文件本身。',
    name: '算子',
    coreType: '核类型',
    inputShapes: '输入 Shape',
    durationUs: '耗时 (µs)',
    waitUs: '等待 (µs)',
    startUs: '开始时间 (µs，相对)',
    noOperators: '该表只有按类型的统计（op_statistic）。',
    noType: '（无类型 — Level0 Profiling）',
    noTypeOther: '（无类型）',
    byName: '各算子名称耗时',
    byNameHint: '同名算子的每次执行按名称汇总：{{rows}} 行执行记录，{{names}} 个名称。',
    maxUs: '最大耗时 (µs)',
    kernelRows: '算子执行记录',
    usedBy: '使用此 Profiling 数据的调优结果',
    usedByNone: '没有调优结果关联此 Profiling 数据。可在工作区页面的报告卡片上关联。',
  },
});
