// The acceptance gate: user-editable rules (schemas/gate-rules.schema.json) evaluated for each
// run against the pinned baseline. Defaults follow a public Ascend deployment plan: the model gets
// at least 5 % faster, no matched operator regresses by more than 10 %, and where repeated latency
// measurements exist, P95/P99 get no worse than 2 %. Where benchmark measurements exist (ais_bench,
// MindSpore Lite benchmark, trtexec...), the measured mean and median must not get slower and the
// tuned Ascend model may be at most a set percentage slower than the GPU baseline.
//
// Reasons are data (a code and its figures) so the UI can word them in the viewer's language;
// `message` is the English text for the CLI. A change is always worded by its direction and its
// size ("slower by 0.71 %", "faster by 3.10 %"), never as a negative improvement. A run the
// comparability banner flags is not judged: its verdict is "incomparable", with the reasons.
import type {
  ComparabilityWarning,
  CompareOptions,
  CompareRun,
  OperatorComparison,
} from './compare.ts';
import { changeFactor } from './change-words.ts';
import { compareOperators, diffValues, runLatencyMs, DEFAULT_COMPARE_OPTIONS } from './compare.ts';
import type { LatencyStats, Measurement } from '../measure/model.ts';
import { percentileOfSorted } from '../measure/percentile.ts';

/** A figure of a latency series the measured rules can judge. */
export type MeasuredStatistic = 'mean' | 'median' | 'p90' | 'p95' | 'p99';
export const MEASURED_STATISTICS: readonly MeasuredStatistic[] = [
  'mean',
  'median',
  'p90',
  'p95',
  'p99',
];

export interface MeasuredLatencyRule {
  readonly enabled: boolean;
  /** The run's measured latency must be at least this much faster than the baseline's (%). */
  readonly minImprovementPct: number;
  readonly statistics: readonly MeasuredStatistic[];
}

export interface GpuBaselineRule {
  readonly enabled: boolean;
  /** The tuned Ascend latency may be at most this much slower than the GPU baseline (%). */
  readonly maxSlowerPct: number;
  readonly statistics: readonly MeasuredStatistic[];
}

export interface GateRules {
  readonly version: 1;
  readonly modelImprovement: { readonly enabled: boolean; readonly minPct: number };
  readonly operatorRegression: { readonly enabled: boolean; readonly maxPct: number };
  readonly tailLatency: {
    readonly enabled: boolean;
    readonly maxRegressionPct: number;
    /** Percentiles to check, 50–100. */
    readonly percentiles: readonly number[];
    /**
     * Fewer iterations than this and no percentile is judged. A percentile p also needs at least
     * ⌈100 / (100 − p)⌉ iterations (P95: 20, P99: 100): below that count the type-7 estimate is
     * an interpolation between the two largest samples, so it measures the single worst outlier,
     * not the tail. See `requiredIterations`.
     */
    readonly minRepeats: number;
  };
  /** Absent in gate files written before measured latency: the defaults apply. */
  readonly measuredLatency?: MeasuredLatencyRule;
  readonly gpuBaseline?: GpuBaselineRule;
}

export const DEFAULT_MEASURED_LATENCY: MeasuredLatencyRule = {
  enabled: true,
  minImprovementPct: 0,
  statistics: ['mean', 'median'],
};
export const DEFAULT_GPU_BASELINE: GpuBaselineRule = {
  enabled: true,
  maxSlowerPct: 0,
  statistics: ['mean', 'median'],
};

export const DEFAULT_GATE_RULES: GateRules = {
  version: 1,
  modelImprovement: { enabled: true, minPct: 5 },
  operatorRegression: { enabled: true, maxPct: 10 },
  tailLatency: { enabled: true, maxRegressionPct: 2, percentiles: [95, 99], minRepeats: 20 },
  measuredLatency: DEFAULT_MEASURED_LATENCY,
  gpuBaseline: DEFAULT_GPU_BASELINE,
};

