// The gate's words in both report languages: verdicts, rule statuses, the phrases a change is
// worded with ("slower by 0.71 %", never "improved by -0.71 %") and each reason code's sentence.
// Pure data and a tiny interpolation, shared by the compare page (i18next namespace `compare`),
// the Markdown/HTML acceptance report and anything else that words a verdict.
import { changeFactor } from './change-words.ts';
import type { GateReason, RuleStatus, Verdict } from './gate.ts';

export type ReportLang = 'en' | 'zh-CN';

export const GATE_WORDS = {
  en: {
    verdictWord: {
      accept: 'Accept',
      reject: 'Reject',
      insufficient: 'Not enough data',
      incomparable: 'Not comparable',
    },
    statusWord: {
      pass: 'passed',
      fail: 'failed',
      insufficient: 'not enough data',
      skipped: 'not checked',
    },
    field: {
      kind: 'tuning kind',
      generation: 'AOE layout generation',
      taskName: 'model / task name',
      cannVersion: 'CANN version',
      soc: 'SoC',
      modelSha256: 'model hash',
      bankPath: 'knowledge-base path',
    },
    change: {
      faster: 'faster by {{pct}}%',
      slower: 'slower by {{pct}}%',
      fasterFactor: '{{factor}}× faster',
      slowerFactor: '{{factor}}× slower',
      same: 'unchanged',
    },
    need: {
      faster: 'at least {{pct}}% faster required',
      same: 'no slower than the baseline allowed',
      slower: 'at most {{pct}}% slower allowed',
    },
    stat: { mean: 'mean', median: 'median', p90: 'P90', p95: 'P95', p99: 'P99' },
    side: { baseline: 'the baseline', run: 'the run' },
    more: ' and {{count}} more',
    reason: {
      NO_CANDIDATES: 'Choose at least one run besides the baseline.',
      NOT_COMPARABLE:
        'Not comparable: {{fieldLabel}} differs from the baseline ({{base}} vs {{value}}). The rules below are shown but do not decide.',
      MODEL_IMPROVED: 'Model latency (AOE): {{change}} ({{need}}).',
      MODEL_NOT_IMPROVED: 'Model latency (AOE): {{change}}; {{need}}.',
      MODEL_NO_LATENCY: 'A run has no model latency: the model rule cannot be checked.',
      OPS_OK: 'No matched operator got slower by more than {{maxPct}}% ({{matched}} matched).',
      OPS_REGRESSED:
        '{{count}} operator(s) got slower by more than {{maxPct}}%: {{operators}}{{moreText}}.',
      OPS_NONE_MATCHED: 'No operators matched between the runs.',
      TAIL_OK: 'P{{p}} latency: {{change}} (at most {{maxPct}}% slower allowed).',
      TAIL_WORSE: 'P{{p}} latency: {{change}}; at most {{maxPct}}% slower allowed.',
      TAIL_TOO_FEW: 'Too few iterations for P{{p}}: {{n}} measured, at least {{min}} needed.',
      TAIL_COUNT_UNKNOWN:
        'P{{p}}: a measurement does not say how many iterations it ran, so its tail cannot be judged.',
      TAIL_NOT_STATED:
        'P{{p}} is not in the measurement files and they have no per-iteration times: not checked.',
      TAIL_NO_SAMPLES: 'No repeated latency measurements: P95/P99 not checked.',
      MEASURED_OK:
        'Measured {{statLabel}} latency: {{change}} ({{baseMs}} → {{candMs}} ms), {{need}}.',
      MEASURED_WORSE:
        'Measured {{statLabel}} latency: {{change}} ({{baseMs}} → {{candMs}} ms); {{need}}.',
      MEASURED_NONE: 'No measured latency for these runs: only AOE’s own figures are judged.',
      MEASURED_MISSING: 'Only one side was measured (no measurement of {{sideLabel}}).',
      MEASURED_NOT_STATED: 'Measured {{statLabel}} latency is missing from a measurement.',
      GPU_OK:
        'Ascend {{statLabel}} latency against the GPU baseline: {{change}} ({{gpuMs}} → {{candMs}} ms), at most {{maxPct}}% slower allowed.',
      GPU_SLOWER:
        'Ascend {{statLabel}} latency against the GPU baseline: {{change}} ({{gpuMs}} → {{candMs}} ms); at most {{maxPct}}% slower allowed.',
      GPU_NONE: 'No GPU baseline measurement: not compared with the GPU.',
      GPU_RUN_UNMEASURED: 'The run has no measured latency to compare with the GPU baseline.',
      GPU_BATCH_MISMATCH:
        'The GPU baseline ran batch size {{gpuBatch}}, the run {{runBatch}}: latencies not compared.',
      GPU_NOT_STATED: '{{statLabel}} latency is missing from the GPU or the Ascend measurement.',
      GPU_TOO_FEW: 'Too few iterations for P{{p}}: {{n}} measured, at least {{min}} needed.',
      RULE_DISABLED: 'Rule turned off.',
    },
  },
  'zh-CN': {
    verdictWord: {
      accept: '接受',
      reject: '拒绝',
      insufficient: '数据不足',
      incomparable: '不可比',
    },
    statusWord: { pass: '通过', fail: '未通过', insufficient: '数据不足', skipped: '未检查' },
    field: {
      kind: '调优类型',
      generation: 'AOE 格式版本',
      taskName: '模型/任务名称',
      cannVersion: 'CANN 版本',
      soc: 'SoC',
      modelSha256: '模型哈希',
      bankPath: '知识库路径',
    },
    change: {
      faster: '提速 {{pct}}%',
      slower: '变慢 {{pct}}%',
      fasterFactor: '提速 {{factor}}×',
      slowerFactor: '变慢 {{factor}}×',
      same: '持平',
    },
    need: {
      faster: '要求至少提速 {{pct}}%',
      same: '要求不慢于基线',
      slower: '最多允许变慢 {{pct}}%',
    },
    stat: { mean: '平均值', median: '中位数', p90: 'P90', p95: 'P95', p99: 'P99' },
    side: { baseline: '基线', run: '该运行' },
    more: '，另有 {{count}} 个',
    reason: {
      NO_CANDIDATES: '请在基线之外至少再选择一个运行。',
      NOT_COMPARABLE:
        '不可比：{{fieldLabel}}与基线不同（{{base}} 对 {{value}}）。下列规则结果仅供参考，不作为结论依据。',
      MODEL_IMPROVED: '模型时延（AOE）：{{change}}（{{need}}）。',
      MODEL_NOT_IMPROVED: '模型时延（AOE）：{{change}}；{{need}}。',
      MODEL_NO_LATENCY: '有运行缺少模型时延，无法检查模型规则。',
      OPS_OK: '没有匹配的算子变慢超过 {{maxPct}}%（已匹配 {{matched}} 个）。',
      OPS_REGRESSED: '{{count}} 个算子变慢超过 {{maxPct}}%：{{operators}}{{moreText}}。',
      OPS_NONE_MATCHED: '运行之间没有匹配的算子。',
      TAIL_OK: 'P{{p}} 时延：{{change}}（最多允许变慢 {{maxPct}}%）。',
      TAIL_WORSE: 'P{{p}} 时延：{{change}}；最多允许变慢 {{maxPct}}%。',
      TAIL_TOO_FEW: '迭代次数不足以计算 P{{p}}：实测 {{n}} 次，至少需要 {{min}} 次。',
      TAIL_COUNT_UNKNOWN: 'P{{p}}：测量结果未给出迭代次数，无法判断尾时延。',
      TAIL_NOT_STATED: '测量文件中没有 P{{p}}，也没有逐次迭代时间：未检查。',
      TAIL_NO_SAMPLES: '没有重复的时延测量，未检查 P95/P99。',
      MEASURED_OK: '实测{{statLabel}}时延：{{change}}（{{baseMs}} → {{candMs}} ms），{{need}}。',
      MEASURED_WORSE: '实测{{statLabel}}时延：{{change}}（{{baseMs}} → {{candMs}} ms）；{{need}}。',
      MEASURED_NONE: '这些运行没有实测时延：只判断 AOE 自身的数据。',
      MEASURED_MISSING: '只有一侧有实测数据（{{sideLabel}}没有测量结果）。',
      MEASURED_NOT_STATED: '某个测量结果缺少实测{{statLabel}}时延。',
      GPU_OK:
        '昇腾{{statLabel}}时延相对 GPU 基线：{{change}}（{{gpuMs}} → {{candMs}} ms），最多允许变慢 {{maxPct}}%。',
      GPU_SLOWER:
        '昇腾{{statLabel}}时延相对 GPU 基线：{{change}}（{{gpuMs}} → {{candMs}} ms）；最多允许变慢 {{maxPct}}%。',
      GPU_NONE: '没有 GPU 基线测量：未与 GPU 对比。',
      GPU_RUN_UNMEASURED: '该运行没有实测时延，无法与 GPU 基线对比。',
      GPU_BATCH_MISMATCH:
        'GPU 基线的 batch size 为 {{gpuBatch}}，该运行为 {{runBatch}}：时延不作对比。',
      GPU_NOT_STATED: 'GPU 或昇腾测量结果缺少{{statLabel}}时延。',
      GPU_TOO_FEW: '迭代次数不足以计算 P{{p}}：实测 {{n}} 次，至少需要 {{min}} 次。',
      RULE_DISABLED: '规则已关闭。',
    },
  },
} as const;

