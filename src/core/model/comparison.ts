// A whole comparison computed once: the model table, the operator comparisons, the banner, the
// knowledge-base trend, the measured latency and the gate verdict, for the compare page, its
// exports, the acceptance report and the CLI.
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
import type { GateResult, GateRules, MeasuredInputs } from './gate.ts';
import {
  DEFAULT_GATE_RULES,
  NO_MEASUREMENTS,
  evaluateGate,
  evaluateRun,
  measurementsFor,
  overallVerdict,
} from './gate.ts';

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
  /** Benchmark measurements by run id and the GPU baseline, as given. */
  readonly measured: MeasuredInputs;
  readonly gate: GateResult;
}

export function buildComparison(
  runs: readonly CompareRun[],
  baseline: CompareRun,
  options: CompareOptions = DEFAULT_COMPARE_OPTIONS,
  rules: GateRules = DEFAULT_GATE_RULES,
  measured: MeasuredInputs = NO_MEASUREMENTS,
): Comparison {
  const candidates = runs.filter((r) => r.id !== baseline.id);
  const warnings = comparability(runs, baseline);
  const operators = candidates.map((c) => compareOperators(baseline, c, options));
  const verdicts = candidates.map((c, i) =>
    evaluateRun(
      rules,
      baseline,
      c,
      options,
      operators[i],
      measurementsFor(measured, baseline, c),
      warnings,
    ),
  );
  const gate: GateResult =
    candidates.length === 0
      ? evaluateGate(rules, runs, baseline, options, measured, warnings)
      : { verdict: overallVerdict(verdicts.map((v) => v.verdict)), runs: verdicts, reasons: [] };
  return {
    baseline,
    runs,
    options,
    rules,
    models: compareModels(runs, baseline, options.noise),
    operators,
    comparability: warnings,
    knowledgeBase: knowledgeBaseTrend(runs),
    measured,
    gate,
  };
}