/** Every rule present: what a gate file without the measured rules means. */
export function completeRules(rules: GateRules): Required<GateRules> {
  return {
    ...rules,
    measuredLatency: rules.measuredLatency ?? DEFAULT_MEASURED_LATENCY,
    gpuBaseline: rules.gpuBaseline ?? DEFAULT_GPU_BASELINE,
  };
}

/**
 * Iterations a percentile needs before it is judged: the rule's `minRepeats`, and for p < 100 at
 * least ⌈100 / (100 − p)⌉ so that one iteration in the series lies beyond the percentile.
 */
export function requiredIterations(p: number, minRepeats: number): number {
  if (p >= 100) return minRepeats;
  return Math.max(minRepeats, Math.ceil(100 / (100 - p) - 1e-9));
}

export type Verdict = 'accept' | 'reject' | 'insufficient' | 'incomparable';
export type RuleId =
  | 'modelImprovement'
  | 'operatorRegression'
  | 'tailLatency'
  | 'measuredLatency'
  | 'gpuBaseline'
  | 'comparability'
  | 'runs';
export type RuleStatus = 'pass' | 'fail' | 'insufficient' | 'skipped';
export type ReasonCode =
  | 'NO_CANDIDATES'
  | 'NOT_COMPARABLE'
  | 'MODEL_IMPROVED'
  | 'MODEL_NOT_IMPROVED'
  | 'MODEL_NO_LATENCY'
  | 'OPS_OK'
  | 'OPS_REGRESSED'
  | 'OPS_NONE_MATCHED'
  | 'TAIL_OK'
  | 'TAIL_WORSE'
  | 'TAIL_TOO_FEW'
  | 'TAIL_COUNT_UNKNOWN'
  | 'TAIL_NOT_STATED'
  | 'TAIL_NO_SAMPLES'
  | 'MEASURED_OK'
  | 'MEASURED_WORSE'
  | 'MEASURED_NONE'
  | 'MEASURED_MISSING'
  | 'MEASURED_NOT_STATED'
  | 'GPU_OK'
  | 'GPU_SLOWER'
  | 'GPU_NONE'
  | 'GPU_RUN_UNMEASURED'
  | 'GPU_BATCH_MISMATCH'
  | 'GPU_NOT_STATED'
  | 'GPU_TOO_FEW'
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

/** What was measured for one comparison: each run's model by run id, and the GPU baseline. */
export interface MeasuredInputs {
  readonly runs: ReadonlyMap<string, Measurement>;
  readonly gpu: Measurement | null;
}
export const NO_MEASUREMENTS: MeasuredInputs = { runs: new Map(), gpu: null };

/** The measurements one run's verdict is judged on. */
export interface RunMeasurements {
  readonly base: Measurement | null;
  readonly cand: Measurement | null;
  readonly gpu: Measurement | null;
}

const fmt = (n: number, d = 2): string => n.toFixed(d);
const round2 = (n: number): number => Number(fmt(n));
const MAX_LISTED = 5;

export type Direction = 'faster' | 'slower' | 'same';

/** A change worded by direction and size: lower latency is faster. */
export function changeOf(baseMs: number, candMs: number): { direction: Direction; pct: number } {
  const pct = baseMs !== 0 ? ((candMs - baseMs) / baseMs) * 100 : 0;
  const size = round2(Math.abs(pct));
  return { direction: size === 0 ? 'same' : pct < 0 ? 'faster' : 'slower', pct: size };
}

/** The English message's wording of a change: a factor from twice the time on, as on the page. */
export const changeText = (c: { direction: Direction; pct: number }): string => {
  if (c.direction === 'same') return 'unchanged';
  const factor = changeFactor(c.direction, c.pct);
  return factor !== null ? `${fmt(factor)}× ${c.direction}` : `${c.direction} by ${fmt(c.pct)} %`;
};

