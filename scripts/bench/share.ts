// Share links: link sizes for a typical report (200 operators) and a large one (2,000), and the
// median encode/decode times, next to, in the same run: the JSON layout links had before the column
// layout (and still have as a fallback), with its encode/decode times, and baselines without any
// compact encoding (the same data as plain row objects → JSON → base64url, without and with
// deflate). Targets from issue 14: ≤ 3,450 B and ≤ 25,500 B (issue 4 asked for 4 KiB and 32 KiB).
import { performance } from 'node:perf_hooks';
import { deflateSync } from 'fflate';
import type { BenchPart } from './run.ts';
import { toBundle } from '../../src/core/share/bundle.ts';
import { decodeFragment, encodeBundle, packJson } from '../../src/core/share/codec.ts';
import { toBase64Url } from '../../src/core/share/base64url.ts';
import { sampleSharedRun } from '../../src/core/share/sample-runs.ts';
import { DEFAULT_VIEW } from '../../src/core/share/view-state.ts';
import type { SharedRun } from '../../src/core/share/bundle-types.ts';
import { NO_STATS } from '../../src/core/measure/model.ts';

const REPEATS = 25;
const TARGET_200 = 3450;
const TARGET_2000 = 25_500;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
}

/** The same runs and view as row objects (the normalized model) → JSON → base64url, without and with deflate. */
function plainLinks(run: SharedRun): { plain: number; deflated: number } {
  const json = JSON.stringify({
    runs: [{ id: run.run.id, task: run.run.task }],
    view: { ...DEFAULT_VIEW, runs: [run.run.id] },
  });
  const bytes = new TextEncoder().encode(json);
  return {
    plain: '#b='.length + toBase64Url(bytes).length,
    deflated: '#b='.length + toBase64Url(deflateSync(bytes, { level: 9 })).length,
  };
}

function measure(operators: number) {
  const run = sampleSharedRun('r1', operators, 7);
  const bundle = toBundle([run], { ...DEFAULT_VIEW, runs: [run.run.id], baseline: run.run.id });
  const enc: number[] = [];
  const dec: number[] = [];
  const jsonEnc: number[] = [];
  const jsonDec: number[] = [];
  let bytes = 0;
  let jsonBytes = 0;
  for (let i = 0; i < REPEATS; i++) {
    const t0 = performance.now();
    const r = encodeBundle(bundle, Infinity);
    enc.push(performance.now() - t0);
    if (!r.ok) throw new Error('encode failed');
    bytes = r.bytes;
    const t1 = performance.now();
    const d = decodeFragment(r.fragment);
    dec.push(performance.now() - t1);
    if (!d.ok) throw new Error(`decode failed: ${d.issues[0]?.message ?? ''}`);
    // The JSON layout of the same bundle, timed the same way.
    const t2 = performance.now();
    const old = `b=${toBase64Url(packJson(bundle))}`;
    jsonEnc.push(performance.now() - t2);
    jsonBytes = old.length + 1;
    const t3 = performance.now();
    const o = decodeFragment(old);
    jsonDec.push(performance.now() - t3);
    if (!o.ok) throw new Error(`JSON layout decode failed: ${o.issues[0]?.message ?? ''}`);
  }
  return {
    bytes,
    jsonBytes,
    ...plainLinks(run),
    encodeMs: median(enc),
    decodeMs: median(dec),
    jsonEncodeMs: median(jsonEnc),
    jsonDecodeMs: median(jsonDec),
  };
}

