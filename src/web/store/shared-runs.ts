// Runs between the workspace and share bundles: the workspace's runs (core/model/run.ts builds
// them from files and links), and shared runs back into workspace files. Used by the compare and
// run pages (which share from the workspace) and by the shared session (which adds a link's runs
// to the workspace).
import type { ImportedFile } from '../../core/formats/types.ts';
import type { SharedRun } from '../../core/share/bundle-types.ts';
import { runId, type MeasureChoice } from '../../core/model/run.ts';
import type { FormatId } from '../../core/formats/types.ts';
import type { Measurement, MeasureSource } from '../../core/measure/model.ts';
import { sharedProfileContent, type SharedProfile } from '../../core/share/profile-bundle.ts';

export { runId, workspaceRuns, type WorkspaceLike } from '../../core/model/run.ts';

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

const FORMAT_OF_SOURCE: Readonly<Record<MeasureSource, FormatId>> = {
  'ais_bench-summary-json': 'ais_bench-summary',
  'ais_infer-sumary-json': 'ais_bench-summary',
  'ais_bench-stdout': 'ais_bench-stdout',
  'benchmark-perf-txt': 'benchmark-perf',
  'mindspore-lite-stdout': 'mindspore-lite-stdout',
  'trtexec-stdout': 'trtexec-stdout',
  'trtexec-export-times': 'trtexec-times',
};

/**
 * The measurement files shared runs carry, back into workspace files (one per file id, with the
 * measurements the link holds), the links of each report to them, and the roles and batch sizes
 * the sharer set by hand — so "add to my workspace" keeps the Measured view.
 */
export function measurementsFromShared(runs: readonly SharedRun[]): {
  readonly files: ImportedFile[];
  readonly links: [reportId: string, fileId: string][];
  readonly choices: [fileId: string, MeasureChoice][];
} {
  // A file's measurements come from the first run that carries it: every task of a report
  // carries the report's measurements, so the same file travels once per task.
  const byId = new Map<string, { path: string; owner: string; list: Measurement[] }>();
  const pairs = new Map<string, [string, string]>();
  const choices = new Map<string, MeasureChoice>();
  for (const r of runs) {
    for (const l of r.measurements ?? []) {
      pairs.set(JSON.stringify([r.reportId, l.id]), [r.reportId, l.id]);
      let entry = byId.get(l.id);
      if (!entry) {
        entry = { path: l.path, owner: r.run.id, list: [] };
        byId.set(l.id, entry);
      }
      if (entry.owner === r.run.id) entry.list.push(l.measurement);
      const choice = {
        ...(l.reason.kind === 'hand' && l.role ? { role: l.role } : {}),
        ...(l.handBatch !== undefined ? { batchSize: l.handBatch } : {}),
      };
      if (Object.keys(choice).length > 0) choices.set(l.id, choice);
    }
  }
  const files = [...byId].map(([id, { path, list }]): ImportedFile => ({
    id,
    fileName: path,
    size: 0,
    format: FORMAT_OF_SOURCE[list[0]?.source ?? 'ais_bench-summary-json'],
    ok: true,
    issues: [],
    content: { kind: 'measurement', measurements: list },
  }));
  return { files, links: [...pairs.values()], choices: [...choices] };
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
