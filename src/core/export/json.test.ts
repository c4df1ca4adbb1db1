import { describe, expect, it } from 'vitest';
import { comparisonToJson, runsToJson } from './json.ts';
import { buildComparison } from '../model/comparison.ts';
import { validate } from '../validation/index.ts';
import { op, run } from '../model/compare.test-helpers.ts';

describe('comparison JSON', () => {
  const base = run('r1', { tunedMs: 100, operators: [op('A', 100), op('B', 200)] });
  const cand = run(
    'r2',
    { tunedMs: 94, operators: [op('A', 80), op('C', 5)] },
    { generation: 'cann-6.2' },
  );
  const json = comparisonToJson(buildComparison([base, cand], base));

  it('matches the compare-output.v1 schema', () => {
    expect(validate('compare-output.v1', json)).toEqual([]);
  });

  it('carries the figures and the verdict', () => {
    expect(json.models[1]).toEqual({
      run: 'r2',
      isBaseline: false,
      baselineMs: null,
      tunedMs: 94,
      deltaMs: -6,
      deltaPct: -6,
      label: 'improvement',
    });
    expect(json.operators[0]?.rows[0]).toMatchObject({
      name: 'A',
      bucket: 'faster',
      deltaUs: -20,
      deltaPct: -20,
      speedup: 1.25,
      via: 'name',
    });
    expect(json.operators[0]?.counts).toEqual({
      added: 1,
      removed: 1,
      faster: 1,
      slower: 0,
      unchanged: 0,
    });
    expect(json.comparability).toEqual([
      { field: 'generation', run: 'r2', baseValue: 'cann-6.3+', runValue: 'cann-6.2' },
    ]);
    // The banner's warning decides: the run is not judged, and the first reason says why.
    expect(json.gate.verdict).toBe('incomparable');
    expect(json.gate.runs[0]?.reasons.map((r) => r.code)).toEqual([
      'NOT_COMPARABLE',
      'MODEL_IMPROVED',
      'OPS_OK',
      'TAIL_NO_SAMPLES',
      'MEASURED_NONE',
      'GPU_NONE',
    ]);
  });

  it('exports runs as the normalized model', () => {
    const out = runsToJson([base]);
    expect(out.runs[0]?.task.operators).toEqual(base.task.operators);
    expect(JSON.parse(JSON.stringify(out))).toEqual(out);
  });
});