/** 200 operators and a linked ais_bench measurement with 2,000 per-iteration latencies. */
function measuredLink(): { bytes: number; jsonBytes: number } {
  const s = sampleSharedRun('r1', 200, 7);
  let seed = 20261203;
  const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
  const iterationsMs = Float64Array.from(
    { length: 2000 },
    () => Math.round((10 + random() * 0.3) * 1e6) / 1e6,
  );
  const run: SharedRun = {
    ...s,
    measurements: [
      {
        id: 'm',
        path: 'resnet50_summary.json',
        role: 'tuned',
        reason: { kind: 'word', word: 'tuned' },
        measurement: {
          tool: 'ais_bench',
          source: 'ais_bench-summary-json',
          toolVersion: null,
          batchSize: 1,
          latencyMs: { ...NO_STATS, count: 2000, mean: 10.15 },
          throughputPerS: 98.5,
          throughputUnit: 'samples',
          iterationsMs,
          model: null,
          device: '0',
          derived: [],
        },
      },
    ],
  };
  const bundle = toBundle([run], { ...DEFAULT_VIEW, runs: [run.run.id], baseline: run.run.id });
  const r = encodeBundle(bundle, Infinity);
  if (!r.ok) throw new Error('encode failed');
  return { bytes: r.bytes, jsonBytes: '#b='.length + toBase64Url(packJson(bundle)).length };
}

const share: BenchPart = async () => {
  const small = measure(200);
  const large = measure(2000);
  const measured = measuredLink();
  const r2 = (x: number) => Math.round(x * 100) / 100;
  const figures = {
    share: {
      link200Bytes: small.bytes,
      link2000Bytes: large.bytes,
      target200Bytes: TARGET_200,
      target2000Bytes: TARGET_2000,
      jsonLayout200Bytes: small.jsonBytes,
      jsonLayout2000Bytes: large.jsonBytes,
      baseline200Bytes: small.plain,
      baseline2000Bytes: large.plain,
      baselineDeflated200Bytes: small.deflated,
      baselineDeflated2000Bytes: large.deflated,
      encodeMs: r2(small.encodeMs),
      decodeMs: r2(small.decodeMs),
      encode2000Ms: r2(large.encodeMs),
      decode2000Ms: r2(large.decodeMs),
      jsonLayoutEncodeMs: r2(small.jsonEncodeMs),
      jsonLayoutDecodeMs: r2(small.jsonDecodeMs),
      jsonLayoutEncode2000Ms: r2(large.jsonEncodeMs),
      jsonLayoutDecode2000Ms: r2(large.jsonDecodeMs),
      linkMeasured2000ItBytes: measured.bytes,
      jsonLayoutMeasured2000ItBytes: measured.jsonBytes,
    },
  };
  const mark = (v: number, target: number) => (v <= target ? 'within target' : 'OVER TARGET');
  const pct = (v: number, old: number) => `${(((old - v) / old) * 100).toFixed(1)} % smaller`;
  const lines = [
    `link, 200 operators:   ${small.bytes} B (target ≤ ${TARGET_200} B, ${mark(small.bytes, TARGET_200)}); JSON layout ${small.jsonBytes} B (${pct(small.bytes, small.jsonBytes)}); plain JSON + base64: ${small.plain} B, deflated: ${small.deflated} B`,
    `link, 2,000 operators: ${large.bytes} B (target ≤ ${TARGET_2000} B, ${mark(large.bytes, TARGET_2000)}); JSON layout ${large.jsonBytes} B (${pct(large.bytes, large.jsonBytes)}); plain JSON + base64: ${large.plain} B, deflated: ${large.deflated} B`,
    `link, 200 operators + a measurement of 2,000 iterations: ${measured.bytes} B; JSON layout ${measured.jsonBytes} B (${pct(measured.bytes, measured.jsonBytes)})`,
    `encode / decode, 200 operators:   ${r2(small.encodeMs)} / ${r2(small.decodeMs)} ms; JSON layout ${r2(small.jsonEncodeMs)} / ${r2(small.jsonDecodeMs)} ms (median of ${REPEATS})`,
    `encode / decode, 2,000 operators: ${r2(large.encodeMs)} / ${r2(large.decodeMs)} ms; JSON layout ${r2(large.jsonEncodeMs)} / ${r2(large.jsonDecodeMs)} ms (median of ${REPEATS})`,
  ];
  return { figures, lines };
};

export default share;
