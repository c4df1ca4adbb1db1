// The share bundle: runs + view state in the compact v1 shape of schemas/share-bundle.v1.schema.json.
// `toBundle` packs what the compare view needs and nothing more: operator tables become columns
// with names in a string table, operator times are integer ns (AOE writes µs with three decimals), a
// stated improvement is kept only where it differs from the one the times give, unknown fields
// (`extra`) are left out, and of a linked profile only its summary travels — the per-type totals
// and the top operators (plus the run's own operators, for shape matching), never profiler rows.
// The run's linked measurements travel compact (bundle-measured.ts). `fromBundle` rebuilds the
// model objects; it expects data that passed schema validation.
import type { CompareRun } from '../model/compare.ts';
import type {
  OperatorResult,
  ProfileSummary,
  RepoAction,
  RunManifest,
  TuningTask,
} from '../model/types.ts';
import { savedPct, speedupPct } from '../model/units.ts';
import { round } from '../model/stats.ts';
import type { ViewState } from './view-state.ts';
import type { Finding } from '../advisor/types.ts';
import type { BundleRun, ShareBundleV1, SharedAdvice, SharedRun } from './bundle-types.ts';
import { cleanReason } from '../advisor/dismissals.ts';
import { nameIndices } from './bundle-check.ts';
import { packMeasured, unpackMeasured } from './bundle-measured.ts';
import { StringTable } from './string-table.ts';
import {
  packProfile as packSharedProfile,
  unpackProfile as unpackSharedProfile,
  type SharedProfile,
} from './profile-bundle.ts';

export const TOP_OPERATORS_SHARED = 50;
const US_DIGITS = 3;
const MS_DIGITS = 6;

type Bundle = ShareBundleV1;

const optRound = (v: number | null, d: number): number | null =>
  v === null || !Number.isFinite(v) ? null : round(v, d);
const ACTION_CODE: Record<string, 0 | 1 | 2> = { add: 1, update: 2 };
const statedDefault = (before: number, after: number): number | null => {
  const pct = speedupPct(before, after);
  return pct === null ? null : round(pct, 2);
};

function packOps(ops: readonly OperatorResult[], s: StringTable): BundleRun['ops'] {
  const out: BundleRun['ops'] = { n: [], t: [], d: [], b: [], a: [], r: [], i: [] };
  let prev = 0;
  ops.forEach((op, row) => {
    const b = round(op.beforeUs, US_DIGITS);
    const a = round(op.afterUs, US_DIGITS);
    const name = s.id(op.name);
    out.n.push(name - prev);
    prev = name;
    out.t.push(s.id(op.type));
    out.d.push(op.dimension === null ? -1 : s.id(op.dimension));
    out.b.push(Math.round(b * 1000));
    out.a.push(Math.round(a * 1000));
    out.r.push(op.repoAction === null ? 0 : (ACTION_CODE[op.repoAction] ?? 0));
    const stated = op.improvementPct === null ? null : round(op.improvementPct, 2);
    if (stated !== statedDefault(b, a)) out.i.push([row, stated]);
  });
  return out;
}

function packProfile(
  p: NonNullable<SharedRun['profile']>,
  names: ReadonlySet<string>,
  s: StringTable,
) {
  const sum = p.summary;
  const top = sum.topOperators.filter((o, i) => i < TOP_OPERATORS_SHARED || names.has(o.name));
  return {
    id: p.id,
    file: p.fileName,
    format: p.format,
    headerSet: p.headerSet,
    rows: sum.rows,
    total: round(sum.totalDurationUs, US_DIGITS),
    byType: sum.byType.map(
      (t) => [s.id(t.type), t.count, round(t.totalUs, US_DIGITS)] as [number, number, number],
    ),
    top: top.map(
      (o) =>
        [
          s.id(o.name),
          s.id(o.type),
          o.count,
          round(o.totalUs, US_DIGITS),
          o.inputShapes === null ? -1 : s.id(o.inputShapes),
        ] as [number, number, number, number, number],
    ),
  };
}

const MANIFEST_KEYS = [
  'host',
  'cannVersion',
  'soc',
  'modelPath',
  'modelSha256',
  'tunedOmSha256',
  'bankPath',
  'startedAt',
  'finishedAt',
] as const;

