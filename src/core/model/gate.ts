// The acceptance gate: user-editable rules (schemas/gate-rules.schema.json) evaluated for each
// run against the pinned baseline. Defaults follow a public Ascend deployment plan: the model gets
// at least 5 % faster, no matched operator regresses by more than 10 %, and where repeated latency
// measurements exist, P95/P99 get no worse than 2 %. Reasons are data (a code and its figures) so
// the UI can word them in the viewer's language; `message` is the English text for the CLI.
import type { CompareOptions, CompareRun, OperatorComparison } from './compare.ts';
import { compareOperators, diffValues, runLatencyMs, DEFAULT_COMPARE_OPTIONS } from './compare.ts';
import { quantile } from './stats.ts';

export interface GateRules {
  readonly version: 1;
  readonly modelImprovement: { readonly enabled: boolean; readonly minPct: number };
  readonly operatorRegression: { readonly enabled: boolean; readonly maxPct: number };
  readonly tailLatency: {
    readonly enabled: boolean;
    readonly maxRegressionPct: number;
    /** Percentiles to check, 50–100. */
    readonly percentiles: readonly number[];
    /** Fewer repeats than this and a percentile says nothing: the rule reports "not enough data". */
    readonly minRepeats: number;
  };
}

export const DEFAULT_GATE_RULES: GateRules = {
  version: 1,
  modelImprovement: { enabled: true, minPct: 5 },
  operatorRegression: { enabled: true, maxPct: 10 },
  tailLatency: { enabled: true, maxRegressionPct: 2, percentiles: [95, 99], minRepeats: 20 },
};

export type Verdict = 'accept' | 'reject' | 'insufficient';
export type RuleId = 'modelImprovement' | 'operatorRegression' | 'tailLatency' | 'runs';
export type RuleStatus = 'pass' | 'fail' | 'insufficient' | 'skipped';
export type ReasonCode =
  | 'NO_CANDIDATES'
  | 'MODEL_IMPROVED'
  | 'MODEL_NOT_IMPROVED'
  | 'MODEL_NO_LATENCY'
  | 'OPS_OK'
  | 'OPS_REGRESSED'
  | 'OPS_NONE_MATCHED'
  | 'TAIL_OK'
  | 'TAIL_WORSE'
  | 'TAIL_TOO_FEW'
  | 'TAIL_NO_SAMPLES'
  | 'RULE_DISABLED';

export interface GateReason {
  readonly rule: RuleId;
  readonly status: RuleStatus;
  readonly code: ReasonCode;
  readonly params: Readonly<Record<string, string | number>>;
  readonly message: string;
}

export interface RunVerdict {
  readonly runId: string;
  readonly verdict: Verdict;
  readonly reasons: readonly GateReason[];
}

export interface GateResult {
  readonly verdict: Verdict;
  readonly runs: readonly RunVerdict[];
  /** Reasons that concern the whole comparison (e.g. nothing to compare). */
  readonly reasons: readonly GateReason[];
}

const fmt = (n: number, d = 2): string => n.toFixed(d);
const MAX_LISTED = 5;

function reason(
  rule: RuleId,
  status: RuleStatus,
  code: ReasonCode,
  params: Record<string, string | number>,
  message: string,
): GateReason {
  return { rule, status, code, params, message };
}

function modelRule(rules: GateRules, base: CompareRun, cand: CompareRun): GateReason {
  const r = rules.modelImprovement;
  if (!r.enabled)
    return reason('modelImprovement', 'skipped', 'RULE_DISABLED', {}, 'Model latency rule is off.');
  const diff = diffValues(runLatencyMs(base), runLatencyMs(cand));
  if (diff.kind !== 'numeric' || diff.deltaPct === null) {
    return reason(
      'modelImprovement',
      'insufficient',
      'MODEL_NO_LATENCY',
      {},
      'No model latency in one of the runs: the model rule cannot be checked.',
    );
  }
  const improvedPct = -diff.deltaPct;
  const params = {
    improvedPct: Number(fmt(improvedPct)),
    minPct: r.minPct,
    baseMs: diff.base,
    candMs: diff.cand,
  };
  return improvedPct >= r.minPct
    ? reason(
        'modelImprovement',
        'pass',
        'MODEL_IMPROVED',
        params,
        `Model latency improved by ${fmt(improvedPct)} % (at least ${r.minPct} % required).`,
      )
    : reason(
        'modelImprovement',
        'fail',
        'MODEL_NOT_IMPROVED',
        params,
        `Model latency improved by ${fmt(improvedPct)} %, less than the ${r.minPct} % required.`,
      );
}

