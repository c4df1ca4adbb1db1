// Issue 9, finding 9: a slowdown is never worded as a negative improvement, and a run the
// comparability banner flags is not judged at all: its verdict is "not comparable", with the reason.
import { describe, expect, it } from 'vitest';
import { DEFAULT_GATE_RULES } from './gate.ts';
import { buildComparison } from './comparison.ts';
import { op, run } from './compare.test-helpers.ts';

const base = run('base', { tunedMs: 100, operators: [op('A', 100)] });

describe('gate words and signs', () => {
  it('a slower run reads "slower by", with no negative percentage', () => {
    const c = buildComparison(
      [base, run('c', { tunedMs: 100.71, operators: [op('A', 100)] })],
      base,
    );
    const model = c.gate.runs[0]?.reasons.find((r) => r.rule === 'modelImprovement');
    expect(model?.code).toBe('MODEL_NOT_IMPROVED');
    expect(model?.message).toContain('slower by 0.71 %');
    expect(model?.message).not.toMatch(/-\d/);
    expect(model?.params).toMatchObject({ direction: 'slower', changePct: 0.71 });
  });

  it('a faster run reads "faster by"', () => {
    const c = buildComparison([base, run('c', { tunedMs: 94, operators: [op('A', 100)] })], base);
    const model = c.gate.runs[0]?.reasons[0];
    expect(model?.message).toContain('faster by 6.00 %');
    expect(model?.params).toMatchObject({ direction: 'faster', changePct: 6 });
  });

  it('a tail percentile that got faster says so, not "changed by -x %"', () => {
    const s = (k: number) => Array.from({ length: 100 }, (_, i) => (100 + i) * k);
    const c = buildComparison(
      [
        run('b', { tunedMs: 100 }, { latencySamplesMs: s(1) }),
        run('c', { tunedMs: 90 }, { latencySamplesMs: s(0.9) }),
      ],
      run('b', { tunedMs: 100 }, { latencySamplesMs: s(1) }),
    );
    const tail = c.gate.runs[0]?.reasons.filter((r) => r.rule === 'tailLatency') ?? [];
    expect(tail.map((r) => r.message)).toEqual([
      expect.stringContaining('P95 latency: faster by 10.00 %'),
      expect.stringContaining('P99 latency: faster by 10.00 %'),
    ]);
  });
});

describe('runs the banner calls not comparable', () => {
  const other = run(
    'c',
    { tunedMs: 99, operators: [op('A', 100)] },
    { manifest: { soc: 'Ascend910B' } as never },
  );
  const pinned = run(
    'base',
    { tunedMs: 100, operators: [op('A', 100)] },
    { manifest: { soc: 'Ascend310P3' } as never },
  );

  it('are "not comparable", not "reject", and say why', () => {
    const c = buildComparison([pinned, other], pinned, undefined, DEFAULT_GATE_RULES);
    expect(c.comparability).toHaveLength(1);
    expect(c.gate.runs[0]?.verdict).toBe('incomparable');
    expect(c.gate.verdict).toBe('incomparable');
    const why = c.gate.runs[0]?.reasons[0];
    expect(why).toMatchObject({
      rule: 'comparability',
      code: 'NOT_COMPARABLE',
      params: { field: 'soc', base: 'Ascend310P3', value: 'Ascend910B' },
    });
    expect(why?.message).toContain('SoC differs from the baseline (Ascend310P3 vs Ascend910B)');
  });

  it('a comparable run that fails still rejects the whole comparison', () => {
    const bad = run(
      'bad',
      { tunedMs: 99, operators: [op('A', 100)] },
      { manifest: { soc: 'Ascend310P3' } as never },
    );
    const c = buildComparison([pinned, other, bad], pinned);
    expect(c.gate.runs.map((r) => r.verdict)).toEqual(['incomparable', 'reject']);
    expect(c.gate.verdict).toBe('reject');
  });
});
