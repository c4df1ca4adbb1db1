import { describe, expect, test } from 'vitest';
import { readTrtexecStdout, trtVersion } from './trtexec-stdout.ts';
import { readTrtexecTimes } from './trtexec-times.ts';
import { readTrtexecProfile } from './trtexec-profile.ts';
import { fixture, issueList } from './test-helpers.ts';

describe('trtexec performance summary', () => {
  test('10.x: three percentiles, the query count, device and model', () => {
    const r = readTrtexecStdout(fixture('trtexec/10.3/stdout.log'), 'trtexec.log');
    expect(r.ok).toBe(true);
    expect(r.issues).toEqual([]);
    const m = r.measurements[0];
    expect(m).toMatchObject({
      tool: 'trtexec',
      toolVersion: '10.3.0',
      batchSize: null,
      throughputPerS: 657.357,
      throughputUnit: 'queries',
      model: 'resnet50.onnx',
      device: 'NVIDIA A10',
      latencyMs: {
        count: 1973,
        min: 1.46191,
        max: 1.9541,
        mean: 1.51993,
        median: 1.51611,
        p90: 1.53857,
        p95: 1.55103,
        p99: 1.66895,
      },
      extra: { totalHostWalltimeS: 3.00141, totalGpuComputeTimeS: 2.49857 },
    });
    expect(m?.computeMs?.p99).toBe(1.41309);
    expect(m?.h2dMs?.median).toBe(0.202637);
    expect(m?.d2hMs?.max).toBe(0.0615234);
  });

  // 8.4.1 dropped End-to-End Host Latency and 8.5 reports 90/95/99 by default: one percentile
  // here because the run asked for --percentile=99.
  test('8.5 with --percentile=99: one percentile, an implicit batch', () => {
    const r = readTrtexecStdout(fixture('trtexec/8.5/stdout.log'), 'trtexec.log');
    expect(r.ok).toBe(true);
    const m = r.measurements[0];
    expect(m?.toolVersion).toBe('8.5.3');
    expect(m?.batchSize).toBe(8);
    // "Timing trace has 800 queries" counts samples with an implicit batch of 8.
    expect(m?.latencyMs.count).toBe(800 / 8);
    expect(m?.latencyMs).toMatchObject({ mean: 30.4178, p90: null, p95: null, p99: 31.5137 });
    expect(m?.throughputUnit).toBe('samples');
    expect(m?.model).toBe('bert_bs8.engine');
    expect(m?.device).toBe('Tesla T4');
  });

  test('8.6 run by ais_bench: "[INFO] " before the trtexec prefix', () => {
    const r = readTrtexecStdout(fixture('trtexec/8.6/ais-bench-backend.log'), 'ais.log');
    expect(r.ok).toBe(true);
    expect(r.measurements[0]).toMatchObject({
      toolVersion: '8.6.1',
      throughputPerS: 120.699,
      // 365 queries: 120.699 qps × 3.02405 s, and 3.00752 s of GPU compute / 8.23978 ms.
      latencyMs: { count: 365, mean: 9.81005, p90: 10.1075, p99: 11.4742 },
    });
    expect(r.measurements[0]?.computeMs?.mean).toBe(8.23978);
  });

  test.each([
    ['10.3/truncated.log', true, [['TRUNCATED', 'warning', 31]], 1],
    ['10.3/truncated-before-latency.log', false, [['TRUNCATED', 'error', 27]], 0],
    ['7.0/host-latency.log', false, [['UNSUPPORTED_VERSION', 'error', undefined]], 0],
  ])('%s', (name, ok, issues, n) => {
    const r = readTrtexecStdout(fixture(`trtexec/${name}`), 'trtexec.log');
    expect(r.ok).toBe(ok);
    expect(issueList(r.issues)).toEqual(issues);
    expect(r.measurements).toHaveLength(n);
  });

  test('the cut summary keeps what came before the cut', () => {
    const m = readTrtexecStdout(fixture('trtexec/10.3/truncated.log'), 'x').measurements[0];
    expect(m?.computeMs?.mean).toBe(1.26638);
    expect(m?.d2hMs).toBeUndefined();
  });

  test('version codes of the banner', () => {
    expect(trtVersion('8601')).toBe('8.6.1');
    expect(trtVersion('8503')).toBe('8.5.3');
    expect(trtVersion('100300')).toBe('10.3.0');
    expect(trtVersion('101602')).toBe('10.16.2');
    expect(trtVersion('8.6.1')).toBe('8.6.1');
  });
});

