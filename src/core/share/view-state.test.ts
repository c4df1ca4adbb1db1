import { describe, expect, it } from 'vitest';
import {
  DEFAULT_VIEW,
  effectiveBaseline,
  mappingRecord,
  viewFromParams,
  viewToParams,
} from './view-state.ts';
import type { ViewState } from './view-state.ts';
import { DEFAULT_GATE_RULES } from '../model/gate.ts';

describe('view state in the URL', () => {
  it('writes nothing for the default view', () => {
    expect(viewToParams(DEFAULT_VIEW).toString()).toBe('');
    expect(viewFromParams(new URLSearchParams())).toEqual(DEFAULT_VIEW);
  });

  it('round-trips every field', () => {
    const view: ViewState = {
      page: 'compare',
      runs: ['abc:0', 'def:1'],
      baseline: 'def:1',
      tab: 'knowledge-base',
      diffOnly: true,
      noisePct: 2.5,
      noiseUs: 0,
      sort: [
        { id: 'type', desc: false },
        { id: 'deltaUs', desc: true },
      ],
      query: 'Conv & <b>',
      buckets: ['slower', 'added'],
      mapping: [['new name, with comma', 'Conv_1']],
      gate: { ...DEFAULT_GATE_RULES, operatorRegression: { enabled: false, maxPct: 20 } },
    };
    const text = viewToParams(view).toString();
    expect(viewFromParams(new URLSearchParams(text))).toEqual(view);
  });

  it.each([
    ['tab=nope', { tab: 'operators' }],
    ['noisePct=-3', { noisePct: 1 }],
    ['noisePct=abc', { noisePct: 1 }],
    ['sort=evil.desc,name.sideways', { sort: [] }],
    ['buckets=faster,bogus,faster', { buckets: ['faster'] }],
    ['map=[1,["a","b"],["c"]]', { mapping: [['a', 'b']] }],
    ['map={broken', { mapping: [] }],
    ['gate={"version":2}', { gate: DEFAULT_GATE_RULES }],
    ['runs=a,,a,b', { runs: ['a', 'b'] }],
  ])('a hand-edited %s falls back field by field', (query, expected) => {
    expect(viewFromParams(new URLSearchParams(query))).toMatchObject(expected);
  });

  it('uses the pinned baseline only when it is selected', () => {
    expect(effectiveBaseline({ ...DEFAULT_VIEW, runs: ['a', 'b'], baseline: 'b' })).toBe('b');
    expect(effectiveBaseline({ ...DEFAULT_VIEW, runs: ['a', 'b'], baseline: 'z' })).toBe('a');
    expect(effectiveBaseline(DEFAULT_VIEW)).toBeNull();
  });

  it('builds a prototype-free mapping table', () => {
    const m = mappingRecord([['__proto__', 'x']]);
    expect(m['__proto__']).toBe('x');
    expect(Object.getPrototypeOf(m)).toBeNull();
  });
});