function packManifest(m: RunManifest): NonNullable<BundleRun['manifest']> {
  const out: Record<string, string | number> = {};
  for (const k of MANIFEST_KEYS) {
    const v = m[k];
    if (typeof v === 'string') out[k] = v;
  }
  if (typeof m.device === 'number') out['device'] = m.device;
  return out;
}

function packTask(t: TuningTask): BundleRun['task'] {
  const r = t.repoSummary;
  return {
    name: t.name,
    kind: t.kind,
    status: t.status,
    statusText: t.statusText,
    reportKey: t.reportKey,
    tuningTimeS: optRound(t.tuningTimeS, 3),
    baselineMs: optRound(t.baselineMs, MS_DIGITS),
    tunedMs: optRound(t.tunedMs, MS_DIGITS),
    improvementPct: optRound(t.improvementPct, 4),
    repo: r ? [r.add, r.hit, r.reserved, r.unsatisfied, r.update, r.total] : null,
    failed: [...t.failedOperators],
  };
}

export const MAX_SHARED_FINDINGS = 200;

/**
 * The findings as plain JSON (no undefined fields, impact within 0–1) and the dismissals that
 * point at one of them.
 */
function packAdvice(a: SharedAdvice): SharedAdvice {
  const findings = (
    JSON.parse(JSON.stringify(a.findings.slice(0, MAX_SHARED_FINDINGS))) as Finding[]
  ).map((f) => ({
    ...f,
    impact: Number.isFinite(f.impact) ? Math.min(1, Math.max(0, f.impact)) : 0,
  }));
  const dismissed = a.dismissed
    .filter(([i]) => Number.isInteger(i) && i >= 0 && i < findings.length)
    .slice(0, MAX_SHARED_FINDINGS)
    .map(([i, reason]) => [i, cleanReason(reason)] as [number, string]);
  return { findings, dismissed };
}

/**
 * The bundle of a page: its runs and view, and for the profile comparison (`view.page`
 * `profiles`, no runs) its two profiles, baseline first; for one profile's page (`profile`, no
 * runs) that profile.
 */
export function toBundle(
  runs: readonly SharedRun[],
  view: ViewState,
  createdAt?: string,
  profiles?: readonly [SharedProfile, SharedProfile] | readonly [SharedProfile],
): Bundle {
  const s = new StringTable();
  const packed = runs.map((sr): BundleRun => {
    const { run } = sr;
    const names = new Set(run.task.operators.map((o) => o.name));
    return {
      id: run.id,
      reportId: sr.reportId,
      taskIndex: sr.taskIndex,
      label: run.label,
      file: run.fileName,
      gen: run.generation,
      layout: sr.layout,
      incomplete: sr.incomplete,
      task: packTask(run.task),
      ops: packOps(run.task.operators, s),
      ...(sr.profile ? { profile: packProfile(sr.profile, names, s) } : {}),
      ...(run.manifest ? { manifest: packManifest(run.manifest) } : {}),
      ...(run.latencySamplesMs?.length
        ? { samples: run.latencySamplesMs.map((x) => round(x, MS_DIGITS)) }
        : {}),
      ...(sr.advice ? { advice: packAdvice(sr.advice) } : {}),
      ...(sr.measurements?.length ? { measured: packMeasured(sr.measurements) } : {}),
    };
  });
  return {
    format: 'aoe-dashboard.share',
    v: 1,
    ...(createdAt ? { createdAt } : {}),
    s: s.list,
    runs: packed,
    view: {
      page: view.page,
      runs: [...view.runs],
      baseline: view.baseline,
      tab: view.tab,
      diffOnly: view.diffOnly,
      noisePct: view.noisePct,
      noiseUs: view.noiseUs,
      sort: view.sort.map((x) => ({ id: x.id, desc: x.desc })),
      query: view.query,
      buckets: [...view.buckets],
      mapping: view.mapping.map(([a, b]) => [a, b] as [string, string]),
      gate: view.gate,
    },
    ...(profiles
      ? {
          profiles:
            profiles.length === 1
              ? ([packSharedProfile(profiles[0], s)] as const)
              : ([packSharedProfile(profiles[0], s), packSharedProfile(profiles[1], s)] as const),
        }
      : {}),
  };
}

const ACTIONS: readonly RepoAction[] = [null, 'add', 'update'];