// The fixtures' ten latencies, sorted by hand: 1.48 1.49 1.50 1.51 1.52 1.52 1.53 1.55 1.60 1.70
// (sum 15.40). Type 7: h = 9·p/100.
const EXPECTED_LATENCY = {
  count: 10,
  min: 1.48,
  max: 1.7,
  mean: 15.4 / 10,
  median: 1.52,
  p90: 1.6 + 0.1 * 0.1,
  p95: 1.6 + 0.55 * 0.1,
  p99: 1.6 + 0.91 * 0.1,
};

describe('trtexec --exportTimes', () => {
  test.each(['10.3/times.json', '8.5/times.json', '7.0/times.json'])('%s', (name) => {
    const r = readTrtexecTimes(fixture(`trtexec/${name}`), 'times.json');
    expect(r.ok).toBe(true);
    const m = r.measurements[0];
    for (const [k, v] of Object.entries(EXPECTED_LATENCY)) {
      expect(m?.latencyMs[k as keyof typeof EXPECTED_LATENCY]).toBeCloseTo(v, 9);
    }
    expect(m?.iterationsMs).toHaveLength(10);
    expect(m?.iterationsMs?.[8]).toBe(1.7);
    // compute = latency − 0.25 in the fixtures; H2D 0.2, D2H 0.05 throughout.
    expect(m?.computeMs?.mean).toBeCloseTo(15.4 / 10 - 0.25, 9);
    expect(m?.h2dMs?.max).toBe(0.2);
    expect(m?.d2hMs?.min).toBe(0.05);
    // 10 queries from the first H2D start (100.05) to the last D2H end (118 + 0.05 + 1.52).
    expect(m?.throughputPerS).toBeCloseTo((10 / (119.57 - 100.05)) * 1000, 6);
    expect(m?.throughputUnit).toBe('queries');
    expect(m?.derived).toEqual(['latencyMs', 'computeMs', 'h2dMs', 'd2hMs', 'throughputPerS']);
  });

  test('a cut file keeps the queries before the cut', () => {
    const r = readTrtexecTimes(fixture('trtexec/10.3/times-truncated.json'), 'times.json');
    expect(r.ok).toBe(false);
    expect(issueList(r.issues)).toEqual([['TRUNCATED', 'error', undefined]]);
    // Queries 0–6 are whole: 1.50 1.52 1.48 1.55 1.51 1.60 1.49.
    expect([...(r.measurements[0]?.iterationsMs ?? [])]).toEqual([
      1.5, 1.52, 1.48, 1.55, 1.51, 1.6, 1.49,
    ]);
    expect(r.measurements[0]?.latencyMs.median).toBe(1.51);
  });

  test('a value of the wrong type is located by JSON pointer, the other queries are kept', () => {
    const r = readTrtexecTimes(fixture('trtexec/10.3/times-invalid.json'), 'times.json');
    expect(issueList(r.issues)).toEqual([['SCHEMA_MISMATCH', 'error', '/3/latencyMs']]);
    expect(r.issues[0]).toMatchObject({ expected: 'a number', found: '"1.55"' });
    expect(r.measurements[0]?.latencyMs.count).toBe(9);
  });

  test.each([
    ['[\n]\n', [['SCHEMA_MISMATCH', 'error', '']]],
    ['{"a": 1}', [['SCHEMA_MISMATCH', 'error', '']]],
    ['[1, {"latencyMs": 1, "computeMs": 1}]', [['SCHEMA_MISMATCH', 'error', '/0']]],
    ['[{"latencyMs": 1}]', [['SCHEMA_MISMATCH', 'error', '/0/computeMs']]],
    ['[{"latencyMs": 1,, }]', [['NOT_JSON', 'error', 1]]],
    ['', [['EMPTY', 'error', undefined]]],
  ])('%j', (text, issues) => {
    const r = readTrtexecTimes(text, 'times.json');
    expect(r.ok).toBe(false);
    expect(issueList(r.issues)).toEqual(issues);
  });

  test('issues past twenty of one kind are summed up', () => {
    const text = JSON.stringify(
      Array.from({ length: 30 }, () => ({ latencyMs: 'x', computeMs: 1 })),
    );
    const r = readTrtexecTimes(text, 'times.json');
    expect(r.issues).toHaveLength(21);
    expect(r.issues[20]?.message).toBe('10 more SCHEMA_MISMATCH issues not listed');
  });
});