type Words = (typeof GATE_WORDS)[ReportLang];

const fill = (text: string, params: Readonly<Record<string, string | number>>): string =>
  text.replace(/\{\{(\w+)\}\}/g, (_m, key: string) =>
    Object.hasOwn(params, key) ? String(params[key]) : '',
  );

const ms = (v: unknown): string | undefined =>
  typeof v === 'number' && Number.isFinite(v) ? v.toFixed(3) : undefined;

/**
 * A change of time worded by direction and size: "slower by 12.34%" while the longer time is less
 * than twice the shorter, past that a factor ("8.40× slower"), as the operator tables say it
 * (change-words.ts, FACTOR_FROM). `pct` is |cand − base| ÷ base × 100.
 */
export function changeWord(
  word: (key: string, params?: Record<string, string | number>) => string,
  direction: string,
  pct: number,
  pctText: string = pct.toFixed(2),
): string {
  const factor = changeFactor(direction, pct);
  if (factor !== null) return word(`change.${direction}Factor`, { factor: factor.toFixed(2) });
  return word(`change.${direction}`, { pct: pctText });
}

/**
 * A reason's figures plus the phrases its sentence is built from (`change`, `need`, `statLabel`,
 * `sideLabel`, `fieldLabel`, `moreText`), times in ms to 3 decimals. `word(key, params)` looks a
 * phrase up: the page passes i18next's `t`, the report `gateWord`.
 */