function operatorRule(rules: GateRules, ops: OperatorComparison): GateReason {
  const r = rules.operatorRegression;
  if (!r.enabled)
    return reason('operatorRegression', 'skipped', 'RULE_DISABLED', {}, 'Operator rule is off.');
  if (ops.matched === 0) {
    return reason(
      'operatorRegression',
      'skipped',
      'OPS_NONE_MATCHED',
      {},
      'No operators matched between the runs.',
    );
  }
  // Only what the one labelling function calls a regression counts (noise is never a regression).
  const worst = ops.rows
    .filter(
      (row) =>
        row.label === 'regression' &&
        row.diff.kind === 'numeric' &&
        (row.diff.deltaPct ?? Infinity) > r.maxPct,
    )
    .sort((a, b) => pctOf(b) - pctOf(a));
  if (worst.length === 0) {
    return reason(
      'operatorRegression',
      'pass',
      'OPS_OK',
      { maxPct: r.maxPct, matched: ops.matched },
      `No matched operator regressed by more than ${r.maxPct} % (${ops.matched} matched).`,
    );
  }
  const listed = worst.slice(0, MAX_LISTED).map((row) => `${row.name} (+${fmt(pctOf(row), 1)} %)`);
  const more = worst.length > MAX_LISTED ? `, +${worst.length - MAX_LISTED} more` : '';
  return reason(
    'operatorRegression',
    'fail',
    'OPS_REGRESSED',
    { count: worst.length, maxPct: r.maxPct, operators: listed.join(', ') + more },
    `${worst.length} operator(s) regressed by more than ${r.maxPct} %: ${listed.join(', ')}${more}.`,
  );
}

const pctOf = (row: { diff: { kind: string; deltaPct?: number | null } }): number =>
  row.diff.kind === 'numeric' ? (row.diff.deltaPct ?? Infinity) : 0;

function tailRule(rules: GateRules, base: CompareRun, cand: CompareRun): GateReason[] {
  const r = rules.tailLatency;
  if (!r.enabled)
    return [reason('tailLatency', 'skipped', 'RULE_DISABLED', {}, 'P95/P99 rule is off.')];
  const a = base.latencySamplesMs ?? [];
  const b = cand.latencySamplesMs ?? [];
  if (a.length === 0 && b.length === 0) {
    return [
      reason(
        'tailLatency',
        'skipped',
        'TAIL_NO_SAMPLES',
        {},
        'No repeated latency measurements: P95/P99 not checked.',
      ),
    ];
  }
  const n = Math.min(a.length, b.length);
  if (n < r.minRepeats) {
    return [
      reason(
        'tailLatency',
        'insufficient',
        'TAIL_TOO_FEW',
        { n, min: r.minRepeats },
        `Too few repeats for statistics: ${n} measurement(s), at least ${r.minRepeats} needed for P95/P99.`,
      ),
    ];
  }
  return r.percentiles.map((p) => {
    const qa = quantile(a, p / 100) ?? 0;
    const qb = quantile(b, p / 100) ?? 0;
    const worsePct = qa > 0 ? ((qb - qa) / qa) * 100 : 0;
    const params = {
      p,
      baseMs: qa,
      candMs: qb,
      worsePct: Number(fmt(worsePct)),
      maxPct: r.maxRegressionPct,
    };
    return worsePct > r.maxRegressionPct
      ? reason(
          'tailLatency',
          'fail',
          'TAIL_WORSE',
          params,
          `P${p} latency got ${fmt(worsePct)} % worse (at most ${r.maxRegressionPct} % allowed).`,
        )
      : reason(
          'tailLatency',
          'pass',
          'TAIL_OK',
          params,
          `P${p} latency changed by ${fmt(worsePct)} % (at most ${r.maxRegressionPct} % worse allowed).`,
        );
  });
}

const worstOf = (statuses: readonly RuleStatus[]): Verdict =>
  statuses.includes('fail')
    ? 'reject'
    : statuses.includes('insufficient')
      ? 'insufficient'
      : 'accept';

export function evaluateRun(
  rules: GateRules,
  base: CompareRun,
  cand: CompareRun,
  options: CompareOptions = DEFAULT_COMPARE_OPTIONS,
  ops: OperatorComparison = compareOperators(base, cand, options),
): RunVerdict {
  const reasons = [
    modelRule(rules, base, cand),
    operatorRule(rules, ops),
    ...tailRule(rules, base, cand),
  ];
  return { runId: cand.id, verdict: worstOf(reasons.map((x) => x.status)), reasons };
}

/** The verdict over every run except the baseline: the worst run decides. */
export function evaluateGate(
  rules: GateRules,
  runs: readonly CompareRun[],
  baseline: CompareRun,
  options: CompareOptions = DEFAULT_COMPARE_OPTIONS,
): GateResult {
  const candidates = runs.filter((r) => r.id !== baseline.id);
  if (candidates.length === 0) {
    return {
      verdict: 'insufficient',
      runs: [],
      reasons: [
        reason(
          'runs',
          'insufficient',
          'NO_CANDIDATES',
          {},
          'Choose at least one run besides the baseline.',
        ),
      ],
    };
  }
  const verdicts = candidates.map((c) => evaluateRun(rules, baseline, c, options));
  const all = verdicts.map((v) => v.verdict);
  const verdict: Verdict = all.includes('reject')
    ? 'reject'
    : all.includes('insufficient')
      ? 'insufficient'
      : 'accept';
  return { verdict, runs: verdicts, reasons: [] };
}
