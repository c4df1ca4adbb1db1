// Reads the "Performance Summary" blocks of an ais_bench / ais_infer log, for users who kept the
// console output and not the summary JSON (Ascend/tools ais-bench_workload/tool/ais_bench,
// ais_bench/infer/summary.py; logging format `[%(levelname)s] %(message)s`):
//
//   [INFO] -----------------Performance Summary------------------
//   [INFO] H2D_latency (ms): min = …, max = …, mean = …, median = …, percentile(99%) = …
//   [INFO] NPU_compute_time (ms): min = …, max = …, mean = …, median = …, percentile(99%) = …
//   [INFO] D2H_latency (ms): …
//   [INFO] throughput 1000*batchsize.mean(1)/NPU_compute_time.mean(2.456): 407.17
//   [INFO] ------------------------------------------------------
//
// The H2D / D2H lines appear only with --display_all_summary (always in old ais_infer). The
// throughput line reads `batchsize(N)` in ais_infer, `batchsize.mean(N)` in ais_bench, and
// `(1000*batchsize/NPU_compute_time)` in early builds. A multi-device run prints one block per
// device; each becomes one measurement. The log does not give the iteration count.
import type { LatencyStats, Measurement, MeasureResult } from './model.ts';
import { finish, issue, IssueList } from './issues.ts';
import { logLines, toNumber } from './log-lines.ts';
import { statsFromLine } from './stats-line.ts';

const HEADER = /^-{3,}\s*Performance Summary\s*-{3,}$/;
const FOOTER = /^-{20,}$/;
const SERIES = /^(H2D_latency|NPU_compute_time|D2H_latency)\s*\(ms\):\s*(.*)$/;
const THROUGHPUT = /^throughput\b(.*):\s*(\S+)$/;
const BATCH_IN_THROUGHPUT = /batchsize(?:\.mean)?\(\s*([^)]*?)\s*\)/;
const TRY_BATCH = /^try get model batchsize:\s*(\d+)/;

interface Block {
  readonly start: number;
  npu: LatencyStats | null;
  h2d: LatencyStats | null;
  d2h: LatencyStats | null;
  throughput: number | null;
  batch: number | null;
  closed: boolean;
  npuSeen: boolean;
}

export function readAisBenchStdout(text: string, _fileName: string): MeasureResult {
  const issues = new IssueList();
  if (text.trim() === '') return finish([], [issue('EMPTY', 'error', 'The file is empty')]);
  const lines = logLines(text);
  const blocks: Block[] = [];
  let current: Block | null = null;
  let modelBatch: number | null = null;
  for (const { no, text: t } of lines) {
    const tb = TRY_BATCH.exec(t);
    if (tb) modelBatch = Number(tb[1]);
    if (HEADER.test(t)) {
      current = {
        start: no,
        npu: null,
        h2d: null,
        d2h: null,
        throughput: null,
        batch: null,
        closed: false,
        npuSeen: false,
      };
      blocks.push(current);
      continue;
    }
    if (!current) continue;
    if (FOOTER.test(t)) {
      current.closed = true;
      current = null;
      continue;
    }
    const s = SERIES.exec(t);
    if (s) {
      const stats = statsFromLine(s[2] as string, no, s[1] as string, issues);
      if (s[1] === 'NPU_compute_time') {
        current.npu = stats;
        current.npuSeen = true;
      } else if (s[1] === 'H2D_latency') current.h2d = stats;
      else current.d2h = stats;
      continue;
    }
    const th = THROUGHPUT.exec(t);
    if (th) {
      const n = toNumber(th[2] as string);
      if (n === null) {
        issues.add(
          issue('BAD_ROW', 'error', `Line ${no}: the throughput is not a number`, {
            line: no,
            expected: 'a number',
            found: th[2] as string,
          }),
        );
      }
      current.throughput = n;
      const b = BATCH_IN_THROUGHPUT.exec(th[1] as string);
      if (b) current.batch = toNumber(b[1] as string);
    }
  }

  if (blocks.length === 0) {
    issues.add(
      issue('UNKNOWN_FORMAT', 'error', 'No "Performance Summary" block in this log', {
        expected: 'an ais_bench "Performance Summary" block',
        found: 'none',
      }),
    );
    return finish([], issues.done());
  }

  const lastLine = lines.length;
  const measurements: Measurement[] = [];
  for (const b of blocks) {
    if (!b.closed) {
      // Cut before the closing rule: the log ended (a killed run, a partial copy).
      issues.add(
        issue(
          'TRUNCATED',
          b.npu ? 'warning' : 'error',
          `The summary that starts at line ${b.start} is cut off`,
          {
            line: lastLine,
            expected: b.npu
              ? 'the throughput line and the closing rule'
              : 'the NPU_compute_time line',
            found: 'end of file',
          },
        ),
      );
    }
    if (!b.npu) {
      if (b.closed && !b.npuSeen) {
        issues.add(
          issue(
            'SCHEMA_MISMATCH',
            'error',
            `The summary at line ${b.start} has no NPU_compute_time line`,
            {
              line: b.start,
              expected: 'an NPU_compute_time (ms) line',
              found: 'none',
            },
          ),
        );
      }
      continue;
    }
    let batchSize = b.batch ?? modelBatch;
    if (batchSize !== null && !(batchSize > 0)) batchSize = null;
    measurements.push({
      tool: 'ais_bench',
      source: 'ais_bench-stdout',
      toolVersion: null,
      batchSize,
      latencyMs: b.npu,
      throughputPerS: b.throughput,
      throughputUnit: b.throughput === null ? null : 'samples',
      computeMs: b.npu,
      ...(b.h2d ? { h2dMs: b.h2d } : {}),
      ...(b.d2h ? { d2hMs: b.d2h } : {}),
      model: null,
      device: null,
      derived: [],
    });
  }
  return finish(measurements, issues.done());
}
