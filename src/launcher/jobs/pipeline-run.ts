// When a pipeline job succeeds, it becomes one Run in the store
// (schemas/launcher-pipeline-run.schema.json): the AOE reports its steps stored, the measurements
// of its ais_bench / benchmark steps read with the dashboard's own readers (src/core/formats),
// each with the role its step gives it — measured before any step of the job tuned is the
// baseline, after one is the tuned model — the profile msprof exported (its summary), the
// manifest of every step, and the acceptance verdict under the default gate, computed from those
// measurements (src/core/measure/verdict.ts). Everything is normalized here, once: the dashboard
// opens the Run without reading the tools' files again, and the job's working directory may be
// pruned later without losing it.
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename } from 'node:path';
import type { LauncherPipelineRun } from '../../core/validation/generated/launcher-pipeline-run.ts';
import { measurementsOf, profileOf } from '../../core/formats/content.ts';
import { importBytes } from '../../core/formats/index.ts';
import type { Measurement } from '../../core/measure/model.ts';
import { measuredVerdict } from '../../core/measure/verdict.ts';
import type { RunManifest, TuningReport } from '../../core/model/types.ts';
import type { Repo, StepRow } from '../store/repo.ts';
import { newId } from './collect.ts';

type StoredReport = LauncherPipelineRun['reports'][number];
/** The stored Run, its reports typed as the normalized model (schemas/model.v1.schema.json). */
export type PipelineRunDoc = Omit<LauncherPipelineRun, 'reports'> & {
  readonly reports: (Omit<StoredReport, 'report'> & { readonly report: TuningReport })[];
};
type StoredProfile = NonNullable<LauncherPipelineRun['profile']>;
type StoredMeasurement = PipelineRunDoc['measurements'][number];
type MeasurementJson = StoredMeasurement['measurements'][number];

/** Per-iteration samples kept at most: a 1 000 000-loop run keeps its figures, not every sample. */
export const MAX_ITERATIONS = 100_000;

export interface PipelineRunInput {
  readonly repo: Repo;
  readonly jobId: string;
  /** The model as the request named it, and the resolved file. */
  readonly requestModel: string;
  readonly modelPath: string;
  readonly preset: string | null;
  readonly device: number;
  /** The knowledge base the job's aoe steps wrote and its rebuild read, if any. */
  readonly bank: string | null;
  readonly at: string;
}

interface StepManifest {
  readonly command?: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  readonly cannVersion?: string | null;
  readonly soc?: string | null;
  readonly model?: string;
  readonly modelSha256?: string | null;
  readonly runIds?: readonly string[];
  readonly aoeMode?: string | null;
  readonly bank?: string | null;
  readonly startedAt?: string;
  readonly finishedAt?: string;
  readonly exitCode?: number;
}

interface StepFacts {
  readonly row: StepRow;
  readonly tag: { readonly jobType?: 1 | 2; readonly reusedFrom?: string };
  readonly outputs: { readonly files?: Readonly<Record<string, unknown>> } | null;
  readonly manifest: StepManifest | null;
}

const parse = <T>(text: string | null): T | null =>
  text === null ? null : (JSON.parse(text) as T);

/** A step that tunes: what is measured after it is the tuned model. */
function tunes(st: StepFacts): boolean {
  if (st.row.tool === 'aoe') return true;
  if (st.row.tool === 'atc') return typeof st.manifest?.bank === 'string';
  if (st.row.tool === 'converter_lite') return typeof st.manifest?.aoeMode === 'string';
  return false;
}

const stringFile = (v: unknown): string | null =>
  typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : null;

const SHA = /^[0-9a-f]{64}$/;
const sha = (v: unknown): string | null => (typeof v === 'string' && SHA.test(v) ? v : null);

