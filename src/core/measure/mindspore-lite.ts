// Reads the console output of the MindSpore Lite `benchmark` tool (mindspore-ai/mindspore,
// mindspore/lite/tools/benchmark: benchmark_base.cc Init / PrintResult, benchmark_unified_api.cc
// RunBenchmark), e.g. `benchmark --modelFile=m.mindir --device=Ascend --loopCount=100`:
//
//   ModelPath = m.mindir          (Init echoes its flags, one per line)
//   LoopCount = 100
//   DeviceType = Ascend
//   NumThreads = 2
//   Model = m.mindir, NumThreads = 2, MinRunTime = 1.234000 ms, MaxRuntime = 2.5 ms, AvgRunTime = 1.5 ms
//
// Run times are per loop iteration (one Predict), in ms. With --timeProfiling two tab-separated
// tables come first, each after a line of dashes: per operator name and per operator type, with
// the columns opName|opType, avg(ms) (total / loop count), percent (a 0–1 fraction of all operator
// time), calledTimes, opTotalTime. Each summary line becomes one measurement; the tables printed
// before it are attached to it. The count is the LoopCount echoed before it.
import type { Measurement, MeasureResult, OperatorTime } from './model.ts';
import { NO_STATS } from './model.ts';
import { finish, issue, IssueList } from './issues.ts';
import { logLines, NUMBER, toNumber } from './log-lines.ts';

const SUMMARY = new RegExp(
  `^(?:Model = (.*?), NumThreads = (\\d+), )?MinRunTime = (${NUMBER}) ms, MaxRuntime = (${NUMBER}) ms, AvgRunTime = (${NUMBER}) ms$`,
);
const FLAG = /^(ModelPath|LoopCount|DeviceType|NumThreads|WarmUpLoopCount) = (.*)$/;
const TABLE_HEAD = /^(opName|opType)\s+avg\(ms\)\s+percent\s+calledTimes\s+opTotalTime$/;

export function readMindSporeLite(text: string, _fileName: string): MeasureResult {
  const issues = new IssueList();
  if (text.trim() === '') return finish([], [issue('EMPTY', 'error', 'The file is empty')]);
  const lines = logLines(text);
  const flags = new Map<string, string>();
  const measurements: Measurement[] = [];
  let byName: OperatorTime[] | undefined;
  let byType: OperatorTime[] | undefined;
  let table: OperatorTime[] | null = null;
  let sawModelPath = false;

  for (const { no, text: t } of lines) {
    const head = TABLE_HEAD.exec(t);
    if (head) {
      table = [];
      if (head[1] === 'opName') byName = table;
      else byType = table;
      continue;
    }
    if (table) {
      // Rows until the first line that is not one (a rule, a blank line, the summary).
      const cells = t
        .split('\t')
        .map((c) => c.trim())
        .filter((c) => c !== '');
      if (cells.length === 5 && toNumber(cells[4] as string) !== null) {
        const [name, avg, fraction, calls, total] = cells as [
          string,
          string,
          string,
          string,
          string,
        ];
        const nums = [toNumber(avg), toNumber(fraction), toNumber(calls), toNumber(total)];
        if (nums.some((n) => n === null)) {
          issues.add(
            issue(
              'BAD_ROW',
              'error',
              `Line ${no}: an operator row with a cell that is not a number`,
              {
                line: no,
                expected: 'name, avg(ms), percent, calledTimes, opTotalTime',
                found: t,
              },
            ),
          );
        } else {
          table.push({
            name,
            avgMs: nums[0] as number,
            fraction: nums[1] as number,
            calls: nums[2] as number,
            totalMs: nums[3] as number,
          });
        }
        continue;
      }
      table = null;
    }
    const f = FLAG.exec(t);
    if (f) {
      flags.set(f[1] as string, (f[2] as string).trim());
      if (f[1] === 'ModelPath') sawModelPath = true;
      continue;
    }
    const s = SUMMARY.exec(t);
    if (s) {
      const [min, max, avg] = [Number(s[3]), Number(s[4]), Number(s[5])];
      const loops = Number(flags.get('LoopCount'));
      measurements.push({
        tool: 'mindspore-lite-benchmark',
        source: 'mindspore-lite-stdout',
        toolVersion: null,
        batchSize: null,
        latencyMs: {
          ...NO_STATS,
          count: Number.isInteger(loops) && loops > 0 ? loops : null,
          min,
          max,
          mean: avg,
        },
        throughputPerS: null,
        throughputUnit: null,
        model: s[1] ?? flags.get('ModelPath') ?? null,
        device: flags.get('DeviceType') ?? null,
        derived: [],
        ...(byName ? { operators: byName } : {}),
        ...(byType ? { operatorTypes: byType } : {}),
      });
      byName = undefined;
      byType = undefined;
      continue;
    }
    if (/MinRunTime\s*=/.test(t)) {
      issues.add(
        issue('BAD_ROW', 'error', `Line ${no}: the run-time summary does not read`, {
          line: no,
          expected: 'MinRunTime = N ms, MaxRuntime = N ms, AvgRunTime = N ms',
          found: t.length > 80 ? `${t.slice(0, 77)}…` : t,
        }),
      );
    }
  }
  if (measurements.length === 0 && !issues.items.some((i) => i.code === 'BAD_ROW')) {
    issues.add(
      sawModelPath
        ? issue('TRUNCATED', 'error', 'The log ends before the run-time summary line', {
            line: lines.length,
            expected: 'Model = …, MinRunTime = … ms, MaxRuntime = … ms, AvgRunTime = … ms',
            found: 'end of file',
          })
        : issue('UNKNOWN_FORMAT', 'error', 'No MindSpore Lite benchmark summary in this text', {
            expected: 'Model = …, MinRunTime = … ms, MaxRuntime = … ms, AvgRunTime = … ms',
            found: 'none',
          }),
    );
  }
  return finish(measurements, issues.done());
}
