import { describe, expect, test } from 'vitest';
import { groupByName, isNoType } from './profile-by-name.ts';
import type { ProfileData, ProfileTable } from './types.ts';

function table(rows: readonly (readonly [string, string, number])[]): ProfileTable {
  const dict: string[] = [''];
  const id = (s: string) => {
    const i = dict.indexOf(s);
    return i >= 0 ? i : dict.push(s) - 1;
  };
  const n = rows.length;
  const t: ProfileTable = {
    rowCount: n,
    dict,
    name: Uint32Array.from(rows, (r) => id(r[0])),
    type: Uint32Array.from(rows, (r) => id(r[1])),
    coreType: new Uint32Array(n),
    inputShapes: new Uint32Array(n),
    durationUs: Float64Array.from(rows, (r) => r[2]),
    waitUs: new Float64Array(n),
    startUs: new Float64Array(n),
    startBaseUs: null,
  };
  return t;
}

const profile = (
  t: ProfileTable | null,
  topOperators: ProfileData['summary']['topOperators'] = [],
) =>
  ({
    id: 'p',
    fileName: 'kernel_details.csv',
    format: 'kernel-details',
    headerSet: 'torch_npu-level1',
    columns: [],
    table: t,
    summary: { rows: t?.rowCount ?? 0, totalDurationUs: 0, byType: [], topOperators },
  }) satisfies ProfileData;

describe('groupByName', () => {
  test('one entry per name: count, total, mean over timed calls, max, share', () => {
    const groups = groupByName(
      profile(
        table([
          ['Conv_34', 'Conv2D', 10],
          ['Relu_1', 'Relu', 5],
          ['Conv_34', 'Conv2D', 30],
          ['Conv_34', 'Conv2D', NaN],
          ['Relu_1', 'Relu', 5],
        ]),
      ),
    );
    expect(groups).toEqual([
      {
        name: 'Conv_34',
        type: 'Conv2D',
        otherTypes: [],
        count: 3,
        totalUs: 40,
        meanUs: 20,
        maxUs: 30,
        share: 0.8,
      },
      {
        name: 'Relu_1',
        type: 'Relu',
        otherTypes: [],
        count: 2,
        totalUs: 10,
        meanUs: 5,
        maxUs: 5,
        share: 0.2,
      },
    ]);
  });

  test('a name seen with two types keeps the type with more time and lists the other', () => {
    const [g] = groupByName(
      profile(
        table([
          ['MatMul_1', 'MatMulV2', 2],
          ['MatMul_1', 'MatMulV3', 8],
        ]),
      ),
    );
    expect(g).toMatchObject({ type: 'MatMulV3', otherTypes: ['MatMulV2'], count: 2 });
  });

  test('without rows it groups the per-operator aggregates and has no max', () => {
    const groups = groupByName(
      profile(null, [
        { name: 'A', type: 'Add', count: 4, totalUs: 8, meanUs: 2, share: 0.5, inputShapes: null },
        {
          name: 'A',
          type: 'AddN',
          count: 2,
          totalUs: 4,
          meanUs: 2,
          share: 0.25,
          inputShapes: null,
        },
        { name: 'B', type: 'Mul', count: 1, totalUs: 4, meanUs: 4, share: 0.25, inputShapes: null },
      ]),
    );
    expect(groups.map((g) => [g.name, g.count, g.totalUs, g.meanUs, g.maxUs, g.share])).toEqual([
      ['A', 6, 12, 2, null, 0.75],
      ['B', 1, 4, 4, null, 0.25],
    ]);
  });
});

test.each([
  ['N/A', true],
  ['', true],
  [' n/a ', true],
  ['Conv2D', false],
])('isNoType(%j) → %s', (type, no) => expect(isNoType(type)).toBe(no));