function unpackOps(o: BundleRun['ops'], s: readonly string[]): OperatorResult[] {
  const stated = new Map<number, number | null>(o.i.map(([row, v]) => [row, v]));
  return nameIndices(o.n).map((n, row) => {
    const b = (o.b[row] ?? NaN) / 1000;
    const a = (o.a[row] ?? NaN) / 1000;
    const d = o.d[row] ?? -1;
    return {
      name: s[n] ?? '',
      type: s[o.t[row] ?? 0] ?? '',
      dimension: d < 0 ? null : (s[d] ?? null),
      beforeUs: b,
      afterUs: a,
      improvementPct: stated.has(row) ? (stated.get(row) ?? null) : statedDefault(b, a),
      repoAction: ACTIONS[o.r[row] ?? 0] ?? null,
    };
  });
}

function unpackProfile(
  p: NonNullable<BundleRun['profile']>,
  s: readonly string[],
): NonNullable<SharedRun['profile']> {
  const total = p.total;
  const share = (us: number) => (total > 0 ? us / total : 0);
  const summary: ProfileSummary = {
    rows: p.rows,
    totalDurationUs: total,
    byType: p.byType.map(([t, count, us]) => ({
      type: s[t] ?? '',
      count,
      totalUs: us,
      meanUs: count > 0 ? us / count : 0,
      share: share(us),
    })),
    topOperators: p.top.map(([n, t, count, us, shape]) => ({
      name: s[n] ?? '',
      type: s[t] ?? '',
      count,
      totalUs: us,
      meanUs: count > 0 ? us / count : 0,
      share: share(us),
      inputShapes: shape < 0 ? null : (s[shape] ?? null),
    })),
  };
  return { id: p.id, fileName: p.file, format: p.format, headerSet: p.headerSet, summary };
}

function unpackTask(t: BundleRun['task'], operators: OperatorResult[]): TuningTask {
  const [add, hit, reserved, unsatisfied, update, total] = t.repo ?? [];
  const b = t.baselineMs;
  const a = t.tunedMs;
  return {
    name: t.name,
    kind: t.kind,
    status: t.status,
    statusText: t.statusText,
    reportKey: t.reportKey,
    tuningTimeS: t.tuningTimeS,
    baselineMs: b,
    tunedMs: a,
    improvementPct: t.improvementPct,
    recomputedImprovementPct: b !== null && a !== null ? speedupPct(b, a) : null,
    savedMs: b !== null && a !== null ? b - a : null,
    savedPct: b !== null && a !== null ? savedPct(b, a) : null,
    repoSummary:
      t.repo === null
        ? null
        : {
            add: add ?? 0,
            hit: hit ?? 0,
            reserved: reserved ?? 0,
            unsatisfied: unsatisfied ?? 0,
            update: update ?? 0,
            total: total ?? 0,
          },
    operators,
    failedOperators: t.failed,
    extra: {},
  };
}

export function fromBundle(bundle: Bundle): {
  readonly runs: SharedRun[];
  readonly view: ViewState;
  /** The profile comparison's two profiles, baseline first; empty for a bundle of runs. */
  readonly profiles: readonly SharedProfile[];
} {
  const s = bundle.s;
  const runs = bundle.runs.map((r): SharedRun => {
    const profile = r.profile ? unpackProfile(r.profile, s) : null;
    const run: CompareRun = {
      id: r.id,
      label: r.label,
      fileName: r.file,
      generation: r.gen,
      task: unpackTask(r.task, unpackOps(r.ops, s)),
      profile: profile?.summary ?? null,
      manifest: r.manifest ? { ...r.manifest } : null,
      ...(r.samples ? { latencySamplesMs: r.samples } : {}),
    };
    return {
      run,
      reportId: r.reportId,
      taskIndex: r.taskIndex,
      layout: r.layout,
      incomplete: r.incomplete,
      profile,
      ...(r.advice
        ? { advice: { findings: r.advice.findings, dismissed: r.advice.dismissed } }
        : {}),
      ...(r.measured?.length ? { measurements: unpackMeasured(r.measured) } : {}),
    };
  });
  const v = bundle.view;
  return {
    runs,
    view: {
      page: v.page,
      runs: v.runs,
      baseline: v.baseline,
      tab: v.tab,
      diffOnly: v.diffOnly,
      noisePct: v.noisePct,
      noiseUs: v.noiseUs,
      sort: v.sort,
      query: v.query,
      buckets: v.buckets,
      mapping: v.mapping.map(([a, b]) => [a, b] as const),
      gate: v.gate,
    },
    profiles: (bundle.profiles ?? []).map((p) => unpackSharedProfile(p, s)),
  };
}
