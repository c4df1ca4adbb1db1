// Runs between the workspace and share bundles: every tuning task of the workspace as a shareable
// run (with its linked profile's summary), and shared runs back into workspace files. Used by the
// compare and run pages (which share from the workspace) and by the shared session (which adds a
// link's runs to the workspace).
import type { CompareRun } from '../../core/model/compare.ts';
import type { ImportedFile } from '../../core/formats/types.ts';
import type { SharedRun } from '../../core/share/bundle-types.ts';
import { profileOf, reportOf } from '../../core/formats/content.ts';
import { sharedProfileContent, type SharedProfile } from '../../core/share/profile-bundle.ts';

/** A run is addressed as `<file id>:<task index>` (the same as the run page's URL parts). */
export const runId = (fileId: string, taskIndex: number): string => `${fileId}:${taskIndex}`;

export interface WorkspaceLike {
  readonly files: Readonly<Record<string, ImportedFile>>;
  readonly order: readonly string[];
  readonly links: Readonly<Record<string, readonly string[]>>;
}

/** Every tuning task in the workspace, as a shareable compare run, in workspace order. */
export function workspaceRuns(ws: WorkspaceLike): SharedRun[] {
  const out: SharedRun[] = [];
  for (const fileId of ws.order) {
    const file = ws.files[fileId];
    const report = reportOf(file);
    if (!file || !report) continue;
    const profileFile = (ws.links[fileId] ?? [])
      .map((id) => profileOf(ws.files[id]))
      .find((p) => p !== undefined && p !== null);
    const several = report.tasks.length > 1;
    report.tasks.forEach((task, i) => {
      const run: CompareRun = {
        id: runId(fileId, i),
        label: several
          ? `${file.fileName} · ${task.name} #${i + 1}`
          : `${file.fileName} · ${task.name}`,
        fileName: file.fileName,
        generation: report.generation,
        task,
        profile: profileFile?.summary ?? null,
      };
      out.push({
        run,
        reportId: fileId,
        taskIndex: i,
        layout: report.layout,
        incomplete: report.incomplete,
        profile: profileFile
          ? {
              id: profileFile.id,
              fileName: profileFile.fileName,
              format: profileFile.format,
              headerSet: profileFile.headerSet,
              summary: profileFile.summary,
            }
          : null,
      });
    });
  }
  return out;
}

/** Shared runs back into workspace files (one per report), for "add to my workspace". */
export function filesFromShared(runs: readonly SharedRun[]): ImportedFile[] {
  const byReport = new Map<string, SharedRun[]>();
  for (const r of runs) byReport.set(r.reportId, [...(byReport.get(r.reportId) ?? []), r]);
  const files: ImportedFile[] = [];
  for (const [reportId, group] of byReport) {
    const first = group[0];
    if (!first) continue;
    const sorted = [...group].sort((a, b) => a.taskIndex - b.taskIndex);
    files.push({
      id: reportId,
      fileName: first.run.fileName,
      size: 0,
      format: first.run.task.kind === 'sgat' ? 'aoe-sgat' : 'aoe-opat',
      ok: true,
      issues: [],
      content: {
        kind: 'report',
        report: {
          id: reportId,
          fileName: first.run.fileName,
          kind: first.run.task.kind,
          layout: first.layout,
          generation: first.run.generation,
          incomplete: first.incomplete,
          tasks: sorted.map((r) => r.run.task),
        },
      },
    });
  }
  return files;
}

/** The run id a shared run gets once added (its tasks are renumbered from 0 in the new file). */
export function addedRunIds(runs: readonly SharedRun[]): Map<string, string> {
  const byReport = new Map<string, SharedRun[]>();
  for (const r of runs) byReport.set(r.reportId, [...(byReport.get(r.reportId) ?? []), r]);
  const out = new Map<string, string>();
  for (const [reportId, group] of byReport) {
    [...group]
      .sort((a, b) => a.taskIndex - b.taskIndex)
      .forEach((r, i) => out.set(r.run.id, runId(reportId, i)));
  }
  return out;
}

/**
 * The shared runs of one report as a file the run page can show, with the original task index of
 * each of its tasks (a link may carry task 2 of a report without tasks 0 and 1).
 */
export function sharedReportFile(
  runs: readonly SharedRun[],
  reportId: string,
): { readonly file: ImportedFile; readonly taskIndices: readonly number[] } | null {
  const group = runs
    .filter((r) => r.reportId === reportId)
    .sort((a, b) => a.taskIndex - b.taskIndex);
  const [file] = filesFromShared(group);
  return file ? { file, taskIndices: group.map((r) => r.taskIndex) } : null;
}

/**
 * A shared comparison's profiles as workspace files, for "add to my workspace": each keeps its
 * id (the file's sha-256) and carries the per-operator totals the link brought, not rows.
 */
export function filesFromSharedProfiles(profiles: readonly SharedProfile[]): ImportedFile[] {
  return profiles.map((p) => ({
    id: p.id,
    fileName: p.fileName,
    size: 0,
    format: p.format,
    ok: true,
    issues: [],
    content: sharedProfileContent(p),
  }));
}
