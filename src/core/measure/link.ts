// Which benchmark measurements belong to a tuning run, and in which role: the OM before tuning
// (baseline), the OM built with the tuned knowledge base (tuned), or the GPU model users migrate
// from (gpu). The same evidence rules as profiles (core/model/link-evidence.ts) decide whether a
// measurement is of the run's model at all:
// 1. Model names: words of the report's task names and folders against the words of the
//    measurement's folders, its file name and the model the tool names (ais_bench's --model path,
//    trtexec's --onnx/--loadEngine). Agree → linked; both name a model and none agree → another
//    model, never linked automatically.
// 2. Nothing names a model on either side → unknown; the caller links it only when the drop held
//    exactly one report, so a lone summary next to one report is not left out.
// The role comes from the tool first (trtexec runs on a GPU), then from words of the path and the
// model name: before/origin/untuned/baseline → baseline; tuned/after/kb/aoe/opt → tuned. With no
// such word the role is unknown and the user picks it. Measurements are grouped by batch size.
import type { TuningReport } from '../model/types.ts';
import { modelWords } from '../model/link-evidence.ts';
import type { Measurement } from './model.ts';

export type MeasureRole = 'baseline' | 'tuned' | 'gpu';

export type MeasureNameEvidence =
  | { readonly kind: 'agree'; readonly name: string }
  | {
      readonly kind: 'disagree';
      readonly reportNames: readonly string[];
      readonly measureNames: readonly string[];
    }
  | { readonly kind: 'unknown' };

/** Why a measurement got its role. */
export type RoleReason =
  | { readonly kind: 'tool'; readonly tool: string }
  | { readonly kind: 'word'; readonly word: string }
  | { readonly kind: 'hand' }
  /** The launcher's pipeline step that measured it (before or after tuning). */
  | { readonly kind: 'step'; readonly step: number; readonly tool: string }
  | { readonly kind: 'none' };

export interface MeasureLinkEvidence {
  readonly verdict: 'match' | 'mismatch' | 'unknown';
  readonly names: MeasureNameEvidence;
}

export const BASELINE_WORDS = [
  'baseline',
  'base',
  'before',
  'orig',
  'origin',
  'original',
  'untuned',
  'notune',
  'pre',
];
export const TUNED_WORDS = ['tuned', 'tune', 'after', 'kb', 'aoe', 'opt', 'optimized', 'post'];

