// Texts of the file card's lines for measurements, timelines, step traces and profiler databases.
import { registerStrings } from '../../i18n/index.ts';

export const CONTENT_NS = 'content';

registerStrings(CONTENT_NS, {
  en: {
    measurements: 'Measurements',
    tool: {
      ais_bench: 'ais_bench',
      benchmark: 'benchmark',
      'mindspore-lite-benchmark': 'MindSpore Lite benchmark',
      trtexec: 'TensorRT trtexec',
    },
    batch: 'batch {{n}}',
    batchUnknown: 'batch not stated',
    mean: 'mean {{ms}} ms',
    p99: 'P99 {{ms}} ms',
    noP99: 'no P99',
    count_one: '{{n}} iteration',
    count_other: '{{n}} iterations',
    countUnknown: 'iterations not stated',
    throughput: '{{n}}/s',
    noLatency: 'no latency in this output',
    breakdown: 'Step time',
    steps_one: '{{n}} step',
    steps_other: '{{n}} steps',
    meanStep: 'mean step {{ms}} ms',
    split: 'compute {{compute}} · communication {{comm}} · free {{free}}',
    timeline:
      'Timeline of {{events}} events, {{kernels}} kernels; gaps between kernels: {{gaps}} ({{gapMs}} ms in all)',
    openIn:
      'To see the timeline itself, open it in Perfetto (ui.perfetto.dev) or MindStudio Insight.',
    db: '{{compute}} compute tasks ({{computeFrom}}) + {{comm}} communication ops ({{commFrom}})',
    typeless: 'No operator types in this export (Level0): operators are grouped by name.',
  },
  'zh-CN': {
    measurements: '实测结果',
    tool: {
      ais_bench: 'ais_bench',
      benchmark: 'benchmark',
      'mindspore-lite-benchmark': 'MindSpore Lite benchmark',
      trtexec: 'TensorRT trtexec',
    },
    batch: 'batch {{n}}',
    batchUnknown: '未注明 batch',
    mean: '平均 {{ms}} ms',
    p99: 'P99 {{ms}} ms',
    noP99: '无 P99',
    count_one: '{{n}} 次迭代',
    count_other: '{{n}} 次迭代',
    countUnknown: '未注明迭代次数',
    throughput: '{{n}}/s',
    noLatency: '该输出中没有时延数据',
    breakdown: '迭代耗时',
    steps_one: '{{n}} 个迭代',
    steps_other: '{{n}} 个迭代',
    meanStep: '平均迭代 {{ms}} ms',
    split: '计算 {{compute}} · 通信 {{comm}} · 空闲 {{free}}',
    timeline:
      '时间线：{{events}} 个事件，{{kernels}} 个 kernel；kernel 间隙 {{gaps}} 个（共 {{gapMs}} ms）',
    openIn: '如需查看时间线本身，请用 Perfetto（ui.perfetto.dev）或 MindStudio Insight 打开。',
    db: '{{compute}} 个计算任务（{{computeFrom}}）+ {{comm}} 个通信算子（{{commFrom}}）',
    typeless: '该导出中没有算子类型（Level0）：按算子名称分组。',
  },
});