/** A measurement as JSON: the per-iteration samples as a plain list (capped), no operator tables. */
function measurementJson(m: Measurement): MeasurementJson {
  return {
    tool: m.tool,
    source: m.source,
    toolVersion: m.toolVersion,
    batchSize: m.batchSize,
    latencyMs: m.latencyMs,
    throughputPerS: m.throughputPerS,
    throughputUnit: m.throughputUnit,
    ...(m.computeMs ? { computeMs: m.computeMs } : {}),
    ...(m.h2dMs ? { h2dMs: m.h2dMs } : {}),
    ...(m.d2hMs ? { d2hMs: m.d2hMs } : {}),
    ...(m.iterationsMs && m.iterationsMs.length <= MAX_ITERATIONS
      ? { iterationsMs: Array.from(m.iterationsMs) }
      : {}),
    model: m.model,
    device: m.device,
    derived: [...m.derived],
  };
}

async function readFile(path: string) {
  const bytes = readFileSync(path);
  return { bytes, imported: await importBytes(basename(path), bytes) };
}

/** The RunManifest fields the gate's comparability check reads, from a measuring step. */
function comparabilityOf(manifest: PipelineRunDoc['manifest']): RunManifest {
  return {
    ...(manifest.cannVersion ? { cannVersion: manifest.cannVersion } : {}),
    ...(manifest.soc ? { soc: manifest.soc } : {}),
  };
}

