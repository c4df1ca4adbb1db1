// A shared profile comparison: the receiver's comparison equals the sender's, the link stays
// small, bad bundles are refused with a pointer, and links made before profiles could be shared
// still open. Expected figures are worked out by hand in the comments.
import { describe, expect, it } from 'vitest';
import type { ProfileTable } from '../model/types.ts';
import { summarizeTable } from '../model/profile-aggregate.ts';
import { breakdownOf, compareProfiles, type ProfileSide } from '../model/profile-compare.ts';
import type { ProfileContent } from '../formats/types.ts';
import { fromBundle, toBundle } from './bundle.ts';
import { decodeData, decodeFragment, encodeBundle, LINK_WARN_BYTES } from './codec.ts';
import { sharedProfileContent, sharedProfileOf, type SharedProfile } from './profile-bundle.ts';
import { DEFAULT_VIEW, type ViewState } from './view-state.ts';
import type { ShareBundleV1 } from './bundle-types.ts';
import linkBeforeProfiles from './fixtures/link-before-profiles.txt?raw';

type Row = readonly [name: string, type: string, shape: string, durUs: number];

function tableOf(rows: readonly Row[]): ProfileTable {
  const dict = [''];
  const id = (s: string) => {
    if (s === '') return 0;
    const i = dict.indexOf(s);
    return i >= 0 ? i : dict.push(s) - 1;
  };
  return {
    rowCount: rows.length,
    dict,
    name: Uint32Array.from(rows.map((r) => id(r[0]))),
    type: Uint32Array.from(rows.map((r) => id(r[1]))),
    coreType: new Uint32Array(rows.length),
    inputShapes: Uint32Array.from(rows.map((r) => id(r[2]))),
    durationUs: Float64Array.from(rows.map((r) => r[3])),
    waitUs: new Float64Array(rows.length).fill(NaN),
    startUs: new Float64Array(rows.length),
    startBaseUs: null,
  };
}

function contentOf(rows: readonly Row[], id: string): ProfileContent {
  const table = tableOf(rows);
  return {
    kind: 'profile',
    profile: {
      id,
      fileName: `${id}/kernel_details.csv`,
      format: 'kernel-details',
      headerSet: 'torch_npu-level1',
      columns: [],
      table,
      summary: summarizeTable(table),
    },
  };
}

const BASE: readonly Row[] = [
  ['A', 'MatMul', '2,2', 10.25],
  ['A', 'MatMul', '2,2', 20],
  ['A', 'MatMul', '8,8', NaN],
  ['B', 'Add', '4', 5],
  ['C', 'Relu', '', 5],
  ['__proto__', 'Cast', '', 1],
];
const OTHER: readonly Row[] = [
  ['A', 'MatMul', '2,2', 12],
  ['A', 'MatMul', '8,8', 30],
  ['B', 'Add', '4', 5],
  ['D', 'Cast', '1', 3.125],
  ['__proto__', 'Cast', '', 1],
];

const profileView: ViewState = { ...DEFAULT_VIEW, page: 'profiles', runs: [], baseline: '' };

function shared(rows: readonly Row[], id: string): SharedProfile {
  const c = contentOf(rows, id);
  const p = sharedProfileOf({ id, fileName: `${id}.csv`, format: 'kernel-details' }, c);
  if (!p) throw new Error('not shared');
  return p;
}

const sideOf = (c: ProfileContent): ProfileSide => ({
  summary: c.profile!.summary,
  table: c.profile!.table,
  operators: c.operators ?? null,
  breakdown: c.breakdown ?? null,
});

function throughLink(a: SharedProfile, b: SharedProfile): SharedProfile[] {
  const e = encodeBundle(toBundle([], profileView, '2026-12-01T00:00:00.000Z', [a, b]));
  if (!e.ok) throw new Error('too large');
  const d = decodeFragment(e.fragment);
  if (!d.ok) throw new Error(JSON.stringify(d.issues));
  return [...fromBundle(d.bundle).profiles];
}