/** "at least 5 % faster required" / "at most 2 % slower allowed" for a minimum improvement. */
const needFaster = (minPct: number): string =>
  minPct > 0
    ? `at least ${minPct} % faster required`
    : minPct === 0
      ? 'no slower than the baseline allowed'
      : `at most ${-minPct} % slower allowed`;

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
  const change = changeOf(diff.base, diff.cand);
  const params = {
    improvedPct: round2(improvedPct),
    direction: change.direction,
    changePct: change.pct,
    minPct: r.minPct,
    baseMs: diff.base,
    candMs: diff.cand,
  };
  const text = `Model latency (AOE): ${changeText(change)}`;
  return improvedPct >= r.minPct
    ? reason(
        'modelImprovement',
        'pass',
        'MODEL_IMPROVED',
        params,
        `${text} (${needFaster(r.minPct)}).`,
      )
    : reason(
        'modelImprovement',
        'fail',
        'MODEL_NOT_IMPROVED',
        params,
        `${text}; ${needFaster(r.minPct)}.`,
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
      `No matched operator got slower by more than ${r.maxPct} % (${ops.matched} matched).`,
    );
  }
  // "+x%" is the operator's change in time: positive is slower, as in the operators table. The
  // param goes into the page's sentences, which write "10%"; the message keeps this file's "10 %".
  const shown = worst.slice(0, MAX_LISTED);
  const listed = shown.map((row) => `${row.name} (+${fmt(pctOf(row), 1)} %)`);
  const operators = shown.map((row) => `${row.name} (+${fmt(pctOf(row), 1)}%)`).join(', ');
  const hidden = Math.max(0, worst.length - MAX_LISTED);
  const more = hidden > 0 ? ` and ${hidden} more` : '';
  return reason(
    'operatorRegression',
    'fail',
    'OPS_REGRESSED',
    { count: worst.length, maxPct: r.maxPct, operators, more: hidden },
    `${worst.length} operator(s) got slower by more than ${r.maxPct} %: ${listed.join(', ')}${more}.`,
  );
}

const pctOf = (row: { diff: { kind: string; deltaPct?: number | null } }): number =>
  row.diff.kind === 'numeric' ? (row.diff.deltaPct ?? Infinity) : 0;

/** One series as the tail rule sees it: ascending samples, or only the figures a tool stated. */
interface Series {
  readonly sorted: Float64Array | null;
  readonly stated: LatencyStats | null;
  /** Iterations behind the figures; null when the file does not say. */
  readonly count: number | null;
}

function seriesOf(m: Measurement | null, legacy: readonly number[] | undefined): Series | null {
  if (m?.iterationsMs && m.iterationsMs.length > 0) {
    return {
      sorted: m.iterationsMs.slice().sort(),
      stated: m.latencyMs,
      count: m.iterationsMs.length,
    };
  }
  if (m) return { sorted: null, stated: m.latencyMs, count: m.latencyMs.count };
  if (legacy && legacy.length > 0) {
    const sorted = Float64Array.from(legacy).sort();
    return { sorted, stated: null, count: sorted.length };
  }
  return null;
}

const STATED_PERCENTILES: Readonly<Record<number, 'p90' | 'p95' | 'p99' | 'median'>> = {
  50: 'median',
  90: 'p90',
  95: 'p95',
  99: 'p99',
};

/** A percentile of a series: computed from its iterations (type 7) or as the tool stated it. */
function percentileOf(s: Series, p: number): number | null {
  if (s.sorted) return percentileOfSorted(s.sorted, p);
  const key = STATED_PERCENTILES[p];
  if (p === 100) return s.stated?.max ?? null;
  return key === undefined ? null : (s.stated?.[key] ?? null);
}