describe('trtexec --exportProfile', () => {
  test('10.x with medianMs', () => {
    const r = readTrtexecProfile(fixture('trtexec/10.3/profile.json'), 'profile.json');
    expect(r.ok).toBe(true);
    expect(r.profile?.iterations).toBe(50);
    expect(r.profile?.layers).toEqual([
      {
        name: '/conv1/Conv + /relu/Relu',
        timeMs: 25,
        averageMs: 0.5,
        medianMs: 0.49,
        percentage: 50,
      },
      { name: '/layer1/layer1.0/Add', timeMs: 15, averageMs: 0.3, medianMs: 0.3, percentage: 30 },
      {
        name: 'Reformatting CopyNode for Input Tensor 0 to /fc/Gemm',
        timeMs: 10,
        averageMs: 0.2,
        medianMs: 0.2,
        percentage: 20,
      },
    ]);
    // averageMs = timeMs / count in the file, as trtexec computes it.
    for (const l of r.profile?.layers ?? []) expect(l.averageMs).toBeCloseTo(l.timeMs / 50, 9);
  });

  test('8.5 without medianMs', () => {
    const r = readTrtexecProfile(fixture('trtexec/8.5/profile.json'), 'profile.json');
    expect(r.ok).toBe(true);
    expect(r.profile?.iterations).toBe(20);
    expect(r.profile?.layers.map((l) => l.medianMs)).toEqual([null, null, null]);
  });

  test('an unescaped quote in a layer name, a cut file, a wrong head', () => {
    const q = readTrtexecProfile(fixture('trtexec/10.3/profile-unescaped-name.json'), 'p.json');
    expect(issueList(q.issues)).toEqual([['NOT_JSON', 'error', 4]]);
    const cut = readTrtexecProfile(fixture('trtexec/10.3/profile-truncated.json'), 'p.json');
    expect(issueList(cut.issues)).toEqual([['TRUNCATED', 'error', undefined]]);
    expect(cut.profile?.layers.map((l) => l.name)).toEqual([
      '/conv1/Conv + /relu/Relu',
      '/layer1/layer1.0/Add',
    ]);
    const head = readTrtexecProfile('[{"name": "a"}]', 'p.json');
    expect(issueList(head.issues)).toEqual([['SCHEMA_MISMATCH', 'error', '/0/count']]);
    const layer = readTrtexecProfile('[{"count": 2}, {"name": "a", "timeMs": "1"}]', 'p.json');
    expect(issueList(layer.issues)).toEqual([
      ['SCHEMA_MISMATCH', 'error', '/1/timeMs'],
      ['SCHEMA_MISMATCH', 'error', '/1/averageMs'],
      ['SCHEMA_MISMATCH', 'error', '/1/percentage'],
    ]);
  });
});
