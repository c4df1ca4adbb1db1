// `aoe-dashboard compare BASELINE [MEASURE] RUN [MEASURE]... [--gpu FILE] [--gate FILE]
// [--json | --md]`: the compare page's comparison and acceptance gate for CI. Each report argument
// is an AOE result file, optionally with `#N` to pick its N-th tuning task (0-based); without it a
// run file contributes every task and the baseline file its first. A benchmark measurement file
// (ais_bench, benchmark, MindSpore Lite, trtexec) given right after a report is that report's
// measured latency (baseline OM after the baseline, tuned OM after a run); `--gpu FILE` is the GPU
// baseline (a trtexec file among the arguments is taken as the GPU baseline too). Exit codes: 0 accept, 1 reject, 3 not enough data, 4 not comparable, 2 usage error
// (bad option, unreadable or unknown input, invalid gate file).
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Command } from 'commander';
import type { CliIo, SetExit } from './io.ts';
import type { CompareRun } from '../../core/model/compare.ts';
import { DEFAULT_NOISE_PCT, DEFAULT_NOISE_US } from '../../core/model/compare.ts';
import type { GateRules, MeasuredInputs, Verdict } from '../../core/model/gate.ts';
import type { Measurement } from '../../core/measure/model.ts';
import { MeasurementInputError, isMeasurementFile, readMeasurementFile } from './measure-input.ts';
import { DEFAULT_GATE_RULES } from '../../core/model/gate.ts';
import { buildComparison } from '../../core/model/comparison.ts';
import { importBytes } from '../../core/formats/index.ts';
import {
  compareProfileContents,
  nameOf,
  profilePairJson,
  profilePairMarkdown,
  profilePairText,
  readProfileArg,
} from './compare-profiles.ts';
import { parseGateFile } from '../../core/model/gate-file.ts';
import { comparisonToJson, prettyJson } from '../../core/export/json.ts';
import { comparisonMarkdown } from '../../core/export/markdown.ts';
import { renderComparisonText } from './compare-text.ts';
import { showControls } from '../../core/export/visible-text.ts';
import { reportOf } from '../../core/formats/content.ts';
import { toCompareRuns, type Run } from '../../core/model/run.ts';
import type { LinkedMeasurement } from '../../core/measure/link.ts';
import type { TuningReport } from '../../core/model/types.ts';

interface CompareOptions {
  readonly gate?: string;
  readonly json?: boolean;
  readonly md?: boolean;
  readonly noisePct?: string;
  readonly noiseUs?: string;
  readonly gpu?: string;
}

export const VERDICT_EXIT: Record<Verdict, number> = {
  accept: 0,
  reject: 1,
  insufficient: 3,
  incomparable: 4,
};
const USAGE = 2;

export class UsageError extends Error {}

export function registerCompare(program: Command, io: CliIo, setExit: SetExit): void {
  program
    .command('compare')
    .description('compare tuning runs against a baseline and apply the acceptance gate')
    .argument('<baseline>', 'AOE result file of the baseline run (FILE or FILE#TASK)')
    .argument(
      '<runs...>',
      'AOE result files of the runs to compare (FILE or FILE#TASK), each optionally followed by the measurement file of its model',
    )
    .option(
      '--gate <file>',
      'gate rules JSON (schemas/gate-rules.schema.json); default: the built-in rules',
    )
    .option('--gpu <file>', 'GPU baseline measurement (e.g. trtexec --exportTimes JSON or its log)')
    .option('--noise-pct <pct>', `noise floor, relative (default ${DEFAULT_NOISE_PCT})`)
    .option('--noise-us <us>', `noise floor, absolute µs (default ${DEFAULT_NOISE_US})`)
    .option('--json', 'print JSON (schemas/compare-output.v1.schema.json)')
    .option('--md', 'print a Markdown summary for a review')
    .action(async (baseline: string, runs: string[], opts: CompareOptions) => {
      try {
        if (opts.json && opts.md) throw new UsageError('choose one of --json and --md');
        // Two profiler files: the profile comparison (no verdict; exit 0 once both are read).
        if (runs.length === 1 && runs[0] !== undefined) {
          const a = await readProfileArg(baseline);
          const b = a ? await readProfileArg(runs[0]) : null;
          if (a && b) {
            const names = { base: nameOf(baseline), other: nameOf(runs[0]) };
            const pair = compareProfileContents(a, b);
            if (opts.json) io.stdout(profilePairJson(pair, names));
            else if (opts.md) io.stdout(profilePairMarkdown(pair, names));
            else io.stdout(profilePairText(pair, names));
            setExit(0);
            return;
          }
          if (a)
            throw new UsageError(
              `${runs[0]}: the baseline is a profile; compare it with another profile`,
            );
        }
        const noise = {
          pct: parseNoise(opts.noisePct, DEFAULT_NOISE_PCT, '--noise-pct'),
          us: parseNoise(opts.noiseUs, DEFAULT_NOISE_US, '--noise-us'),
        };
        const rules = opts.gate === undefined ? DEFAULT_GATE_RULES : await readGate(opts.gate);
        const { runs: all, measured } = await loadInputs(baseline, runs, opts.gpu, io);
        const baseRun = all[0];
        if (baseRun === undefined) throw new UsageError(`${baseline}: no tuning task in the file`);
        const comparison = buildComparison(all, baseRun, { noise, mapping: {} }, rules, measured);
        if (opts.json) io.stdout(prettyJson(comparisonToJson(comparison)));
        else if (opts.md) io.stdout(comparisonMarkdown(comparison));
        else io.stdout(renderComparisonText(comparison));
        setExit(VERDICT_EXIT[comparison.gate.verdict]);
      } catch (err) {
        if (!(err instanceof UsageError || err instanceof MeasurementInputError)) throw err;
        io.stderr(`compare: ${err.message.split('\n').map(showControls).join('\n')}\n`);
        setExit(USAGE);
      }
    });
}