/** Lower-case words of a path or name, split on anything not a letter or digit. */
function rawWords(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

/** Words that name a model on the measurement's side: folders, file name, the tool's model. */
function measureNames(path: string, m: Measurement): string[] {
  const parts = path.split(/[\\/]/);
  const file = parts.pop() ?? '';
  // A file name like 2024_05_01-10_11_12_summary.json names nothing; resnet50_bs8_summary.json does.
  const fileWords = modelWords(file.replace(/\.[^.]+$/, '')).filter((w) => !/^bs\d+$/.test(w));
  const modelFile = m.model ? (m.model.split(/[\\/]/).pop() ?? '') : '';
  return [
    ...new Set([
      ...parts.flatMap((p) => modelWords(p)),
      ...fileWords,
      ...modelWords(modelFile.replace(/\.[^.]+$/, '')),
    ]),
  ].filter((w) => !BASELINE_WORDS.includes(w) && !TUNED_WORDS.includes(w));
}

function reportNames(path: string, report: TuningReport): string[] {
  const folders = path.split(/[\\/]/).slice(0, -1);
  return [
    ...new Set([
      ...report.tasks.flatMap((t) => modelWords(t.name)),
      ...folders.flatMap((p) => modelWords(p)),
    ]),
  ];
}

function agree(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short.length >= 4 && long.startsWith(short);
}

/** Whether a measurement is of the report's model, by the names each side states. */
export function measureLinkEvidence(
  report: { readonly path: string; readonly report: TuningReport },
  measurement: { readonly path: string; readonly measurement: Measurement },
): MeasureLinkEvidence {
  const r = reportNames(report.path, report.report);
  const m = measureNames(measurement.path, measurement.measurement);
  if (r.length === 0 || m.length === 0) return { verdict: 'unknown', names: { kind: 'unknown' } };
  for (const a of r)
    for (const b of m)
      if (agree(a, b)) return { verdict: 'match', names: { kind: 'agree', name: a } };
  return {
    verdict: 'mismatch',
    names: { kind: 'disagree', reportNames: r, measureNames: m },
  };
}

/** The role a measurement plays for a run, and why; null role when nothing says. */
export function measureRole(
  path: string,
  m: Measurement,
): { readonly role: MeasureRole | null; readonly reason: RoleReason } {
  if (m.tool === 'trtexec') return { role: 'gpu', reason: { kind: 'tool', tool: m.tool } };
  const words = [...rawWords(path), ...(m.model ? rawWords(m.model) : [])];
  // The last word wins: `resnet50_tuned/baseline_cmp/…` is unusual, `runs/baseline/tuned.json`
  // names the file's own role last.
  for (let i = words.length - 1; i >= 0; i--) {
    const w = words[i] ?? '';
    if (BASELINE_WORDS.includes(w)) return { role: 'baseline', reason: { kind: 'word', word: w } };
    if (TUNED_WORDS.includes(w)) return { role: 'tuned', reason: { kind: 'word', word: w } };
  }
  return { role: null, reason: { kind: 'none' } };
}

export interface LinkedMeasurement {
  readonly id: string;
  readonly path: string;
  readonly measurement: Measurement;
  readonly role: MeasureRole | null;
  readonly reason: RoleReason;
  /** When the role was set by hand: what the evidence alone says, shown next to the choice. */
  readonly evidence?: { readonly role: MeasureRole | null; readonly reason: RoleReason };
  /** A batch size set by hand; it wins over the tool's and the path's. */
  readonly handBatch?: number;
}

/** A batch size the path names: `bs8`, `batch8`, `batchsize_8`, `batch_size-8`. */
export function batchInPath(path: string): number | null {
  const m = /(?:^|[^a-z])(?:bs|batch_?size|batch)[_-]?(\d{1,5})(?!\d)/i.exec(path);
  const n = m ? Number(m[1]) : NaN;
  return Number.isInteger(n) && n > 0 ? n : null;
}

/** The batch size the file itself gives (the tool's, else the path's), without any choice by hand. */
export function batchEvidence(l: Pick<LinkedMeasurement, 'path' | 'measurement'>): {
  readonly batchSize: number | null;
  readonly from: 'tool' | 'path' | 'none';
} {
  if (l.measurement.batchSize !== null) return { batchSize: l.measurement.batchSize, from: 'tool' };
  const inPath = batchInPath(l.path);
  return inPath !== null ? { batchSize: inPath, from: 'path' } : { batchSize: null, from: 'none' };
}

/** One batch size's measurements of a run; a role the files do not fill is null. */
export interface MeasuredBatch {
  readonly batchSize: number | null;
  readonly baseline: LinkedMeasurement | null;
  readonly tuned: LinkedMeasurement | null;
  readonly gpu: LinkedMeasurement | null;
}

/**
 * The run's measurements by batch size (ascending, unknown batch last). Within a batch the first
 * measurement of each role is used; one with no role fills the tuned slot if free, else baseline.
 */
export function measuredBatches(linked: readonly LinkedMeasurement[]): MeasuredBatch[] {
  const byBatch = new Map<
    number | null,
    {
      baseline: LinkedMeasurement | null;
      tuned: LinkedMeasurement | null;
      gpu: LinkedMeasurement | null;
    }
  >();
  const slot = (bs: number | null) => {
    let s = byBatch.get(bs);
    if (!s) {
      s = { baseline: null, tuned: null, gpu: null };
      byBatch.set(bs, s);
    }
    return s;
  };
  // The batch the tool states, else the one the path names (`resnet50_bs8`, `batchsize_8`), else
  // — when every other measurement is of one batch size — that one (trtexec's --exportTimes says
  // nothing of the batch). A batch size set by hand comes before all of them.
  const named = (l: LinkedMeasurement) =>
    l.handBatch ?? l.measurement.batchSize ?? batchInPath(l.path);
  const known = new Set(linked.map(named).filter((b): b is number => b !== null));
  const sole = known.size === 1 ? ([...known][0] ?? null) : null;
  const batchOf = (l: LinkedMeasurement) => named(l) ?? sole;
  for (const l of linked) if (l.role) slot(batchOf(l))[l.role] ??= l;
  for (const l of linked) {
    if (l.role) continue;
    const s = slot(batchOf(l));
    if (!s.tuned) s.tuned = l;
    else s.baseline ??= l;
  }
  return [...byBatch.entries()]
    .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : a - b))
    .map(([batchSize, s]) => ({ batchSize, ...s }));
}
