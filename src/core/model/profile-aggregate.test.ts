import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import type { ProfileTable } from './types.ts';
import { summarizeStatistic, summarizeTable } from './profile-aggregate.ts';

/** Builds a table from [name, type, shapes, durationUs] rows (null = missing). */
function table(rows: readonly [string, string, string | null, number | null][]): ProfileTable {
  const dict = [''];
  const id = (s: string | null) => {
    if (s === null || s === '') return 0;
    const i = dict.indexOf(s);
    return i >= 0 ? i : dict.push(s) - 1;
  };
  const n = rows.length;
  return {
    rowCount: n,
    dict,
    name: Uint32Array.from(rows, (r) => id(r[0])),
    type: Uint32Array.from(rows, (r) => id(r[1])),
    coreType: new Uint32Array(n),
    inputShapes: Uint32Array.from(rows, (r) => id(r[2])),
    durationUs: Float64Array.from(rows, (r) => r[3] ?? NaN),
    waitUs: new Float64Array(n),
    startUs: new Float64Array(n),
    startBaseUs: null,
  };
}

describe('summarizeTable', () => {
  const t = table([
    ['Conv_0', 'Conv2D', '1,3,224,224', 60],
    ['Relu_0', 'Relu', '1,64,112,112', 5],
    ['Conv_1', 'Conv2D', '1,64,56,56', 25],
    ['Conv_0', 'Conv2D', '1,3,224,224', 40],
    ['Conv_0', 'Conv2D', '2,3,224,224', 50],
    ['Gemm_0', 'MatMulV2', null, 20],
    ['Relu_0', 'Relu', '1,64,112,112', null],
  ]);
  const s = summarizeTable(t);

  test('totals: missing durations count as calls but add no time', () => {
    expect([s.rows, s.totalDurationUs]).toEqual([7, 200]);
  });

  test('per type: count, total, mean over timed calls, share; by total descending', () => {
    expect(s.byType).toEqual([
      { type: 'Conv2D', count: 4, totalUs: 175, meanUs: 43.75, share: 0.875 },
      { type: 'MatMulV2', count: 1, totalUs: 20, meanUs: 20, share: 0.1 },
      { type: 'Relu', count: 2, totalUs: 5, meanUs: 5, share: 0.025 },
    ]);
  });

  test('per operator: name and type, with the most common input shape', () => {
    expect(s.topOperators).toEqual([
      {
        name: 'Conv_0',
        type: 'Conv2D',
        count: 3,
        totalUs: 150,
        meanUs: 50,
        share: 0.75,
        inputShapes: '1,3,224,224',
      },
      {
        name: 'Conv_1',
        type: 'Conv2D',
        count: 1,
        totalUs: 25,
        meanUs: 25,
        share: 0.125,
        inputShapes: '1,64,56,56',
      },
      {
        name: 'Gemm_0',
        type: 'MatMulV2',
        count: 1,
        totalUs: 20,
        meanUs: 20,
        share: 0.1,
        inputShapes: null,
      },
      {
        name: 'Relu_0',
        type: 'Relu',
        count: 2,
        totalUs: 5,
        meanUs: 5,
        share: 0.025,
        inputShapes: '1,64,112,112',
      },
    ]);
  });

  test('the same name under two types is two operators; equal totals sort by name', () => {
    const x = summarizeTable(
      table([
        ['b', 'T1', null, 10],
        ['a', 'T2', null, 10],
        ['a', 'T1', null, 10],
      ]),
    );
    expect(x.topOperators.map((o) => [o.name, o.type])).toEqual([
      ['a', 'T1'],
      ['a', 'T2'],
      ['b', 'T1'],
    ]);
    expect(x.byType.map((b) => [b.type, b.totalUs, b.share])).toEqual([
      ['T1', 20, 20 / 30],
      ['T2', 10, 10 / 30],
    ]);
  });

  test('an empty or all-missing table has zero shares, not NaN', () => {
    expect(summarizeTable(table([]))).toEqual({
      rows: 0,
      totalDurationUs: 0,
      byType: [],
      topOperators: [],
    });
    const y = summarizeTable(table([['x', 'T', null, null]]));
    expect(y.byType).toEqual([{ type: 'T', count: 1, totalUs: 0, meanUs: 0, share: 0 }]);
  });
});

describe('summarizeTable invariants (property)', () => {
  const row = fc.tuple(
    fc.constantFrom('Conv_0', 'Conv_1', 'Relu_0', 'Add_0', 'Gemm_0'),
    fc.constantFrom('Conv2D', 'Relu', 'Add', 'MatMulV2', ''),
    fc.constantFrom(null, '1,3,224,224', '1,64,56,56'),
    fc.oneof(fc.constant(null), fc.double({ min: 0, max: 1e4, noNaN: true })),
  );

  test('counts add up to the rows, totals to the table total, shares to 1, sorted by total', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 60 }), (rows) => {
        const s = summarizeTable(table(rows));
        const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
        expect(sum(s.byType.map((t) => t.count))).toBe(rows.length);
        expect(sum(s.topOperators.map((o) => o.count))).toBe(rows.length);
        expect(sum(s.byType.map((t) => t.totalUs))).toBeCloseTo(s.totalDurationUs, 6);
        if (s.totalDurationUs > 0) expect(sum(s.byType.map((t) => t.share))).toBeCloseTo(1, 9);
        for (let i = 1; i < s.byType.length; i++) {
          expect(s.byType[i - 1]?.totalUs).toBeGreaterThanOrEqual(s.byType[i]?.totalUs ?? 0);
        }
        for (let i = 1; i < s.topOperators.length; i++) {
          expect(s.topOperators[i - 1]?.totalUs).toBeGreaterThanOrEqual(
            s.topOperators[i]?.totalUs ?? 0,
          );
        }
      }),
    );
  });
});

