import { describe, expect, it } from 'vitest';
import { DEFAULT_GATE_RULES } from './gate.ts';
import { gateFileText, parseGateFile, MAX_GATE_FILE_BYTES } from './gate-file.ts';

describe('gate file', () => {
  it('round-trips every rule, including the measured ones', () => {
    const rules = {
      ...DEFAULT_GATE_RULES,
      gpuBaseline: { enabled: true, maxSlowerPct: 7.5, statistics: ['mean', 'p99'] as const },
    };
    const text = gateFileText(rules);
    expect(JSON.parse(text)).toHaveProperty('measuredLatency.minImprovementPct', 0);
    expect(parseGateFile(text)).toEqual({ ok: true, rules });
  });

  it('accepts a file written before the measured rules (they stay optional)', () => {
    const old = {
      version: 1,
      modelImprovement: { enabled: true, minPct: 3 },
      operatorRegression: { enabled: false, maxPct: 10 },
      tailLatency: { enabled: true, maxRegressionPct: 2, percentiles: [99], minRepeats: 20 },
    };
    expect(parseGateFile(JSON.stringify(old))).toEqual({ ok: true, rules: old });
  });

  it('locates a JSON error by line', () => {
    const r = parseGateFile('{\n  "version": 1,\n  "modelImprovement": {,\n}');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues[0]).toMatchObject({ code: 'NOT_JSON', line: 3 });
  });

  it('locates a schema error by JSON pointer, and refuses __proto__ keys', () => {
    const bad = JSON.parse(gateFileText(DEFAULT_GATE_RULES)) as Record<string, unknown>;
    (bad['gpuBaseline'] as Record<string, unknown>)['maxSlowerPct'] = 'five';
    const r = parseGateFile(JSON.stringify(bad));
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.issues[0]).toMatchObject({
        code: 'SCHEMA_MISMATCH',
        path: '/gpuBaseline/maxSlowerPct',
      });
    const proto = parseGateFile(
      gateFileText(DEFAULT_GATE_RULES).replace(
        '"version": 1,',
        '"version": 1, "__proto__": {"x": 1},',
      ),
    );
    expect(proto.ok).toBe(false);
    if (!proto.ok) expect(proto.issues[0]).toMatchObject({ path: '/__proto__' });
  });

  it('refuses empty and oversized files with their own codes', () => {
    expect(parseGateFile('  \n')).toMatchObject({ ok: false, issues: [{ code: 'EMPTY' }] });
    expect(parseGateFile(' '.repeat(MAX_GATE_FILE_BYTES + 1))).toMatchObject({
      ok: false,
      issues: [{ code: 'TOO_LARGE' }],
    });
  });
});
