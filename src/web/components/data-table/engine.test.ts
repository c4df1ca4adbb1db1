import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fromRows, internStrings, numberColumn, type ColumnarData } from './columnar.ts';
import { runQuery, type EngineQuery } from './engine.ts';
import { comparatorSortRowIds, sortRowIds, type SortKey } from './sort.ts';

interface Op {
  name: string;
  type: string;
  us: number | null;
}

const ops: Op[] = [
  { name: 'Conv_10', type: 'Conv2D', us: 5 },
  { name: 'Conv_2', type: 'Conv2D', us: 7 },
  { name: 'Relu_0', type: 'Relu', us: null },
  { name: 'Add_0', type: 'Add', us: -1.5 },
  { name: 'Relu_1', type: 'Relu', us: 7 },
];
const data = fromRows(ops, { name: (o) => o.name, type: (o) => o.type, us: (o) => o.us });

const base: EngineQuery = { sort: [], filters: {}, search: '', searchColumns: [], groupBy: null };
const names = (rows: Uint32Array) => [...rows].map((i) => ops[i]?.name);

describe('runQuery', () => {
  it.each<{ name: string; query: Partial<EngineQuery>; expected: string[] }>([
    {
      name: 'no query keeps input order',
      query: {},
      expected: ['Conv_10', 'Conv_2', 'Relu_0', 'Add_0', 'Relu_1'],
    },
    {
      name: 'number ascending, missing last, ties stable',
      query: { sort: [{ id: 'us', desc: false }] },
      expected: ['Add_0', 'Conv_10', 'Conv_2', 'Relu_1', 'Relu_0'],
    },
    {
      name: 'number descending, missing still last',
      query: { sort: [{ id: 'us', desc: true }] },
      expected: ['Conv_2', 'Relu_1', 'Conv_10', 'Add_0', 'Relu_0'],
    },
    {
      name: 'text in natural order',
      query: { sort: [{ id: 'name', desc: false }] },
      expected: ['Add_0', 'Conv_2', 'Conv_10', 'Relu_0', 'Relu_1'],
    },
    {
      name: 'multi-sort: type descending, then time descending',
      query: {
        sort: [
          { id: 'type', desc: true },
          { id: 'us', desc: true },
        ],
      },
      expected: ['Relu_1', 'Relu_0', 'Conv_2', 'Conv_10', 'Add_0'],
    },
    {
      name: 'text filter is a case-insensitive substring',
      query: { filters: { name: 'conv' } },
      expected: ['Conv_10', 'Conv_2'],
    },
    {
      name: 'numeric range is inclusive and drops missing values',
      query: { filters: { us: { min: 0, max: 7 } } },
      expected: ['Conv_10', 'Conv_2', 'Relu_1'],
    },
    {
      name: 'open-ended range',
      query: { filters: { us: { min: null, max: 5 } } },
      expected: ['Conv_10', 'Add_0'],
    },
    {
      name: 'global search over the chosen text columns',
      query: { search: 'relu', searchColumns: ['name', 'type'] },
      expected: ['Relu_0', 'Relu_1'],
    },
  ])('$name', ({ query, expected }) => {
    expect(names(runQuery(data, { ...base, ...query }).rows)).toEqual(expected);
  });

  it('groups by a column in order of first appearance, with counts and sums', () => {
    const r = runQuery(data, { ...base, sort: [{ id: 'us', desc: true }], groupBy: 'type' });
    expect(names(r.rows)).toEqual(['Conv_2', 'Conv_10', 'Relu_1', 'Relu_0', 'Add_0']);
    expect(r.groups.map((g) => [g.key, g.count, g.sums.us])).toEqual([
      ['Conv2D', 2, 12],
      ['Relu', 2, 7],
      ['Add', 1, -1.5],
    ]);
    expect(r.groupStarts).toEqual([0, 2, 4]);
  });
});

describe('sortRowIds', () => {
  const columnsOf = (nums: number[], texts: string[]): ColumnarData => ({
    rowCount: nums.length,
    columns: { n: numberColumn(Float64Array.from(nums)), t: internStrings(texts) },
  });

  it('agrees with the comparator sort on any data and keys', () => {
    const row = fc.record({
      n: fc.oneof(fc.double(), fc.constantFrom(0, -0, 1e300, -1e-300, NaN)),
      t: fc.constantFrom('a', 'A', 'B', 'b', 'b10', 'b9', ''),
    });
    const key = fc.record({ id: fc.constantFrom('n', 't'), desc: fc.boolean() });
    fc.assert(
      fc.property(
        fc.array(row, { maxLength: 60 }),
        fc.array(key, { maxLength: 3 }),
        (rows, keys) => {
          const d = columnsOf(
            rows.map((r) => r.n),
            rows.map((r) => r.t),
          );
          const ids = Uint32Array.from(rows.keys());
          const expected = [...comparatorSortRowIds(d, ids, keys)];
          expect([...sortRowIds(d, ids, keys as SortKey[])]).toEqual(expected);
        },
      ),
    );
  });

  it('sorts a large column with wide-ranging values', () => {
    const n = 50_000;
    const nums = Array.from({ length: n }, (_, i) => ((i * 7919) % n) - n / 2 + i / n);
    const d = columnsOf(nums, nums.map(String));
    const sorted = sortRowIds(d, Uint32Array.from(nums.keys()), [{ id: 'n', desc: false }]);
    const values = [...sorted].map((i) => nums[i] ?? NaN);
    expect(values).toEqual([...nums].sort((a, b) => a - b));
  });
});
