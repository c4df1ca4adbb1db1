import { describe, expect, test } from 'vitest';
import { readAisBenchSummary } from './ais-bench-summary.ts';
import { readAisBenchStdout } from './ais-bench-stdout.ts';
import { fixture, issueList } from './test-helpers.ts';

const only = <T>(xs: readonly T[]): T => {
  expect(xs).toHaveLength(1);
  return xs[0] as T;
};

// The per-iteration list of summary-json/2024_03_01-10_15_42_summary.json, sorted by hand:
// 2.40 2.41 2.42 2.43 2.43 2.44 2.45 2.46 2.47 2.49 (n = 10, sum 24.40).
const SORTED = [2.4, 2.41, 2.42, 2.43, 2.43, 2.44, 2.45, 2.46, 2.47, 2.49];

describe('ais_bench summary.json', () => {
  test('current layout: stated figures, the list, percentiles the file lacks, argv', () => {
    const r = readAisBenchSummary(
      fixture('ais_bench/summary-json/2024_03_01-10_15_42_summary.json'),
      '2024_03_01-10_15_42_summary.json',
    );
    expect(r.ok).toBe(true);
    expect(r.issues).toEqual([]);
    const m = only(r.measurements);
    expect(m.tool).toBe('ais_bench');
    expect(m.source).toBe('ais_bench-summary-json');
    expect(m.latencyMs.count).toBe(10);
    expect(m.latencyMs.min).toBe(2.4);
    expect(m.latencyMs.max).toBe(2.49);
    expect(m.latencyMs.mean).toBeCloseTo(24.4 / 10, 12);
    expect(m.latencyMs.median).toBeCloseTo((2.43 + 2.44) / 2, 12);
    // Not stated; from the list: h = 9 · 0.90 = 8.1 and 9 · 0.95 = 8.55, between 2.47 and 2.49.
    expect(m.latencyMs.p90).toBeCloseTo(2.47 + 0.1 * 0.02, 12);
    expect(m.latencyMs.p95).toBeCloseTo(2.47 + 0.55 * 0.02, 12);
    expect(m.latencyMs.p99).toBeCloseTo(2.47 + 0.91 * 0.02, 12);
    expect(m.derived).toEqual(['latencyMs.p90', 'latencyMs.p95', 'batchSize']);
    expect(m.throughputPerS).toBeCloseTo(1000 / 2.44, 9);
    expect(m.throughputUnit).toBe('samples');
    // No --batchsize in argv: 1000 · batch / mean = throughput gives batch 1.
    expect(m.batchSize).toBe(1);
    expect(m.model).toBe('resnet50_bs1.om');
    expect(m.device).toBe('1');
    expect([...(m.iterationsMs ?? [])].sort((a, b) => a - b)).toEqual(SORTED);
    expect(m.computeMs).toEqual(m.latencyMs);
    expect(m.h2dMs?.count).toBe(10);
    expect(m.h2dMs?.max).toBe(0.33);
    expect(m.d2hMs?.min).toBe(0.05);
  });

  test('ait copy: the percentile key split by a line continuation, --batchsize in argv', () => {
    const r = readAisBenchSummary(
      fixture('ais_bench/ait-benchmark/bs8_summary.json'),
      'bs8_summary.json',
    );
    expect(r.ok).toBe(true);
    const m = only(r.measurements);
    // List 10, 10.5, 11, 12, 20: h = 4·p/100.
    expect(m.latencyMs.p99).toBeCloseTo(12 + 0.96 * 8, 12);
    expect(m.latencyMs.p95).toBeCloseTo(12 + 0.8 * 8, 12);
    expect(m.latencyMs.p90).toBeCloseTo(12 + 0.6 * 8, 12);
    expect(m.latencyMs.mean).toBeCloseTo(63.5 / 5, 12);
    expect(m.batchSize).toBe(8);
    expect(m.derived).not.toContain('batchSize');
    expect(m.model).toBe('yolov5s_bs8.om');
    expect(m.throughputPerS).toBeCloseTo((1000 * 8) / 12.7, 9);
  });

  test('old ais_infer sumary.json: no count, no list, nothing computed but the batch', () => {
    const r = readAisBenchSummary(fixture('ais_bench/ais_infer/sumary.json'), 'sumary.json');
    expect(r.ok).toBe(true);
    const m = only(r.measurements);
    expect(m.source).toBe('ais_infer-sumary-json');
    expect(m.latencyMs).toEqual({
      count: null,
      min: 3.1,
      max: 3.9,
      mean: 3.4,
      median: 3.35,
      p90: null,
      p95: null,
      p99: 3.88,
    });
    expect(m.iterationsMs).toBeUndefined();
    expect(m.batchSize).toBe(1);
    expect(m.derived).toEqual(['batchSize']);
    expect(m.model).toBe('deeplabv3_bs1.om');
    expect(m.h2dMs?.p99).toBe(0.698);
  });

  test('a series the tool did not record (count 0, zeros) is no data', () => {
    const r = readAisBenchSummary(
      fixture('ais_bench/summary-json/empty-d2h_summary.json'),
      'x_summary.json',
    );
    expect(r.ok).toBe(true);
    const d2h = only(r.measurements).d2hMs;
    expect(d2h?.count).toBe(0);
    expect(d2h?.mean).toBeNull();
    expect(d2h?.p99).toBeNull();
  });

  test.each([
    [
      'summary-json/inconsistent-mean_summary.json',
      true,
      [['INCONSISTENT', 'warning', '/NPU_compute_time/mean']],
      1,
    ],
    [
      'summary-json/invalid-mean-string_summary.json',
      false,
      [['SCHEMA_MISMATCH', 'error', '/NPU_compute_time/mean']],
      0,
    ],
    ['summary-json/not-json_summary.json', false, [['NOT_JSON', 'error', 1]], 0],
    // Cut inside the list: the stated statistics before it survive.
    ['summary-json/truncated-in-list_summary.json', false, [['TRUNCATED', 'error', undefined]], 1],
    ['summary-json/truncated-in-stats_summary.json', false, [['TRUNCATED', 'error', undefined]], 0],
  ])('%s', (name, ok, issues, salvaged) => {
    const r = readAisBenchSummary(fixture(`ais_bench/${name}`), name.split('/')[1] as string);
    expect(r.ok).toBe(ok);
    expect(issueList(r.issues)).toEqual(issues);
    expect(r.measurements).toHaveLength(salvaged);
  });

  test('the inconsistent file says which figure and both values; the cut one where it ends', () => {
    const bad = readAisBenchSummary(
      fixture('ais_bench/summary-json/inconsistent-mean_summary.json'),
      'x_summary.json',
    );
    expect(bad.issues[0]).toMatchObject({ expected: String(24.4 / 10), found: '2.5' });
    // A mean that disagrees with the list spoils the batch derived from it.
    expect(only(bad.measurements).batchSize).toBeNull();
    const text = fixture('ais_bench/summary-json/truncated-in-list_summary.json');
    const cut = readAisBenchSummary(text, 'x_summary.json');
    expect(cut.issues[0]?.offset).toBe(new TextEncoder().encode(text).length);
    const m = only(cut.measurements);
    expect(m.iterationsMs).toBeUndefined();
    expect(m.latencyMs.p99).toBe(2.4882000000000004);
    expect(m.latencyMs.p90).toBeNull();
  });

  test('not an object, empty', () => {
    expect(issueList(readAisBenchSummary('[1,2]', 'x_summary.json').issues)).toEqual([
      ['SCHEMA_MISMATCH', 'error', ''],
    ]);
    expect(issueList(readAisBenchSummary('  \n', 'x_summary.json').issues)).toEqual([
      ['EMPTY', 'error', undefined],
    ]);
    expect(issueList(readAisBenchSummary('{"throughput": 1}', 'x_summary.json').issues)).toEqual([
      ['SCHEMA_MISMATCH', 'error', '/NPU_compute_time'],
    ]);
  });
});

