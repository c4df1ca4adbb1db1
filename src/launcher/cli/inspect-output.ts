// ImportedFile → the `inspect` outputs: the JSON contract (schemas/inspect-output.v1), a readable
// summary for the terminal, and Markdown for reviews.
import type { ImportedFile, ImportIssue } from '../../core/formats/types.ts';
import type { TuningTask } from '../../core/model/types.ts';
import type { TimeBreakdown } from '../../core/model/profile-compare.ts';
import type { Measurement } from '../../core/measure/model.ts';
import type {
  Breakdown as InspectBreakdown,
  Measurement as InspectMeasurement,
  File as InspectFile,
  Issue as InspectIssue,
  Task as InspectTask,
  InspectOutput,
} from '../../core/validation/generated/inspect-output.v1.ts';
import { formatLabel } from '../../core/formats/index.ts';
import { profileContentOf, profileOf, reportOf } from '../../core/formats/content.ts';

/** How many operators of a profile the JSON lists (the rest are in the dashboard). */
export const TOP_OPERATORS = 50;

export function toInspectOutput(
  entries: readonly { path: string; file: ImportedFile }[],
): InspectOutput {
  return { files: entries.map(({ path, file }) => toInspectFile(path, file)) };
}

function toInspectFile(path: string, f: ImportedFile): InspectFile {
  const out: InspectFile = {
    file: path,
    format: f.format,
    ok: f.ok,
    issues: f.issues.map(toIssue),
  };
  const report = reportOf(f);
  if (report) {
    out.layout = report.layout;
    out.generation = report.generation;
    out.incomplete = report.incomplete;
    out.tasks = report.tasks.map(toTask);
  }
  const breakdown = profileContentOf(f)?.breakdown;
  if (breakdown) out.breakdown = toBreakdown(breakdown);
  if (f.content?.kind === 'measurement')
    out.measurements = f.content.measurements.map(toMeasurement);
  const profile = profileOf(f);
  if (profile) {
    const s = profile.summary;
    out.layout = profile.headerSet;
    out.profile = {
      rows: s.rows,
      totalDurationUs: s.totalDurationUs,
      byType: s.byType.map((t) => ({
        type: t.type,
        count: t.count,
        totalUs: t.totalUs,
        share: t.share,
      })),
      topOperators: s.topOperators.slice(0, TOP_OPERATORS).map((o) => ({
        name: o.name,
        type: o.type,
        count: o.count,
        totalUs: o.totalUs,
        share: o.share,
      })),
    };
  }
  return out;
}

function toBreakdown(b: TimeBreakdown): InspectBreakdown {
  return {
    steps: b.steps,
    totalUs: b.totalUs,
    meanStepUs: b.meanStepUs,
    computingUs: b.computingUs,
    communicationNotOverlappedUs: b.communicationNotOverlappedUs,
    communicationUs: b.communicationUs,
    freeUs: b.freeUs,
  };
}

function toMeasurement(m: Measurement): InspectMeasurement {
  const l = m.latencyMs;
  return {
    tool: m.tool,
    batchSize: m.batchSize,
    latencyMs: {
      count: l.count,
      min: l.min,
      max: l.max,
      mean: l.mean,
      median: l.median,
      p90: l.p90,
      p95: l.p95,
      p99: l.p99,
    },
    throughputPerS: m.throughputPerS,
  };
}

function toIssue(i: ImportIssue): InspectIssue {
  const out: InspectIssue = { code: i.code, severity: i.severity, message: i.message };
  if (i.path !== undefined) out.path = i.path;
  if (i.line !== undefined) out.line = i.line;
  if (i.offset !== undefined) out.offset = i.offset;
  const hint = hintOf(i);
  if (hint) out.hint = hint;
  return out;
}

export function hintOf(i: ImportIssue): string | null {
  if (i.otherFormat && i.otherFormat !== 'unknown') return `this is ${formatLabel(i.otherFormat)}`;
  return null;
}

