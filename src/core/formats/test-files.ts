// Small ImportedFile builders for unit tests (core and web): a report, a profile, a measurement
// file, a failed file.
import type { Measurement } from '../measure/model.ts';
import { NO_STATS } from '../measure/model.ts';
import type { ImportedFile, ImportIssue } from './types.ts';
import type { TuningTask } from '../model/types.ts';

export function task(name: string, reportKey: string | null = null): TuningTask {
  return {
    name,
    kind: 'opat',
    status: 'succeeded',
    statusText: 'tuning successful',
    reportKey,
    tuningTimeS: 10,
    baselineMs: 12,
    tunedMs: 10,
    improvementPct: 20,
    recomputedImprovementPct: 20,
    savedMs: 2,
    savedPct: 16.666666666666664,
    repoSummary: null,
    operators: [],
    failedOperators: [],
    extra: {},
  };
}

export function reportFile(id: string, tasks: readonly TuningTask[] = [task('t0')]): ImportedFile {
  return {
    id,
    fileName: `aoe_result_opat_${id}.json`,
    size: 100,
    format: 'aoe-opat',
    ok: true,
    issues: [],
    content: {
      kind: 'report',
      report: {
        id,
        fileName: `aoe_result_opat_${id}.json`,
        kind: 'opat',
        layout: 'array',
        generation: 'cann-6.3+',
        incomplete: false,
        tasks,
      },
    },
  };
}

export function profileFile(id: string): ImportedFile {
  return {
    id,
    fileName: `op_summary_${id}.csv`,
    size: 200,
    format: 'op-summary',
    ok: true,
    issues: [],
    content: {
      kind: 'profile',
      profile: {
        id,
        fileName: `op_summary_${id}.csv`,
        format: 'op-summary',
        headerSet: 'msprof-8.x',
        columns: [],
        table: null,
        summary: { rows: 0, totalDurationUs: 0, byType: [], topOperators: [] },
      },
    },
  };
}

/** A measurement file holding one ais_bench (or `tool`) measurement with the given mean and batch. */
export function measurementFile(
  id: string,
  meanMs: number,
  over: Partial<Measurement> = {},
  fileName = `${id}_summary.json`,
): ImportedFile {
  const m: Measurement = {
    tool: 'ais_bench',
    source: 'ais_bench-summary-json',
    toolVersion: null,
    batchSize: 1,
    latencyMs: { ...NO_STATS, mean: meanMs },
    throughputPerS: null,
    throughputUnit: null,
    model: null,
    device: null,
    derived: [],
    ...over,
  };
  return {
    id,
    fileName,
    size: 100,
    format: m.tool === 'trtexec' ? 'trtexec-times' : 'ais_bench-summary',
    ok: true,
    issues: [],
    content: { kind: 'measurement', measurements: [m] },
  };
}

export function failedFile(id: string, issue: ImportIssue): ImportedFile {
  return {
    id,
    fileName: `${id}.json`,
    size: 0,
    format: 'unknown',
    ok: false,
    issues: [issue],
    content: null,
  };
}
