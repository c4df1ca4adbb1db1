// Strings of the run page's "AOE against the profiles" panel, in both UI languages.
import { registerStrings } from '../../i18n/index.ts';

export const CLAIMS_NS = 'run-claims';

registerStrings(CLAIMS_NS, {
  en: {
    title: 'AOE against the profiles',
    intro:
      'AOE’s figures set against two profiles of the model, one before tuning and one after: operator times per call, the model as the total operator time.',
    before: 'Profile before tuning',
    after: 'Profile after tuning',
    swap: 'Swap',
    choose: 'Choose a profile…',
    why: {
      word: 'its path says “{{word}}”',
      times:
        'its times are nearer AOE’s times before tuning ({{before}} of {{all}} tuned operators)',
      timesAfter:
        'its times are nearer AOE’s times after tuning ({{after}} of {{all}} tuned operators)',
      other: 'the other profile',
      hand: 'chosen by hand',
      none: '',
    },
    fewer:
      'Link two profiles of this model — one before tuning, one after — on the Profile join tab (or add profiles whose operators match this run’s) to see what the profiles say about AOE’s figures.',
    unclear:
      'Which profile is before tuning and which after is not clear from their paths or times: choose them.',
    same: 'Both sides are the same profile: choose another.',
    model:
      'AOE said the model got {{aoe}}; the profiles show {{profiles}} (operator time {{before}} → {{after}}).',
    modelNoAoe:
      'AOE states no model times; the profiles show {{profiles}} (operator time {{before}} → {{after}}).',
    implied: 'At AOE’s operator gains, the tuned operators alone would make it {{implied}}.',
    faster: '{{pct}} faster',
    slower: '{{pct}} slower',
    unchanged: 'unchanged',
    operators: 'Tuned operators',
    operator: 'Operator',
    type: 'Type',
    aoeSaid: 'AOE said',
    profilesShow: 'The profiles show',
    perCall: 'per call',
    notFound: 'not in both profiles',
    sentence: 'AOE said this operator got {{aoe}}; the profiles show {{profiles}}.',
    explain: 'What explains the difference',
    explainIntro:
      'Operators whose time changed differently from what AOE’s operator gains imply, largest difference first.',
    tuned: 'tuned',
    notTuned: 'not tuned',
    explainLine:
      'AOE’s gains imply {{expected}}, the profiles show {{actual}}: {{residual}} ({{pp}} percentage points of the time before).',
    change: {
      saved: '{{us}} µs saved',
      added: '{{us}} µs added',
      none: 'no change',
    },
    residual: {
      faster: '{{us}} µs faster than implied',
      slower: '{{us}} µs slower than implied',
      none: 'as implied',
    },
    nothingToExplain: 'Every operator changed as AOE’s gains imply.',
  },
  'zh-CN': {
    title: 'AOE 结论与 Profiling 数据对比',
    intro:
      '将 AOE 的结论与该模型调优前、调优后的两份 Profiling 数据对比：算子按单次调用耗时，模型按算子总耗时。',
    before: '调优前的 Profiling 数据',
    after: '调优后的 Profiling 数据',
    swap: '交换',
    choose: '选择 Profiling 数据…',
    why: {
      word: '路径中含“{{word}}”',
      times: '其耗时更接近 AOE 调优前的耗时（{{all}} 个调优算子中的 {{before}} 个）',
      timesAfter: '其耗时更接近 AOE 调优后的耗时（{{all}} 个调优算子中的 {{after}} 个）',
      other: '另一份 Profiling 数据',
      hand: '手动选择',
      none: '',
    },
    fewer:
      '请在“Profiling 关联”页签关联该模型的两份 Profiling 数据（调优前与调优后各一份），或添加算子与本次运行相符的 Profiling 数据，即可查看 Profiling 数据对 AOE 结论的印证。',
    unclear: '无法从路径或耗时判断哪份是调优前、哪份是调优后的 Profiling 数据：请手动选择。',
    same: '两侧是同一份 Profiling 数据：请选择另一份。',
    model: 'AOE 称模型{{aoe}}；Profiling 数据显示{{profiles}}（算子耗时 {{before}} → {{after}}）。',
    modelNoAoe:
      'AOE 未给出模型耗时；Profiling 数据显示{{profiles}}（算子耗时 {{before}} → {{after}}）。',
    implied: '按 AOE 的算子收益，仅调优算子即可使模型{{implied}}。',
    faster: '提速 {{pct}}',
    slower: '变慢 {{pct}}',
    unchanged: '无变化',
    operators: '调优算子',
    operator: '算子',
    type: '类型',
    aoeSaid: 'AOE 结论',
    profilesShow: 'Profiling 数据显示',
    perCall: '单次调用',
    notFound: '未同时出现在两份 Profiling 数据中',
    sentence: 'AOE 称该算子{{aoe}}；Profiling 数据显示{{profiles}}。',
    explain: '差异来源',
    explainIntro: '耗时变化与 AOE 算子收益所推算结果不一致的算子，按差异从大到小排列。',
    tuned: '已调优',
    notTuned: '未调优',
    explainLine:
      '按 AOE 收益应为{{expected}}，Profiling 数据显示{{actual}}：{{residual}}（占调优前耗时的 {{pp}} 个百分点）。',
    change: {
      saved: '节省 {{us}} µs',
      added: '增加 {{us}} µs',
      none: '无变化',
    },
    residual: {
      faster: '比推算快 {{us}} µs',
      slower: '比推算慢 {{us}} µs',
      none: '与推算一致',
    },
    nothingToExplain: '所有算子的变化均与 AOE 的收益一致。',
  },
});
