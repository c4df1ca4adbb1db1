// What the Advice panel feeds the advisor: for a run, the run's task (alone, so findings about the
// file's other tasks stay on their own pages) with what the workspace links to its report — the
// profiles, their precision digests and timeline summaries, and the benchmark measurements in the
// roles and batch sizes the run's Measured view shows them in; for a profile page, the profile
// with its own digest and the timelines linked beside it. Findings are kept per input (the same
// report and linked files give the same findings), so switching tabs, re-rendering or sharing
// does not run the rules again.
import { advise } from '../../../core/advisor/advise.ts';
import type { AdviceInput, Finding, MeasurementInput } from '../../../core/advisor/types.ts';
import { findingKey, type Dismissal } from '../../../core/advisor/dismissals.ts';
import type { PrecisionDigest } from '../../../core/advisor/precision-digest.ts';
import type { ImportedFile } from '../../../core/formats/types.ts';
import type { TimelineSummary } from '../../../core/formats/timeline/summarize.ts';
import type { ProfileData, TuningReport } from '../../../core/model/types.ts';
import { measuredBatches, type MeasureRole } from '../../../core/measure/link.ts';
import type { SharedAdvice, SharedRun } from '../../../core/share/bundle-types.ts';
import { profileContentOf, profileOf, reportOf } from '../../../core/formats/content.ts';
import { linkedMeasurements, type MeasureChoice } from '../../../core/model/run.ts';

interface WorkspaceLike {
  readonly files: Readonly<Record<string, ImportedFile>>;
  readonly links: Readonly<Record<string, readonly string[]>>;
  /** Roles and batch sizes set by hand, by measurement file id. */
  readonly measureChoices?: Readonly<Record<string, MeasureChoice>>;
}

const ROLES: readonly MeasureRole[] = ['baseline', 'tuned', 'gpu'];

const fileOf = (ws: WorkspaceLike, id: string): ImportedFile | undefined =>
  Object.hasOwn(ws.files, id) ? ws.files[id] : undefined;

const linkedIds = (ws: WorkspaceLike, reportId: string): readonly string[] =>
  Object.hasOwn(ws.links, reportId) ? (ws.links[reportId] ?? []) : [];

/**
 * The measurements linked to a report as the advisor takes them: the ones the Measured view
 * pairs (one a role and batch size), with the role and the batch size it resolved — a trtexec
 * export states no batch, the path or the other files do.
 */
export function runMeasurementInputs(ws: WorkspaceLike, reportId: string): MeasurementInput[] {
  const linked = linkedMeasurements(ws, reportId);
  const indexOf = new Map<(typeof linked)[number], number>();
  const perFile = new Map<string, number>();
  for (const l of linked) {
    const i = perFile.get(l.id) ?? 0;
    perFile.set(l.id, i + 1);
    indexOf.set(l, i);
  }
  const out: MeasurementInput[] = [];
  for (const batch of measuredBatches(linked)) {
    for (const role of ROLES) {
      const l = batch[role];
      if (!l) continue;
      const m = l.measurement;
      out.push({
        fileId: l.id,
        fileName: l.path,
        index: indexOf.get(l) ?? 0,
        measurement: m.batchSize === batch.batchSize ? m : { ...m, batchSize: batch.batchSize },
        role,
      });
    }
  }
  return out;
}

/** The timeline summaries and precision digests of some files, in order. */
function sideData(files: readonly (ImportedFile | undefined)[]): {
  timelines: TimelineSummary[];
  precision: PrecisionDigest[];
} {
  const timelines: TimelineSummary[] = [];
  const precision: PrecisionDigest[] = [];
  for (const f of files) {
    const c = profileContentOf(f);
    if (c?.timeline) timelines.push(c.timeline);
    if (c?.precision) precision.push(c.precision);
  }
  return { timelines, precision };
}

export function runAdviceInput(
  ws: WorkspaceLike,
  reportId: string,
  taskIndex: number,
): AdviceInput | null {
  const report = reportOf(fileOf(ws, reportId));
  const task = report?.tasks[taskIndex];
  if (!report || !task) return null;
  const linked = linkedIds(ws, reportId).map((id) => fileOf(ws, id));
  const profiles = linked.map((f) => profileOf(f)).filter((p): p is ProfileData => p !== null);
  const one: TuningReport = { ...report, tasks: [task] };
  return {
    reports: [one],
    profiles,
    ...sideData(linked),
    measurements: runMeasurementInputs(ws, reportId),
    links: profiles.map((p) => ({ reportId, profileId: p.id })),
  };
}

/**
 * A profile page's input: the profile, its own precision digest and timeline, and the timelines
 * linked to the same reports as it (a capture's trace_view.json next to its kernel table).
 */
export function profileAdviceInput(ws: WorkspaceLike, profileId: string): AdviceInput | null {
  const file = fileOf(ws, profileId);
  const profile = profileOf(file);
  if (!profile) return null;
  const own = sideData([file]);
  const beside = new Set<string>();
  for (const [reportId, ids] of Object.entries(ws.links)) {
    if (!ids.includes(profileId) || !reportOf(fileOf(ws, reportId))) continue;
    for (const id of ids) if (id !== profileId) beside.add(id);
  }
  const others = sideData([...beside].map((id) => fileOf(ws, id)));
  return {
    profiles: [profile],
    timelines: [...own.timelines, ...others.timelines],
    precision: own.precision,
    links: [],
  };
}

/** What an input holds, as a key: the same files in the same roles give the same findings. */
export function inputKey(input: AdviceInput): string {
  return [
    (input.profiles ?? []).map((p) => p.id).join(','),
    (input.timelines ?? []).map((t) => t.id).join(','),
    (input.precision ?? []).map((d) => d.fileId).join(','),
    (input.measurements ?? [])
      .map((m) => `${m.fileId}:${m.index}:${m.role ?? ''}:${m.measurement.batchSize ?? ''}`)
      .join(','),
  ].join('|');
}

// Keyed by the model objects themselves: findings go when the files go.
const byReport = new WeakMap<object, Map<string, Finding[]>>();

/** The findings of a run or a profile, computed once per (report or profile, task, linked files). */
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
  const key = `${variant}|${inputKey(input)}`;
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
  const report = reportOf(fileOf(ws, reportId));
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
