// Reads the summary JSON of ais_bench (Ascend/tools ais-bench_workload/tool/ais_bench,
// ais_bench/infer/summary.py; also `ait benchmark` / msit, which share that code) and of its
// predecessor ais_infer:
// - ais_bench: `<output>/<YYYY_MM_DD-HH_MM_SS>_summary.json`, or `<output>/<dirname>_summary.json`
//   with --output_dirname; keys, in write order: filesinfo, args (sys.argv), NPU_compute_time,
//   H2D_latency, D2H_latency (each {min, max, mean, median, "percentile(99%)", count} in ms, from
//   numpy), throughput (1000 · batch / mean NPU_compute_time), npu_compute_time_list, pid.
// - ait's copy splits the NPU_compute_time percentile key across a Python line continuation, so
//   the key reads `"percentile(99%<spaces>)"`: percentile keys are matched with spaces allowed.
// - old ais_infer: `<output>/<timestamp>/sumary.json` (sic), the same blocks without `count`,
//   without the per-iteration list and pid.
// A series with count 0 is written as zeros by the tool; we read it as "no data".
import type { LatencyStats, Measurement, MeasureResult } from './model.ts';
import { NO_STATS } from './model.ts';
import { describe, finish, issue, IssueList } from './issues.ts';
import { parseJsonText } from './json-input.ts';
import { percentileKey } from './log-lines.ts';
import { statsOf } from './percentile.ts';
import { agree, consistencyWarnings } from './cross-check.ts';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const own = (o: Json, k: string): unknown =>
  Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined;
const baseName = (name: string): string =>
  name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);

function readBlock(
  root: Json,
  key: string,
  issues: IssueList,
  required: boolean,
  incomplete: ReadonlySet<object>,
): LatencyStats | null {
  const path = `/${key}`;
  const block = own(root, key);
  if (block === undefined && !required) return null;
  // A block the file was cut in (already reported as TRUNCATED) is no data.
  if (isObject(block) && incomplete.has(block)) return null;
  if (!isObject(block)) {
    issues.add(
      issue('SCHEMA_MISMATCH', 'error', `${key} is not an object of statistics`, {
        path,
        expected: 'an object {min, max, mean, median, percentile(99%), count}',
        found: describe(block),
      }),
    );
    return null;
  }
  const stats: { -readonly [K in keyof LatencyStats]: LatencyStats[K] } = { ...NO_STATS };
  let bad = false;
  for (const k of Object.keys(block)) {
    const v = block[k];
    const p = percentileKey(k);
    const known = k === 'min' || k === 'max' || k === 'mean' || k === 'median' || k === 'count';
    if (!known && p === null) continue;
    const ok =
      typeof v === 'number' &&
      Number.isFinite(v) &&
      (k !== 'count' || (Number.isInteger(v) && v >= 0));
    if (!ok) {
      bad = true;
      issues.add(
        issue(
          'SCHEMA_MISMATCH',
          'error',
          `${key}.${k} is not ${k === 'count' ? 'a count' : 'a number'}`,
          {
            path: `${path}/${k}`,
            expected: k === 'count' ? 'a non-negative integer' : 'a number',
            found: describe(v),
          },
        ),
      );
      continue;
    }
    if (k === 'min') stats.min = v;
    else if (k === 'max') stats.max = v;
    else if (k === 'mean') stats.mean = v;
    else if (k === 'median') stats.median = v;
    else if (k === 'count') stats.count = v;
    else if (p === 90) stats.p90 = v;
    else if (p === 95) stats.p95 = v;
    else if (p === 99) stats.p99 = v;
  }
  for (const k of ['min', 'max', 'mean', 'median'] as const) {
    if (stats[k] === null && own(block, k) === undefined) {
      bad = true;
      issues.add(
        issue('SCHEMA_MISMATCH', 'error', `${key} has no ${k}`, {
          path: `${path}/${k}`,
          expected: 'a number',
          found: 'nothing',
        }),
      );
    }
  }
  if (bad) return null;
  // The tool writes zeros for a series it did not record.
  if (stats.count === 0) return { ...NO_STATS, count: 0 };
  return stats;
}

/** `--model m.om` / `--model=m.om` / `-m m.om` in sys.argv. */
function argValue(argv: readonly string[], names: readonly string[]): string | null {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    for (const n of names) {
      if (a === n) return argv[i + 1] ?? null;
      if (a.startsWith(`${n}=`)) return a.slice(n.length + 1);
    }
  }
  return null;
}

