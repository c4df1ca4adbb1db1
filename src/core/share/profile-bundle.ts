// A shared profile comparison: the two profiles of /profiles/compare packed for a share bundle
// and read back. A profile's rows never travel; its operators do, as totals per operator name +
// type + input shapes (calls, calls without a time, total time in integer ns), in columns with
// names in the string table like a run's operators. Adding these up gives every figure the
// comparison shows (per type, per operator, matched by shape or not), so the receiver sees the
// sender's numbers. Of a timeline or step trace only its step split travels.
import type { ProfileContent } from '../formats/types.ts';
import {
  breakdownOf,
  operatorTotals,
  type OperatorTotal,
  type TimeBreakdown,
} from '../model/profile-compare.ts';
import type {
  OperatorAggregate,
  ProfileData,
  ProfileSummary,
  TypeAggregate,
} from '../model/types.ts';
import { round } from '../model/stats.ts';
import { nameIndices } from './bundle-check.ts';
import type { BundleProfile, SharedProfileFormat } from './bundle-types.ts';
import type { StringTable } from './string-table.ts';

const US_DIGITS = 3;

export const SHARED_PROFILE_FORMATS: readonly SharedProfileFormat[] = [
  'op-summary',
  'kernel-details',
  'op-statistic',
  'profiler-db',
  'trtexec-profile',
  'step-trace',
  'timeline',
];

/** A profile as a comparison shares it. */
export interface SharedProfile {
  readonly id: string;
  readonly fileName: string;
  readonly format: SharedProfileFormat;
  /** The operator table's summary and per-operator totals; null for a timeline or step trace. */
  readonly table: {
    readonly format: ProfileData['format'];
    readonly headerSet: string;
    readonly summary: ProfileSummary;
    readonly operators: readonly OperatorTotal[];
  } | null;
  readonly breakdown: TimeBreakdown | null;
}

const isSharedFormat = (f: string): f is SharedProfileFormat =>
  (SHARED_PROFILE_FORMATS as readonly string[]).includes(f);

/** What a workspace profile file shares; null for a file that is not a profile. */
export function sharedProfileOf(
  file: { readonly id: string; readonly fileName: string; readonly format: string },
  content: ProfileContent,
): SharedProfile | null {
  if (!isSharedFormat(file.format)) return null;
  const p = content.profile;
  return {
    id: file.id,
    fileName: file.fileName,
    format: file.format,
    table: p
      ? {
          format: p.format,
          headerSet: p.headerSet,
          summary: p.summary,
          operators:
            content.operators ??
            operatorTotals({ summary: p.summary, table: p.table, operators: null }),
        }
      : null,
    breakdown: content.breakdown ?? null,
  };
}

/** The content a shared profile gives the dashboard (the page, and the workspace once added). */
export function sharedProfileContent(p: SharedProfile): ProfileContent {
  return {
    kind: 'profile',
    profile: p.table
      ? {
          id: p.id,
          fileName: p.fileName,
          format: p.table.format,
          headerSet: p.table.headerSet,
          columns: [],
          table: null,
          summary: p.table.summary,
        }
      : null,
    breakdown: p.breakdown,
    ...(p.table ? { operators: p.table.operators } : {}),
  };
}

const ns = (us: number) => Math.round(us * 1000);
const timedOf = (count: number, totalUs: number, meanUs: number) =>
  meanUs > 0 ? Math.min(count, Math.round(totalUs / meanUs)) : 0;

function packTable(
  t: NonNullable<SharedProfile['table']>,
  s: StringTable,
): NonNullable<BundleProfile['table']> {
  const ops: NonNullable<BundleProfile['table']>['ops'] = {
    n: [],
    t: [],
    h: [],
    c: [],
    u: [],
    d: [],
  };
  let prev = 0;
  for (const o of t.operators) {
    const name = s.id(o.name);
    ops.n.push(name - prev);
    prev = name;
    ops.t.push(s.id(o.type));
    ops.h.push(o.shape === null ? -1 : s.id(o.shape));
    ops.c.push(o.count);
    ops.u.push(Math.max(0, o.count - o.timed));
    ops.d.push(ns(o.totalUs));
  }
  // Per type from the operators when there are any (exact calls without a time), else from the
  // summary (op_statistic lists types only).
  const byType = new Map<string, { c: number; u: number; us: number }>();
  if (t.operators.length > 0) {
    for (const o of t.operators) {
      const a = byType.get(o.type) ?? { c: 0, u: 0, us: 0 };
      a.c += o.count;
      a.u += Math.max(0, o.count - o.timed);
      a.us += o.totalUs;
      byType.set(o.type, a);
    }
  } else {
    for (const x of t.summary.byType) {
      byType.set(x.type, {
        c: x.count,
        u: x.count - timedOf(x.count, x.totalUs, x.meanUs),
        us: x.totalUs,
      });
    }
  }
  const types: NonNullable<BundleProfile['table']>['types'] = { t: [], c: [], u: [], d: [] };
  for (const [type, a] of byType) {
    types.t.push(s.id(type));
    types.c.push(a.c);
    types.u.push(a.u);
    types.d.push(ns(a.us));
  }
  return {
    format: t.format,
    headerSet: t.headerSet,
    rows: t.summary.rows,
    total: round(t.summary.totalDurationUs, US_DIGITS),
    types,
    ops,
  };
}