describe('shared profile comparison', () => {
  it('gives the receiver the comparison the sender saw', () => {
    const sender = compareProfiles(sideOf(contentOf(BASE, 'a')), sideOf(contentOf(OTHER, 'b')));
    const [ra, rb] = throughLink(shared(BASE, 'a'), shared(OTHER, 'b'));
    const receiver = compareProfiles(
      sideOf(sharedProfileContent(ra!)),
      sideOf(sharedProfileContent(rb!)),
    );
    expect(receiver).toEqual(sender);
    // By hand: base 10.25 + 20 + 5 + 5 + 1 = 41.25 µs; other 12 + 30 + 5 + 3.125 + 1 = 51.125.
    expect([receiver.baseTotalUs, receiver.otherTotalUs]).toEqual([41.25, 51.125]);
    // A [2,2]: 2 rows before (10.25 + 20 = 30.25 µs), 1 after (12 µs): −18.25 µs.
    const a22 = receiver.operators.find((o) => o.name === 'A' && o.shape === '2,2');
    expect([a22?.deltaUs, a22?.base?.count, a22?.base?.meanUs]).toEqual([-18.25, 2, 15.125]);
    // A [8,8]: one untimed call before (0 µs, mean 0), 30 µs after.
    const a88 = receiver.operators.find((o) => o.name === 'A' && o.shape === '8,8');
    expect([a88?.base?.count, a88?.base?.meanUs, a88?.deltaUs]).toEqual([1, 0, 30]);
    expect(receiver.byShape).toBe(true);
    // MatMul: 30.25 → 42 µs over 3 → 2 calls; mean over timed calls 15.125 → 21.
    const mm = receiver.byType.find((t) => t.type === 'MatMul');
    expect([mm?.base?.count, mm?.base?.meanUs, mm?.other?.meanUs]).toEqual([3, 15.125, 21]);
  });

  it('rebuilds the summary: operators by name + type with their commonest shape', () => {
    const [ra] = throughLink(shared(BASE, 'a'), shared(OTHER, 'b'));
    const s = ra!.table!.summary;
    expect([s.rows, s.totalDurationUs]).toEqual([6, 41.25]);
    expect(s.topOperators.map((o) => [o.name, o.count, o.totalUs, o.inputShapes])).toEqual([
      ['A', 3, 30.25, '2,2'],
      ['B', 1, 5, '4'],
      ['C', 1, 5, null],
      ['__proto__', 1, 1, null],
    ]);
    expect(Object.getPrototypeOf(s.topOperators[3])).toBe(Object.prototype);
  });

  it('carries the step split and a profile without a table', () => {
    const split = breakdownOf({
      steps: 4,
      computingUs: 1000.5,
      communicationNotOverlappedUs: 200,
      overlappedUs: 50,
      freeUs: 99.5,
    });
    const timeline: SharedProfile = {
      id: 't',
      fileName: 'trace_view.json',
      format: 'timeline',
      table: null,
      breakdown: split,
    };
    const [a, b] = throughLink(timeline, { ...shared(OTHER, 'b'), breakdown: split });
    expect(a?.table).toBeNull();
    expect(a?.breakdown).toEqual(split);
    // (1000.5 + 200 + 99.5) / 4 steps = 325 µs a step.
    expect(b?.breakdown?.meanStepUs).toBe(325);
  });

  it('keeps a typeless (Level0) side typeless', () => {
    const level0 = BASE.map(([n, , s, d]) => [n, '', s, d] as const);
    const [ra, rb] = throughLink(shared(level0, 'a'), shared(OTHER, 'b'));
    const c = compareProfiles(sideOf(sharedProfileContent(ra!)), sideOf(sharedProfileContent(rb!)));
    expect(c.typeless).toBe(true);
    expect(c.byType).toEqual([]);
  });

  it('stays a short link for a model-sized profile (600 distinct operators a side)', () => {
    const rows = (seed: number): Row[] =>
      Array.from({ length: 600 }, (_, i) => [
        `layer${i}/Conv2D_${i}`,
        ['Conv2D', 'MatMulV2', 'Add', 'TransData'][i % 4] ?? '',
        `1,${64 + (i % 8) * 32},56,56`,
        Math.round((50 + ((i * seed) % 97)) * 1000) / 1000,
      ]);
    const e = encodeBundle(
      toBundle([], profileView, undefined, [shared(rows(3), 'a'), shared(rows(5), 'b')]),
    );
    expect(e.ok).toBe(true);
    if (e.ok) expect(e.bytes).toBeLessThan(2 * LINK_WARN_BYTES);
  });
});

