// compareProfiles on small hand-built tables; every expected figure is worked out by hand below.
import { describe, expect, test } from 'vitest';
import { sideOf, tableOf } from './profile-table.test-helpers.ts';
import { breakdownOf, compareProfiles, isTypeless } from './profile-compare.ts';

type Row = readonly [name: string, type: string, shape: string, durUs: number];

const side = sideOf;

const BASE: readonly Row[] = [
  ['A', 'MatMul', '2,2', 10],
  ['A', 'MatMul', '2,2', 20],
  ['B', 'Add', '4', 5],
  ['C', 'Relu', '', 5],
];
const OTHER: readonly Row[] = [
  ['A', 'MatMul', '2,2', 12],
  ['A', 'MatMul', '8,8', 30],
  ['B', 'Add', '4', 5],
  ['D', 'Cast', '1', 3],
];

describe('compareProfiles', () => {
  test('operators by name + type + shape, sorted by the size of the change', () => {
    const c = compareProfiles(side(BASE), side(OTHER));
    expect([c.baseTotalUs, c.otherTotalUs, c.deltaUs, c.deltaPct]).toEqual([40, 50, 10, 25]);
    expect(c.typeless).toBe(false);
    expect(c.byShape).toBe(true);
    expect(c.operators.map((o) => [o.name, o.shape, o.status, o.deltaUs, o.deltaPct])).toEqual([
      ['A', '8,8', 'new', 30, null],
      ['A', '2,2', 'both', -18, -60],
      ['C', '', 'vanished', -5, -100],
      ['D', '1', 'new', 3, null],
      ['B', '4', 'both', 0, 0],
    ]);
    const a = c.operators[1];
    // 2 calls, 30 µs of 40 before; 1 call, 12 µs of 50 after.
    expect(a?.base).toEqual({ count: 2, totalUs: 30, meanUs: 15, share: 0.75 });
    expect(a?.other).toEqual({ count: 1, totalUs: 12, meanUs: 12, share: 0.24 });
    expect([c.newOperators, c.vanishedOperators]).toEqual([2, 1]);
  });

  test('operator types from the summaries', () => {
    const c = compareProfiles(side(BASE), side(OTHER));
    expect(c.byType.map((t) => [t.type, t.status, t.deltaUs, t.deltaPct])).toEqual([
      ['MatMul', 'both', 12, 40],
      ['Relu', 'vanished', -5, -100],
      ['Cast', 'new', 3, null],
      ['Add', 'both', 0, 0],
    ]);
    expect(c.byType[0]?.base?.share).toBe(0.75);
    expect(c.byType[0]?.other?.share).toBe(42 / 50);
  });

  test('without shapes on one side, operators match on name + type', () => {
    const noShapes = BASE.map(([n, t, , d]) => [n, t, '', d] as const);
    const c = compareProfiles(side(noShapes), side(OTHER));
    expect(c.byShape).toBe(false);
    const a = c.operators.find((o) => o.name === 'A');
    // 30 → 12 + 30
    expect([a?.shape, a?.deltaUs, a?.other?.count]).toEqual([null, 12, 2]);
  });

  test('summaries without rows: matched on name + type from topOperators', () => {
    const b = side(BASE);
    const o = side(OTHER);
    const c = compareProfiles({ summary: b.summary }, { summary: o.summary });
    expect(c.byShape).toBe(false);
    expect(c.operators.map((x) => [x.name, x.deltaUs])).toEqual([
      ['A', 12],
      ['C', -5],
      ['D', 3],
      ['B', 0],
    ]);
    expect(c.operators[0]?.base).toEqual({ count: 2, totalUs: 30, meanUs: 15, share: 0.75 });
  });

  test('a typeless (Level0) side: flagged, matched by name, no per-type view', () => {
    const level0 = BASE.map(([n, , s, d]) => [n, '', s, d] as const);
    expect(isTypeless(tableOf(level0))).toBe(true);
    expect(isTypeless(tableOf(BASE))).toBe(false);
    expect(isTypeless(tableOf([]))).toBe(false);
    const c = compareProfiles(side(level0), side(OTHER));
    expect(c.typeless).toBe(true);
    expect(c.byType).toEqual([]);
    expect(c.operators.every((o) => o.type === '')).toBe(true);
    expect(c.operators.find((o) => o.name === 'B')?.status).toBe('both');
  });

  test('step breakdowns before and after', () => {
    const base = breakdownOf({
      steps: 2,
      computingUs: 100,
      communicationNotOverlappedUs: 50,
      overlappedUs: 10,
      freeUs: 50,
    });
    expect([base.totalUs, base.meanStepUs, base.communicationUs, base.computeShare]).toEqual([
      200, 100, 60, 0.5,
    ]);
    const other = breakdownOf({
      steps: 2,
      computingUs: 80,
      communicationNotOverlappedUs: 50,
      overlappedUs: 0,
      freeUs: 30,
    });
    const c = compareProfiles(
      { ...side(BASE), breakdown: base },
      { ...side(OTHER), breakdown: other },
    );
    expect(c.breakdown).toMatchObject({
      meanStepDeltaUs: -20,
      computingDeltaUs: -20,
      communicationNotOverlappedDeltaUs: 0,
      freeDeltaUs: -20,
    });
    expect(compareProfiles({ ...side(BASE), breakdown: base }, side(OTHER)).breakdown).toBeNull();
    const span = breakdownOf({ ...base, steps: 0 });
    expect(
      compareProfiles({ ...side(BASE), breakdown: span }, { ...side(OTHER), breakdown: other })
        .breakdown?.meanStepDeltaUs,
    ).toBeNull();
  });
});
