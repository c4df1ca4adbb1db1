// What the Advice panel feeds the advisor: for a run, the run's task (alone, so findings about the
// file's other tasks stay on their own pages) with the profiles linked to its report; for a
// profile page, the profile alone. Findings are kept per input (the same report and profile
// objects give the same findings), so switching tabs, re-rendering or sharing does not run the
// rules again.
import { advise } from '../../../core/advisor/advise.ts';
import type { AdviceInput, Finding } from '../../../core/advisor/types.ts';
import { findingKey, type Dismissal } from '../../../core/advisor/dismissals.ts';
import type { ImportedFile } from '../../../core/formats/types.ts';
import type { ProfileData, TuningReport } from '../../../core/model/types.ts';
import type { SharedAdvice, SharedRun } from '../../../core/share/bundle-types.ts';
import { profileOf, reportOf } from '../../../core/formats/content.ts';

interface WorkspaceLike {
  readonly files: Readonly<Record<string, ImportedFile>>;
  readonly links: Readonly<Record<string, readonly string[]>>;
}

export function runAdviceInput(
  ws: WorkspaceLike,
  reportId: string,
  taskIndex: number,
): AdviceInput | null {
  const report = Object.hasOwn(ws.files, reportId) ? reportOf(ws.files[reportId]) : null;
  const task = report?.tasks[taskIndex];
  if (!report || !task) return null;
  const linked = Object.hasOwn(ws.links, reportId) ? (ws.links[reportId] ?? []) : [];
  const profiles = linked
    .map((id) => (Object.hasOwn(ws.files, id) ? profileOf(ws.files[id]) : null))
    .filter((p): p is ProfileData => p !== null && p !== undefined);
  const one: TuningReport = { ...report, tasks: [task] };
  return {
    reports: [one],
    profiles,
    links: profiles.map((p) => ({ reportId, profileId: p.id })),
  };
}

export function profileAdviceInput(profile: ProfileData): AdviceInput {
  return { profiles: [profile], links: [] };
}

// Keyed by the model objects themselves: findings go when the files go.
const byReport = new WeakMap<object, Map<string, Finding[]>>();

/** The findings of a run or a profile, computed once per (report or profile, task, profiles). */
export function adviceFor(
  anchor: TuningReport | ProfileData,
  variant: string,
  input: AdviceInput,
): Finding[] {
  let m = byReport.get(anchor);
  if (!m) {
    m = new Map();
    byReport.set(anchor, m);
  }
  const key = `${variant}|${(input.profiles ?? []).map((p) => p.id).join(',')}`;
  let found = m.get(key);
  if (!found) {
    found = advise(input);
    m.set(key, found);
  }
  return found;
}

/** The run's findings for the advisor, computed if need be (null when the run is not there). */
export function runFindings(ws: WorkspaceLike, reportId: string, taskIndex: number) {
  const input = runAdviceInput(ws, reportId, taskIndex);
  const report = Object.hasOwn(ws.files, reportId) ? reportOf(ws.files[reportId]) : null;
  if (!input || !report) return null;
  return adviceFor(report, `task:${taskIndex}`, input);
}

/** The run's Advice as a share link carries it: findings and the dismissed ones by index. */
export function sharedAdvice(
  findings: readonly Finding[],
  dismissals: Readonly<Record<string, Dismissal>>,
): SharedAdvice {
  const dismissed: [number, string][] = [];
  findings.forEach((f, i) => {
    const k = findingKey(f);
    const d = Object.hasOwn(dismissals, k) ? dismissals[k] : undefined;
    if (d) dismissed.push([i, d.reason]);
  });
  return { findings, dismissed };
}

/** A shared run with the Advice of the page that shares it. */
export function withAdvice(
  run: SharedRun,
  ws: WorkspaceLike,
  dismissals: Readonly<Record<string, Dismissal>>,
): SharedRun {
  if (run.advice) return run;
  const findings = runFindings(ws, run.reportId, run.taskIndex);
  return findings ? { ...run, advice: sharedAdvice(findings, dismissals) } : run;
}