/** A statistic of a measurement: from its iterations when it has them, else as the tool stated it. */
function statisticOf(m: Measurement, stat: MeasuredStatistic): number | null {
  const it = m.iterationsMs;
  if (it && it.length > 0) {
    if (stat === 'mean') {
      let sum = 0;
      for (let i = 0; i < it.length; i++) sum += it[i] as number;
      return sum / it.length;
    }
    return percentileOfSorted(it.slice().sort(), stat === 'median' ? 50 : Number(stat.slice(1)));
  }
  return m.latencyMs[stat];
}

const STAT_LABEL: Readonly<Record<MeasuredStatistic, string>> = {
  mean: 'mean',
  median: 'median',
  p90: 'P90',
  p95: 'P95',
  p99: 'P99',
};

function tailRule(
  rules: GateRules,
  base: CompareRun,
  cand: CompareRun,
  m: RunMeasurements,
): GateReason[] {
  const r = rules.tailLatency;
  if (!r.enabled)
    return [reason('tailLatency', 'skipped', 'RULE_DISABLED', {}, 'P95/P99 rule is off.')];
  const a = seriesOf(m.base, base.latencySamplesMs);
  const b = seriesOf(m.cand, cand.latencySamplesMs);
  if (a === null && b === null) {
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
  if (a === null || b === null) {
    const side = a === null ? 'baseline' : 'run';
    return [
      reason(
        'tailLatency',
        'insufficient',
        'MEASURED_MISSING',
        { side },
        `P95/P99: only one side was measured (no measurement of the ${side}).`,
      ),
    ];
  }
  return r.percentiles.map((p) => {
    if (a.count === null || b.count === null) {
      return reason(
        'tailLatency',
        'insufficient',
        'TAIL_COUNT_UNKNOWN',
        { p },
        `P${p}: a measurement does not say how many iterations it ran, so its tail cannot be judged.`,
      );
    }
    const n = Math.min(a.count, b.count);
    const min = requiredIterations(p, r.minRepeats);
    if (n < min) {
      return reason(
        'tailLatency',
        'insufficient',
        'TAIL_TOO_FEW',
        { p, n, min },
        `Too few iterations for P${p}: ${n} measured, at least ${min} needed.`,
      );
    }
    const qa = percentileOf(a, p);
    const qb = percentileOf(b, p);
    if (qa === null || qb === null || !Number.isFinite(qa) || !Number.isFinite(qb)) {
      return reason(
        'tailLatency',
        'skipped',
        'TAIL_NOT_STATED',
        { p },
        `P${p} is not in the measurement files and they have no per-iteration times: not checked.`,
      );
    }
    const change = changeOf(qa, qb);
    const worsePct = qa > 0 ? ((qb - qa) / qa) * 100 : 0;
    const params = {
      p,
      n,
      baseMs: qa,
      candMs: qb,
      worsePct: round2(worsePct),
      direction: change.direction,
      changePct: change.pct,
      maxPct: r.maxRegressionPct,
    };
    const text = `P${p} latency: ${changeText(change)}`;
    return worsePct > r.maxRegressionPct
      ? reason(
          'tailLatency',
          'fail',
          'TAIL_WORSE',
          params,
          `${text}; at most ${r.maxRegressionPct} % slower allowed.`,
        )
      : reason(
          'tailLatency',
          'pass',
          'TAIL_OK',
          params,
          `${text} (at most ${r.maxRegressionPct} % slower allowed).`,
        );
  });
}

function measuredRule(rules: Required<GateRules>, m: RunMeasurements): GateReason[] {
  const r = rules.measuredLatency;
  if (!r.enabled)
    return [
      reason('measuredLatency', 'skipped', 'RULE_DISABLED', {}, 'Measured latency rule is off.'),
    ];
  if (m.base === null && m.cand === null) {
    return [
      reason(
        'measuredLatency',
        'skipped',
        'MEASURED_NONE',
        {},
        'No measured latency for these runs: only AOE’s own figures are judged.',
      ),
    ];
  }
  if (m.base === null || m.cand === null) {
    const side = m.base === null ? 'baseline' : 'run';
    return [
      reason(
        'measuredLatency',
        'insufficient',
        'MEASURED_MISSING',
        { side },
        `Only one side was measured (no measurement of the ${side}): measured latency not compared.`,
      ),
    ];
  }
  const base = m.base;
  const cand = m.cand;
  return r.statistics.map((stat) => {
    const qa = statisticOf(base, stat);
    const qb = statisticOf(cand, stat);
    if (qa === null || qb === null || !Number.isFinite(qa) || !Number.isFinite(qb)) {
      return reason(
        'measuredLatency',
        'insufficient',
        'MEASURED_NOT_STATED',
        { stat },
        `Measured ${STAT_LABEL[stat]} latency is missing from a measurement.`,
      );
    }
    const change = changeOf(qa, qb);
    const improvedPct = qa > 0 ? ((qa - qb) / qa) * 100 : 0;
    const params = {
      stat,
      baseMs: qa,
      candMs: qb,
      direction: change.direction,
      changePct: change.pct,
      minPct: r.minImprovementPct,
    };
    const text = `Measured ${STAT_LABEL[stat]} latency: ${changeText(change)} (${fmt(qa, 3)} → ${fmt(qb, 3)} ms)`;
    return improvedPct >= r.minImprovementPct
      ? reason(
          'measuredLatency',
          'pass',
          'MEASURED_OK',
          params,
          `${text}, ${needFaster(r.minImprovementPct)}.`,
        )
      : reason(
          'measuredLatency',
          'fail',
          'MEASURED_WORSE',
          params,
          `${text}; ${needFaster(r.minImprovementPct)}.`,
        );
  });
}

function gpuRule(rules: Required<GateRules>, m: RunMeasurements): GateReason[] {
  const r = rules.gpuBaseline;
  if (!r.enabled)
    return [reason('gpuBaseline', 'skipped', 'RULE_DISABLED', {}, 'GPU baseline rule is off.')];
  const gpu = m.gpu;
  if (gpu === null) {
    return [
      reason(
        'gpuBaseline',
        'skipped',
        'GPU_NONE',
        {},
        'No GPU baseline measurement: not compared with the GPU.',
      ),
    ];
  }
  const cand = m.cand;
  if (cand === null) {
    return [
      reason(
        'gpuBaseline',
        'insufficient',
        'GPU_RUN_UNMEASURED',
        {},
        'The run has no measured latency to compare with the GPU baseline.',
      ),
    ];
  }
  if (gpu.batchSize !== null && cand.batchSize !== null && gpu.batchSize !== cand.batchSize) {
    return [
      reason(
        'gpuBaseline',
        'insufficient',
        'GPU_BATCH_MISMATCH',
        { gpuBatch: gpu.batchSize, runBatch: cand.batchSize },
        `The GPU baseline ran batch size ${gpu.batchSize}, the run ${cand.batchSize}: latencies not comparable.`,
      ),
    ];
  }
  return r.statistics.map((stat) => {
    if (stat !== 'mean' && stat !== 'median') {
      const p = Number(stat.slice(1));
      const n = Math.min(countOf(gpu) ?? 0, countOf(cand) ?? 0);
      const min = requiredIterations(p, rules.tailLatency.minRepeats);
      if (n < min) {
        return reason(
          'gpuBaseline',
          'insufficient',
          'GPU_TOO_FEW',
          { p, n, min },
          `Too few iterations for P${p}: ${n} measured, at least ${min} needed.`,
        );
      }
    }
    const g = statisticOf(gpu, stat);
    const a = statisticOf(cand, stat);
    if (g === null || a === null || !Number.isFinite(g) || !Number.isFinite(a)) {
      return reason(
        'gpuBaseline',
        'insufficient',
        'GPU_NOT_STATED',
        { stat },
        `${STAT_LABEL[stat]} latency is missing from the GPU or the Ascend measurement.`,
      );
    }
    const change = changeOf(g, a);
    const slowerPct = g > 0 ? ((a - g) / g) * 100 : 0;
    const params = {
      stat,
      gpuMs: g,
      candMs: a,
      direction: change.direction,
      changePct: change.pct,
      maxPct: r.maxSlowerPct,
    };
    const text = `Ascend ${STAT_LABEL[stat]} latency against the GPU baseline: ${changeText(change)} (${fmt(g, 3)} → ${fmt(a, 3)} ms)`;
    const allowed = `at most ${r.maxSlowerPct} % slower allowed`;
    return slowerPct > r.maxSlowerPct
      ? reason('gpuBaseline', 'fail', 'GPU_SLOWER', params, `${text}; ${allowed}.`)
      : reason('gpuBaseline', 'pass', 'GPU_OK', params, `${text}, ${allowed}.`);
  });
}

const countOf = (m: Measurement): number | null =>
  m.iterationsMs && m.iterationsMs.length > 0 ? m.iterationsMs.length : m.latencyMs.count;

const FIELD_WORDS: Readonly<Record<string, string>> = {
  kind: 'tuning kind',
  generation: 'AOE layout generation',
  taskName: 'model / task name',
  cannVersion: 'CANN version',
  soc: 'SoC',
  modelSha256: 'model hash',
  bankPath: 'knowledge-base path',
};

function comparabilityReason(w: ComparabilityWarning): GateReason {
  return reason(
    'comparability',
    'insufficient',
    'NOT_COMPARABLE',
    { field: w.field, base: w.baseValue, value: w.runValue },
    `Not comparable: ${FIELD_WORDS[w.field] ?? w.field} differs from the baseline (${w.baseValue} vs ${w.runValue}).`,
  );
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
  measured: RunMeasurements = { base: null, cand: null, gpu: null },
  warnings: readonly ComparabilityWarning[] = [],
): RunVerdict {
  const all = completeRules(rules);
  const judged = [
    modelRule(all, base, cand),
    operatorRule(all, ops),
    ...tailRule(all, base, cand, measured),
    ...measuredRule(all, measured),
    ...gpuRule(all, measured),
  ];
  const mine = warnings.filter((w) => w.runId === cand.id);
  if (mine.length > 0) {
    // The rules' results are still listed, but they do not decide: the runs cannot be compared.
    return {
      runId: cand.id,
      verdict: 'incomparable',
      reasons: [...mine.map(comparabilityReason), ...judged],
    };
  }
  return { runId: cand.id, verdict: worstOf(judged.map((x) => x.status)), reasons: judged };
}

/** The overall verdict: a rejected run decides; then a run that cannot be compared; then gaps. */
export function overallVerdict(verdicts: readonly Verdict[]): Verdict {
  if (verdicts.includes('reject')) return 'reject';
  if (verdicts.includes('incomparable')) return 'incomparable';
  if (verdicts.includes('insufficient')) return 'insufficient';
  return 'accept';
}

export function measurementsFor(
  measured: MeasuredInputs,
  base: CompareRun,
  cand: CompareRun,
): RunMeasurements {
  return {
    base: measured.runs.get(base.id) ?? null,
    cand: measured.runs.get(cand.id) ?? null,
    gpu: measured.gpu,
  };
}

/** The verdict over every run except the baseline: the worst run decides. */
export function evaluateGate(
  rules: GateRules,
  runs: readonly CompareRun[],
  baseline: CompareRun,
  options: CompareOptions = DEFAULT_COMPARE_OPTIONS,
  measured: MeasuredInputs = NO_MEASUREMENTS,
  warnings: readonly ComparabilityWarning[] = [],
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
  const verdicts = candidates.map((c) =>
    evaluateRun(
      rules,
      baseline,
      c,
      options,
      compareOperators(baseline, c, options),
      measurementsFor(measured, baseline, c),
      warnings,
    ),
  );
  return { verdict: overallVerdict(verdicts.map((v) => v.verdict)), runs: verdicts, reasons: [] };
}
