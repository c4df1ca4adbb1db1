// The gate on measured latency: mean / median / P95 / P99 of benchmark measurements of the
// baseline and tuned models, the iteration count a percentile needs, and the GPU baseline rule.
// Expected figures are worked out by hand in the comments, not by the code under test.
import { describe, expect, it } from 'vitest';
import type { Measurement } from '../measure/model.ts';
import { NO_STATS } from '../measure/model.ts';
import type { GateRules } from './gate.ts';
import { DEFAULT_GATE_RULES, evaluateRun, requiredIterations } from './gate.ts';
import { op, run } from './compare.test-helpers.ts';

const base = run('base', { tunedMs: 100, operators: [op('A', 100)] });
const cand = run('cand', { tunedMs: 94, operators: [op('A', 94)] });

/** n iterations start, start+step, …: mean = median = start + step·(n−1)/2. */
function iterations(
  n: number,
  start: number,
  step: number,
  more: Partial<Measurement> = {},
): Measurement {
  const it = Float64Array.from({ length: n }, (_, i) => start + i * step);
  return {
    tool: 'ais_bench',
    source: 'ais_bench-summary-json',
    toolVersion: null,
    batchSize: 1,
    latencyMs: { ...NO_STATS, count: n },
    throughputPerS: null,
    throughputUnit: null,
    iterationsMs: it,
    model: null,
    device: null,
    derived: [],
    ...more,
  };
}

function stated(
  stats: Partial<Measurement['latencyMs']>,
  more: Partial<Measurement> = {},
): Measurement {
  return {
    tool: 'trtexec',
    source: 'trtexec-stdout',
    toolVersion: '8.6.1',
    batchSize: 1,
    latencyMs: { ...NO_STATS, ...stats },
    throughputPerS: null,
    throughputUnit: 'queries',
    model: null,
    device: null,
    derived: [],
    ...more,
  };
}

const byRule = (v: ReturnType<typeof evaluateRun>, rule: string) =>
  v.reasons.filter((r) => r.rule === rule).map((r) => `${r.code}:${r.status}`);

describe('requiredIterations', () => {
  it.each([
    [95, 20, 20],
    [99, 20, 100],
    [99.9, 20, 1000],
    [50, 20, 20],
    [90, 5, 10],
    [100, 20, 20],
  ])('P%d with minRepeats %d needs %d', (p, min, expected) => {
    expect(requiredIterations(p, min)).toBe(expected);
  });
});

describe('measured latency rule', () => {
  it('passes when the tuned OM is measured faster; params name the figures', () => {
    // base 200 iterations 10.00…11.99 ms: mean 10.995; tuned 9.00…10.99: mean 9.995: 1 / 10.995 = 9.095 % faster → 9.10.
    const v = evaluateRun(DEFAULT_GATE_RULES, base, cand, undefined, undefined, {
      base: iterations(200, 10, 0.01),
      cand: iterations(200, 9, 0.01),
      gpu: null,
    });
    expect(byRule(v, 'measuredLatency')).toEqual(['MEASURED_OK:pass', 'MEASURED_OK:pass']);
    const mean = v.reasons.find((r) => r.code === 'MEASURED_OK');
    expect(mean?.params).toMatchObject({ stat: 'mean', direction: 'faster', changePct: 9.1 });
    expect(mean?.params['baseMs']).toBeCloseTo(10.995, 9);
    expect(mean?.message).toContain('Measured mean latency: faster by 9.10 %');
    // 200 iterations clear P95 (20) and P99 (100): both judged, both 9.0…% faster.
    expect(byRule(v, 'tailLatency')).toEqual(['TAIL_OK:pass', 'TAIL_OK:pass']);
    expect(v.verdict).toBe('accept');
  });

  it('rejects when the tuned OM measures slower although AOE says it is faster', () => {
    const v = evaluateRun(DEFAULT_GATE_RULES, base, cand, undefined, undefined, {
      base: stated({ count: 50, mean: 10, median: 10 }),
      cand: stated({ count: 50, mean: 10.1, median: 9.9 }),
      gpu: null,
    });
    expect(byRule(v, 'measuredLatency')).toEqual(['MEASURED_WORSE:fail', 'MEASURED_OK:pass']);
    expect(v.reasons.find((r) => r.code === 'MEASURED_WORSE')?.message).toContain(
      'Measured mean latency: slower by 1.00 %',
    );
    expect(v.verdict).toBe('reject');
  });

  it('says "too few iterations for P99" below 100 iterations and still judges P95', () => {
    // 50 iterations: P95 needs 20 (judged), P99 needs 100 (not enough data).
    const v = evaluateRun(DEFAULT_GATE_RULES, base, cand, undefined, undefined, {
      base: iterations(50, 10, 0.01),
      cand: iterations(50, 9, 0.01),
      gpu: null,
    });
    expect(byRule(v, 'tailLatency')).toEqual(['TAIL_OK:pass', 'TAIL_TOO_FEW:insufficient']);
    const few = v.reasons.find((r) => r.code === 'TAIL_TOO_FEW');
    expect(few?.params).toEqual({ p: 99, n: 50, min: 100 });
    expect(few?.message).toBe('Too few iterations for P99: 50 measured, at least 100 needed.');
    expect(v.verdict).toBe('insufficient');
  });

  it('uses the P99 a tool states when there are no per-iteration times', () => {
    // ais_bench states percentile(99%) and count but no P95.
    const v = evaluateRun(DEFAULT_GATE_RULES, base, cand, undefined, undefined, {
      base: stated({ count: 1000, mean: 10, median: 10, p99: 12 }),
      cand: stated({ count: 1000, mean: 9, median: 9, p99: 12.36 }),
      gpu: null,
    });
    // P95 not stated: not checked; P99 12 → 12.36 is 3 % slower, more than the 2 % allowed.
    expect(byRule(v, 'tailLatency')).toEqual(['TAIL_NOT_STATED:skipped', 'TAIL_WORSE:fail']);
    expect(v.reasons.find((r) => r.code === 'TAIL_WORSE')?.params).toMatchObject({
      p: 99,
      direction: 'slower',
      changePct: 3,
    });
  });

  it('a measurement without an iteration count cannot judge a tail', () => {
    const v = evaluateRun(DEFAULT_GATE_RULES, base, cand, undefined, undefined, {
      base: stated({ mean: 10, median: 10, p99: 12 }),
      cand: stated({ mean: 9, median: 9, p99: 11 }),
      gpu: null,
    });
    expect(byRule(v, 'tailLatency')).toEqual([
      'TAIL_COUNT_UNKNOWN:insufficient',
      'TAIL_COUNT_UNKNOWN:insufficient',
    ]);
  });

  it('only one side measured: not enough data, naming the side', () => {
    const v = evaluateRun(DEFAULT_GATE_RULES, base, cand, undefined, undefined, {
      base: null,
      cand: stated({ count: 10, mean: 9, median: 9 }),
      gpu: null,
    });
    expect(v.reasons.find((r) => r.rule === 'measuredLatency')).toMatchObject({
      code: 'MEASURED_MISSING',
      params: { side: 'baseline' },
    });
    expect(v.verdict).toBe('insufficient');
  });
});

