import { describe, expect, test } from 'vitest';
import { readBenchmarkPerf } from './benchmark-perf.ts';
import { readMindSporeLite } from './mindspore-lite.ts';
import { fixture, issueList } from './test-helpers.ts';

describe('legacy benchmark perf_vision file', () => {
  test('[infer] build: the Interface throughputRate, batch and device from the name', () => {
    const name = 'perf_vision_batchsize_1_device_0.txt';
    const r = readBenchmarkPerf(fixture(`benchmark/${name}`), name);
    expect(r.ok).toBe(true);
    const m = r.measurements[0];
    expect(m).toMatchObject({
      tool: 'benchmark',
      batchSize: 1,
      device: '0',
      throughputPerS: 301.255,
      throughputUnit: 'samples',
    });
    // The e2e latency is the whole run's wall time, not a per-inference latency.
    expect(m?.latencyMs.mean).toBeNull();
    expect(m?.extra).toMatchObject({
      'e2e.throughputRate': 211.842,
      'e2e.latency': 236026,
      'infer.interfaceThroughputRate': 301.255,
      'dataRead.moduleLatency': 4.45401,
    });
  });

  test('[inference] / [postprocess] build with CRLF line ends', () => {
    const name = 'perf_vision_batchsize_16_device_1.txt';
    const r = readBenchmarkPerf(fixture(`benchmark/${name}`), name);
    expect(r.ok).toBe(true);
    expect(r.measurements[0]).toMatchObject({
      batchSize: 16,
      device: '1',
      throughputPerS: 187.334,
    });
    expect(r.measurements[0]?.extra?.['postprocess.moduleLatency']).toBe(161.987);
  });

  test.each([
    ['truncated/perf_vision_batchsize_4_device_0.txt', [['TRUNCATED', 'error', 3]]],
    ['bad-value/perf_vision_batchsize_1_device_0.txt', [['BAD_ROW', 'error', 2]]],
  ])('%s', (name, issues) => {
    const r = readBenchmarkPerf(fixture(`benchmark/${name}`), name.split('/')[1] as string);
    expect(r.ok).toBe(false);
    expect(issueList(r.issues)).toEqual(issues);
    // What was read is kept.
    expect(r.measurements[0]?.extra?.['e2e.throughputRate']).toBeGreaterThan(0);
    expect(r.measurements[0]?.throughputPerS).toBeNull();
  });

  test('text that is no benchmark result', () => {
    expect(issueList(readBenchmarkPerf('hello\n', 'perf.txt').issues)).toEqual([
      ['BAD_ROW', 'warning', 1],
      ['UNKNOWN_FORMAT', 'error', undefined],
    ]);
  });
});

describe('MindSpore Lite benchmark log', () => {
  test('Ascend run: min / max / average per loop, the loop count, model and device', () => {
    const r = readMindSporeLite(fixture('mindspore-lite/ascend-summary.log'), 'bench.log');
    expect(r.ok).toBe(true);
    expect(r.measurements).toHaveLength(1);
    expect(r.measurements[0]).toMatchObject({
      tool: 'mindspore-lite-benchmark',
      model: 'resnet50.mindir',
      device: 'Ascend',
      latencyMs: { count: 100, min: 3.412, max: 4.108, mean: 3.59, median: null, p99: null },
      throughputPerS: null,
    });
  });

  test('--timeProfiling: both tables, the percent column as a fraction', () => {
    const r = readMindSporeLite(fixture('mindspore-lite/time-profiling.log'), 'bench.log');
    expect(r.ok).toBe(true);
    const m = r.measurements[0];
    expect(m?.latencyMs).toMatchObject({ count: 10, min: 2.05, max: 2.4, mean: 2.15 });
    // PrintResult walks a std::map, so both tables come sorted by name.
    expect(m?.operators?.map((o) => [o.name, o.avgMs, o.fraction, o.calls, o.totalMs])).toEqual([
      ['Default/Add-op3', 0.2, 0.1, 20, 2],
      ['Default/conv1-Conv2d/Conv2D-op1', 1.2, 0.6, 10, 12],
      ['Default/fc-Dense/MatMul-op2', 0.6, 0.3, 10, 6],
    ]);
    expect(m?.operatorTypes?.map((o) => o.name)).toEqual(['Add', 'Conv2D', 'MatMul']);
    // avg(ms) is the total over the loop count (10), and the fractions add up to 1.
    for (const o of m?.operators ?? []) expect(o.avgMs).toBeCloseTo(o.totalMs / 10, 9);
    expect((m?.operators ?? []).reduce((s, o) => s + o.fraction, 0)).toBeCloseTo(1, 9);
  });

  test('a log cut before the summary, and a summary that does not read', () => {
    const cut = readMindSporeLite(fixture('mindspore-lite/truncated.log'), 'bench.log');
    expect(issueList(cut.issues)).toEqual([['TRUNCATED', 'error', 21]]);
    const bad = readMindSporeLite(
      'Model = m.ms, NumThreads = 2, MinRunTime = x ms, MaxRuntime = 2 ms, AvgRunTime = 1 ms\n',
      'bench.log',
    );
    expect(issueList(bad.issues)).toEqual([['BAD_ROW', 'error', 1]]);
    expect(issueList(readMindSporeLite('', 'x').issues)).toEqual([['EMPTY', 'error', undefined]]);
  });
});