describe('ais_bench log', () => {
  test('--display_all_summary: three series, the batch from the throughput line', () => {
    for (const name of ['display-all-summary.log', 'crlf.log']) {
      const r = readAisBenchStdout(fixture(`ais_bench/stdout/${name}`), name);
      expect(r.ok).toBe(true);
      const m = only(r.measurements);
      expect(m.source).toBe('ais_bench-stdout');
      // NPU series 8.4, 8.5, 8.6, 8.5, 8.5 (sorted 8.4 8.5 8.5 8.5 8.6): p99 h = 3.96.
      expect(m.latencyMs).toMatchObject({ count: null, min: 8.4, max: 8.6, median: 8.5 });
      expect(m.latencyMs.mean).toBeCloseTo(8.5, 12);
      expect(m.latencyMs.p99).toBeCloseTo(8.5 + 0.96 * 0.1, 12);
      expect(m.batchSize).toBe(4);
      expect(m.throughputPerS).toBeCloseTo(4000 / 8.5, 9);
      expect(m.h2dMs?.max).toBe(1.1);
      expect(m.d2hMs?.max).toBe(0.3);
    }
  });

  test('old ais_infer wording "batchsize(1)"', () => {
    const r = readAisBenchStdout(fixture('ais_bench/ais_infer/stdout.log'), 'stdout.log');
    const m = only(r.measurements);
    expect(m.batchSize).toBe(1);
    expect(m.latencyMs.mean).toBe(2.456);
    expect(m.throughputPerS).toBeCloseTo(1000 / 2.456, 9);
  });

  test('a multi-device run gives one measurement per device block', () => {
    const r = readAisBenchStdout(fixture('ais_bench/stdout/multi-device.log'), 'run.log');
    expect(r.measurements.map((m) => m.latencyMs.mean)).toEqual([5.1, 5.5]);
  });

  test.each([
    ['truncated.log', true, [['TRUNCATED', 'warning', 11]], 1],
    ['truncated-at-header.log', false, [['TRUNCATED', 'error', 9]], 0],
    ['bad-number.log', false, [['BAD_ROW', 'error', 10]], 0],
  ])('%s', (name, ok, issues, n) => {
    const r = readAisBenchStdout(fixture(`ais_bench/stdout/${name}`), name);
    expect(r.ok).toBe(ok);
    expect(issueList(r.issues)).toEqual(issues);
    expect(r.measurements).toHaveLength(n);
  });

  test('a log without a summary', () => {
    expect(issueList(readAisBenchStdout('[INFO] acl init success\n', 'x.log').issues)).toEqual([
      ['UNKNOWN_FORMAT', 'error', undefined],
    ]);
  });
});