describe('GPU baseline rule', () => {
  const ascend = stated({ count: 500, mean: 5.15, median: 5.0 }, { tool: 'ais_bench' });
  it.each([
    // mean 5.15 vs GPU 5.0 is 3 % slower; median 5.0 vs 5.0 unchanged.
    [{ maxSlowerPct: 5 }, ['GPU_OK:pass', 'GPU_OK:pass'], 'accept'],
    [{ maxSlowerPct: 2 }, ['GPU_SLOWER:fail', 'GPU_OK:pass'], 'reject'],
  ] as const)('%o', (edit, codes, verdict) => {
    const rules: GateRules = {
      ...DEFAULT_GATE_RULES,
      gpuBaseline: { enabled: true, statistics: ['mean', 'median'], ...edit },
    };
    const v = evaluateRun(rules, base, cand, undefined, undefined, {
      base: stated({ count: 500, mean: 6, median: 6 }),
      cand: ascend,
      gpu: stated({ count: 500, mean: 5, median: 5 }),
    });
    expect(byRule(v, 'gpuBaseline')).toEqual(codes);
    expect(v.verdict).toBe(verdict);
    expect(v.reasons.find((r) => r.rule === 'gpuBaseline')?.message).toContain(
      'against the GPU baseline: slower by 3.00 %',
    );
  });

  it('different batch sizes are not compared', () => {
    const v = evaluateRun(DEFAULT_GATE_RULES, base, cand, undefined, undefined, {
      base: null,
      cand: ascend,
      gpu: stated({ count: 500, mean: 5, median: 5 }, { batchSize: 8 }),
    });
    expect(v.reasons.find((r) => r.rule === 'gpuBaseline')).toMatchObject({
      code: 'GPU_BATCH_MISMATCH',
      status: 'insufficient',
      params: { gpuBatch: 8, runBatch: 1 },
    });
  });

  it('gate files written before the measured rules get the default ones', () => {
    const old = { ...DEFAULT_GATE_RULES } as Record<string, unknown>;
    delete old['measuredLatency'];
    delete old['gpuBaseline'];
    const v = evaluateRun(old as unknown as GateRules, base, cand, undefined, undefined, {
      base: null,
      cand: ascend,
      gpu: stated({ count: 500, mean: 5, median: 5 }),
    });
    expect(byRule(v, 'gpuBaseline')).toEqual(['GPU_SLOWER:fail', 'GPU_OK:pass']);
  });
});

describe('one side measured', () => {
  it('is said once per rule, not once per percentile', () => {
    const v = evaluateRun(DEFAULT_GATE_RULES, base, cand, undefined, undefined, {
      base: null,
      cand: stated({ count: 500, mean: 9, median: 9, p99: 10 }),
      gpu: null,
    });
    expect(byRule(v, 'tailLatency')).toEqual(['MEASURED_MISSING:insufficient']);
    expect(byRule(v, 'measuredLatency')).toEqual(['MEASURED_MISSING:insufficient']);
  });
});
