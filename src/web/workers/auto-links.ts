// Which reports and profiles belong together after a drop. Only files that arrived together —
// loose files of one drop, or the files of one dropped folder — are candidates, and a candidate
// pair is linked only when the evidence says both are of one model (core/model/link-evidence.ts:
// model names in the folders, or at least half of the tuned operators found in the profile). A
// drop of several runs and one small table therefore links the table to none of them.
import type { ImportedFile } from '../../core/formats/types.ts';
import { linkEvidence } from '../../core/model/link-evidence.ts';
import { measurementsOf, profileOf, reportOf } from '../../core/formats/content.ts';
import { measureLinkEvidence } from '../../core/measure/link.ts';

/** The folder a file came from: the top folder of a dropped tree; '' for loose files. */
export function dropGroup(path: string): string {
  const slash = path.indexOf('/');
  return slash === -1 ? '' : path.slice(0, slash);
}

/** Report ↔ profile and report ↔ measurement pairs among files that arrived together whose evidence agrees. */
export function autoLinks(
  imported: readonly { readonly path: string; readonly file: ImportedFile }[],
): [reportId: string, profileId: string][] {
  type Entry = { readonly path: string; readonly file: ImportedFile };
  const groups = new Map<string, { reports: Entry[]; profiles: Entry[]; measures: Entry[] }>();
  for (const entry of imported) {
    const key = dropGroup(entry.path);
    const group = groups.get(key) ?? { reports: [], profiles: [], measures: [] };
    groups.set(key, group);
    if (reportOf(entry.file)) group.reports.push(entry);
    if (profileOf(entry.file)) group.profiles.push(entry);
    if (measurementsOf(entry.file).length > 0) group.measures.push(entry);
  }
  const pairs: [string, string][] = [];
  for (const { reports, profiles, measures } of groups.values()) {
    for (const r of reports) {
      for (const p of profiles) {
        const report = reportOf(r.file);
        const profile = profileOf(p.file);
        if (!report || !profile) continue;
        const evidence = linkEvidence({ path: r.path, report }, { path: p.path, profile });
        if (evidence.verdict === 'match') pairs.push([r.file.id, p.file.id]);
      }
      // Measurements by the same rule on names (core/measure/link.ts); one that names no model is
      // linked only when it arrived with this report alone.
      for (const m of measures) {
        const report = reportOf(r.file);
        const first = measurementsOf(m.file)[0];
        if (!report || !first) continue;
        const evidence = measureLinkEvidence(
          { path: r.path, report },
          { path: m.path, measurement: first },
        );
        if (
          evidence.verdict === 'match' ||
          (evidence.verdict === 'unknown' && reports.length === 1)
        )
          pairs.push([r.file.id, m.file.id]);
      }
    }
  }
  return pairs;
}
