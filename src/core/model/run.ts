// The Run: one tuning task of an AOE report together with everything linked to it — the
// profile's summary, the benchmark measurements (baseline OM, tuned OM, GPU baseline, by batch
// size, each with its role and why), the launcher's manifest and the Advice panel as shared.
// A run is addressed as `<report id>:<task index>` wherever it appears (workspace, run page URL,
// share bundle, permalink). `workspaceRuns` builds the runs from workspace files and links, a
// share bundle or a permalink yields the same type, and `toCompareRuns` is the one way any of
// them becomes what compare and the gate judge.
import { measurementsOf, profileOf, reportOf } from '../formats/content.ts';
import type { ImportedFile } from '../formats/types.ts';
import {
  measureRole,
  measuredBatches,
  type LinkedMeasurement,
  type MeasureRole,
} from '../measure/link.ts';
import type { Measurement } from '../measure/model.ts';
import type { SharedAdvice } from '../share/bundle-types.ts';
import type { CompareRun } from './compare.ts';
import type { MeasuredInputs } from './gate.ts';
import type { AoeLayout, ProfileData, RunManifest, TuningReport } from './types.ts';

export interface Run {
  /** The task as compare sees it; `run.id` is `<reportId>:<taskIndex>`. */
  readonly run: CompareRun;
  readonly reportId: string;
  /** The task's index in the file it came from. */
  readonly taskIndex: number;
  readonly layout: AoeLayout;
  readonly incomplete: boolean;
  readonly profile: Pick<
    ProfileData,
    'id' | 'fileName' | 'format' | 'headerSet' | 'summary'
  > | null;
  /** The measurements linked to the run's report; absent in links made before they travelled. */
  readonly measurements?: readonly LinkedMeasurement[];
  /** The run's findings and dismissals, when the sharer's page had them. */
  readonly advice?: SharedAdvice;
}

/** A run's address: the same in the workspace, the run page's URL and a share bundle. */
export const runId = (reportId: string, taskIndex: number): string => `${reportId}:${taskIndex}`;

/** What the user set by hand for a measurement file: its role, its batch size. */
export interface MeasureChoice {
  readonly role?: MeasureRole;
  readonly batchSize?: number;
}

export interface WorkspaceLike {
  readonly files: Readonly<Record<string, ImportedFile | undefined>>;
  readonly order: readonly string[];
  readonly links: Readonly<Record<string, readonly string[]>>;
  /** Roles and batch sizes set by hand, by measurement file id. */
  readonly measureChoices?: Readonly<Record<string, MeasureChoice>>;
}

/**
 * The measurements of the files linked to a report, each with its role and why: a role set by
 * hand wins over the evidence (the tool, words of the path), a batch size set by hand over the
 * tool's and the path's.
 */
export function linkedMeasurements(
  ws: Pick<WorkspaceLike, 'files' | 'links' | 'measureChoices'>,
  reportId: string,
): LinkedMeasurement[] {
  const out: LinkedMeasurement[] = [];
  for (const id of ws.links[reportId] ?? []) {
    const file = ws.files[id];
    const choice = ws.measureChoices?.[id];
    // A launcher pipeline's measurement: the step that measured it says baseline or tuned.
    const origin = file?.content?.kind === 'measurement' ? file.content.origin : undefined;
    for (const m of measurementsOf(file)) {
      const path = file?.fileName ?? id;
      const auto = origin
        ? {
            role: origin.role,
            reason: { kind: 'step' as const, step: origin.step, tool: origin.tool },
          }
        : measureRole(path, m);
      out.push({
        id,
        path,
        measurement: m,
        ...(choice?.role ? { role: choice.role, reason: { kind: 'hand' as const } } : auto),
        ...(choice?.role ? { evidence: auto } : {}),
        ...(choice?.batchSize !== undefined ? { handBatch: choice.batchSize } : {}),
      });
    }
  }
  return out;
}

/** The runs of one report: one per task, labelled by file and task name. */
export function reportRuns(
  report: TuningReport,
  linked: {
    readonly reportId?: string;
    readonly manifest?: RunManifest | null;
    readonly profile?: Run['profile'];
    readonly measurements?: readonly LinkedMeasurement[];
  } = {},
): Run[] {
  const reportId = linked.reportId ?? report.id;
  const several = report.tasks.length > 1;
  return report.tasks.map((task, i) => ({
    run: {
      id: runId(reportId, i),
      label: several
        ? `${report.fileName} · ${task.name} #${i + 1}`
        : `${report.fileName} · ${task.name}`,
      fileName: report.fileName,
      generation: report.generation,
      task,
      profile: linked.profile?.summary ?? null,
      ...(linked.manifest ? { manifest: linked.manifest } : {}),
    },
    reportId,
    taskIndex: i,
    layout: report.layout,
    incomplete: report.incomplete,
    profile: linked.profile ?? null,
    ...(linked.measurements && linked.measurements.length > 0
      ? { measurements: linked.measurements }
      : {}),
  }));
}

/** Every tuning task in the workspace as a run, in workspace order, with what is linked to it. */
export function workspaceRuns(ws: WorkspaceLike): Run[] {
  const out: Run[] = [];
  for (const fileId of ws.order) {
    const file = ws.files[fileId];
    const report = reportOf(file);
    if (!file || !report) continue;
    const linkedProfile = (ws.links[fileId] ?? [])
      .map((id) => profileOf(ws.files[id]))
      .find((p) => p !== undefined && p !== null);
    const profile = linkedProfile
      ? {
          id: linkedProfile.id,
          fileName: linkedProfile.fileName,
          format: linkedProfile.format,
          headerSet: linkedProfile.headerSet,
          summary: linkedProfile.summary,
        }
      : null;
    out.push(
      ...reportRuns(
        { ...report, fileName: file.fileName },
        { reportId: fileId, profile, measurements: linkedMeasurements(ws, fileId) },
      ),
    );
  }
  return out;
}

/**
 * What compare and the gate judge, from any runs (the workspace's, a share link's, a
 * permalink's): the compare runs, and the measured inputs — each run judged on the tuned OM of
 * the smallest batch size that has one, the GPU baseline the first one linked to any of them.
 */
export function toCompareRuns(runs: readonly Run[]): {
  readonly runs: readonly CompareRun[];
  readonly measured: MeasuredInputs;
} {
  const byRun = new Map<string, Measurement>();
  let gpu: Measurement | null = null;
  for (const r of runs) {
    const batch = measuredBatches(r.measurements ?? []).find((b) => b.tuned);
    if (batch?.tuned) byRun.set(r.run.id, batch.tuned.measurement);
    gpu ??= batch?.gpu?.measurement ?? null;
  }
  return { runs: runs.map((r) => r.run), measured: { runs: byRun, gpu } };
}
