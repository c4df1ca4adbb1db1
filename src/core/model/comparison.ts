// A whole comparison computed once: the model table, the operator comparisons, the banner, the
// knowledge-base trend and the gate verdict, for the compare page, its exports and the CLI.
import type {
  ComparabilityWarning,
  CompareOptions,
  CompareRun,
  KnowledgeBasePoint,
  ModelRow,
  OperatorComparison,
} from './compare.ts';
import {
  comparability,
  compareModels,
  compareOperators,
  knowledgeBaseTrend,
  DEFAULT_COMPARE_OPTIONS,
} from './compare.ts';
import type { GateResult, GateRules } from './gate.ts';
import { DEFAULT_GATE_RULES, evaluateGate, evaluateRun } from './gate.ts';

/** Everything a comparison view, export or the CLI shows, computed once. */
export interface Comparison {
  readonly baseline: CompareRun;
  readonly runs: readonly CompareRun[];
  readonly options: CompareOptions;
  readonly rules: GateRules;
  readonly models: readonly ModelRow[];
  /** One per run other than the baseline, in run order. */
  readonly operators: readonly OperatorComparison[];
  readonly comparability: readonly ComparabilityWarning[];
  readonly knowledgeBase: readonly KnowledgeBasePoint[];
  readonly gate: GateResult;
}

export function buildComparison(
  runs: readonly CompareRun[],
  baseline: CompareRun,
  options: CompareOptions = DEFAULT_COMPARE_OPTIONS,
  rules: GateRules = DEFAULT_GATE_RULES,
): Comparison {
  const candidates = runs.filter((r) => r.id !== baseline.id);
  const operators = candidates.map((c) => compareOperators(baseline, c, options));
  const verdicts = candidates.map((c, i) => evaluateRun(rules, baseline, c, options, operators[i]));
  const all = verdicts.map((v) => v.verdict);
  const gate: GateResult =
    candidates.length === 0
      ? evaluateGate(rules, runs, baseline, options)
      : {
          verdict: all.includes('reject')
            ? 'reject'
            : all.includes('insufficient')
              ? 'insufficient'
              : 'accept',
          runs: verdicts,
          reasons: [],
        };
  return {
    baseline,
    runs,
    options,
    rules,
    models: compareModels(runs, baseline, options.noise),
    operators,
    comparability: comparability(runs, baseline),
    knowledgeBase: knowledgeBaseTrend(runs),
    gate,
  };
}
