// Measurements in share links: a run's linked measurements travel compact (statistics, role and
// why; per-iteration latencies only up to MAX_SHARED_ITERATIONS), and the gate judges the same
// P95/P99 from the link as from the workspace. Links made before measurements travelled still
// open (a fragment written by that release's encoder, kept as a fixture).
import { describe, expect, it } from 'vitest';
import type { LinkedMeasurement } from '../measure/link.ts';
import { NO_STATS, type Measurement } from '../measure/model.ts';
import { buildComparison } from '../model/comparison.ts';
import { DEFAULT_MEASURED_LATENCY } from '../model/gate.ts';
import { toCompareRuns, type Run } from '../model/run.ts';
import { fromBundle, toBundle } from './bundle.ts';
import { MAX_SHARED_ITERATIONS } from './bundle-measured.ts';
import { decodeData, decodeFragment, encodeBundle } from './codec.ts';
import { sampleSharedRun } from './sample-runs.ts';
import { DEFAULT_VIEW, type ViewState } from './view-state.ts';
import oldLink from './fixtures/link-v1-before-measurements.txt?raw';

/** n iterations start, start + step, …, in a shuffled (but fixed) order. */
function ais(n: number, start: number, step: number): Measurement {
  const it = Float64Array.from({ length: n }, (_, i) => start + ((i * 7919) % n) * step);
  return {
    tool: 'ais_bench',
    source: 'ais_bench-summary-json',
    toolVersion: null,
    batchSize: 1,
    // What ais_bench states: its own figures (P99 rounded as it prints them).
    latencyMs: { ...NO_STATS, count: n, mean: start + (step * (n - 1)) / 2 },
    throughputPerS: 80.5,
    throughputUnit: 'samples',
    h2dMs: { ...NO_STATS, mean: 0.25 },
    iterationsMs: it,
    model: 'resnet50_bs1.om',
    device: '0',
    derived: [],
  };
}
const linked = (
  id: string,
  path: string,
  m: Measurement,
  role: LinkedMeasurement['role'],
  extra: Partial<LinkedMeasurement> = {},
): LinkedMeasurement => ({
  id,
  path,
  measurement: m,
  role,
  reason: { kind: 'word', word: role ?? '' },
  ...extra,
});

const gpuTimes = (n: number): Measurement => ({
  ...ais(n, 8, 0.0001),
  tool: 'trtexec',
  source: 'trtexec-export-times',
  batchSize: null,
  latencyMs: { ...NO_STATS, count: n, mean: 8.25, p95: 8.4, p99: 8.49 },
  throughputUnit: 'queries',
});

function runsWithMeasurements(): Run[] {
  const base = sampleSharedRun('base:0', 8, 1);
  const tuned = sampleSharedRun('tuned:0', 8, 2);
  return [
    {
      ...base,
      reportId: 'base',
      measurements: [
        linked('b', 'resnet50_bs1_baseline_summary.json', ais(1000, 10, 0.002), 'tuned'),
      ],
    },
    {
      ...tuned,
      reportId: 'tuned',
      measurements: [
        linked('t', 'resnet50_bs1_tuned_summary.json', ais(1000, 9.7, 0.002), null, {
          reason: { kind: 'hand' },
          evidence: { role: null, reason: { kind: 'none' } },
          handBatch: 4,
        }),
        linked('g', 'resnet50_times.json', gpuTimes(5000), 'gpu', {
          reason: { kind: 'tool', tool: 'trtexec' },
        }),
      ],
    },
  ];
}

const compareView = (runs: readonly Run[]): ViewState => ({
  ...DEFAULT_VIEW,
  page: 'compare',
  runs: runs.map((r) => r.run.id),
  baseline: runs[0]?.run.id ?? '',
  tab: 'gate',
  gate: {
    ...DEFAULT_VIEW.gate,
    measuredLatency: { ...DEFAULT_MEASURED_LATENCY, statistics: ['p95', 'p99'] },
  },
});

function throughLink(runs: readonly Run[]): Run[] {
  const encoded = encodeBundle(toBundle(runs, compareView(runs)));
  if (!encoded.ok) throw new Error('link too large');
  const decoded = decodeFragment(`#${encoded.fragment}`);
  if (!decoded.ok) throw new Error(decoded.issues[0]?.message);
  return fromBundle(decoded.bundle).runs;
}

const gateOf = (runs: readonly Run[]) => {
  const { runs: compareRuns, measured } = toCompareRuns(runs);
  const base = compareRuns[0];
  if (!base) throw new Error('no runs');
  return buildComparison(compareRuns, base, undefined, compareView(runs).gate, measured).gate;
};

