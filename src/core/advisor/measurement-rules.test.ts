// Measurement rules: AOE's claim against the measured gain, P99, and the GPU baseline.
import { describe, expect, it } from 'vitest';
import { advise } from './advise.ts';
import { inferRole } from './measurement-pairs.ts';
import { measured, report, stats, task } from './fixtures/reports.ts';
import type { Finding } from './types.ts';

const only = (findings: readonly Finding[], ruleId: string) =>
  findings.filter((f) => f.ruleId === ruleId);
const values = (f: Finding | undefined) => f?.evidence.map((e) => [e.label.en, e.value]);

// AOE says 10 ms → 9 ms: 10 % saved.
const claimed = report('r1', [task({ baselineMs: 10, tunedMs: 9 })]);
const base = (mean: number, p99: number | null = null) =>
  measured('base', { tool: 'ais_bench', model: 'out/resnet50.om', latencyMs: stats(mean, p99) });
const tuned = (mean: number, p99: number | null = null) =>
  measured('tuned', {
    tool: 'ais_bench',
    model: 'out/resnet50_tune.om',
    latencyMs: stats(mean, p99),
  });

describe('measurement roles', () => {
  it('takes trtexec as the GPU baseline and *_tune.om as the tuned model', () => {
    expect(inferRole(base(1))).toBe('baseline');
    expect(inferRole(tuned(1))).toBe('tuned');
    expect(inferRole(measured('g', { tool: 'trtexec' }))).toBe('gpu');
    expect(inferRole({ ...base(1), role: 'tuned' })).toBe('tuned');
    // "tune" inside another word is not a tuned model.
    expect(inferRole(measured('x', { tool: 'ais_bench', model: 'fortune.om' }))).toBe('baseline');
  });
});

describe('claim-vs-measured', () => {
  it('warns when the measured gain is under half of what AOE stated', () => {
    // Measured (5 − 4.9) / 5 = 2 % saved < 10 % × 0.5.
    const [f] = only(
      advise({ reports: [claimed], measurements: [base(5), tuned(4.9)] }),
      'claim-vs-measured',
    );
    expect(f?.severity).toBe('warning');
    expect(f?.title.en).toBe('batch 1: measured 2.00 % saved, AOE stated 10.00 %');
    expect(values(f)).toEqual([
      ['AOE stated (time saved)', '10.00 %'],
      ['measured, untuned model (mean)', '5.000 ms · base.txt'],
      ['measured, tuned model (mean)', '4.900 ms · tuned.txt'],
    ]);
  });

  it('is critical when the tuned model is slower', () => {
    // (5 − 5.1) / 5 = −2 %: slower by more than 1 %.
    const [f] = only(
      advise({ reports: [claimed], measurements: [base(5), tuned(5.1)] }),
      'claim-vs-measured',
    );
    expect(f?.severity).toBe('critical');
  });

  it('is silent when the measurement bears the claim out, or AOE claimed little', () => {
    // (5 − 4.7) / 5 = 6 % ≥ 5 %.
    expect(
      only(
        advise({ reports: [claimed], measurements: [base(5), tuned(4.7)] }),
        'claim-vs-measured',
      ),
    ).toEqual([]);
    const small = report('r2', [task({ baselineMs: 10, tunedMs: 9.9 })]); // 1 % < 2 %
    expect(
      only(advise({ reports: [small], measurements: [base(5), tuned(5)] }), 'claim-vs-measured'),
    ).toEqual([]);
  });

  it('compares only runs of one batch size', () => {
    const t8 = { ...tuned(5.5), measurement: { ...tuned(5.5).measurement, batchSize: 8 } };
    expect(
      only(advise({ reports: [claimed], measurements: [base(5), t8] }), 'claim-vs-measured'),
    ).toEqual([]);
  });
});

describe('p99-regression', () => {
  it('warns when the tuned P99 is over 5 % worse, even with a better mean', () => {
    // P99 6.0 → 6.6 ms: +10 %.
    const [f] = only(advise({ measurements: [base(5, 6), tuned(4.5, 6.6)] }), 'p99-regression');
    expect(f?.severity).toBe('warning');
    expect(f?.title.en).toBe('batch 1: P99 latency of the tuned model is 10.00 % worse');
    expect(values(f)).toEqual([
      ['P99, untuned model', '6.000 ms · base.txt'],
      ['P99, tuned model', '6.600 ms · tuned.txt'],
    ]);
  });

  it('is silent within 5 % and without P99', () => {
    expect(advise({ measurements: [base(5, 6), tuned(4.5, 6.3)] })).toEqual([]);
    expect(advise({ measurements: [base(5), tuned(4.5)] })).toEqual([]);
  });
});

describe('ascend-vs-gpu', () => {
  const gpu = (batch: number, computeMean: number) =>
    measured(`gpu${batch}`, {
      tool: 'trtexec',
      batchSize: batch,
      latencyMs: stats(computeMean + 1),
      computeMs: stats(computeMean),
    });
  const npu = (batch: number, mean: number) =>
    measured(`npu${batch}`, {
      tool: 'ais_bench',
      batchSize: batch,
      model: 'm.om',
      latencyMs: stats(mean),
    });

  it('warns per batch size where Ascend compute is 20 % slower than GPU compute', () => {
    // bs 1: 3 vs 2 ms = +50 %; bs 8: 10 vs 9.5 ms = +5.3 % (fine).
    const [f] = only(
      advise({ measurements: [npu(1, 3), gpu(1, 2), npu(8, 10), gpu(8, 9.5)] }),
      'ascend-vs-gpu',
    );
    expect(f?.title.en).toBe('Ascend is slower than the GPU baseline at batch 1 (up to +50.0 %)');
    expect(values(f)).toEqual([
      ['batch 1: Ascend (untuned) vs GPU', '3.000 ms vs 2.000 ms (+50.0 %)'],
    ]);
    expect(f?.impact).toBeCloseTo(0.5 / 1.5);
  });

  it('is silent when Ascend keeps up, and uses the tuned model where there is one', () => {
    expect(advise({ measurements: [npu(1, 2.2), gpu(1, 2)] })).toEqual([]);
    const t = { ...tuned(2.1), measurement: { ...tuned(2.1).measurement, batchSize: 1 } };
    expect(only(advise({ measurements: [npu(1, 3), t, gpu(1, 2)] }), 'ascend-vs-gpu')).toEqual([]);
  });
});
