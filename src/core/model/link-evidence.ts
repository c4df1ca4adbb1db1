// Whether a profile measured the same model as a tuning report, and why we think so. A profile is
// linked to a report automatically only on evidence; a link made by hand is checked the same way,
// so the run page can warn when the two disagree.
//
// The evidence, strongest first:
// 1. Model names. Words that name a model (`resnet50`, `llama2`) are taken from the report's task
//    names and folders and from the profile's folders (generic words — aoe, result, prof, device,
//    summary, ascend_pt, … — numbers and ids are dropped). Names agree when a word of one side equals
//    a word of the other, or one starts with the other (≥ 4 letters: `resnet` ~ `resnet50`). When
//    both sides name a model and none agree, the files are of different models.
// 2. Operator names. The share of the report's tuned operators (distinct names, compared loosely as
//    in the profile join) found among the profile's operators. At least LINK_MIN_OPERATOR_OVERLAP
//    (half) must be found: a profile of the tuned model contains every operator AOE tuned, while a
//    profile of another model, or a one-row table, contains few or none of them.
// A profile with only per-type totals (op_statistic), or a report without operators (subgraph
// tuning), gives no operator evidence; then names alone decide.
import { normalizeOpName } from './join.ts';
import type { ProfileData, TuningReport } from './types.ts';

/** At least this share of the report's tuned operators must appear in the profile. */
export const LINK_MIN_OPERATOR_OVERLAP = 0.5;

export type NameEvidence =
  | { readonly kind: 'agree'; readonly name: string }
  | {
      readonly kind: 'disagree';
      readonly reportNames: readonly string[];
      readonly profileNames: readonly string[];
    }
  | { readonly kind: 'unknown' };

export interface OperatorEvidence {
  /** Distinct tuned operator names of the report found in the profile. */
  readonly matched: number;
  /** Distinct tuned operator names of the report. */
  readonly total: number;
}

export type LinkVerdict = 'match' | 'mismatch' | 'unknown';

export interface LinkEvidence {
  readonly verdict: LinkVerdict;
  readonly names: NameEvidence;
  /** Null when either side has no operator names to compare. */
  readonly operators: OperatorEvidence | null;
}

const GENERIC = new Set([
  'aoe',
  'result',
  'results',
  'opat',
  'sgat',
  'tune',
  'tuned',
  'tuning',
  'om',
  'onnx',
  'json',
  'csv',
  'prof',
  'device',
  'host',
  'summary',
  'mindstudio',
  'profiler',
  'profiling',
  'output',
  'ascend',
  'kernel',
  'details',
  'statistic',
  'op',
  'ops',
  'run',
  'runs',
  'model',
  'models',
  'data',
  'trace',
  'view',
  'step',
  'time',
  'msprof',
  'torch',
  'npu',
  'job',
  'jobs',
  'task',
  'log',
  'logs',
  'tmp',
  'demo',
  'report',
  'reports',
  'offline',
  'online',
  'baseline',
  'analyze',
  'timeline',
  'export',
  'exports',
  'files',
  'new',
  'old',
  'final',
  'test',
  'work',
  'home',
  'users',
  'user',
]);

/** Folder names that profilers generate (ids and timestamps, no model name). */
const GENERATED_FOLDER = /^(prof_[0-9a-z_]+|device_\d+|ascend_profiler_output)$/i;

/** Model-naming words of some text: lower case, letters required, generic words and ids dropped. */
export function modelWords(text: string): string[] {
  const words = text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(
      (w) =>
        w.length >= 3 &&
        /\p{L}/u.test(w) &&
        !GENERIC.has(w) &&
        !/^pid\d+$/.test(w) &&
        // Hex ids and hashes: long runs of hex digits with digits among them.
        !(/^[0-9a-f]{8,}$/.test(w) && /\d/.test(w)),
    );
  return [...new Set(words)];
}

/** The folders of a path (the file name itself is left out: tools name files generically). */
function folderWords(path: string): string[] {
  const parts = path.split(/[\\/]/).slice(0, -1);
  return parts.filter((p) => !GENERATED_FOLDER.test(p)).flatMap((p) => modelWords(p));
}

function wordsAgree(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short.length >= 4 && long.startsWith(short);
}

export function nameEvidence(
  reportPath: string,
  report: TuningReport,
  profilePath: string,
): NameEvidence {
  return taskNameEvidence(
    reportPath,
    report.tasks.map((t) => t.name),
    profilePath,
  );
}

/** Name evidence for some tasks of a report (the run page's one task), by their names. */
export function taskNameEvidence(
  reportPath: string,
  taskNames: readonly string[],
  profilePath: string,
): NameEvidence {
  const reportNames = [
    ...new Set([...taskNames.flatMap((n) => modelWords(n)), ...folderWords(reportPath)]),
  ];
  const profileNames = [...new Set(folderWords(profilePath))];
  if (reportNames.length === 0 || profileNames.length === 0) return { kind: 'unknown' };
  for (const r of reportNames)
    for (const p of profileNames) if (wordsAgree(r, p)) return { kind: 'agree', name: r };
  return { kind: 'disagree', reportNames, profileNames };
}

/** Distinct tuned operator names of every task of the report, loosely normalized. */
function tunedNames(report: TuningReport): Set<string> {
  const names = new Set<string>();
  for (const t of report.tasks) {
    for (const o of t.operators) names.add(normalizeOpName(o.name));
    for (const f of t.failedOperators) names.add(normalizeOpName(f));
  }
  names.delete('');
  return names;
}

export function operatorEvidence(
  report: TuningReport,
  profile: ProfileData,
): OperatorEvidence | null {
  const tuned = tunedNames(report);
  const profiled = profile.summary.topOperators;
  if (tuned.size === 0 || profiled.length === 0) return null;
  const inProfile = new Set(profiled.map((o) => normalizeOpName(o.name)));
  let matched = 0;
  for (const n of tuned) if (inProfile.has(n)) matched++;
  return { matched, total: tuned.size };
}

/** The evidence that a report and a profile are of one model, and the verdict it gives. */
export function linkEvidence(
  report: { readonly path: string; readonly report: TuningReport },
  profile: { readonly path: string; readonly profile: ProfileData },
): LinkEvidence {
  const names = nameEvidence(report.path, report.report, profile.path);
  const operators = operatorEvidence(report.report, profile.profile);
  let verdict: LinkVerdict;
  if (names.kind === 'disagree') verdict = 'mismatch';
  else if (operators)
    verdict =
      operators.matched / operators.total >= LINK_MIN_OPERATOR_OVERLAP ? 'match' : 'mismatch';
  else verdict = names.kind === 'agree' ? 'match' : 'unknown';
  return { verdict, names, operators };
}
