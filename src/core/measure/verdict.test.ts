// The verdict of one optimisation loop on its stored measurements: the baseline OM against the
// tuned OM under the default gate, with what is missing said as such. Figures worked out by hand.
import { describe, expect, it } from 'vitest';
import { op, task } from '../model/compare.test-helpers.ts';
import type { Measurement } from './model.ts';
import { NO_STATS } from './model.ts';
import { measuredVerdict, type MeasuredVerdictInput } from './verdict.ts';

/** n iterations of `ms` each ± 0.01 in a repeating pattern: mean = median = ms. */
function measured(n: number, ms: number, batchSize = 1): Measurement {
  const it = Float64Array.from({ length: n }, (_, i) => ms + ((i % 3) - 1) * 0.01);
  return {
    tool: 'ais_bench',
    source: 'ais_bench-summary-json',
    toolVersion: null,
    batchSize,
    latencyMs: { ...NO_STATS, count: n, mean: ms, median: ms },
    throughputPerS: null,
    throughputUnit: 'samples',
    iterationsMs: it,
    model: null,
    device: null,
    derived: [],
  };
}

// AOE: 10 → 9 ms (10 % faster), its one operator 100 → 90 µs.
const report: MeasuredVerdictInput['report'] = {
  id: 'r',
  fileName: 'aoe_result_opat_1.json',
  generation: 'cann-6.3+',
  task: task({
    baselineMs: 10,
    tunedMs: 9,
    operators: [op('Conv_1', 90, 'Conv2D', 'Schedule', 100)],
  }),
};

const codes = (v: ReturnType<typeof measuredVerdict>, rule: string) =>
  v.reasons.filter((r) => r.rule === rule).map((r) => `${r.code}:${r.status}`);

describe('measuredVerdict', () => {
  it('accepts a tuned OM measured faster, with enough iterations for P99', () => {
    const v = measuredVerdict({ report, baseline: measured(100, 3), tuned: measured(100, 2.7) });
    expect(v.verdict).toBe('accept');
    expect(v.missing).toEqual([]);
    expect(codes(v, 'modelImprovement')).toEqual(['MODEL_IMPROVED:pass']);
    expect(codes(v, 'measuredLatency')).toEqual(['MEASURED_OK:pass', 'MEASURED_OK:pass']);
    expect(codes(v, 'tailLatency')).toEqual(['TAIL_OK:pass', 'TAIL_OK:pass']);
    // 3 → 2.7 ms is 10 % faster.
    expect(v.reasons.find((r) => r.code === 'MEASURED_OK')?.params).toMatchObject({
      direction: 'faster',
      changePct: 10,
    });
  });

  it('rejects a tuned OM measured slower, whatever AOE claimed', () => {
    const v = measuredVerdict({ report, baseline: measured(100, 3), tuned: measured(100, 3.3) });
    expect(v.verdict).toBe('reject');
    expect(codes(v, 'measuredLatency')).toEqual(['MEASURED_WORSE:fail', 'MEASURED_WORSE:fail']);
  });

  it('says "not enough data" for P99 below 100 iterations', () => {
    const v = measuredVerdict({ report, baseline: measured(50, 3), tuned: measured(50, 2.7) });
    expect(v.verdict).toBe('insufficient');
    expect(codes(v, 'tailLatency')).toContain('TAIL_TOO_FEW:insufficient');
  });

  it('names the missing tuned measurement instead of accepting on AOE’s figures', () => {
    const v = measuredVerdict({ report, baseline: measured(100, 3), tuned: null });
    expect(v.verdict).toBe('insufficient');
    expect(v.missing).toEqual(['tuned']);
    expect(codes(v, 'measuredLatency')).toEqual(['MEASURED_MISSING:insufficient']);
  });

  it('with nothing measured, AOE’s figures alone do not make an accept', () => {
    const v = measuredVerdict({ report, baseline: null, tuned: null });
    expect(v.verdict).toBe('insufficient');
    expect(v.missing).toEqual(['baseline', 'tuned']);
    expect(codes(v, 'measuredLatency')).toEqual(['MEASURED_NONE:skipped']);
  });

  it('without an AOE report the model rule cannot be checked and the report is missing', () => {
    const v = measuredVerdict({
      report: null,
      baseline: measured(100, 3),
      tuned: measured(100, 2.7),
    });
    expect(v.verdict).toBe('insufficient');
    expect(v.missing).toEqual(['report']);
    expect(codes(v, 'modelImprovement')).toEqual(['MODEL_NO_LATENCY:insufficient']);
    expect(codes(v, 'measuredLatency')).toEqual(['MEASURED_OK:pass', 'MEASURED_OK:pass']);
  });

  it('two batch sizes are not comparable', () => {
    const v = measuredVerdict({
      report,
      baseline: measured(100, 3, 1),
      tuned: measured(100, 2.7, 8),
    });
    expect(v.verdict).toBe('incomparable');
    expect(v.batchMismatch).toEqual({ baseline: 1, tuned: 8 });
  });

  it('models built with different CANN versions are not comparable', () => {
    const v = measuredVerdict({
      report,
      baseline: measured(100, 3),
      tuned: measured(100, 2.7),
      baselineManifest: { cannVersion: '8.0.RC1' },
      tunedManifest: { cannVersion: '8.0.RC2' },
    });
    expect(v.verdict).toBe('incomparable');
    expect(v.reasons[0]).toMatchObject({
      code: 'NOT_COMPARABLE',
      params: { field: 'cannVersion', base: '8.0.RC1', value: '8.0.RC2' },
    });
  });
});