function toTask(t: TuningTask): InspectTask {
  return {
    name: t.name,
    kind: t.kind,
    status: t.status,
    tuningTimeS: t.tuningTimeS,
    baselineMs: t.baselineMs,
    tunedMs: t.tunedMs,
    improvementPct: t.improvementPct,
    savedMs: t.savedMs,
    savedPct: t.savedPct,
    repoSummary: t.repoSummary ? { ...t.repoSummary } : null,
    operators: t.operators.map((o) => ({
      name: o.name,
      type: o.type,
      dimension: o.dimension,
      beforeUs: o.beforeUs,
      afterUs: o.afterUs,
      improvementPct: o.improvementPct,
      repoAction: o.repoAction,
    })),
    failedOperators: [...t.failedOperators],
  };
}

const LAYOUT_TEXT: Record<string, string> = {
  array: 'array layout',
  'report-map': 'report_<timestamp>_<tid> map',
  'bare-object': 'bare object',
};

const GENERATION_TEXT: Record<string, string> = {
  'cann-6.0': 'CANN 6.0.x',
  'cann-6.2': 'CANN 6.2',
  'cann-6.3+': 'CANN 6.3+',
  sgat: 'subgraph tuning',
  unknown: 'unknown generation',
};

export function describeFile(f: InspectFile): string {
  if (f.format === 'aoe-opat' || f.format === 'aoe-sgat') {
    const what = f.format === 'aoe-opat' ? 'AOE operator tuning' : 'AOE subgraph tuning';
    const gen = GENERATION_TEXT[f.generation ?? ''] ?? f.generation ?? '';
    const layout = LAYOUT_TEXT[f.layout ?? ''] ?? f.layout ?? '';
    return `${what}, ${gen} (${layout})${f.incomplete ? ', INCOMPLETE' : ''}`;
  }
  if (f.format === 'unknown') return 'not read';
  return `${f.format} table (${f.layout ?? 'unknown header set'})`;
}

const num = (v: number | null | undefined, digits = 3): string =>
  v === null || v === undefined ? '–' : Number(v.toFixed(digits)).toString();

export function taskLine(t: InspectTask): string {
  const parts = [`${t.kind} task "${t.name}": ${t.status}`];
  if (t.tuningTimeS !== null) parts.push(`tuned for ${t.tuningTimeS} s`);
  if (t.baselineMs !== null || t.tunedMs !== null) {
    parts.push(`${num(t.baselineMs)} ms → ${num(t.tunedMs)} ms`);
  }
  if (t.improvementPct !== null) parts.push(`AOE says +${num(t.improvementPct, 2)} %`);
  if (t.savedMs !== null && t.savedMs !== undefined) {
    parts.push(`saved ${num(t.savedMs)} ms (${num(t.savedPct, 2)} % of the baseline)`);
  }
  return parts.join(', ');
}

export function repoLine(t: InspectTask): string | null {
  const r = t.repoSummary;
  if (!r) return null;
  const hitRate = r.total > 0 ? ` (hit rate ${num((r.hit / r.total) * 100, 1)} %)` : '';
  return `knowledge base: hit ${r.hit}, add ${r.add}, update ${r.update}, reserved ${r.reserved}, unsatisfied ${r.unsatisfied} of ${r.total}${hitRate}`;
}

export function issueLine(i: InspectIssue): string {
  const where = [
    i.path !== undefined && i.path !== '' ? `at ${i.path}` : null,
    i.line !== undefined ? `line ${i.line}` : null,
    i.offset !== undefined ? `byte ${i.offset}` : null,
  ].filter(Boolean);
  const hint = i.hint ? ` (hint: ${i.hint})` : '';
  return `${i.severity === 'error' ? 'error' : 'warning'} ${i.code}${where.length ? ` ${where.join(', ')}` : ''}: ${i.message}${hint}`;
}