/**
 * The summary worked out the plain way, row by row with a map on name × type and a map of shape
 * counts per operator: what summarizeTable must give to the last bit (sums in row order).
 */
function plainSummary(t: ProfileTable) {
  const byType = new Map<number, { count: number; timed: number; total: number }>();
  const byOp = new Map<
    string,
    {
      n: number;
      t: number;
      count: number;
      timed: number;
      total: number;
      shapes: Map<number, number>;
    }
  >();
  let total = 0;
  for (let i = 0; i < t.rowCount; i++) {
    const d = t.durationUs[i] as number;
    const ty = t.type[i] as number;
    const n = t.name[i] as number;
    const ta = byType.get(ty) ?? { count: 0, timed: 0, total: 0 };
    byType.set(ty, ta);
    const key = `${n}/${ty}`;
    const oa = byOp.get(key) ?? { n, t: ty, count: 0, timed: 0, total: 0, shapes: new Map() };
    byOp.set(key, oa);
    ta.count++;
    oa.count++;
    if (!Number.isNaN(d)) {
      ta.timed++;
      ta.total += d;
      oa.timed++;
      oa.total += d;
      total += d;
    }
    const shape = t.inputShapes[i] as number;
    if (shape !== 0) oa.shapes.set(shape, (oa.shapes.get(shape) ?? 0) + 1);
  }
  const share = (x: number) => (total > 0 ? x / total : 0);
  const commonest = (m: Map<number, number>) => {
    let best: number | null = null;
    let bestCount = 0;
    for (const [k, c] of m) if (c > bestCount) [best, bestCount] = [k, c];
    return best === null ? null : (t.dict[best] ?? null);
  };
  const order =
    <T extends { totalUs: number }>(key: (x: T) => string) =>
    (a: T, b: T) =>
      b.totalUs - a.totalUs || (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
  return {
    rows: t.rowCount,
    totalDurationUs: total,
    byType: [...byType]
      .map(([ty, a]) => ({
        type: t.dict[ty] ?? '',
        count: a.count,
        totalUs: a.total,
        meanUs: a.timed > 0 ? a.total / a.timed : 0,
        share: share(a.total),
      }))
      .sort(order((x) => x.type)),
    topOperators: [...byOp.values()]
      .map((a) => ({
        name: t.dict[a.n] ?? '',
        type: t.dict[a.t] ?? '',
        count: a.count,
        totalUs: a.total,
        meanUs: a.timed > 0 ? a.total / a.timed : 0,
        share: share(a.total),
        inputShapes: commonest(a.shapes),
      }))
      .sort(order((x) => `${x.name}\u0000${x.type}`)),
  };
}

describe('summarizeTable against the plain row-by-row summary (property)', () => {
  // Few names under several types (a name chains accumulators), several shapes per operator
  // with ties, missing names, types, shapes and durations.
  const row = fc.tuple(
    fc.constantFrom('Conv_0', 'Conv_1', 'Relu_0', ''),
    fc.constantFrom('Conv2D', 'Relu', 'MatMulV2', ''),
    fc.constantFrom(null, 's1', 's2', 's3'),
    fc.oneof(fc.constant(null), fc.double({ min: 0, max: 1e4, noNaN: true })),
  );

  test('the same sums, means, shares, commonest shapes and order', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 80 }), (rows) => {
        const t = table(rows);
        expect(summarizeTable(t)).toEqual(plainSummary(t));
      }),
      { numRuns: 300 },
    );
  });
});

describe('summarizeStatistic', () => {
  test('rows of one type on several cores are summed; shares of the file total', () => {
    const s = summarizeStatistic([
      { type: 'MatMulV2', coreType: 'AI_CORE', count: 4, totalUs: 300 },
      { type: 'Relu', coreType: 'AI_VECTOR_CORE', count: 10, totalUs: 50 },
      { type: 'MatMulV2', coreType: 'MIX_AIC', count: 1, totalUs: 150 },
    ]);
    expect(s).toEqual({
      rows: 3,
      totalDurationUs: 500,
      byType: [
        { type: 'MatMulV2', count: 5, totalUs: 450, meanUs: 90, share: 0.9 },
        { type: 'Relu', count: 10, totalUs: 50, meanUs: 5, share: 0.1 },
      ],
      topOperators: [],
    });
  });
});
