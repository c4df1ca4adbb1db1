// Normalized JSON exports: a comparison in the shape of schemas/compare-output.v1.schema.json
// (what `aoe-dashboard compare --json` prints and the compare page downloads), and runs as the
// normalized model. Numbers are rounded only where AOE's own precision ends, so the figures
// match what the views show.
import type { CompareRun } from '../model/compare.ts';
import type { Comparison } from '../model/comparison.ts';
import type { GateReason } from '../model/gate.ts';
import { round } from '../model/stats.ts';
import { terminalJson } from './visible-text.ts';

const opt = (v: number | null | undefined, digits: number): number | null =>
  v === null || v === undefined || !Number.isFinite(v) ? null : round(v, digits);

const reasonJson = (r: GateReason) => ({
  rule: r.rule,
  status: r.status,
  code: r.code,
  message: r.message,
  params: { ...r.params },
});

export function comparisonToJson(c: Comparison) {
  return {
    version: 1 as const,
    baseline: c.baseline.id,
    noise: { pct: c.options.noise.pct, us: c.options.noise.us },
    runs: c.runs.map((r) => ({
      id: r.id,
      label: r.label,
      file: r.fileName,
      task: r.task.name,
      generation: r.generation,
    })),
    models: c.models.map((m) => ({
      run: m.runId,
      isBaseline: m.isBaseline,
      baselineMs: m.baselineMs,
      tunedMs: m.tunedMs,
      deltaMs: m.diff.kind === 'numeric' ? opt(m.diff.delta, 6) : null,
      deltaPct: m.diff.kind === 'numeric' ? opt(m.diff.deltaPct, 4) : null,
      label: m.label,
    })),
    operators: c.operators.map((o) => ({
      run: o.runId,
      counts: { ...o.counts },
      matched: o.matched,
      geomeanSpeedup: opt(o.geomeanSpeedup, 6),
      rows: o.rows.map((row) => ({
        name: row.name,
        type: row.type,
        dimension: row.dimension,
        bucket: row.bucket,
        label: row.label,
        baseUs: opt(row.baseUs, 3),
        candUs: opt(row.candUs, 3),
        deltaUs: row.diff.kind === 'numeric' ? opt(row.diff.delta, 3) : null,
        deltaPct: row.diff.kind === 'numeric' ? opt(row.diff.deltaPct, 4) : null,
        speedup: row.diff.kind === 'numeric' ? opt(row.diff.speedup, 6) : null,
        via: row.via,
      })),
    })),
    comparability: c.comparability.map((w) => ({
      field: w.field,
      run: w.runId,
      baseValue: w.baseValue,
      runValue: w.runValue,
    })),
    knowledgeBase: c.knowledgeBase.map((k) => ({
      run: k.runId,
      hitRate: opt(k.hitRate, 6),
      hit: k.hit,
      add: k.add,
      update: k.update,
      unsatisfied: k.unsatisfied,
      total: k.total,
    })),
    gate: {
      rules: c.rules,
      verdict: c.gate.verdict,
      reasons: c.gate.reasons.map(reasonJson),
      runs: c.gate.runs.map((v) => ({
        run: v.runId,
        verdict: v.verdict,
        reasons: v.reasons.map(reasonJson),
      })),
    },
  };
}

export type ComparisonJson = ReturnType<typeof comparisonToJson>;

/** The runs as the normalized model (tasks with their report metadata), for re-import or tools. */
export function runsToJson(runs: readonly CompareRun[]) {
  return {
    version: 1 as const,
    runs: runs.map((r) => ({
      id: r.id,
      label: r.label,
      fileName: r.fileName,
      generation: r.generation,
      task: r.task,
      ...(r.manifest ? { manifest: r.manifest } : {}),
      ...(r.profile ? { profileSummary: r.profile } : {}),
    })),
  };
}

/** Indented JSON; characters JSON leaves raw that a terminal would act on are `\u` escapes. */
export const prettyJson = (value: unknown): string =>
  terminalJson(JSON.stringify(value, null, 2)) + '\n';
