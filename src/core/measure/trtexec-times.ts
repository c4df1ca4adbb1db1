// Reads trtexec `--exportTimes=<file>` (NVIDIA/TensorRT samples/common/sampleReporting.cpp
// exportJSONTrace): a JSON array with one object per query, times in ms —
//   8.x up to 8.5: startEnqMs, endEnqMs, startH2dMs, endH2dMs, startComputeMs, endComputeMs,
//     startD2hMs, endD2hMs, h2dMs, computeMs, d2hMs, latencyMs, endToEndMs; warm-up queries are
//     included (the file does not mark them);
//   8.6 and 10.x: the same without endToEndMs, warm-up queries left out;
//   7.x: startInMs, endInMs, startComputeMs, endComputeMs, startOutMs, endOutMs, inMs,
//     computeMs, outMs, latencyMs, endToEndMs.
// Every statistic is computed here from the samples (percentile.ts, type 7), so all are listed
// in `derived`. The throughput is trtexec's own definition: queries / (last D2H end − first H2D
// start). A cut file keeps the queries that were complete.
import type { LatencyStats, Measurement, MeasureResult } from './model.ts';
import { describe, finish, issue, IssueList } from './issues.ts';
import { parseJsonText } from './json-input.ts';
import { statsOf } from './percentile.ts';

type Json = Record<string, unknown>;

/** Field names per series, newest first. */
const FIELDS = {
  latency: ['latencyMs'],
  compute: ['computeMs'],
  h2d: ['h2dMs', 'inMs'],
  d2h: ['d2hMs', 'outMs'],
  start: ['startH2dMs', 'startInMs'],
  end: ['endD2hMs', 'endOutMs'],
} as const;

function pick(o: Json, names: readonly string[]): { key: string; value: unknown } | null {
  for (const k of names)
    if (Object.prototype.hasOwnProperty.call(o, k)) return { key: k, value: o[k] };
  return null;
}

export function readTrtexecTimes(text: string, _fileName: string): MeasureResult {
  const parsed = parseJsonText(text);
  const issues = new IssueList();
  let root: unknown;
  let incomplete: ReadonlySet<object> = new Set();
  if (parsed.ok) root = parsed.value;
  else {
    for (const i of parsed.issues) issues.add(i);
    if (!parsed.partial) return finish([], issues.done());
    root = parsed.partial.value;
    incomplete = parsed.partial.incomplete;
  }
  if (!Array.isArray(root)) {
    issues.add(
      issue('SCHEMA_MISMATCH', 'error', 'An --exportTimes file is a JSON array of queries', {
        path: '',
        expected: 'an array',
        found: describe(root),
      }),
    );
    return finish([], issues.done());
  }
  const n = root.length;
  const latency = new Float64Array(n);
  const compute = new Float64Array(n);
  const h2d = new Float64Array(n);
  const d2h = new Float64Array(n);
  let kept = 0;
  let hasH2d = true;
  let hasD2h = true;
  let first = NaN;
  let last = NaN;
  for (let i = 0; i < n; i++) {
    const q: unknown = root[i];
    if (incomplete.has(q as object)) break; // the query the file was cut in
    if (typeof q !== 'object' || q === null || Array.isArray(q)) {
      issues.add(
        issue('SCHEMA_MISMATCH', 'error', `Query ${i} is not an object`, {
          path: `/${i}`,
          expected: 'an object of times',
          found: describe(q),
        }),
      );
      continue;
    }
    const o = q as Json;
    const lat = o['latencyMs'];
    const com = o['computeMs'];
    let ok = true;
    for (const [key, v] of [
      ['latencyMs', lat],
      ['computeMs', com],
    ] as const) {
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        ok = false;
        issues.add(
          issue('SCHEMA_MISMATCH', 'error', `Query ${i}: ${key} is not a number`, {
            path: `/${i}/${key}`,
            expected: 'a number',
            found: describe(v),
          }),
        );
      }
    }
    if (!ok) continue;
    latency[kept] = lat as number;
    compute[kept] = com as number;
    const a = pick(o, FIELDS.h2d);
    const b = pick(o, FIELDS.d2h);
    if (a && typeof a.value === 'number') h2d[kept] = a.value;
    else hasH2d = false;
    if (b && typeof b.value === 'number') d2h[kept] = b.value;
    else hasD2h = false;
    const s = pick(o, FIELDS.start);
    const e = pick(o, FIELDS.end);
    if (s && typeof s.value === 'number' && Number.isNaN(first)) first = s.value;
    if (e && typeof e.value === 'number') last = e.value;
    kept++;
  }
  if (kept === 0) {
    if (n === 0) {
      issues.add(
        issue('SCHEMA_MISMATCH', 'error', 'The file holds no queries', {
          path: '',
          expected: 'at least one query',
          found: 'an empty array',
        }),
      );
    }
    return finish([], issues.done());
  }
  const iterations = latency.subarray(0, kept);
  const wall = last - first;
  const throughput = Number.isFinite(wall) && wall > 0 ? (kept / wall) * 1000 : null;
  const derived = ['latencyMs', 'computeMs'];
  const series = (xs: Float64Array): LatencyStats => statsOf(xs.subarray(0, kept));
  if (hasH2d) derived.push('h2dMs');
  if (hasD2h) derived.push('d2hMs');
  if (throughput !== null) derived.push('throughputPerS');
  const measurement: Measurement = {
    tool: 'trtexec',
    source: 'trtexec-export-times',
    toolVersion: null,
    batchSize: null,
    latencyMs: statsOf(iterations),
    throughputPerS: throughput,
    throughputUnit: throughput === null ? null : 'queries',
    computeMs: series(compute),
    ...(hasH2d ? { h2dMs: series(h2d) } : {}),
    ...(hasD2h ? { d2hMs: series(d2h) } : {}),
    iterationsMs: iterations.slice(),
    model: null,
    device: null,
    derived,
  };
  return finish([measurement], issues.done());
}
