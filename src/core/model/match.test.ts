import { describe, expect, it } from 'vitest';
import { matchOperators, shapesFromProfile } from './match.ts';
import { op } from './compare.test-helpers.ts';
import type { ProfileSummary } from './types.ts';

const summarize = (pairs: ReturnType<typeof matchOperators>) =>
  pairs.map((p) => [p.base?.name ?? null, p.cand?.name ?? null, p.via]);

describe('matchOperators', () => {
  it.each([
    {
      title: 'pairs by name, type and dimension; leftovers are added and removed',
      base: [op('A', 1), op('B', 1), op('D', 1)],
      cand: [op('A', 1), op('B', 1), op('E', 1)],
      expected: [
        ['A', 'A', 'name'],
        ['B', 'B', 'name'],
        [null, 'E', null],
        ['D', null, null],
      ],
    },
    {
      title: 'the same name with another type or dimension is another operator',
      base: [op('A', 1, 'Conv2D', 'Format'), op('B', 1, 'Relu', null)],
      cand: [op('A', 1, 'Conv2D', 'Schedule'), op('B', 1, 'Add', null)],
      expected: [
        [null, 'A', null],
        [null, 'B', null],
        ['A', null, null],
        ['B', null, null],
      ],
    },
    {
      title: 'an operator listed twice keeps both rows, paired in order',
      base: [op('A', 1), op('A', 2)],
      cand: [op('A', 3), op('A', 4)],
      expected: [
        ['A', 'A', 'name'],
        ['A', 'A', 'name'],
      ],
    },
  ])('$title', ({ base, cand, expected }) => {
    expect(summarize(matchOperators({ base, cand }))).toEqual(expected);
  });

  it('uses the rename mapping (candidate name → baseline name)', () => {
    const pairs = matchOperators({
      base: [op('Conv_1', 1), op('Conv_2', 1)],
      cand: [op('conv1_renamed', 1), op('Conv_2', 1)],
      mapping: { conv1_renamed: 'Conv_1' },
    });
    expect(summarize(pairs)).toEqual([
      ['Conv_1', 'conv1_renamed', 'mapping'],
      ['Conv_2', 'Conv_2', 'name'],
    ]);
    expect(pairs[0]?.name).toBe('Conv_1');
  });

  it('a mapping key such as __proto__ or toString does not match by accident', () => {
    const pairs = matchOperators({
      base: [op('toString', 1)],
      cand: [op('toString', 1)],
      mapping: {},
    });
    expect(summarize(pairs)).toEqual([['toString', 'toString', 'name']]);
  });

  it('falls back to the input shape from linked profiles when it is unique on both sides', () => {
    const pairs = matchOperators({
      base: [op('old_a', 1), op('old_b', 1), op('old_c', 1), op('old_d', 1)],
      cand: [op('new_a', 1), op('new_b', 1), op('new_c', 1), op('new_d', 1)],
      baseShapes: new Map([
        ['old_a', '1,64,56,56'],
        ['old_b', '1,128,28,28'],
        ['old_c', '1,128,28,28'],
        ['old_d', '9'],
      ]),
      candShapes: new Map([
        ['new_a', '1,64,56,56'],
        ['new_b', '1,128,28,28'],
        ['new_c', '1,128,28,28'],
      ]),
    });
    // a: unique shape → matched; b/c: same shape twice → ambiguous, no guess; d: no shape in cand.
    expect(summarize(pairs)).toEqual([
      ['old_a', 'new_a', 'shape'],
      [null, 'new_b', null],
      [null, 'new_c', null],
      [null, 'new_d', null],
      ['old_b', null, null],
      ['old_c', null, null],
      ['old_d', null, null],
    ]);
  });

  it('reads shapes from a profile summary and skips operators without one', () => {
    const summary: ProfileSummary = {
      rows: 2,
      totalDurationUs: 3,
      byType: [],
      topOperators: [
        {
          name: 'a',
          type: 'Conv2D',
          count: 1,
          totalUs: 2,
          meanUs: 2,
          share: 0.6,
          inputShapes: '1,3',
        },
        { name: 'b', type: 'Relu', count: 1, totalUs: 1, meanUs: 1, share: 0.3, inputShapes: null },
      ],
    };
    expect([...shapesFromProfile(summary)]).toEqual([['a', '1,3']]);
    expect(shapesFromProfile(null).size).toBe(0);
  });
});

describe('matching across AOE generations', () => {
  it('pairs a dimension-less row (CANN ≤ 6.2) with the one row of the same name and type', () => {
    const pairs = matchOperators({
      base: [
        op('A', 1, 'Conv2D', 'Schedule'),
        op('B', 1, 'Conv2D', 'Format'),
        op('B', 1, 'Conv2D', 'Schedule'),
      ],
      cand: [op('A', 1, 'Conv2D', null), op('B', 1, 'Conv2D', null)],
    });
    // A is unique → paired; B has two dimensions in the baseline → ambiguous, left unpaired.
    expect(summarize(pairs)).toEqual([
      ['A', 'A', 'name'],
      [null, 'B', null],
      ['B', null, null],
      ['B', null, null],
    ]);
  });
});

describe('rename pairs across types', () => {
  it('an explicit pair matches even when type and dimension differ', () => {
    const pairs = matchOperators({
      base: [op('Softmax_0', 16, 'SoftmaxV2', 'Format')],
      cand: [op('Relu_0', 30, 'Relu', 'Schedule')],
      mapping: { Relu_0: 'Softmax_0' },
    });
    expect(summarize(pairs)).toEqual([['Softmax_0', 'Relu_0', 'mapping']]);
  });
});
