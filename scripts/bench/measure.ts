// Bench part `measure`: reading a trtexec --exportTimes file of 100,000 queries — JSON parse,
// field checks, and the statistics of four series (sorting each for the type-7 percentiles) —
// next to a bare `JSON.parse` of the same text as the baseline, in the same run.
//
// The file is generated deterministically (seeded) in memory, in trtexec's own layout (one
// `{ … }` per line, 6 significant digits, 8.6 / 10.x field set), so the timing covers the normal
// path (no issues). Median of several runs after a warm-up. No target: the figure to watch is the
// ratio to JSON.parse, the part no reader can avoid.
import { readTrtexecTimes } from '../../src/core/measure/trtexec-times.ts';
import type { BenchPart } from './run.ts';

const QUERIES = 100_000;
const RUNS = 7;

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
};

/** Park–Miller: the same file on every machine and every run. */
function seeded(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 48271) % 2147483647;
    return s / 2147483647;
  };
}

/** iostream's default float output: 6 significant digits, no trailing zeros. */
const g = (x: number): string => String(Number(x.toPrecision(6)));

export function generateTimes(queries: number): string {
  const random = seeded(20261215);
  const lines: string[] = ['['];
  let t = 200;
  for (let i = 0; i < queries; i++) {
    const h2d = 0.19 + random() * 0.03;
    const compute = 1.2 + random() * 0.1 + (random() < 0.01 ? random() * 0.5 : 0);
    const d2h = 0.045 + random() * 0.01;
    const enq = t;
    const h2dStart = enq + 0.02;
    const computeStart = h2dStart + h2d;
    const d2hStart = computeStart + compute;
    const fields = [
      ['startEnqMs', enq],
      ['endEnqMs', enq + 0.09],
      ['startH2dMs', h2dStart],
      ['endH2dMs', computeStart],
      ['startComputeMs', computeStart],
      ['endComputeMs', d2hStart],
      ['startD2hMs', d2hStart],
      ['endD2hMs', d2hStart + d2h],
      ['h2dMs', h2d],
      ['computeMs', compute],
      ['d2hMs', d2h],
      ['latencyMs', h2d + compute + d2h],
    ] as const;
    const body = fields.map(([k, v]) => `"${k}" : ${g(v)}`).join(', ');
    lines.push(`${i === 0 ? '  ' : ', '}{ ${body} }`);
    t += 1.5;
  }
  lines.push(']', '');
  return lines.join('\n');
}

const bench: BenchPart = async () => {
  const text = generateTimes(QUERIES);
  const ours: number[] = [];
  const baseline: number[] = [];
  let p99 = NaN;
  for (let run = 0; run <= RUNS; run++) {
    const t0 = performance.now();
    const result = readTrtexecTimes(text, 'times.json');
    const t1 = performance.now();
    JSON.parse(text);
    const t2 = performance.now();
    if (!result.ok) throw new Error(`bench file did not read: ${result.issues[0]?.message}`);
    p99 = result.measurements[0]?.latencyMs.p99 ?? NaN;
    if (run === 0) continue; // warm-up
    ours.push(t1 - t0);
    baseline.push(t2 - t1);
  }
  const ms = Math.round(median(ours) * 10) / 10;
  const jsonParseMs = Math.round(median(baseline) * 10) / 10;
  const ratio = Math.round((median(ours) / median(baseline)) * 100) / 100;
  const mb = (new TextEncoder().encode(text).length / 1e6).toFixed(1);
  return {
    figures: { measureTimes100k: { ms, jsonParseMs, ratio, queries: QUERIES } },
    lines: [
      `trtexec --exportTimes, ${QUERIES} queries (${mb} MB): read + statistics ${ms} ms; ` +
        `bare JSON.parse ${jsonParseMs} ms; ratio ${ratio}× (median of ${RUNS}; P99 ${p99.toFixed(4)} ms)`,
    ],
  };
};

export default bench;
