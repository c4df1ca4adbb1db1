// The migration acceptance report (迁移验收表): what a reviewer signs off when inference moves
// from GPUs to Ascend. Built from one Comparison (runs, measurements, gate) into plain data that
// the Markdown and HTML renderers only lay out, so both say the same figures. Every string from a
// file (names, paths, hosts) is untrusted: the renderers escape it, this module never does.
import type { CompareRun, OperatorRow } from '../model/compare.ts';
import type { Comparison } from '../model/comparison.ts';
import type { GateReason, Verdict } from '../model/gate.ts';
import { changeOf } from '../model/gate.ts';
import type { ReportLang } from '../model/gate-words.ts';
import { changeWord, gateWord, reasonText, statusText, verdictText } from '../model/gate-words.ts';
import type { LatencyStats, Measurement } from '../measure/model.ts';
import { statsOf } from '../measure/percentile.ts';
import { REPORT_WORDS, type ReportWords } from './words.ts';
import type { SharedAdvice } from '../share/bundle-types.ts';
import type { AdviceSeverity } from '../advisor/types.ts';
import { compareFindings } from '../advisor/advise.ts';

export type SeriesRole = 'gpu' | 'baseline' | 'run';

/** One measured latency series: the GPU baseline, the baseline run's model or a run's model. */
export interface LatencySeries {
  readonly role: SeriesRole;
  readonly runId: string | null;
  readonly name: string;
  readonly tool: string;
  readonly toolVersion: string | null;
  readonly batchSize: number | null;
  readonly stats: LatencyStats;
  readonly throughputPerS: number | null;
  /** AOE's own figure for the run's tuned model (ms), for the claim-vs-measured column. */
  readonly aoeMs: number | null;
  /** The mean against the baseline's mean and against the GPU's, worded by direction. */
  readonly vsBaseline: string | null;
  readonly vsGpu: string | null;
  /** Ascending per-iteration latency, when the file had it (for the distribution chart). */
  readonly sorted: Float64Array | null;
}

export interface EnvironmentRow {
  readonly role: SeriesRole;
  readonly name: string;
  readonly file: string | null;
  readonly cann: string | null;
  readonly soc: string | null;
  readonly host: string | null;
  readonly tool: string | null;
  readonly device: string | null;
}

export interface VerdictBlock {
  readonly name: string;
  readonly verdict: Verdict;
  readonly verdictText: string;
  readonly reasons: readonly {
    readonly status: string;
    readonly text: string;
    readonly raw: GateReason;
  }[];
}

export interface OperatorChange {
  readonly name: string;
  readonly type: string;
  readonly baseUs: number;
  readonly candUs: number;
  readonly change: string;
}

export interface AcceptanceReport {
  readonly lang: ReportLang;
  readonly words: ReportWords;
  readonly title: string;
  readonly model: string;
  readonly generatedAt: string;
  readonly verdict: Verdict;
  readonly verdictText: string;
  readonly environment: readonly EnvironmentRow[];
  readonly series: readonly LatencySeries[];
  readonly verdicts: readonly VerdictBlock[];
  readonly knowledgeBase: readonly {
    readonly name: string;
    readonly hitRate: number | null;
    readonly hit: number | null;
    readonly add: number | null;
    readonly update: number | null;
    readonly unsatisfied: number | null;
    readonly total: number | null;
  }[];
  readonly operators: readonly {
    readonly run: string;
    readonly faster: readonly OperatorChange[];
    readonly slower: readonly OperatorChange[];
  }[];
  readonly notMeasured: readonly string[];
  /** The advisor's findings by run; null when the report was made without them. */
  readonly advice: readonly AdviceBlock[] | null;
}

/** A finding as the report prints it, in the report's language. */
export interface AdviceItem {
  readonly ruleId: string;
  readonly severity: AdviceSeverity;
  readonly title: string;
  readonly evidence: readonly { readonly label: string; readonly value: string }[];
  readonly why: string;
  readonly todo: string;
  readonly command: string | null;
  readonly config: string | null;
  readonly configName: string | null;
}

/**
 * The advisor's findings about one run: the ones still shown, ranked (critical first, then by the
 * share of model time at stake), and the ones the user dismissed, each with its reason — kept
 * apart, not dropped, so a reviewer sees what was set aside and why.
 */
