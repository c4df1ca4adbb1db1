// The URLs of the routed pages, in one place. A run is addressed by its file id and the task's
// index in the report (`/run/<sha-256>/0`): stable, URL-safe, and unique even when two tasks of a
// report-map file share a name. `taskIndexFromParam` also accepts a task's name or report key, so
// hand-written URLs work too.
import type { TuningReport } from '../../core/model/types.ts';

export function runPath(fileId: string, taskIndex: number): string {
  return `/run/${encodeURIComponent(fileId)}/${taskIndex}`;
}

export function profilePath(fileId: string): string {
  return `/profile/${encodeURIComponent(fileId)}`;
}

/** The task index a `:task` route parameter designates in this report, or null. */
export function taskIndexFromParam(report: TuningReport, param: string): number | null {
  if (/^\d{1,6}$/.test(param)) {
    const index = Number(param);
    return index < report.tasks.length ? index : null;
  }
  const byKey = report.tasks.findIndex((t) => t.reportKey === param);
  if (byKey >= 0) return byKey;
  const byName = report.tasks.findIndex((t) => t.name === param);
  return byName >= 0 ? byName : null;
}