function parseNoise(text: string | undefined, fallback: number, flag: string): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n < 0)
    throw new UsageError(`${flag} needs a number ≥ 0, not "${text}"`);
  return n;
}

export async function readGate(path: string): Promise<GateRules> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new UsageError(
      `gate file ${path}: ${(err as NodeJS.ErrnoException).code ?? 'unreadable'}`,
    );
  }
  const parsed = parseGateFile(text);
  if (!parsed.ok) {
    const lines = parsed.issues.map(
      (i) => `  ${showControls(i.message)}${i.line !== undefined ? ` (line ${i.line})` : ''}`,
    );
    throw new UsageError(
      `gate file ${path} is not a valid gate file (schemas/gate-rules.schema.json):\n${lines.join('\n')}`,
    );
  }
  return parsed.rules;
}

/**
 * The runs and their measurements from the positional arguments: reports, each optionally
 * followed by the measurement file of its model, and the GPU baseline from `--gpu`.
 */
/** What compare and report read from their arguments: the CLI's runs as one Run type. */
export interface CliInputs {
  /** Each task given, with its report and the measurements the command line placed beside it. */
  readonly runs: readonly Run[];
  /** The measurement given after each run's report (keyed by run id), for the Advice. */
  readonly placed: ReadonlyMap<
    string,
    { readonly path: string; readonly measurement: Measurement }
  >;
  /** The GPU baseline (a trtexec file anywhere, or --gpu). */
  readonly gpu: { readonly path: string; readonly measurement: Measurement } | null;
  /** The reports the runs come from, by run id (the Advice reads the whole task). */
  readonly reports: ReadonlyMap<string, TuningReport>;
}

/**
 * A measurement the command line placed: its role is the user's doing (after a report: that
 * run's model as measured; a trtexec file: the GPU baseline), as a role set by hand is.
 */
const placedMeasurement = (
  path: string,
  measurement: Measurement,
  role: 'tuned' | 'gpu',
): LinkedMeasurement => ({
  id: path,
  path,
  measurement,
  role,
  reason: { kind: 'hand' },
});

