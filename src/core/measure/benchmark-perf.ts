// Reads the result file of the legacy Ascend `benchmark` tool (benchmark.x86_64 / .aarch64, the
// closed-source predecessor of ais_bench used by ModelZoo ACL_PyTorch):
// `result/perf_<model_type>_batchsize_<bs>_device_<id>.txt`, one line per pipeline stage:
//
//   [e2e] throughputRate: 243.034, latency: 205733
//   [data read] throughputRate: 258.963, moduleLatency: 3.86155
//   [preprocess] throughputRate: 258.404, moduleLatency: 3.86991
//   [infer] throughputRate: 244.435, Interface throughputRate: 382.328, moduleLatency: 3.35758
//   [post] throughputRate: 244.435, moduleLatency: 4.09107
//
// (`[inference]` / `[postprocess]` in some builds.) Rates are samples per second. The e2e
// `latency` is the wall time of the whole dataset run in ms, not the latency of one inference,
// and no stage gives a per-inference latency whose meaning is documented, so latencyMs stays
// empty. The throughput is the inference stage's "Interface throughputRate", the figure the
// ModelZoo READMEs report as the model's performance. Every stage figure is kept in `extra`.
// Batch size and device come from the file name.
import type { Measurement, MeasureResult } from './model.ts';
import { NO_STATS } from './model.ts';
import { finish, issue, IssueList } from './issues.ts';
import { logLines, toNumber } from './log-lines.ts';

const STAGE = /^\[(e2e|data read|preprocess|infer|inference|post|postprocess)\]\s*(.*)$/;
const NAME = /perf_([A-Za-z0-9]+)_batchsize_(\d+)_device_(\d+)\.txt$/i;

const camel = (s: string): string =>
  s
    .replace(/\s+([a-zA-Z])/g, (_, c: string) => c.toUpperCase())
    .replace(/^[A-Z]/, (c) => c.toLowerCase());

export function readBenchmarkPerf(text: string, fileName: string): MeasureResult {
  const issues = new IssueList();
  if (text.trim() === '') return finish([], [issue('EMPTY', 'error', 'The file is empty')]);
  const extra: Record<string, number> = {};
  let interface_: number | null = null;
  let sawInference = false;
  let sawE2e = false;
  let last = 0;
  for (const { no, text: t } of logLines(text)) {
    if (t === '') continue;
    last = no;
    const m = STAGE.exec(t);
    if (!m) {
      issues.add(
        issue('BAD_ROW', 'warning', `Line ${no} is not a stage line and was skipped`, {
          line: no,
          expected: '[stage] name: value, …',
          found: t.length > 60 ? `${t.slice(0, 57)}…` : t,
        }),
      );
      continue;
    }
    const stage = m[1] as string;
    if (stage === 'e2e') sawE2e = true;
    const isInference = stage === 'infer' || stage === 'inference';
    if (isInference) sawInference = true;
    for (const part of (m[2] as string).split(/,\s*/)) {
      const kv = /^([A-Za-z ]+?)\s*:\s*(\S+)$/.exec(part.trim());
      const n = kv ? toNumber(kv[2] as string) : null;
      if (!kv || n === null) {
        issues.add(
          issue('BAD_ROW', 'error', `Line ${no}: "${part.trim()}" is not "name: number"`, {
            line: no,
            expected: 'name: number',
            found: part.trim(),
          }),
        );
        continue;
      }
      const key = kv[1] as string;
      extra[`${camel(stage)}.${camel(key)}`] = n;
      if (isInference && key === 'Interface throughputRate') interface_ = n;
    }
  }
  if (!sawE2e && !sawInference) {
    issues.add(
      issue('UNKNOWN_FORMAT', 'error', 'No [e2e] or [infer] line: not a benchmark result file', {
        expected: '[e2e] throughputRate: …, latency: …',
        found: 'none',
      }),
    );
    return finish([], issues.done());
  }
  if (!sawInference) {
    issues.add(
      issue('TRUNCATED', 'error', 'The file ends before the inference stage line', {
        line: last + 1,
        expected: '[infer] throughputRate: …, Interface throughputRate: …',
        found: 'end of file',
      }),
    );
  }
  const name = NAME.exec(fileName);
  const measurement: Measurement = {
    tool: 'benchmark',
    source: 'benchmark-perf-txt',
    toolVersion: null,
    batchSize: name ? Number(name[2]) : null,
    latencyMs: NO_STATS,
    throughputPerS: interface_,
    throughputUnit: interface_ === null ? null : 'samples',
    model: null,
    device: name ? (name[3] as string) : null,
    derived: [],
    extra,
  };
  return finish([measurement], issues.done());
}