export function readAisBenchSummary(text: string, fileName: string): MeasureResult {
  const parsed = parseJsonText(text);
  const issues = new IssueList();
  let root: unknown;
  let incomplete: ReadonlySet<object> = new Set();
  if (parsed.ok) root = parsed.value;
  else {
    // A cut file still holds the statistics when the cut is in the per-iteration list after them.
    for (const i of parsed.issues) issues.add(i);
    if (!parsed.partial) return finish([], issues.done());
    root = parsed.partial.value;
    incomplete = parsed.partial.incomplete;
  }
  if (!isObject(root)) {
    issues.add(
      issue('SCHEMA_MISMATCH', 'error', 'The summary is not a JSON object', {
        path: '',
        expected: 'an object with NPU_compute_time',
        found: Array.isArray(root) ? 'an array' : describe(root),
      }),
    );
    return { ok: false, measurements: [], issues: issues.done() };
  }
  const cut = incomplete.size > 0;
  const npu = readBlock(root, 'NPU_compute_time', issues, !cut, incomplete);
  const h2d = readBlock(root, 'H2D_latency', issues, false, incomplete);
  const d2h = readBlock(root, 'D2H_latency', issues, false, incomplete);

  const throughputRaw = own(root, 'throughput');
  let throughput: number | null = null;
  if (typeof throughputRaw === 'number' && Number.isFinite(throughputRaw))
    throughput = throughputRaw;
  else if (throughputRaw !== undefined) {
    issues.add(
      issue('SCHEMA_MISMATCH', 'error', 'throughput is not a number', {
        path: '/throughput',
        expected: 'a number',
        found: describe(throughputRaw),
      }),
    );
  }

  let iterations: Float64Array | undefined;
  const list = own(root, 'npu_compute_time_list');
  if (Array.isArray(list) && incomplete.has(list)) {
    // cut inside the list: the stated statistics stand alone
  } else if (Array.isArray(list)) {
    const xs = new Float64Array(list.length);
    let ok = true;
    for (let i = 0; i < list.length; i++) {
      const v: unknown = list[i];
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        ok = false;
        issues.add(
          issue('SCHEMA_MISMATCH', 'error', `npu_compute_time_list[${i}] is not a number`, {
            path: `/npu_compute_time_list/${i}`,
            expected: 'a number',
            found: describe(v),
          }),
        );
      } else xs[i] = v;
    }
    if (ok) iterations = xs;
  } else if (list !== undefined) {
    issues.add(
      issue('SCHEMA_MISMATCH', 'error', 'npu_compute_time_list is not an array', {
        path: '/npu_compute_time_list',
        expected: 'an array of numbers',
        found: describe(list),
      }),
    );
  }

  const argsRaw = own(root, 'args');
  const argv = Array.isArray(argsRaw)
    ? argsRaw.filter((a): a is string => typeof a === 'string')
    : [];
  const model = argValue(argv, ['--model', '-m', '--om-model', '-om']);
  const device =
    argValue(argv, ['--device', '-d']) ??
    /(?:^|[_-])device(\d+)_summary\.json$/i.exec(baseName(fileName))?.[1] ??
    null;
  const batchArg = argValue(argv, ['--batchsize', '--batch-size', '-bs']);

  if (!npu) return { ok: false, measurements: [], issues: issues.done() };

  const derived: string[] = [];
  let latency: LatencyStats = npu;
  if (iterations) {
    const computed = statsOf(iterations);
    if (npu.count !== null && npu.count !== iterations.length) {
      issues.add(
        issue(
          'INCONSISTENT',
          'warning',
          `NPU_compute_time.count is ${npu.count}, the list has ${iterations.length}`,
          {
            path: '/NPU_compute_time/count',
            expected: String(iterations.length),
            found: String(npu.count),
          },
        ),
      );
    } else {
      for (const w of consistencyWarnings(npu, computed, '/NPU_compute_time')) issues.add(w);
    }
    latency = {
      ...npu,
      count: npu.count ?? iterations.length,
      p90: npu.p90 ?? computed.p90,
      p95: npu.p95 ?? computed.p95,
    };
    if (npu.count === null) derived.push('latencyMs.count');
    if (npu.p90 === null) derived.push('latencyMs.p90');
    if (npu.p95 === null) derived.push('latencyMs.p95');
  }

  let batchSize: number | null = null;
  const b = batchArg === null ? NaN : Number(batchArg);
  if (Number.isInteger(b) && b > 0) batchSize = b;
  else if (throughput !== null && throughput > 0 && latency.mean !== null && latency.mean > 0) {
    // throughput = 1000 · batch / mean (summary.py), so the batch the tool used is recoverable.
    // With dynamic shapes it is a mean batch, and a stated mean that disagrees with the list
    // spoils it: only a whole batch is taken.
    const est = (throughput * latency.mean) / 1000;
    if (Math.round(est) >= 1 && agree(est, Math.round(est))) {
      batchSize = Math.round(est);
      derived.push('batchSize');
    }
  }

  const old =
    /^sumary\.json$/i.test(baseName(fileName)) ||
    (npu.count === null && list === undefined && !cut);
  const measurement: Measurement = {
    tool: 'ais_bench',
    source: old ? 'ais_infer-sumary-json' : 'ais_bench-summary-json',
    toolVersion: null,
    batchSize,
    latencyMs: latency,
    throughputPerS: throughput,
    throughputUnit: throughput === null ? null : 'samples',
    computeMs: latency,
    ...(h2d ? { h2dMs: h2d } : {}),
    ...(d2h ? { d2hMs: d2h } : {}),
    ...(iterations ? { iterationsMs: iterations } : {}),
    model,
    device,
    derived,
  };
  return finish([measurement], issues.done());
}