describe('shared profile bundles that do not add up are refused', () => {
  const good = (): ShareBundleV1 =>
    JSON.parse(
      JSON.stringify(toBundle([], profileView, undefined, [shared(BASE, 'a'), shared(OTHER, 'b')])),
    ) as ShareBundleV1;
  const paths = (b: unknown) => {
    const d = decodeData(b);
    return d.ok ? [] : d.issues.map((i) => i.path);
  };

  it('accepts the good one', () => {
    expect(decodeData(good()).ok).toBe(true);
  });

  it('points at a name beyond the string table, a short column, more untimed calls than calls', () => {
    const b = good() as unknown as { profiles: { table: { ops: Record<string, number[]> } }[] };
    const ops = b.profiles[0]!.table.ops;
    ops['n']![1] = 999;
    expect(paths(b)).toContain('/profiles/0/table/ops/n/1');
    const c = good() as unknown as typeof b;
    c.profiles[1]!.table.ops['d']!.pop();
    expect(paths(c)).toContain('/profiles/1/table/ops/d');
    const u = good() as unknown as typeof b;
    u.profiles[0]!.table.ops['u']![0] = 99;
    expect(paths(u)).toContain('/profiles/0/table/ops/u/0');
  });

  it('refuses profiles on a page of runs, the profiles page without them, one profile twice', () => {
    const onCompare = { ...good(), view: { ...good().view, page: 'compare' } };
    expect(paths(onCompare)).toContain('/view/page');
    const { profiles: _dropped, ...bare } = good();
    expect(paths(bare)).toContain('/view/page');
    const twice = good() as unknown as { profiles: { id: string }[] };
    twice.profiles[1]!.id = twice.profiles[0]!.id;
    expect(paths(twice)).toContain('/profiles/1/id');
    const noRuns = { ...bare, view: { ...bare.view, page: 'compare' } };
    expect(paths(noRuns)).toEqual(expect.arrayContaining(['/runs', '/view/runs']));
  });

  it('refuses a third profile and an unknown field by the schema', () => {
    const three = good() as unknown as { profiles: unknown[] };
    three.profiles.push(three.profiles[0]);
    expect(decodeData(three).ok).toBe(false);
    const extra = good() as unknown as { profiles: Record<string, unknown>[] };
    extra.profiles[0]!['rowsOfTheProfiler'] = [1, 2, 3];
    expect(decodeData(extra).ok).toBe(false);
  });
});

describe('links made before profiles could be shared', () => {
  it('still open, as the runs they carried', () => {
    const d = decodeFragment(linkBeforeProfiles.trim());
    expect(d.ok).toBe(true);
    if (!d.ok) return;
    const back = fromBundle(d.bundle);
    expect(back.runs.map((r) => r.run.id)).toEqual(['r0', 'r1']);
    expect(back.view.page).toBe('compare');
    expect(back.view.tab).toBe('model');
    expect(back.profiles).toEqual([]);
    expect(back.runs[0]?.run.task.operators).toHaveLength(4);
  });
});

describe("one profile's page shared", () => {
  const pageView: ViewState = { ...DEFAULT_VIEW, page: 'profile', runs: [], baseline: '' };
  const one = (): ShareBundleV1 =>
    JSON.parse(
      JSON.stringify(toBundle([], pageView, undefined, [shared(BASE, 'a')])),
    ) as ShareBundleV1;
  const paths = (b: unknown) => {
    const d = decodeData(b);
    return d.ok ? [] : d.issues.map((i) => i.path);
  };

  it('gives the receiver the summary the sender saw: totals per type and per operator', () => {
    const e = encodeBundle(toBundle([], pageView, '2026-12-01T00:00:00.000Z', [shared(BASE, 'a')]));
    if (!e.ok) throw new Error('too large');
    const d = decodeFragment(e.fragment);
    if (!d.ok) throw new Error(JSON.stringify(d.issues));
    const back = fromBundle(d.bundle);
    expect(back.view.page).toBe('profile');
    expect(back.runs).toEqual([]);
    expect(back.profiles.map((p) => p.id)).toEqual(['a']);
    const s = back.profiles[0]!.table!.summary;
    // 6 rows, 10.25 + 20 + 5 + 5 + 1 = 41.25 µs; MatMul 30.25 µs over 3 calls (2 timed).
    expect([s.rows, s.totalDurationUs]).toEqual([6, 41.25]);
    const mm = s.byType.find((t) => t.type === 'MatMul');
    expect([mm?.count, mm?.totalUs, mm?.meanUs]).toEqual([3, 30.25, 15.125]);
    expect(s.topOperators.find((o) => o.name === '__proto__')?.totalUs).toBe(1);
  });

  it('refuses the page without its profile, or with two', () => {
    expect(decodeData(one()).ok).toBe(true);
    const { profiles: _dropped, ...bare } = one();
    expect(paths(bare)).toContain('/view/page');
    const two = JSON.parse(
      JSON.stringify(toBundle([], pageView, undefined, [shared(BASE, 'a'), shared(OTHER, 'b')])),
    ) as unknown;
    expect(paths(two)).toContain('/profiles');
    const comparisonOfOne = { ...one(), view: { ...one().view, page: 'profiles' } };
    expect(paths(comparisonOfOne)).toContain('/profiles');
  });
});
