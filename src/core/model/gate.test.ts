import { describe, expect, it } from 'vitest';
import { DEFAULT_GATE_RULES, evaluateGate, evaluateRun } from './gate.ts';
import { buildComparison } from './comparison.ts';
import type { GateRules } from './gate.ts';
import { op, run } from './compare.test-helpers.ts';

const ops = (a: number, b: number) => [op('A', a), op('B', b)];
const base = run('base', { tunedMs: 100, operators: ops(100, 200) });
const NO_MEASURED = ['MEASURED_NONE:skipped', 'GPU_NONE:skipped'];
const codes = (v: ReturnType<typeof evaluateRun>) => v.reasons.map((r) => `${r.code}:${r.status}`);

describe('evaluateRun with the default rules', () => {
  it.each([
    {
      title: '6 % faster, no operator worse than 10 %: accept',
      cand: run('c', { tunedMs: 94, operators: ops(90, 210) }), // B +5 %
      verdict: 'accept',
      reasons: ['MODEL_IMPROVED:pass', 'OPS_OK:pass', 'TAIL_NO_SAMPLES:skipped', ...NO_MEASURED],
    },
    {
      title: 'exactly 5 % faster is enough',
      cand: run('c', { tunedMs: 95, operators: ops(100, 200) }),
      verdict: 'accept',
      reasons: ['MODEL_IMPROVED:pass', 'OPS_OK:pass', 'TAIL_NO_SAMPLES:skipped', ...NO_MEASURED],
    },
    {
      title: '4 % faster: reject',
      cand: run('c', { tunedMs: 96, operators: ops(100, 200) }),
      verdict: 'reject',
      reasons: [
        'MODEL_NOT_IMPROVED:fail',
        'OPS_OK:pass',
        'TAIL_NO_SAMPLES:skipped',
        ...NO_MEASURED,
      ],
    },
    {
      title: 'an operator 15 % slower: reject even though the model is faster',
      cand: run('c', { tunedMs: 90, operators: ops(115, 150) }),
      verdict: 'reject',
      reasons: [
        'MODEL_IMPROVED:pass',
        'OPS_REGRESSED:fail',
        'TAIL_NO_SAMPLES:skipped',
        ...NO_MEASURED,
      ],
    },
    {
      title: 'no model latency: not enough data',
      cand: run('c', { tunedMs: null, operators: ops(100, 200) }),
      verdict: 'insufficient',
      reasons: [
        'MODEL_NO_LATENCY:insufficient',
        'OPS_OK:pass',
        'TAIL_NO_SAMPLES:skipped',
        ...NO_MEASURED,
      ],
    },
    {
      title: 'no operators in common: the operator rule is skipped',
      cand: run('c', { tunedMs: 90, operators: [op('Z', 1)] }),
      verdict: 'accept',
      reasons: [
        'MODEL_IMPROVED:pass',
        'OPS_NONE_MATCHED:skipped',
        'TAIL_NO_SAMPLES:skipped',
        ...NO_MEASURED,
      ],
    },
  ])('$title', ({ cand, verdict, reasons }) => {
    const v = evaluateRun(DEFAULT_GATE_RULES, base, cand);
    expect(v.verdict).toBe(verdict);
    expect(codes(v)).toEqual(reasons);
  });

  it('names the regressed operators with their Δ %', () => {
    const v = evaluateRun(
      DEFAULT_GATE_RULES,
      base,
      run('c', { tunedMs: 90, operators: ops(115, 250) }),
    );
    const r = v.reasons.find((x) => x.code === 'OPS_REGRESSED');
    expect(r?.params).toMatchObject({ count: 2, operators: 'B (+25.0%), A (+15.0%)', more: 0 });
    expect(r?.message).toContain('2 operator(s) got slower by more than 10 %');
  });

  it('reports the model improvement it measured', () => {
    const v = evaluateRun(DEFAULT_GATE_RULES, base, run('c', { tunedMs: 96 }));
    expect(v.reasons[0]?.params).toMatchObject({
      improvedPct: 4,
      minPct: 5,
      baseMs: 100,
      candMs: 96,
    });
  });
});