export interface AdviceBlock {
  readonly run: string;
  readonly findings: readonly AdviceItem[];
  readonly dismissed: readonly {
    readonly ruleId: string;
    readonly severity: AdviceSeverity;
    readonly title: string;
    readonly reason: string;
  }[];
}

export const REPORT_TOP_OPERATORS = 5;

export interface AcceptanceInput {
  readonly comparison: Comparison;
  readonly lang: ReportLang;
  /** ISO time the report states; passed in so that the same inputs give the same report. */
  readonly generatedAt: string;
  /** The Advice of each run the report is about (findings and the dismissed ones by index). */
  readonly advice?: readonly { readonly run: string; readonly advice: SharedAdvice }[];
}

/** One run's Advice in the report's language: shown findings ranked, dismissed ones apart. */
export function adviceBlock(run: string, advice: SharedAdvice, lang: ReportLang): AdviceBlock {
  const reasons = new Map<number, string>();
  for (const [i, reason] of advice.dismissed) reasons.set(i, reason);
  const shown = advice.findings.filter((_, i) => !reasons.has(i)).sort(compareFindings);
  return {
    run,
    findings: shown.map((f) => ({
      ruleId: f.ruleId,
      severity: f.severity,
      title: f.title[lang],
      evidence: f.evidence.map((e) => ({ label: e.label[lang], value: e.value })),
      why: f.why[lang],
      todo: f.action.text[lang],
      command: f.action.command ?? null,
      config: f.action.config ?? null,
      configName: f.action.configName ?? null,
    })),
    dismissed: [...reasons.entries()]
      .sort(([a], [b]) => a - b)
      .flatMap(([i, reason]) => {
        const f = advice.findings[i];
        return f ? [{ ruleId: f.ruleId, severity: f.severity, title: f.title[lang], reason }] : [];
      }),
  };
}

const toolName = (m: Measurement): string =>
  m.toolVersion ? `${m.tool} ${m.toolVersion}` : m.tool;

function statsWithIterations(m: Measurement): { stats: LatencyStats; sorted: Float64Array | null } {
  const it = m.iterationsMs;
  if (it && it.length > 0) return { stats: statsOf(it), sorted: it.slice().sort() };
  return { stats: m.latencyMs, sorted: null };
}

function vs(lang: ReportLang, ref: number | null, value: number | null): string | null {
  if (ref === null || value === null || !(ref > 0)) return null;
  const c = changeOf(ref, value);
  return changeWord((k, p) => gateWord(lang, k, p), c.direction, c.pct);
}

function topChanges(
  lang: ReportLang,
  rows: readonly OperatorRow[],
  label: 'improvement' | 'regression',
): OperatorChange[] {
  return rows
    .filter((r) => r.label === label && r.diff.kind === 'numeric')
    .map((r) => ({ r, d: r.diff.kind === 'numeric' ? r.diff.delta : 0 }))
    .sort((a, b) => (label === 'improvement' ? a.d - b.d : b.d - a.d))
    .slice(0, REPORT_TOP_OPERATORS)
    .map(({ r }) => ({
      name: r.name,
      type: r.type,
      baseUs: r.baseUs ?? 0,
      candUs: r.candUs ?? 0,
      change: vs(lang, r.baseUs, r.candUs) ?? '',
    }));
}