export async function loadInputs(
  baseline: string,
  args: readonly string[],
  gpuPath: string | undefined,
  io: CliIo,
  command = 'compare',
): Promise<{ runs: CompareRun[]; measured: MeasuredInputs; inputs: CliInputs }> {
  const warn = (text: string) => io.stderr(`${command}: ${text}\n`);
  if (await isMeasurementFile(baseline)) {
    throw new UsageError(`${baseline}: the first file must be the baseline's AOE report`);
  }
  type Placed = { readonly path: string; readonly measurement: Measurement };
  const groups: { loaded: LoadedRuns; measurement: Placed | null; arg: string }[] = [
    { loaded: await loadRuns(baseline, io, true), measurement: null, arg: baseline },
  ];
  let gpu: Placed | null = null;
  for (const arg of args) {
    if (await isMeasurementFile(arg.replace(/#\d+$/, ''))) {
      const last = groups[groups.length - 1] as (typeof groups)[number];
      const m = await readMeasurementFile(arg, warn);
      // TensorRT runs only on NVIDIA GPUs: a trtexec file is the GPU baseline wherever it stands.
      if (m.tool === 'trtexec') {
        if (gpu !== null) throw new UsageError(`${arg}: a second GPU baseline (one trtexec file)`);
        gpu = { path: arg, measurement: m };
        continue;
      }
      if (last.measurement !== null) {
        throw new UsageError(
          `${arg}: ${last.arg} already has a measurement; give one measurement file after each report`,
        );
      }
      last.measurement = { path: arg, measurement: m };
    } else {
      groups.push({ loaded: await loadRuns(arg, io, false), measurement: null, arg });
    }
  }
  if (groups.length < 2 && command === 'compare')
    throw new UsageError('give at least one run to compare after the baseline');
  if (gpuPath !== undefined) {
    if (gpu !== null) throw new UsageError(`--gpu ${gpuPath}: a trtexec file was already given`);
    gpu = { path: gpuPath, measurement: await readMeasurementFile(gpuPath, warn) };
  }
  const compareRuns = uniqueIds(groups.flatMap((g) => g.loaded.runs.map((r) => r.run)));
  const placed = new Map<string, Placed>();
  const reports = new Map<string, TuningReport>();
  const built: Run[] = [];
  let i = 0;
  for (const g of groups) {
    for (const { taskIndex } of g.loaded.runs) {
      const run = compareRuns[i++] as CompareRun;
      if (g.measurement !== null) placed.set(run.id, g.measurement);
      reports.set(run.id, g.loaded.report);
      const measurements = [
        ...(g.measurement
          ? [placedMeasurement(g.measurement.path, g.measurement.measurement, 'tuned')]
          : []),
        ...(gpu ? [placedMeasurement(gpu.path, gpu.measurement, 'gpu')] : []),
      ];
      built.push({
        run,
        reportId: g.loaded.report.id,
        taskIndex,
        layout: g.loaded.report.layout,
        incomplete: g.loaded.report.incomplete,
        profile: null,
        ...(measurements.length > 0 ? { measurements } : {}),
      });
    }
  }
  const judged = toCompareRuns(built);
  // The GPU baseline given is the GPU baseline, whatever batch size it or the runs state.
  const measured: MeasuredInputs = { runs: judged.measured.runs, gpu: gpu?.measurement ?? null };
  return {
    runs: [...judged.runs],
    measured,
    inputs: { runs: built, placed, gpu, reports },
  };
}

interface LoadedRuns {
  readonly report: TuningReport;
  readonly runs: readonly { readonly run: CompareRun; readonly taskIndex: number }[];
}

/** FILE or FILE#N → the file's tasks as compare runs, with the report they come from. */
async function loadRuns(arg: string, io: CliIo, isBaseline: boolean): Promise<LoadedRuns> {
  const m = /^(.*)#(\d+)$/.exec(arg);
  const path = m?.[1] ?? arg;
  const pick = m?.[2] === undefined ? null : Number(m[2]);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (err) {
    throw new UsageError(
      `${path}: cannot read the file (${(err as NodeJS.ErrnoException).code ?? 'unreadable'})`,
    );
  }
  const file = await importBytes(path, bytes);
  const report = reportOf(file);
  if (report === null || report.tasks.length === 0) {
    const why =
      file.issues.find((i) => i.severity === 'error')?.message ?? 'no AOE tuning task found';
    throw new UsageError(`${path}: ${showControls(why)}`);
  }
  for (const issue of file.issues) {
    io.stderr(
      showControls(`compare: ${path}: ${issue.severity} ${issue.code}: ${issue.message}`) + '\n',
    );
  }
  const name = basename(path);
  const several = report.tasks.length > 1;
  const runs = report.tasks.map((task, i) => ({
    run: {
      id: several ? `${name}#${i}` : name,
      label: several ? `${name}#${i} · ${task.name}` : `${name} · ${task.name}`,
      fileName: name,
      generation: report.generation,
      task,
    } satisfies CompareRun,
    taskIndex: i,
  }));
  if (pick !== null) {
    const run = runs[pick];
    if (run === undefined)
      throw new UsageError(`${path}: has ${runs.length} task(s), no task #${pick}`);
    return { report, runs: [run] };
  }
  if (isBaseline && several) {
    io.stderr(
      `compare: ${path} has ${runs.length} tasks; the first is the baseline (use ${name}#N to choose)\n`,
    );
    return { report, runs: runs.slice(0, 1) };
  }
  return { report, runs };
}

/** The same file given twice still gives distinct run ids. */
function uniqueIds(runs: readonly CompareRun[]): CompareRun[] {
  const seen = new Map<string, number>();
  return runs.map((r) => {
    const n = (seen.get(r.id) ?? 0) + 1;
    seen.set(r.id, n);
    return n === 1 ? r : { ...r, id: `${r.id} (${n})`, label: `${r.label} (${n})` };
  });
}