describe('measurements in share links', () => {
  it('carry statistics, role and why, a role and batch set by hand and what the evidence said', () => {
    const [a, b] = throughLink(runsWithMeasurements());
    const t = b?.measurements?.[0];
    expect(t?.path).toBe('resnet50_bs1_tuned_summary.json');
    expect(t?.reason).toEqual({ kind: 'hand' });
    expect(t?.evidence).toEqual({ role: null, reason: { kind: 'none' } });
    expect(t?.handBatch).toBe(4);
    expect(t?.measurement.h2dMs?.mean).toBe(0.25);
    expect(t?.measurement.throughputPerS).toBe(80.5);
    expect(t?.measurement.model).toBe('resnet50_bs1.om');
    expect(b?.measurements?.[1]?.reason).toEqual({ kind: 'tool', tool: 'trtexec' });
    expect(a?.measurements?.[0]?.role).toBe('tuned');
  });

  it(`carry per-iteration latencies up to ${MAX_SHARED_ITERATIONS} (to the ns), only statistics above`, () => {
    const sent = runsWithMeasurements();
    const [a, b] = throughLink(sent);
    const before = sent[0]?.measurements?.[0]?.measurement.iterationsMs;
    const after = a?.measurements?.[0]?.measurement.iterationsMs;
    expect(after?.length).toBe(1000);
    // File order kept; each value within half a nanosecond.
    after?.forEach((v, i) => expect(Math.abs(v - (before?.[i] ?? NaN))).toBeLessThanOrEqual(5e-7));
    const gpu = b?.measurements?.[1]?.measurement;
    expect(gpu?.iterationsMs).toBeUndefined();
    expect(gpu?.latencyMs).toEqual({ ...NO_STATS, count: 5000, mean: 8.25, p95: 8.4, p99: 8.49 });
  });

  it('the gate judges the same P95 / P99 from the link as from the runs it was made of', () => {
    const sent = runsWithMeasurements();
    const here = gateOf(sent);
    const there = gateOf(throughLink(sent));
    const measuredReasons = (g: typeof here) =>
      g.runs.flatMap((r) =>
        r.reasons
          .filter((x) => x.rule === 'measuredLatency')
          .map((x) => [
            x.code,
            x.status,
            // Times travel to the ns (six decimals of ms): compared at that precision.
            Object.fromEntries(
              Object.entries(x.params ?? {}).map(([k, v]) => [
                k,
                typeof v === 'number' ? Math.round(v * 1e6) / 1e6 : v,
              ]),
            ),
          ]),
      );
    expect(measuredReasons(here).length).toBeGreaterThan(0);
    expect(measuredReasons(there)).toEqual(measuredReasons(here));
    expect(there.verdict).toBe(here.verdict);
  });

  it('a link of 1000-iteration baseline and tuned summaries and a GPU export stays under the hard limit', () => {
    const encoded = encodeBundle(toBundle(runsWithMeasurements(), DEFAULT_VIEW));
    expect(encoded.ok).toBe(true);
  });

  it('refuses a measurement of the wrong shape with a located issue', () => {
    const bundle = toBundle(runsWithMeasurements(), compareView(runsWithMeasurements()));
    const broken = JSON.parse(JSON.stringify(bundle)) as { runs: { measured: unknown[] }[] };
    (broken.runs[0]?.measured[0] as Record<string, unknown>)['it'] = [1, -2, 'x'];
    const decoded = decodeData(broken);
    expect(decoded.ok).toBe(false);
    if (decoded.ok) return;
    expect(decoded.issues[0]?.path).toMatch(/^\/runs\/0\/measured\/0\/it\/1/);
  });
});

describe('links made before measurements travelled', () => {
  it('still open: runs, manifest and samples as they were, no measurements, nothing measured', () => {
    const decoded = decodeFragment(`#${oldLink.trim()}`);
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    const { runs, view } = fromBundle(decoded.bundle);
    expect(runs.map((r) => r.run.id)).toEqual(['aaaa:0', 'bbbb:0']);
    expect(view.page).toBe('compare');
    expect(runs[0]?.run.manifest?.cannVersion).toBe('8.0.RC3');
    expect(runs[0]?.run.latencySamplesMs).toEqual([12.5, 12.75, 13]);
    expect(runs.every((r) => r.measurements === undefined)).toBe(true);
    const { measured } = toCompareRuns(runs);
    expect(measured.runs.size).toBe(0);
    expect(measured.gpu).toBeNull();
  });
});