export function buildAcceptanceReport(input: AcceptanceInput): AcceptanceReport {
  const { comparison: c, lang } = input;
  const w = REPORT_WORDS[lang];
  const base = c.baseline;
  const candidates = c.runs.filter((r) => r.id !== base.id);
  const gpu = c.measured.gpu;
  const baseM = c.measured.runs.get(base.id) ?? null;

  const baseStats = baseM ? statsWithIterations(baseM) : null;
  const gpuStats = gpu ? statsWithIterations(gpu) : null;
  const seriesOf = (role: SeriesRole, run: CompareRun | null, m: Measurement): LatencySeries => {
    const { stats, sorted } = statsWithIterations(m);
    return {
      role,
      runId: run?.id ?? null,
      name: run?.label ?? w.gpuBaseline,
      tool: toolName(m),
      toolVersion: m.toolVersion,
      batchSize: m.batchSize,
      stats,
      throughputPerS: m.throughputPerS,
      aoeMs: run ? (run.task.tunedMs ?? run.task.baselineMs ?? null) : null,
      vsBaseline: role === 'run' ? vs(lang, baseStats?.stats.mean ?? null, stats.mean) : null,
      vsGpu: role !== 'gpu' ? vs(lang, gpuStats?.stats.mean ?? null, stats.mean) : null,
      sorted,
    };
  };
  const series: LatencySeries[] = [];
  if (gpu) series.push(seriesOf('gpu', null, gpu));
  if (baseM) series.push(seriesOf('baseline', base, baseM));
  for (const run of candidates) {
    const m = c.measured.runs.get(run.id);
    if (m) series.push(seriesOf('run', run, m));
  }

  const envOf = (
    role: SeriesRole,
    run: CompareRun | null,
    m: Measurement | null,
  ): EnvironmentRow => ({
    role,
    name: run?.label ?? w.gpuBaseline,
    file: run?.fileName ?? null,
    cann: run?.manifest?.cannVersion ?? null,
    soc: run?.manifest?.soc ?? null,
    host: run?.manifest?.host ?? null,
    tool: m ? toolName(m) : null,
    device: m?.device ?? (run?.manifest?.device !== undefined ? String(run.manifest.device) : null),
  });
  const environment: EnvironmentRow[] = [
    ...(gpu ? [envOf('gpu', null, gpu)] : []),
    envOf('baseline', base, baseM),
    ...candidates.map((r) => envOf('run', r, c.measured.runs.get(r.id) ?? null)),
  ];

  const labelOf = new Map(c.runs.map((r) => [r.id, r.label]));
  const verdicts: VerdictBlock[] = [
    ...(c.gate.reasons.length > 0
      ? [
          {
            name: w.overall,
            verdict: c.gate.verdict,
            verdictText: verdictText(lang, c.gate.verdict),
            reasons: c.gate.reasons.map((r) => ({
              status:
                r.code === 'NOT_COMPARABLE'
                  ? verdictText(lang, 'incomparable')
                  : statusText(lang, r.status),
              text: reasonText(lang, r),
              raw: r,
            })),
          },
        ]
      : []),
    ...c.gate.runs.map((v) => ({
      name: labelOf.get(v.runId) ?? v.runId,
      verdict: v.verdict,
      verdictText: verdictText(lang, v.verdict),
      reasons: v.reasons.map((r) => ({
        status:
          r.code === 'NOT_COMPARABLE'
            ? verdictText(lang, 'incomparable')
            : statusText(lang, r.status),
        text: reasonText(lang, r),
        raw: r,
      })),
    })),
  ];

  const notMeasured: string[] = [];
  if (!gpu) notMeasured.push(w.missing.gpu);
  if (!baseM) notMeasured.push(w.missing.baseline);
  for (const run of candidates) {
    if (!c.measured.runs.has(run.id)) notMeasured.push(w.missing.run.replace('{{run}}', run.label));
  }
  if (series.length > 0 && series.every((s) => s.sorted === null))
    notMeasured.push(w.missing.iterations);
  if (c.runs.every((r) => !r.manifest)) notMeasured.push(w.missing.manifest);
  const seen = new Set<string>();
  for (const v of c.gate.runs) {
    for (const r of v.reasons) {
      const tailGap =
        (r.rule === 'tailLatency' || r.rule === 'gpuBaseline' || r.rule === 'measuredLatency') &&
        (r.status === 'insufficient' || r.code === 'TAIL_NOT_STATED');
      if (!tailGap) continue;
      const text = reasonText(lang, r);
      if (!seen.has(text)) {
        seen.add(text);
        notMeasured.push(text);
      }
    }
  }

  return {
    lang,
    words: w,
    title: w.title,
    model: base.task.name,
    generatedAt: input.generatedAt,
    verdict: c.gate.verdict,
    verdictText: verdictText(lang, c.gate.verdict),
    environment,
    series,
    verdicts,
    knowledgeBase: c.knowledgeBase.map((k) => ({
      name: k.label,
      hitRate: k.hitRate,
      hit: k.hit,
      add: k.add,
      update: k.update,
      unsatisfied: k.unsatisfied,
      total: k.total,
    })),
    operators: c.operators.map((o) => ({
      run: labelOf.get(o.runId) ?? o.runId,
      faster: topChanges(lang, o.rows, 'improvement'),
      slower: topChanges(lang, o.rows, 'regression'),
    })),
    notMeasured,
    advice: input.advice ? input.advice.map((a) => adviceBlock(a.run, a.advice, lang)) : null,
  };
}
