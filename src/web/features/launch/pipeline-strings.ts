// The Launch page's strings for pipelines (presets, their fields, the steps list, the models
// picker, why Start is unavailable), in both languages. Huawei's terms: 模型转换 (model
// conversion), 性能测试 (performance measurement), 性能分析/性能采集 (profiling), 知识库 (knowledge base).
import { registerStrings } from '../../i18n/index.ts';
import { LAUNCH_NS } from './strings.ts';

registerStrings(LAUNCH_NS, {
  en: {
    preset: {
      legend: 'What to run',
      aoe: {
        name: 'AOE tuning',
        line: 'aoe on a framework model: subgraph tuning, then operator tuning.',
      },
      full: {
        name: 'Full loop',
        line: 'atc → ais_bench → AOE subgraph → AOE operator → atc with the knowledge base → ais_bench → msprof.',
      },
      'convert-measure': {
        name: 'Convert and measure',
        line: 'atc builds the baseline .om, ais_bench measures it.',
      },
      measure: {
        name: 'Measure only',
        line: 'ais_bench measures an .om you already have.',
      },
      mslite: {
        name: 'MindSpore Lite with AOE',
        line: 'converter_lite converts to .mindir for Ascend and tunes it with AOE, then benchmark measures the .mindir.',
      },
    },
    pform: {
      modelsRoot: 'Models root: {{root}}',
      modelsRootUnknown: 'Models root: not known (the list of models could not be read).',
      pick: 'Models found there',
      pickNone: 'Choose a model…',
      pickEmpty: 'No {{kind}} model found under the models root.',
      pickTruncated: 'Only the first {{count}} models are listed.',
      kindOm: '.om',
      kindFramework: 'framework',
      dynamicBatchSize: 'Dynamic batch sizes (e.g. 1,4,8,16)',
      soc: 'SoC version (empty: from npu-smi)',
      outputType: 'Output type',
      loop: 'Loops (ais_bench --loop)',
      loopBenchmark: 'Loops (benchmark --loopCount)',
      warmup: 'Warm-up runs',
      batchSize: 'Batch size',
      aoeMode: 'AOE tuning in the converter (aoe_mode)',
      aoeModeBoth: 'Subgraph tuning, then operator tuning',
      aoeModeSubgraph: 'Subgraph tuning only',
      aoeModeOperator: 'Operator tuning only',
      aoeModeNone: 'No tuning (convert only)',
      akg: 'AKG graph-kernel fusion (opt_level=2)',
      measureNeedsOm:
        'Measure only needs an .om model; pick another preset to convert a framework model first.',
      convertNeedsFramework:
        'This preset converts a framework model (.onnx, .pb, .prototxt, .mindir, .air), not an .om.',
      noJobType: 'Choose subgraph tuning, operator tuning or both.',
      blocked: 'Start is unavailable: {{reasons}}',
      blockedChecking: 'Start is unavailable until the host check has answered.',
      checkFailed:
        'The host check could not be read; the launcher still checks each job when it is started.',
    },
    hint: {
      model: 'A path under the models root, at most 1024 characters.',
      device: 'A device number from 0 to 63.',
      inputShape:
        'Names and sizes like input:1,3,224,224 (letters, digits and _ . / : ; , - only).',
      dynamicBatchSize: 'Batch sizes separated by commas, e.g. 1,4,8,16.',
      soc: 'Ascend followed by the chip name, e.g. Ascend310P3.',
      loop: 'A whole number from 1 to 100000.',
      warmup: 'A whole number from 0 to 10000.',
      batchSize: 'A whole number from 1 to 65536.',
      timeout: 'A whole number of seconds from 1 to 604800.',
      bank: 'An absolute path to a directory under the models root.',
    },
    steps: {
      title: 'Steps',
      step: 'Step {{n}}',
      aoe1: 'AOE subgraph tuning',
      aoe2: 'AOE operator tuning',
      atc: 'atc conversion',
      atcBank: 'atc with the knowledge base',
      ais_bench: 'ais_bench measurement',
      msprof: 'msprof profiling',
      converter_lite: 'converter_lite conversion with AOE',
      mslite_benchmark: 'benchmark measurement',
      state: {
        queued: 'waiting',
        running: 'running',
        succeeded: 'done',
        failed: 'failed',
        canceled: 'canceled',
        interrupted: 'interrupted',
        skipped: 'skipped',
      },
      took: 'took {{time}}',
      since: 'running for {{time}}',
      reused: 'reused from job {{id}}',
      model: 'Built {{name}}',
      figures: 'Mean {{mean}} ms · P99 {{p99}} ms · {{throughput}} /s',
      files: 'Files: {{names}}',
      showLog: 'Log of this step',
      allLogs: 'Whole log',
      logOf: 'Log of step {{n}}',
      resume: 'Resume from step {{n}}',
      resuming: 'Starting…',
      resumed: 'Job {{id}} continues from step {{n}}.',
      resumeFailed: 'Could not resume: {{message}}',
      resumedFrom: 'Continues job {{id}} from step {{n}}; the steps before it were reused.',
      failedAt: 'Failed at step {{n}} ({{tool}}): {{reason}}',
    },
    errorCodeTool: {
      TOOL_FAILED: 'the tool failed',
      BAD_SHAPE: 'the converter refused the input shape',
      DEVICE_BUSY: 'another process holds the device',
      UNSUPPORTED_OP: 'the converter does not support an operator of the model',
    },
    preflightTool: {
      atc: {
        ok: 'atc found: {{bin}}',
        warning:
          'atc was not found: the conversion presets cannot run. Source CANN’s set_env.sh (--set-env).',
      },
      msprof: {
        ok: 'msprof found: {{bin}}',
        warning:
          'msprof was not found: the full loop cannot profile. Source CANN’s set_env.sh (--set-env).',
      },
      python3: {
        ok: 'python3 found: {{bin}}',
        warning: 'python3 was not found: ais_bench cannot measure.',
      },
      aisBench: {
        ok: 'python3 -m ais_bench runs.',
        warning:
          'ais_bench is not installed for {{bin}}: install the ais_bench and aclruntime wheels.',
      },
      converterLite: {
        ok: 'converter_lite found: {{bin}}',
        warning:
          'converter_lite was not found: the MindSpore Lite preset cannot convert. Install the MindSpore Lite cloud-inference package and put its converter on the PATH.',
      },
      msliteBenchmark: {
        ok: 'MindSpore Lite benchmark found: {{bin}}',
        warning:
          'MindSpore Lite benchmark was not found: the MindSpore Lite preset cannot measure. Put the package’s tools/benchmark on the PATH.',
      },
    },
    open: {
      run: 'Open {{name}}',
    },
  },
  'zh-CN': {
    preset: {
      legend: '运行内容',
      aoe: { name: 'AOE 调优', line: '对框架模型运行 aoe：先子图调优，再算子调优。' },
      full: {
        name: '完整流程',
        line: 'atc → ais_bench → AOE 子图调优 → AOE 算子调优 → 使用知识库的 atc → ais_bench → msprof。',
      },
      'convert-measure': {
        name: '转换并测试',
        line: 'atc 生成基线 .om，ais_bench 测试其性能。',
      },
      measure: { name: '仅性能测试', line: 'ais_bench 测试已有的 .om 模型。' },
      mslite: {
        name: 'MindSpore Lite + AOE',
        line: 'converter_lite 将模型转换为面向昇腾的 .mindir 并用 AOE 调优，再由 benchmark 测试 .mindir 的性能。',
      },
    },
    pform: {
      modelsRoot: '模型根目录：{{root}}',
      modelsRootUnknown: '模型根目录：未知（无法读取模型列表）。',
      pick: '该目录中的模型',
      pickNone: '选择模型…',
      pickEmpty: '模型根目录下没有{{kind}}模型。',
      pickTruncated: '只列出了前 {{count}} 个模型。',
      kindOm: ' .om ',
      kindFramework: '框架',
      dynamicBatchSize: '动态 Batch 档位（例如 1,4,8,16）',
      soc: '芯片版本（留空：由 npu-smi 获取）',
      outputType: '输出类型',
      loop: '循环次数（ais_bench --loop）',
      loopBenchmark: '循环次数（benchmark --loopCount）',
      warmup: '预热次数',
      batchSize: 'Batch 大小',
      aoeMode: '转换工具中的 AOE 调优（aoe_mode）',
      aoeModeBoth: '先子图调优，再算子调优',
      aoeModeSubgraph: '仅子图调优',
      aoeModeOperator: '仅算子调优',
      aoeModeNone: '不调优（仅转换）',
      akg: 'AKG 图算融合（opt_level=2）',
      measureNeedsOm: '仅性能测试需要 .om 模型；如需先转换框架模型，请选择其他预设。',
      convertNeedsFramework:
        '此预设转换的是框架模型（.onnx、.pb、.prototxt、.mindir、.air），不是 .om。',
      noJobType: '请选择子图调优、算子调优或两者。',
      blocked: '无法启动：{{reasons}}',
      blockedChecking: '主机检查完成前无法启动。',
      checkFailed: '无法读取主机检查结果；启动任务时启动器仍会逐项检查。',
    },
    hint: {
      model: '模型根目录下的路径，最多 1024 个字符。',
      device: '设备编号，0 到 63。',
      inputShape: '名称和尺寸，如 input:1,3,224,224（只能包含字母、数字及 _ . / : ; , -）。',
      dynamicBatchSize: '用逗号分隔的 Batch 档位，例如 1,4,8,16。',
      soc: 'Ascend 加芯片名称，例如 Ascend310P3。',
      loop: '1 到 100000 的整数。',
      warmup: '0 到 10000 的整数。',
      batchSize: '1 到 65536 的整数。',
      timeout: '1 到 604800 之间的整数秒数。',
      bank: '模型根目录下某个目录的绝对路径。',
    },
    steps: {
      title: '步骤',
      step: '步骤 {{n}}',
      aoe1: 'AOE 子图调优',
      aoe2: 'AOE 算子调优',
      atc: 'atc 模型转换',
      atcBank: '使用知识库的 atc 模型转换',
      ais_bench: 'ais_bench 性能测试',
      msprof: 'msprof 性能采集',
      converter_lite: 'converter_lite 模型转换（AOE 调优）',
      mslite_benchmark: 'benchmark 性能测试',
      state: {
        queued: '等待中',
        running: '运行中',
        succeeded: '完成',
        failed: '失败',
        canceled: '已取消',
        interrupted: '已中断',
        skipped: '已跳过',
      },
      took: '耗时 {{time}}',
      since: '已运行 {{time}}',
      reused: '复用任务 {{id}} 的结果',
      model: '生成了 {{name}}',
      figures: '平均 {{mean}} ms · P99 {{p99}} ms · {{throughput}} /s',
      files: '文件：{{names}}',
      showLog: '此步骤的日志',
      allLogs: '完整日志',
      logOf: '步骤 {{n}} 的日志',
      resume: '从步骤 {{n}} 继续',
      resuming: '正在启动…',
      resumed: '任务 {{id}} 从步骤 {{n}} 继续。',
      resumeFailed: '无法继续：{{message}}',
      resumedFrom: '从步骤 {{n}} 继续任务 {{id}}；之前的步骤复用了原结果。',
      failedAt: '在步骤 {{n}}（{{tool}}）失败：{{reason}}',
    },
    errorCodeTool: {
      TOOL_FAILED: '工具运行失败',
      BAD_SHAPE: '转换工具拒绝了输入形状',
      DEVICE_BUSY: '设备被其他进程占用',
      UNSUPPORTED_OP: '转换工具不支持模型中的算子',
    },
    preflightTool: {
      atc: {
        ok: '找到 atc：{{bin}}',
        warning: '未找到 atc：无法运行包含模型转换的预设。请加载 CANN 的 set_env.sh（--set-env）。',
      },
      msprof: {
        ok: '找到 msprof：{{bin}}',
        warning:
          '未找到 msprof：完整流程无法进行性能采集。请加载 CANN 的 set_env.sh（--set-env）。',
      },
      python3: {
        ok: '找到 python3：{{bin}}',
        warning: '未找到 python3：ais_bench 无法测试性能。',
      },
      aisBench: {
        ok: 'python3 -m ais_bench 可以运行。',
        warning: '{{bin}} 未安装 ais_bench：请安装 ais_bench 和 aclruntime 的 wheel 包。',
      },
      converterLite: {
        ok: '找到 converter_lite：{{bin}}',
        warning:
          '未找到 converter_lite：MindSpore Lite 预设无法转换模型。请安装 MindSpore Lite 云侧推理包并将其转换工具加入 PATH。',
      },
      msliteBenchmark: {
        ok: '找到 MindSpore Lite benchmark：{{bin}}',
        warning:
          '未找到 MindSpore Lite benchmark：MindSpore Lite 预设无法测试性能。请将该包的 tools/benchmark 加入 PATH。',
      },
    },
    open: {
      run: '打开 {{name}}',
    },
  },
});
