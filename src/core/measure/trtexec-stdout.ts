// Reads the "=== Performance summary ===" of a trtexec log (NVIDIA/TensorRT
// samples/common/sampleReporting.cpp printEpilog; lines carry the sample logger's
// `[MM/DD/YYYY-HH:MM:SS] [I] ` prefix, and `[INFO] ` before that when ais_bench runs trtexec):
//
//   Throughput: 120.699 qps
//   Latency: min = … ms, max = … ms, mean = … ms, median = … ms, percentile(99%) = … ms
//   End-to-End Host Latency: …            (8.0 to 8.4.0 only)
//   Enqueue Time: …
//   H2D Latency: …
//   GPU Compute Time: …
//   D2H Latency: …
//   Total Host Walltime: 3.02405 s
//   Total GPU Compute Time: 3.00752 s
//
// Before 8.5 each statistic has one percentile (--percentile, default 99); from 8.5 (and in 10.x)
// three by default, `percentile(90%)`, `percentile(95%)`, `percentile(99%)`, or those given with
// --percentile. TensorRT 7's "Host latency"
// layout (one figure per line) is not read. Latency is H2D + GPU compute + D2H of one query; the
// throughput counts queries, times the batch with an implicit batch (`Batch: N`). The count is
// "Timing trace has N queries" (which trtexec multiplies by an implicit batch too).
import type { LatencyStats, Measurement, MeasureResult } from './model.ts';
import { finish, issue, IssueList } from './issues.ts';
import { logLines, NUMBER, toNumber } from './log-lines.ts';
import { statsFromLine } from './stats-line.ts';

const HEADER = /^=== Performance summary ===$/;
const ENTRY =
  /^(Throughput|Latency|End-to-End Host Latency|Enqueue Time|H2D Latency|GPU Compute Time|D2H Latency|Total Host Walltime|Total GPU Compute Time):\s*(.*)$/;
const BANNER = /^&&&& RUNNING TensorRT\.trtexec(?: \[TensorRT v([\d.]+)\])?/;
const VERSION_LINE = /^TensorRT version:\s*(\d+\.\d+\.\d+)/;
const TRACE = new RegExp(`^Timing trace has (\\d+) queries over (${NUMBER}) s$`);
const LAST = 'Total GPU Compute Time';

/** `8601` → 8.6.1, `100300` → 10.3.0 (NV_TENSORRT_VERSION: 10.x packs major · 10000). */
export function trtVersion(code: string): string {
  if (code.includes('.')) return code;
  const n = Number(code);
  const [major, rest] =
    n >= 10000 ? [Math.floor(n / 10000), n % 10000] : [Math.floor(n / 1000), n % 1000];
  return `${major}.${Math.floor(rest / 100)}.${rest % 100}`;
}

interface Summary {
  readonly start: number;
  readonly seen: Set<string>;
  throughput: number | null;
  latency: LatencyStats | null;
  compute: LatencyStats | null;
  h2d: LatencyStats | null;
  d2h: LatencyStats | null;
  extra: Record<string, number>;
  traceQueries: number | null;
}

