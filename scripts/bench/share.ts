// Share links: link sizes for a typical report (200 operators) and a large one (2,000), and the
// median encode/decode times, next to baselines without the compact encoding (the same data as
// plain row objects → JSON → base64url, without and with deflate). Targets from issue 4: ≤ 4 KB and ≤ 32 KB.
import { performance } from 'node:perf_hooks';
import { deflateSync } from 'fflate';
import type { BenchPart } from './run.ts';
import { toBundle } from '../../src/core/share/bundle.ts';
import { decodeFragment, encodeBundle } from '../../src/core/share/codec.ts';
import { toBase64Url } from '../../src/core/share/base64url.ts';
import { sampleSharedRun } from '../../src/core/share/sample-runs.ts';
import { DEFAULT_VIEW } from '../../src/core/share/view-state.ts';
import type { SharedRun } from '../../src/core/share/bundle-types.ts';

const REPEATS = 25;
const TARGET_200 = 4 * 1024;
const TARGET_2000 = 32 * 1024;

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
  let bytes = 0;
  let fragment = '';
  for (let i = 0; i < REPEATS; i++) {
    const t0 = performance.now();
    const r = encodeBundle(bundle, Infinity);
    enc.push(performance.now() - t0);
    if (!r.ok) throw new Error('encode failed');
    bytes = r.bytes;
    fragment = r.fragment;
    const t1 = performance.now();
    const d = decodeFragment(fragment);
    dec.push(performance.now() - t1);
    if (!d.ok) throw new Error(`decode failed: ${d.issues[0]?.message ?? ''}`);
  }
  return { bytes, ...plainLinks(run), encodeMs: median(enc), decodeMs: median(dec) };
}

const share: BenchPart = async () => {
  const small = measure(200);
  const large = measure(2000);
  const r2 = (x: number) => Math.round(x * 100) / 100;
  const figures = {
    share: {
      link200Bytes: small.bytes,
      link2000Bytes: large.bytes,
      target200Bytes: TARGET_200,
      target2000Bytes: TARGET_2000,
      baseline200Bytes: small.plain,
      baseline2000Bytes: large.plain,
      baselineDeflated200Bytes: small.deflated,
      baselineDeflated2000Bytes: large.deflated,
      encodeMs: r2(small.encodeMs),
      decodeMs: r2(small.decodeMs),
      encode2000Ms: r2(large.encodeMs),
      decode2000Ms: r2(large.decodeMs),
    },
  };
  const mark = (v: number, target: number) => (v <= target ? 'within target' : 'OVER TARGET');
  const lines = [
    `link, 200 operators:   ${small.bytes} B (target ≤ ${TARGET_200} B, ${mark(small.bytes, TARGET_200)}); plain JSON + base64: ${small.plain} B, deflated: ${small.deflated} B`,
    `link, 2,000 operators: ${large.bytes} B (target ≤ ${TARGET_2000} B, ${mark(large.bytes, TARGET_2000)}); plain JSON + base64: ${large.plain} B, deflated: ${large.deflated} B`,
    `encode / decode, 200 operators:   ${r2(small.encodeMs)} / ${r2(small.decodeMs)} ms (median of ${REPEATS})`,
    `encode / decode, 2,000 operators: ${r2(large.encodeMs)} / ${r2(large.decodeMs)} ms (median of ${REPEATS})`,
  ];
  return { figures, lines };
};

export default share;
