import { describe, expect, it } from 'vitest';
import {
  bucketOf,
  comparability,
  compareModels,
  compareOperators,
  diffValues,
  knowledgeBaseTrend,
  labelDiff,
  visibleRows,
} from './compare.ts';
import { op, repo, run } from './compare.test-helpers.ts';

const floor = { pct: 1, abs: 1 };

describe('diffValues + labelDiff (the one definition of better)', () => {
  it.each([
    // base, cand, floor, kind, delta, deltaPct, speedup, label, bucket
    [100, 90, floor, 'numeric', -10, -10, 100 / 90, 'improvement', 'faster'],
    [200, 230, floor, 'numeric', 30, 15, 200 / 230, 'regression', 'slower'],
    [100, 100.5, floor, 'numeric', 0.5, 0.5, 100 / 100.5, 'neutral', 'unchanged'], // under 1 % and 1 µs
    [1000, 1005, floor, 'numeric', 5, 0.5, 1000 / 1005, 'neutral', 'unchanged'], // 5 µs but only 0.5 %
    [0.5, 0.4, floor, 'numeric', -0.1, -20, 1.25, 'neutral', 'unchanged'], // 20 % but only 0.1 µs
    [100, 100.5, { pct: 0, abs: 0 }, 'numeric', 0.5, 0.5, 100 / 100.5, 'regression', 'slower'],
    [50, 50, floor, 'numeric', 0, 0, 1, 'neutral', 'unchanged'],
    [0, 5, floor, 'numeric', 5, null, 0, 'regression', 'slower'],
  ] as const)('%d → %d', (base, cand, fl, kind, delta, deltaPct, speedup, label, bucket) => {
    const d = diffValues(base, cand);
    expect(d.kind).toBe(kind);
    if (d.kind !== 'numeric') return;
    expect(d.delta).toBeCloseTo(delta, 10);
    if (deltaPct === null) expect(d.deltaPct).toBeNull();
    else expect(d.deltaPct).toBeCloseTo(deltaPct, 10);
    expect(d.speedup).toBeCloseTo(speedup, 10);
    expect(labelDiff(d, fl)).toBe(label);
    expect(bucketOf(d, fl)).toBe(bucket);
  });

  it.each([
    [null, 5, 'added'],
    [5, null, 'removed'],
    [NaN, 5, 'added'],
  ] as const)('%s → %s is %s and never labelled better or worse', (base, cand, bucket) => {
    const d = diffValues(base, cand);
    expect(bucketOf(d, floor)).toBe(bucket);
    expect(labelDiff(d, floor)).toBe('neutral');
  });

  it('two missing values are "missing"', () => {
    expect(diffValues(null, null)).toEqual({ kind: 'missing' });
  });
});

describe('compareOperators', () => {
  const base = run('r1', { operators: [op('A', 100), op('B', 200), op('C', 50), op('D', 10)] });
  const cand = run('r2', { operators: [op('A', 80), op('B', 220), op('C', 50.2), op('E', 30)] });

  it('buckets rows, counts them and takes the geometric mean over matched operators', () => {
    const c = compareOperators(base, cand);
    expect(c.rows.map((r) => [r.name, r.bucket])).toEqual([
      ['A', 'faster'],
      ['B', 'slower'],
      ['C', 'unchanged'],
      ['E', 'added'],
      ['D', 'removed'],
    ]);
    expect(c.counts).toEqual({ added: 1, removed: 1, faster: 1, slower: 1, unchanged: 1 });
    expect(c.matched).toBe(3);
    // (1.25 × 200/220 × 50/50.2)^(1/3)
    expect(c.geomeanSpeedup).toBeCloseTo(1.0421443340277838, 12);
  });

  it('compares the tuned (after) time of each run', () => {
    const c = compareOperators(
      run('a', { operators: [op('A', 40, 'Conv2D', 'Schedule', 999)] }),
      run('b', { operators: [op('A', 50, 'Conv2D', 'Schedule', 1)] }),
    );
    const row = c.rows[0];
    expect(row?.baseUs).toBe(40);
    expect(row?.candUs).toBe(50);
    expect(row?.diff).toMatchObject({ kind: 'numeric', delta: 10, deltaPct: 25 });
  });

  it('a wider noise floor moves small changes into "unchanged"; diff-only hides them', () => {
    const c = compareOperators(base, cand, { noise: { pct: 12, us: 1 }, mapping: {} });
    expect(c.counts).toEqual({ added: 1, removed: 1, faster: 1, slower: 0, unchanged: 2 });
    expect(visibleRows(c.rows, true).map((r) => r.name)).toEqual(['A', 'E', 'D']);
    expect(visibleRows(c.rows, false)).toHaveLength(5);
  });

  it('has no geometric mean without matched operators', () => {
    expect(compareOperators(run('x'), run('y')).geomeanSpeedup).toBeNull();
  });
});

describe('compareModels', () => {
  it('diffs each run latency against the pinned baseline run', () => {
    const r1 = run('r1', { baselineMs: 110, tunedMs: 100 });
    const r2 = run('r2', { baselineMs: 110, tunedMs: 94 });
    const r3 = run('r3', { baselineMs: 110, tunedMs: 100.5 });
    const r4 = run('r4', { baselineMs: 120, tunedMs: null }); // untuned: its baseline is its latency
    const rows = compareModels([r1, r2, r3, r4], r1);
    expect(rows.map((r) => [r.runId, r.isBaseline, r.label])).toEqual([
      ['r1', true, 'neutral'],
      ['r2', false, 'improvement'],
      ['r3', false, 'neutral'],
      ['r4', false, 'regression'],
    ]);
    expect(rows[1]?.diff).toMatchObject({ delta: -6, deltaPct: -6 });
    expect(rows[3]?.diff).toMatchObject({ delta: 20, deltaPct: 20 });
  });
});

describe('knowledgeBaseTrend', () => {
  it('computes the hit rate and passes the counts through', () => {
    const points = knowledgeBaseTrend([
      run('a', { repoSummary: repo(17, 2, 2, 0, 19) }),
      run('b'),
      run('c', { repoSummary: repo(0, 0, 0, 0, 0) }),
    ]);
    expect(points[0]).toMatchObject({ hit: 17, add: 2, update: 2, unsatisfied: 0, total: 19 });
    expect(points[0]?.hitRate).toBeCloseTo(17 / 19, 12);
    expect(points[1]?.hitRate).toBeNull();
    expect(points[2]?.hitRate).toBeNull();
  });
});

describe('comparability', () => {
  it('warns about kind, generation, task name and manifest fields present on both sides', () => {
    const base = run('a', {}, { manifest: { cannVersion: '8.0.RC1', soc: 'Ascend310P3' } });
    const other = run(
      'b',
      { name: 'resnet50_bs8', kind: 'sgat' },
      { generation: 'cann-6.0', manifest: { cannVersion: '8.0.RC2' } },
    );
    const plain = run('c'); // no manifest: nothing to compare
    expect(comparability([base, other, plain], base)).toEqual([
      { field: 'kind', runId: 'b', baseValue: 'opat', runValue: 'sgat' },
      { field: 'generation', runId: 'b', baseValue: 'cann-6.3+', runValue: 'cann-6.0' },
      { field: 'taskName', runId: 'b', baseValue: 'resnet50', runValue: 'resnet50_bs8' },
      { field: 'cannVersion', runId: 'b', baseValue: '8.0.RC1', runValue: '8.0.RC2' },
    ]);
  });

  it('is silent for comparable runs', () => {
    expect(comparability([run('a'), run('b')], run('a'))).toEqual([]);
  });
});