/** Builds the Run of a finished pipeline job from its steps as the store keeps them. */
export async function buildPipelineRun(input: PipelineRunInput): Promise<PipelineRunDoc> {
  const { repo, jobId } = input;
  const steps: StepFacts[] = repo.stepsOfJob(jobId).map((row) => ({
    row,
    tag: JSON.parse(row.tag) as StepFacts['tag'],
    outputs: parse<StepFacts['outputs']>(row.outputs),
    manifest: parse<StepManifest>(row.manifest),
  }));
  const reports: PipelineRunDoc['reports'] = [];
  const measurements: StoredMeasurement[] = [];
  let profile: PipelineRunDoc['profile'] = null;
  let tuned = false;
  let baselineOm: PipelineRunDoc['manifest']['baselineOm'] = null;
  let tunedOm: PipelineRunDoc['manifest']['tunedOm'] = null;
  for (const st of steps) {
    if (st.row.state !== 'succeeded') continue;
    const index = st.row.idx;
    for (const runId of st.manifest?.runIds ?? []) {
      const run = repo.getRun(runId);
      if (!run?.report) continue;
      const report = JSON.parse(run.report) as TuningReport;
      let size = 0;
      try {
        size = readFileSync(run.raw_path).length;
      } catch {
        // the raw copy is gone (the run was deleted meanwhile); the normalized report stays
      }
      reports.push({
        runId,
        step: index,
        fileName: run.file_name,
        sha256: run.sha256,
        size,
        report,
      });
    }
    const tool = st.row.tool;
    if (tool === 'ais_bench' || tool === 'mslite_benchmark') {
      const files = st.outputs?.files ?? {};
      const path = stringFile(tool === 'ais_bench' ? files.summary : files.log);
      if (path !== null) {
        const { imported } = await readFile(path);
        const role = tuned ? 'tuned' : 'baseline';
        measurements.push({
          step: index,
          tool,
          role,
          // Both measuring steps write measure_summary.json: the step's directory tells them apart.
          fileName: `${index + 1}-${tool}/${imported.fileName}`,
          sha256: imported.id,
          size: imported.size,
          format: imported.format,
          measurements: measurementsOf(imported).slice(0, 64).map(measurementJson),
        });
        const om = st.manifest?.model;
        if (typeof om === 'string') {
          const file = { path: om, sha256: sha(st.manifest?.modelSha256), step: index };
          if (role === 'baseline') baselineOm ??= file;
          else tunedOm = file;
        }
      }
    }
    if (tool === 'msprof' && profile === null) {
      const path = stringFile(st.outputs?.files?.opSummary);
      if (path !== null) {
        const { imported } = await readFile(path);
        const data = profileOf(imported);
        if (data) {
          profile = {
            step: index,
            fileName: imported.fileName,
            sha256: imported.id,
            size: imported.size,
            format: data.format,
            headerSet: data.headerSet,
            columns: [...data.columns],
            // The same fields; the generated type spells its arrays mutable.
            summary: data.summary as unknown as StoredProfile['summary'],
          };
        }
      }
    }
    if (tunes(st)) tuned = true;
  }

  const manifests = steps.map((st) => st.manifest);
  const first = <K extends keyof StepManifest>(key: K) =>
    manifests.map((m) => m?.[key]).find((v) => typeof v === 'string') as string | undefined;
  const bankPath =
    input.bank ?? manifests.map((m) => m?.env?.TUNE_BANK_PATH).find((v) => v !== undefined) ?? null;
  const manifest: PipelineRunDoc['manifest'] = {
    host: hostname(),
    device: input.device,
    cannVersion: first('cannVersion') ?? null,
    soc: first('soc') ?? null,
    model: input.modelPath,
    modelSha256: sha(manifests.find((m) => m?.model === input.modelPath)?.modelSha256),
    baselineOm,
    tunedOm,
    bankPath,
    steps: steps.map((st) => {
      const measured = measurements.find((m) => m.step === st.row.idx)?.measurements[0];
      return {
        index: st.row.idx,
        tool: st.row.tool,
        ...(st.tag.jobType !== undefined ? { jobType: st.tag.jobType } : {}),
        ...(st.tag.reusedFrom !== undefined ? { reusedFrom: st.tag.reusedFrom } : {}),
        command: [...(st.manifest?.command ?? [])],
        env: { ...(st.manifest?.env ?? {}) },
        toolVersion: measured?.toolVersion ?? null,
        startedAt: st.row.started_at ?? st.manifest?.startedAt ?? null,
        finishedAt: st.row.finished_at ?? st.manifest?.finishedAt ?? null,
        exitCode: st.row.exit_code,
      };
    }),
  };

  // The verdict judges the last report (the job's final tuning), its first task, against the
  // first baseline measurement and the last tuned one, at the batch size they share.
  const judgedReport = [...reports].reverse().find((r) => r.report.tasks.length > 0) ?? null;
  const baseIndex = measurements.findIndex((m) => m.role === 'baseline' && m.measurements[0]);
  const tunedIndex = measurements.findLastIndex((m) => m.role === 'tuned' && m.measurements[0]);
  const asMeasurement = (i: number): Measurement | null => {
    const m = measurements[i]?.measurements[0];
    if (!m) return null;
    const { iterationsMs, ...rest } = m;
    return {
      ...rest,
      ...(iterationsMs ? { iterationsMs: Float64Array.from(iterationsMs) } : {}),
    } as Measurement;
  };
  const task = judgedReport?.report.tasks[0];
  const judged = measuredVerdict({
    report:
      judgedReport && task
        ? {
            id: judgedReport.report.id,
            fileName: judgedReport.fileName,
            generation: judgedReport.report.generation,
            task,
          }
        : null,
    baseline: asMeasurement(baseIndex),
    tuned: asMeasurement(tunedIndex),
    baselineManifest: comparabilityOf(manifest),
    tunedManifest: comparabilityOf(manifest),
  });
  const side = (i: number) => {
    const m = measurements[i];
    return m ? { step: m.step, index: i } : null;
  };
  return {
    id: newId(),
    kind: 'pipeline',
    jobId,
    createdAt: input.at,
    model: input.requestModel,
    preset: input.preset,
    reports,
    measurements,
    profile,
    manifest,
    verdict: {
      gate: 'default',
      verdict: judged.verdict,
      reasons: judged.reasons.map((r) => ({ ...r, params: { ...r.params } })),
      missing: [...judged.missing],
      batchMismatch: judged.batchMismatch,
      report: judgedReport ? { runId: judgedReport.runId, taskIndex: 0 } : null,
      baseline: side(baseIndex),
      tuned: side(tunedIndex),
    },
  };
}

/** Builds and stores the Run of a finished pipeline job; returns its id. */
export async function storePipelineRun(input: PipelineRunInput): Promise<string> {
  const doc = await buildPipelineRun(input);
  input.repo.insertPipelineRun(doc.id, input.jobId, JSON.stringify(doc), input.at);
  return doc.id;
}
