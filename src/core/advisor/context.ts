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

/** Time by accelerator (`Task Type` / `Accelerator Core`), most first; rows without a time skipped. */
export function timeByCoreType(profile: ProfileData): CoreTypeTime[] {
  const t = profile.table;
  if (t === null) return [];
  const by = new Map<number, { count: number; totalUs: number }>();
  for (let i = 0; i < t.rowCount; i++) {
    const d = t.durationUs[i] as number;
    if (!(d >= 0)) continue;
    const k = t.coreType[i] as number;
    const e = by.get(k) ?? { count: 0, totalUs: 0 };
    e.count++;
    e.totalUs += d;
    by.set(k, e);
  }
  return [...by.entries()]
    .map(([k, e]) => ({ coreType: t.dict[k] ?? '', ...e }))
    .sort((a, b) => b.totalUs - a.totalUs);
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
 * The profile's time without collective communication (HCCL / `hcom_*` tasks): operator-level
 * shares are taken of this, so that in a distributed capture an all-reduce that waits for other
 * ranks does not hide what the operators themselves cost.
 */
export function computeUs(profile: ProfileData): number {
  const t = profile.table;
  const total = profile.summary.totalDurationUs;
  if (t === null) {
    const comm = profile.summary.byType
      .filter((b) => COMMUNICATION_TYPE.test(b.type))
      .reduce((s, b) => s + b.totalUs, 0);
    return total - comm;
  }
  let comm = 0;
  for (let i = 0; i < t.rowCount; i++) {
    const d = t.durationUs[i] as number;
    if (!(d >= 0)) continue;
    const core = t.dict[t.coreType[i] as number] ?? '';
    const type = t.dict[t.type[i] as number] ?? '';
    const name = t.dict[t.name[i] as number] ?? '';
    if (
      COMMUNICATION_CORE.test(core.trim()) ||
      COMMUNICATION_TYPE.test(type) ||
      COMMUNICATION_TYPE.test(name)
    )
      comm += d;
  }
  return total - comm;
}
