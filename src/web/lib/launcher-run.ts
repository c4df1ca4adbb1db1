// Opening the Run a finished launcher pipeline made (GET /api/runs/:id, `kind: pipeline`): its
// stored, normalized parts become workspace files as they are — the AOE reports, the measurement
// files with the role the step that measured them gives (never guessed from the file name), and
// the profile's summary — each report linked to the measurements and the profile, so the run
// page's Measured view judges them. Nothing is downloaded or parsed again. The answer is untrusted
// like any input: it must match its schema, and each report the normalized model's.
import type { FormatId, ImportIssue, ImportedFile } from '../../core/formats/types.ts';
import type { Measurement } from '../../core/measure/model.ts';
import type { ProfileData, TuningReport } from '../../core/model/types.ts';
import type { LauncherPipelineRun } from '../../core/validation/generated/launcher-pipeline-run.ts';
import { validate } from '../../core/validation/index.ts';

export type PipelineRun = LauncherPipelineRun;

export interface OpenedPipelineRun {
  readonly run: PipelineRun;
  /** Reports first, then measurements, then the profile. */
  readonly files: readonly ImportedFile[];
  /** Report file id → the measurement and profile file ids linked to it. */
  readonly links: Readonly<Record<string, readonly string[]>>;
  /** The report file and task the verdict judged: the page to open. */
  readonly reportId: string | null;
  readonly taskIndex: number;
}

export type OpenResult =
  | { readonly ok: true; readonly value: OpenedPipelineRun }
  | { readonly ok: false; readonly issues: readonly ImportIssue[] };

const MEASURE_FORMATS: readonly FormatId[] = [
  'ais_bench-summary',
  'ais_bench-stdout',
  'mindspore-lite-stdout',
  'benchmark-perf',
];

/** The stored JSON measurement as the model's: samples back into a Float64Array. */
function measurementOf(
  m: PipelineRun['measurements'][number]['measurements'][number],
): Measurement {
  const { iterationsMs, ...rest } = m;
  return {
    ...rest,
    ...(iterationsMs ? { iterationsMs: Float64Array.from(iterationsMs) } : {}),
  } as Measurement;
}

/** Checks a launcher's answer and turns it into workspace files and links. */
export function openPipelineRun(body: unknown): OpenResult {
  const issues = validate('launcher-pipeline-run', body);
  if (issues.length > 0) return { ok: false, issues };
  const run = body as PipelineRun;
  const files: ImportedFile[] = [];
  const reportIds: string[] = [];
  let judged: string | null = null;
  for (const r of run.reports) {
    const bad = validate('model.v1', r.report);
    if (bad.length > 0)
      return {
        ok: false,
        issues: bad.map((i) => ({ ...i, path: `/reports/${r.step}/report${i.path ?? ''}` })),
      };
    const report = r.report as TuningReport;
    const id = report.id || r.sha256;
    files.push({
      id,
      fileName: r.fileName,
      size: r.size,
      format: report.kind === 'sgat' ? 'aoe-sgat' : 'aoe-opat',
      ok: true,
      issues: [],
      content: { kind: 'report', report: { ...report, id } },
    });
    reportIds.push(id);
    if (run.verdict.report?.runId === r.runId) judged = id;
  }
  const others: string[] = [];
  for (const m of run.measurements) {
    const format = MEASURE_FORMATS.find((f) => f === m.format) ?? 'unknown';
    files.push({
      id: m.sha256,
      fileName: m.fileName,
      size: m.size,
      format,
      ok: true,
      issues: [],
      content: {
        kind: 'measurement',
        measurements: m.measurements.map(measurementOf),
        // Named as the tool is run: MindSpore Lite's is `benchmark`.
        origin: {
          role: m.role,
          step: m.step,
          tool: m.tool === 'mslite_benchmark' ? 'benchmark' : m.tool,
        },
      },
    });
    others.push(m.sha256);
  }
  if (run.profile) {
    const p = run.profile;
    const profile: ProfileData = {
      id: p.sha256,
      fileName: p.fileName,
      format: p.format,
      headerSet: p.headerSet,
      columns: p.columns,
      // The launcher keeps the summary (by type, every operator), not the rows.
      table: null,
      summary: p.summary,
    };
    files.push({
      id: p.sha256,
      fileName: p.fileName,
      size: p.size,
      format: p.format,
      ok: true,
      issues: [],
      content: { kind: 'profile', profile },
    });
    others.push(p.sha256);
  }
  const links: Record<string, readonly string[]> = Object.create(null) as Record<
    string,
    readonly string[]
  >;
  for (const id of reportIds) links[id] = others;
  return {
    ok: true,
    value: {
      run,
      files,
      links,
      reportId: judged ?? reportIds[reportIds.length - 1] ?? null,
      taskIndex: run.verdict.report?.taskIndex ?? 0,
    },
  };
}
