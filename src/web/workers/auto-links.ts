// Which reports and profiles belong together after a drop: files that arrived together — loose
// files of one drop, or the files of one dropped folder — are linked, every report to every
// profile of its group.
import type { ImportedFile } from '../../core/formats/types.ts';

/** The folder a file came from: the top folder of a dropped tree; '' for loose files. */
export function dropGroup(path: string): string {
  const slash = path.indexOf('/');
  return slash === -1 ? '' : path.slice(0, slash);
}

/** Report ↔ profile pairs among files that arrived together (same drop group). */
export function autoLinks(
  imported: readonly { readonly path: string; readonly file: ImportedFile }[],
): [reportId: string, profileId: string][] {
  const groups = new Map<string, { reports: string[]; profiles: string[] }>();
  for (const { path, file } of imported) {
    const key = dropGroup(path);
    const group = groups.get(key) ?? { reports: [], profiles: [] };
    groups.set(key, group);
    if (file.report) group.reports.push(file.id);
    if (file.profile) group.profiles.push(file.id);
  }
  const pairs: [string, string][] = [];
  for (const { reports, profiles } of groups.values()) {
    for (const r of reports) for (const p of profiles) pairs.push([r, p]);
  }
  return pairs;
}
