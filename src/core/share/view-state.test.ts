import { describe, expect, it } from 'vitest';
import {
  DEFAULT_VIEW,
  effectiveBaseline,
  mappingRecord,
  runPageView,
  selectRuns,
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

  it('keeps the baseline put while runs are ticked, whatever was ticked first', () => {
    // Tick run 2, pin it, tick 3 and 4, then 1: run 2 stays the baseline throughout.
    let view: ViewState = DEFAULT_VIEW;
    const tick = (runs: string[]) => (view = { ...view, ...selectRuns(view, runs) });
    tick(['r2']);
    expect(view.baseline).toBe('r2');
    view = { ...view, baseline: 'r2' };
    tick(['r2', 'r3']);
    tick(['r2', 'r3', 'r4']);
    tick(['r1', 'r2', 'r3', 'r4']);
    expect(effectiveBaseline(view)).toBe('r2');
    // Unticking another run leaves it too; unticking the baseline passes it to the first run left.
    tick(['r1', 'r2', 'r4']);
    expect(view.baseline).toBe('r2');
    tick(['r1', 'r4']);
    expect(view.baseline).toBe('r1');
    tick([]);
    expect(view.baseline).toBe('');
  });

  it('pins the baseline an older link left implicit before the selection changes', () => {
    const old = { ...DEFAULT_VIEW, runs: ['b', 'c'], baseline: '' };
    expect(selectRuns(old, ['a', 'b', 'c'])).toEqual({ runs: ['a', 'b', 'c'], baseline: 'b' });
  });

  it('describes a shared run page by its one run', () => {
    expect(runPageView('x:0')).toMatchObject({ page: 'run', runs: ['x:0'], baseline: 'x:0' });
  });

  it('builds a prototype-free mapping table', () => {
    const m = mappingRecord([['__proto__', 'x']]);
    expect(m['__proto__']).toBe('x');
    expect(Object.getPrototypeOf(m)).toBeNull();
  });
});