describe('tail latency rule', () => {
  const samples = (n: number, scale: number) =>
    Array.from({ length: n }, (_, i) => (100 + i) * scale);
  const withSamples = (id: string, s: number[]) =>
    run(id, { tunedMs: 90 }, { latencySamplesMs: s });

  it('says plainly when there are too few repeats', () => {
    const v = evaluateRun(
      DEFAULT_GATE_RULES,
      run('b', { tunedMs: 100 }, { latencySamplesMs: samples(5, 1) }),
      withSamples('c', samples(5, 1)),
    );
    const r = v.reasons.find((x) => x.rule === 'tailLatency');
    expect(r).toMatchObject({
      code: 'TAIL_TOO_FEW',
      status: 'insufficient',
      params: { p: 95, n: 5, min: 20 },
    });
    expect(v.verdict).toBe('insufficient');
  });

  it.each([
    // 100 samples 100…199 ms: type 7 gives P95 = 100 + 0.95·99 = 194.05, P99 = 198.01. Scaled by
    // 1.01 → 1 % slower (pass); 1.03 → 3 % (fail).
    [1.01, 'accept', ['TAIL_OK:pass', 'TAIL_OK:pass']],
    [1.03, 'reject', ['TAIL_WORSE:fail', 'TAIL_WORSE:fail']],
  ] as const)('scaled by %d: %s', (scale, verdict, expected) => {
    const b = run('b', { tunedMs: 100 }, { latencySamplesMs: samples(100, 1) });
    const v = evaluateRun(DEFAULT_GATE_RULES, b, withSamples('c', samples(100, scale)));
    const tail = v.reasons.filter((x) => x.rule === 'tailLatency');
    expect(tail.map((x) => `${x.code}:${x.status}`)).toEqual(expected);
    expect(tail[0]?.params).toMatchObject({
      p: 95,
      worsePct: Number(((scale - 1) * 100).toFixed(2)),
    });
    expect(tail[0]?.params['baseMs']).toBeCloseTo(194.05, 10);
    expect(v.verdict).toBe(verdict);
  });
});

describe('user-edited rules', () => {
  const strict: GateRules = {
    ...DEFAULT_GATE_RULES,
    modelImprovement: { enabled: true, minPct: 10 },
    operatorRegression: { enabled: false, maxPct: 10 },
    tailLatency: { ...DEFAULT_GATE_RULES.tailLatency, enabled: false },
  };
  it('applies the edited threshold and reports disabled rules as skipped', () => {
    const v = evaluateRun(strict, base, run('c', { tunedMs: 94, operators: ops(200, 400) }));
    expect(codes(v)).toEqual([
      'MODEL_NOT_IMPROVED:fail',
      'RULE_DISABLED:skipped',
      'RULE_DISABLED:skipped',
      ...NO_MEASURED,
    ]);
  });
});

describe('evaluateGate over several runs', () => {
  const good = run('good', { tunedMs: 90, operators: ops(100, 200) });
  const bad = run('bad', { tunedMs: 99, operators: ops(100, 200) });
  const unknown = run('unknown', { tunedMs: null });
  it.each([
    [[base, good], 'accept'],
    [[base, good, unknown], 'insufficient'],
    [[base, good, unknown, bad], 'reject'],
  ] as const)('the worst run decides (%#)', (runs, verdict) => {
    const g = evaluateGate(DEFAULT_GATE_RULES, runs, base);
    expect(g.verdict).toBe(verdict);
    expect(g.runs.map((r) => r.runId)).toEqual(runs.slice(1).map((r) => r.id));
  });

  it('with nothing but the baseline there is not enough data', () => {
    const g = evaluateGate(DEFAULT_GATE_RULES, [base], base);
    expect(g.verdict).toBe('insufficient');
    expect(g.reasons.map((r) => r.code)).toEqual(['NO_CANDIDATES']);
  });
});

describe('buildComparison', () => {
  it('computes every part once and agrees with evaluateGate', () => {
    const good = run('good', { tunedMs: 90, operators: ops(100, 200) });
    const bad = run('bad', { tunedMs: 99, operators: ops(100, 200) });
    const c = buildComparison([base, good, bad], base);
    expect(c.operators.map((o) => o.runId)).toEqual(['good', 'bad']);
    expect(c.models.map((m) => m.runId)).toEqual(['base', 'good', 'bad']);
    expect(c.gate).toEqual(evaluateGate(DEFAULT_GATE_RULES, [base, good, bad], base));
    expect(buildComparison([base], base).gate.verdict).toBe('insufficient');
  });
});