export function reasonParams(
  word: (key: string, params?: Record<string, string | number>) => string,
  reason: GateReason,
): Record<string, string | number> {
  const p = reason.params;
  const out: Record<string, string | number> = { ...p };
  if (typeof p['direction'] === 'string') {
    const pct = p['changePct'];
    // The gate's figures are rounded to 2 decimals already and read as they are ("6%").
    const size = typeof pct === 'number' ? pct : 0;
    out['change'] = changeWord(word, p['direction'], size, String(size));
  }
  const minPct = p['minPct'];
  if (typeof minPct === 'number') {
    out['need'] =
      minPct > 0
        ? word('need.faster', { pct: minPct })
        : minPct === 0
          ? word('need.same')
          : word('need.slower', { pct: -minPct });
  }
  if (typeof p['stat'] === 'string') out['statLabel'] = word(`stat.${p['stat']}`);
  if (typeof p['side'] === 'string') out['sideLabel'] = word(`side.${p['side']}`);
  if (typeof p['field'] === 'string') out['fieldLabel'] = word(`field.${p['field']}`);
  if (typeof p['more'] === 'number')
    out['moreText'] = p['more'] > 0 ? word('more', { count: p['more'] }) : '';
  for (const key of ['baseMs', 'candMs', 'gpuMs']) {
    const v = ms(p[key]);
    if (v !== undefined) out[key] = v;
  }
  return out;
}

/** A phrase of GATE_WORDS by dotted key, filled; the key itself when there is none. */
export function gateWord(
  lang: ReportLang,
  key: string,
  params: Readonly<Record<string, string | number>> = {},
): string {
  let node: unknown = GATE_WORDS[lang];
  for (const part of key.split('.')) {
    node =
      typeof node === 'object' && node !== null && Object.hasOwn(node, part)
        ? (node as Record<string, unknown>)[part]
        : undefined;
  }
  return typeof node === 'string' ? fill(node, params) : key;
}

export function reasonText(lang: ReportLang, reason: GateReason): string {
  const template = (GATE_WORDS[lang].reason as Record<string, string>)[reason.code];
  if (template === undefined) return reason.message;
  return fill(
    template,
    reasonParams((k, p) => gateWord(lang, k, p), reason),
  );
}

export const verdictText = (lang: ReportLang, v: Verdict): string =>
  (GATE_WORDS[lang] as Words).verdictWord[v];
export const statusText = (lang: ReportLang, s: RuleStatus): string =>
  (GATE_WORDS[lang] as Words).statusWord[s];