export function readTrtexecStdout(text: string, _fileName: string): MeasureResult {
  const issues = new IssueList();
  if (text.trim() === '') return finish([], [issue('EMPTY', 'error', 'The file is empty')]);
  const lines = logLines(text);
  let version: string | null = null;
  let device: string | null = null;
  let model: string | null = null;
  let engine: string | null = null;
  let batch: number | null = null;
  let traceQueries: number | null = null;
  let trt7 = false;
  const summaries: Summary[] = [];
  let current: Summary | null = null;

  for (const { no, text: t } of lines) {
    if (current) {
      const e = ENTRY.exec(t);
      if (e) {
        const key = e[1] as string;
        const body = e[2] as string;
        current.seen.add(key);
        if (
          key === 'Throughput' ||
          key === 'Total Host Walltime' ||
          key === 'Total GPU Compute Time'
        ) {
          const unit = key === 'Throughput' ? 'qps' : 's';
          const m = new RegExp(`^(${NUMBER})\\s*${unit}$`).exec(body);
          const n = m ? toNumber(m[1] as string) : null;
          if (n === null) {
            issues.add(
              issue('BAD_ROW', 'error', `Line ${no}: ${key} does not read`, {
                line: no,
                expected: `a number in ${unit}`,
                found: body,
              }),
            );
          } else if (key === 'Throughput') current.throughput = n;
          else current.extra[key === LAST ? 'totalGpuComputeTimeS' : 'totalHostWalltimeS'] = n;
        } else if (key !== 'End-to-End Host Latency' && key !== 'Enqueue Time') {
          const stats = statsFromLine(body, no, key, issues);
          if (key === 'Latency') current.latency = stats;
          else if (key === 'GPU Compute Time') current.compute = stats;
          else if (key === 'H2D Latency') current.h2d = stats;
          else current.d2h = stats;
        }
        if (key === LAST) current = null;
        continue;
      }
      current = null; // the summary ended early; checked below
    }
    if (HEADER.test(t)) {
      current = {
        start: no,
        seen: new Set(),
        throughput: null,
        latency: null,
        compute: null,
        h2d: null,
        d2h: null,
        extra: {},
        traceQueries,
      };
      summaries.push(current);
      continue;
    }
    const b = BANNER.exec(t);
    if (b) {
      if (b[1] && version === null) version = trtVersion(b[1]);
      continue;
    }
    const v = VERSION_LINE.exec(t);
    if (v) version = v[1] as string;
    const tr = TRACE.exec(t);
    if (tr) traceQueries = Number(tr[1]);
    let m: RegExpExecArray | null;
    if ((m = /^Selected Device:\s*(.+)$/.exec(t)) && device === null) device = m[1] as string;
    if ((m = /^(?:ONNX )?Model:\s*(.+)$/.exec(t)) && model === null) model = m[1] as string;
    if ((m = /^Load engine:\s*(.+)$/.exec(t)) && engine === null) engine = m[1] as string;
    if ((m = /^Batch:\s*(\d+)$/.exec(t))) batch = Number(m[1]);
    if (/^Host latency$/i.test(t)) trt7 = true;
  }

  if (summaries.length === 0) {
    issues.add(
      trt7
        ? issue(
            'UNSUPPORTED_VERSION',
            'error',
            'A TensorRT 7 "Host latency" report, which is not read',
            {
              expected: '=== Performance summary === (TensorRT 8 and later)',
              found: 'Host latency',
            },
          )
        : issue('UNKNOWN_FORMAT', 'error', 'No "=== Performance summary ===" in this log', {
            expected: '=== Performance summary ===',
            found: 'none',
          }),
    );
    return finish([], issues.done());
  }

  const measurements: Measurement[] = [];
  for (const s of summaries) {
    const complete = s.seen.has(LAST);
    if (!complete) {
      issues.add(
        issue(
          'TRUNCATED',
          s.latency ? 'warning' : 'error',
          `The performance summary at line ${s.start} is cut off`,
          {
            line: s.start + s.seen.size + 1,
            expected: s.latency ? `the lines up to "${LAST}"` : 'the Latency line',
            found: 'end of the summary',
          },
        ),
      );
    }
    const main = s.latency;
    if (!main) continue;
    // An implicit batch multiplies the trace's query count; an explicit one is reported as 1.
    const perQuery = batch !== null && batch > 0 ? batch : 1;
    const count = s.traceQueries === null ? null : s.traceQueries / perQuery;
    const withCount = (x: LatencyStats): LatencyStats => ({ ...x, count });
    measurements.push({
      tool: 'trtexec',
      source: 'trtexec-stdout',
      toolVersion: version,
      batchSize: batch,
      latencyMs: withCount(main),
      throughputPerS: s.throughput,
      throughputUnit:
        s.throughput === null ? null : batch !== null && batch > 1 ? 'samples' : 'queries',
      ...(s.compute ? { computeMs: withCount(s.compute) } : {}),
      ...(s.h2d ? { h2dMs: withCount(s.h2d) } : {}),
      ...(s.d2h ? { d2hMs: withCount(s.d2h) } : {}),
      model: model ?? engine,
      device,
      derived: [],
      ...(Object.keys(s.extra).length > 0 ? { extra: s.extra } : {}),
    });
  }
  return finish(measurements, issues.done());
}