export function packProfile(p: SharedProfile, s: StringTable): BundleProfile {
  const b = p.breakdown;
  return {
    id: p.id,
    file: p.fileName,
    format: p.format,
    ...(p.table ? { table: packTable(p.table, s) } : {}),
    ...(b
      ? {
          split: [
            b.steps,
            round(b.computingUs, US_DIGITS),
            round(b.communicationNotOverlappedUs, US_DIGITS),
            round(b.overlappedUs, US_DIGITS),
            round(b.freeUs, US_DIGITS),
          ] as const,
        }
      : {}),
  };
}

const byTotal =
  <T extends { readonly totalUs: number }>(key: (x: T) => string) =>
  (a: T, b: T) =>
    b.totalUs - a.totalUs || (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);

/** Operators by name + type, as a profile summary lists them, from the per-shape totals. */
function summaryOperators(ops: readonly OperatorTotal[], total: number): OperatorAggregate[] {
  const SEP = '\u0000';
  const acc = new Map<
    string,
    {
      name: string;
      type: string;
      count: number;
      timed: number;
      us: number;
      shapes: Map<string, number>;
    }
  >();
  for (const o of ops) {
    const key = `${o.name}${SEP}${o.type}`;
    let a = acc.get(key);
    if (!a)
      acc.set(
        key,
        (a = { name: o.name, type: o.type, count: 0, timed: 0, us: 0, shapes: new Map() }),
      );
    a.count += o.count;
    a.timed += o.timed;
    a.us += o.totalUs;
    if (o.shape !== null) a.shapes.set(o.shape, (a.shapes.get(o.shape) ?? 0) + o.count);
  }
  const out: OperatorAggregate[] = [];
  for (const a of acc.values()) {
    let shape: string | null = null;
    let most = 0;
    for (const [text, n] of a.shapes) {
      if (n > most) {
        shape = text;
        most = n;
      }
    }
    out.push({
      name: a.name,
      type: a.type,
      count: a.count,
      totalUs: a.us,
      meanUs: a.timed > 0 ? a.us / a.timed : 0,
      share: total > 0 ? a.us / total : 0,
      inputShapes: shape,
    });
  }
  return out.sort(byTotal((x) => `${x.name}${SEP}${x.type}`));
}

function unpackTable(
  t: NonNullable<BundleProfile['table']>,
  s: readonly string[],
): NonNullable<SharedProfile['table']> {
  const total = t.total;
  const operators: OperatorTotal[] = nameIndices(t.ops.n).map((n, i) => {
    const c = t.ops.c[i] ?? 0;
    const h = t.ops.h[i] ?? -1;
    return {
      name: s[n] ?? '',
      type: s[t.ops.t[i] ?? 0] ?? '',
      shape: h < 0 ? null : (s[h] ?? ''),
      count: c,
      timed: c - (t.ops.u[i] ?? 0),
      totalUs: (t.ops.d[i] ?? 0) / 1000,
    };
  });
  const byType: TypeAggregate[] = t.types.t
    .map((type, i) => {
      const count = t.types.c[i] ?? 0;
      const timed = count - (t.types.u[i] ?? 0);
      const us = (t.types.d[i] ?? 0) / 1000;
      return {
        type: s[type] ?? '',
        count,
        totalUs: us,
        meanUs: timed > 0 ? us / timed : 0,
        share: total > 0 ? us / total : 0,
      };
    })
    .sort(byTotal((x) => x.type));
  return {
    format: t.format,
    headerSet: t.headerSet,
    summary: {
      rows: t.rows,
      totalDurationUs: total,
      byType,
      topOperators: summaryOperators(operators, total),
    },
    operators,
  };
}

export function unpackProfile(p: BundleProfile, s: readonly string[]): SharedProfile {
  const split = p.split;
  return {
    id: p.id,
    fileName: p.file,
    format: p.format,
    table: p.table ? unpackTable(p.table, s) : null,
    breakdown: split
      ? breakdownOf({
          steps: split[0],
          computingUs: split[1],
          communicationNotOverlappedUs: split[2],
          overlappedUs: split[3],
          freeUs: split[4],
        })
      : null,
  };
}
