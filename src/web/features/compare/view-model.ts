// Model → what the compare page shows: the runs the workspace offers, compare runs built from
// them (with the linked profile's summary for shape matching), and formatted cells. Views never
// decide better/worse themselves: labels come from core's `labelDiff` through the comparison.
import type { CompareRun, DiffLabel, OperatorRow } from '../../../core/model/compare.ts';
import type { ImportedFile } from '../../../core/formats/types.ts';
import type { SharedRun } from '../../../core/share/bundle-types.ts';
import type { SortSpec } from '../../../core/share/view-state.ts';

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
    const report = file?.report;
    if (!file || !report) continue;
    const profileFile = (ws.links[fileId] ?? [])
      .map((id) => ws.files[id]?.profile)
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
      report: {
        id: reportId,
        fileName: first.run.fileName,
        kind: first.run.task.kind,
        layout: first.layout,
        generation: first.run.generation,
        incomplete: first.incomplete,
        tasks: sorted.map((r) => r.run.task),
      },
      profile: null,
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

export const GLYPH: Record<DiffLabel, string> = { improvement: '▲', neutral: '', regression: '▼' };
export const LABEL_CLASS: Record<DiffLabel, string> = {
  improvement: 'better',
  neutral: 'neutral',
  regression: 'worse',
};

export interface TableRow extends OperatorRow {
  readonly runId: string;
  readonly runLabel: string;
}

const num = (row: TableRow, col: SortSpec['id']): number | string => {
  const d = row.diff;
  switch (col) {
    case 'name':
      return row.name;
    case 'type':
      return row.type;
    case 'dimension':
      return row.dimension ?? '';
    case 'bucket':
      return row.bucket;
    case 'baseUs':
      return row.baseUs ?? NaN;
    case 'candUs':
      return row.candUs ?? NaN;
    case 'deltaUs':
      return d.kind === 'numeric' ? d.delta : NaN;
    case 'deltaPct':
      return d.kind === 'numeric' ? (d.deltaPct ?? NaN) : NaN;
    case 'speedup':
      return d.kind === 'numeric' ? (d.speedup ?? NaN) : NaN;
  }
};

/** Multi-column sort; missing numbers always sort last, whatever the direction. */
export function sortRows(rows: readonly TableRow[], sort: readonly SortSpec[]): TableRow[] {
  if (sort.length === 0) return [...rows];
  return [...rows].sort((a, b) => {
    for (const s of sort) {
      const x = num(a, s.id);
      const y = num(b, s.id);
      let c: number;
      if (typeof x === 'number' && typeof y === 'number') {
        const xn = Number.isNaN(x);
        const yn = Number.isNaN(y);
        if (xn || yn) {
          if (xn && yn) continue;
          return xn ? 1 : -1;
        }
        c = x - y;
      } else c = String(x).localeCompare(String(y));
      if (c !== 0) return s.desc ? -c : c;
    }
    return 0;
  });
}

/** Operators only the run has, and only the baseline has: the candidates for a rename pair. */
export function renameCandidates(rows: readonly TableRow[]): {
  added: string[];
  removed: string[];
} {
  const added = new Set<string>();
  const removed = new Set<string>();
  for (const r of rows) {
    if (r.bucket === 'added' && r.candName !== null) added.add(r.candName);
    if (r.bucket === 'removed') removed.add(r.name);
  }
  return { added: [...added].sort(), removed: [...removed].sort() };
}
