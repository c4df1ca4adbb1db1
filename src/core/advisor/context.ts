// What several rules need from the inputs: the kernel tables to read (an op_statistic only when
// no kernel table of its own folder was given), time by accelerator, and which profile belongs
// to which report.
import type { ProfileData, TuningReport } from '../model/types.ts';
import { linkEvidence } from '../model/link-evidence.ts';
import type { AdviceContext, AdviceInput } from './types.ts';

export function contextOf(input: AdviceInput): AdviceContext {
  return {
    reports: input.reports ?? [],
    profiles: input.profiles ?? [],
    timelines: input.timelines ?? [],
    measurements: input.measurements ?? [],
    precision: input.precision ?? [],
    paths: input.paths ?? {},
    links: input.links ?? null,
  };
}

const folderOf = (path: string): string => {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return i < 0 ? '' : path.slice(0, i);
};

export const pathOf = (ctx: AdviceContext, id: string, fileName: string): string =>
  ctx.paths[id] ?? fileName;

/**
 * The profiles the profile rules read: every kernel table, and an op_statistic only when no
 * kernel table sits in the same folder (the two describe one capture: advice once, not twice).
 */
export function profilesToRead(ctx: AdviceContext): ProfileData[] {
  const kernelFolders = new Set(
    ctx.profiles
      .filter((p) => p.table !== null)
      .map((p) => folderOf(pathOf(ctx, p.id, p.fileName))),
  );
  return ctx.profiles.filter(
    (p) => p.table !== null || !kernelFolders.has(folderOf(pathOf(ctx, p.id, p.fileName))),
  );
}

export interface CoreTypeTime {
  readonly coreType: string;
  readonly count: number;
  readonly totalUs: number;
}

const coreTimeCache = new WeakMap<ProfileData, CoreTypeTime[]>();

/** Time by accelerator (`Task Type` / `Accelerator Core`), most first; rows without a time skipped. */
export function timeByCoreType(profile: ProfileData): CoreTypeTime[] {
  const t = profile.table;
  if (t === null) return [];
  const cached = coreTimeCache.get(profile);
  if (cached !== undefined) return cached;
  // Sums by dictionary index in flat arrays: no map lookup a row.
  const count = new Uint32Array(t.dict.length);
  const totalUs = new Float64Array(t.dict.length);
  for (let i = 0; i < t.rowCount; i++) {
    const d = t.durationUs[i] as number;
    if (!(d >= 0)) continue;
    const k = t.coreType[i] as number;
    count[k] = (count[k] as number) + 1;
    totalUs[k] = (totalUs[k] as number) + d;
  }
  const out: CoreTypeTime[] = [];
  count.forEach((n, k) => {
    if (n > 0) out.push({ coreType: t.dict[k] ?? '', count: n, totalUs: totalUs[k] as number });
  });
  out.sort((a, b) => b.totalUs - a.totalUs);
  coreTimeCache.set(profile, out);
  return out;
}

/** The profiles of the same model as `report`: the host's links, or the link evidence. */
export function profilesOfReport(ctx: AdviceContext, report: TuningReport): ProfileData[] {
  const candidates = profilesToRead(ctx).filter((p) => p.table !== null);
  if (ctx.links !== null) {
    const ids = new Set(ctx.links.filter((l) => l.reportId === report.id).map((l) => l.profileId));
    return candidates.filter((p) => ids.has(p.id));
  }
  return candidates.filter(
    (p) =>
      linkEvidence(
        { path: pathOf(ctx, report.id, report.fileName), report },
        { path: pathOf(ctx, p.id, p.fileName), profile: p },
      ).verdict === 'match',
  );
}

const COMMUNICATION_CORE = /^(?:HCCL|COMMUNICATION)$/i;
const COMMUNICATION_TYPE = /^hcom_/i;

/**
 * A test of a dictionary string, memoized by dictionary index: the loops over a million-row table
 * then test each distinct string once instead of once a row.
 */
export function dictTest(
  dict: readonly string[],
  test: (s: string) => boolean,
): (k: number) => boolean {
  const seen = new Int8Array(dict.length);
  return (k) => {
    const v = seen[k];
    if (v === 1) return true;
    if (v === 2) return false;
    const r = test(dict[k] ?? '');
    if (k >= 0 && k < seen.length) seen[k] = r ? 1 : 2;
    return r;
  };
}

const computeCache = new WeakMap<ProfileData, number>();

/**
 * The profile's time without collective communication (HCCL / `hcom_*` tasks): operator-level
 * shares are taken of this, so that in a distributed capture an all-reduce that waits for other
 * ranks does not hide what the operators themselves cost. Computed once a profile.
 */
export function computeUs(profile: ProfileData): number {
  const cached = computeCache.get(profile);
  if (cached !== undefined) return cached;
  const t = profile.table;
  const total = profile.summary.totalDurationUs;
  if (t === null) {
    const comm = profile.summary.byType
      .filter((b) => COMMUNICATION_TYPE.test(b.type))
      .reduce((s, b) => s + b.totalUs, 0);
    computeCache.set(profile, total - comm);
    return total - comm;
  }
  const commCore = dictTest(t.dict, (core) => COMMUNICATION_CORE.test(core.trim()));
  const commType = dictTest(t.dict, (name) => COMMUNICATION_TYPE.test(name));
  let comm = 0;
  for (let i = 0; i < t.rowCount; i++) {
    const d = t.durationUs[i] as number;
    if (!(d >= 0)) continue;
    if (
      commCore(t.coreType[i] as number) ||
      commType(t.type[i] as number) ||
      commType(t.name[i] as number)
    )
      comm += d;
  }
  computeCache.set(profile, total - comm);
  return total - comm;
}

/** Task types of operators that fell back off the AI Core. */
export const AI_CPU_CORE = /^AI_?CPU$/i;

const aiCpuCache = new WeakMap<ProfileData, ReadonlySet<string>>();

/** Names of the operators with rows on the AI CPU (AOE tunes AI Core operators only). */
export function aiCpuOperatorNames(profile: ProfileData): ReadonlySet<string> {
  const t = profile.table;
  if (t === null) return new Set();
  const cached = aiCpuCache.get(profile);
  if (cached !== undefined) return cached;
  const onCpu = dictTest(t.dict, (core) => AI_CPU_CORE.test(core.trim()));
  const names = new Set<string>();
  for (let i = 0; i < t.rowCount; i++) {
    if (onCpu(t.coreType[i] as number)) names.add(t.dict[t.name[i] as number] ?? '');
  }
  aiCpuCache.set(profile, names);
  return names;
}
