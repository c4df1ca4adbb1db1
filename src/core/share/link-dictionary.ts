// The preset deflate dictionary of the column layout (link-layout.ts): text a link's payload is
// likely to repeat — a bundle's field names with the usual values, the default gate, and the
// operator types and dimensions of Ascend models — so that even the first occurrence of each
// costs a back-reference, not its letters. Deflate prefers near matches, so the most common text
// comes last.
//
// FROZEN: every link made with layout 1 was compressed against exactly these bytes, and a link
// decompressed against other bytes comes out as garbage. A better dictionary is a new layout
// number (link-layout.ts), with this one kept for the links already out there.
const OPERATOR_TYPES = [
  'FlashAttentionScore',
  'PromptFlashAttention',
  'IncreFlashAttention',
  'RmsNorm',
  'LayerNormV3',
  'LayerNorm',
  'GeluV2',
  'Gelu',
  'FastGelu',
  'SwiGlu',
  'Silu',
  'Sigmoid',
  'Tanh',
  'Mul',
  'RealDiv',
  'Sub',
  'Cast',
  'Transpose',
  'TransposeD',
  'StridedSliceD',
  'Slice',
  'GatherV2',
  'ConcatD',
  'SplitD',
  'ReduceSumD',
  'ReduceMeanD',
  'SoftmaxV2',
  'BatchMatMulV2',
  'BatchMatMul',
  'MaxPoolV3',
  'AvgPoolV2',
  'Pooling',
  'BNInferenceD',
  'BiasAdd',
  'Conv2DBackpropInput',
  'DepthwiseConv2D',
  'AddN',
  'Add',
  'Relu',
  'TransData',
  'MatMulV2',
  'MatMul',
  'Conv2D',
];

const PROFILE_AND_MEASURED =
  '"profiles":[{"id":"","file":"kernel_details.csv","format":"kernel-details","table":{"format":"op-summary",' +
  '"headerSet":"","rows":0,"total":0},"split":[]},{"id":"","file":"op_summary_0_1.csv","format":"op-statistic"}]' +
  '"measured":[{"id":"","file":"_summary.json","tool":"ais_bench","source":"ais_bench-summary-json","ver":null,' +
  '"bs":1,"role":"tuned","why":"tool","word":"","ev":["baseline","word",""],"lat":[1000,null,null,null,null,null,null,null],' +
  '"h2d":[],"cmp":[],"d2h":[],"tp":null,"tpu":"samples","it":[],"model":null,"device":null,"derived":[]}]' +
  '"profile":{"id":"","file":"","format":"op-summary","headerSet":"","rows":0,"total":0,"byType":[],"top":[]},' +
  '"manifest":{"host":"","cannVersion":"","soc":"Ascend910B","modelPath":"","modelSha256":"","startedAt":"2026-","finishedAt":"2026-"},' +
  '"advice":{"findings":[{"ruleId":"","severity":"warning","impact":0,"title":{"en":"","zh-CN":""},' +
  '"evidence":[{"label":{"en":"","zh-CN":""},"value":""}],"why":{"en":"","zh-CN":""},"action":{"text":{"en":"","zh-CN":""}},' +
  '"fileIds":[]}],"dismissed":[]},"samples":[]';

const SKELETON =
  '{"format":"aoe-dashboard.share","v":1,"createdAt":"2026-01-01T00:00:00.000Z","view":{"page":"compare",' +
  '"runs":[],"baseline":"","tab":"operators","diffOnly":false,"noisePct":1,"noiseUs":1,' +
  '"sort":[{"id":"deltaPct","desc":false}],"query":"","buckets":[],"mapping":[],"gate":{"version":1,' +
  '"modelImprovement":{"enabled":true,"minPct":5},"operatorRegression":{"enabled":true,"maxPct":10},' +
  '"tailLatency":{"enabled":true,"maxRegressionPct":2,"percentiles":[95,99],"minRepeats":20},' +
  '"measuredLatency":{"enabled":true,"minImprovementPct":0,"statistics":["mean","median"]},' +
  '"gpuBaseline":{"enabled":true,"maxSlowerPct":0,"statistics":["mean","median"]}}},' +
  '"runs":[{"id":"","reportId":"","taskIndex":0,"label":"aoe_result_opat_","file":"aoe_result_opat_",' +
  '"gen":"cann-6.3+","layout":"array","incomplete":false,"task":{"name":"","kind":"opat","status":"succeeded",' +
  '"statusText":"tuning successful","reportKey":null,"tuningTimeS":0,"baselineMs":0,"tunedMs":0,' +
  '"improvementPct":0,"repo":[0,0,0,0,0,0],"failed":[]}}]}';

export const DICTIONARY_V1: Uint8Array = new TextEncoder().encode(
  PROFILE_AND_MEASURED + OPERATOR_TYPES.join('') + 'FormatSchedule' + SKELETON,
);
