// How the launcher measures a .mindir with MindSpore Lite's `benchmark` tool (AOE-CLI.md §9;
// MindSpore Lite's benchmark docs):
//
// `benchmark --modelFile=m.mindir --device=Ascend --loopCount=N --warmUpLoopCount=N
//            [--inputShapes=1,3,224,224:1,10] [--timeProfiling=true] --configFile=<step>/benchmark.cfg`
//
// The config file names the device (`[ascend_context] device_id=N`). benchmark echoes its flags
// (`ModelPath = …`, `LoopCount = …`), prints the per-operator tables with --timeProfiling and the
// summary `Model = m.mindir, NumThreads = 2, MinRunTime = … ms, MaxRuntime = … ms, AvgRunTime = … ms`,
// then `Run Benchmark m.mindir Success.`; a failure is `Run Benchmark m.mindir Failed : <status>`
// and a non-zero exit. Its stdout is kept in the step's directory and read with the dashboard's
// own reader (src/core/measure/mindspore-lite.ts); the figures it gives are the step's outputs.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { readMindSporeLite } from '../../../core/measure/mindspore-lite.ts';
import { sha256File } from '../outputs.ts';
import {
  exitWords,
  OS_NO_SPACE,
  parseLongOptions,
  type OptionSpec,
  type ToolAdapter,
} from './tool.ts';

export const BENCHMARK_LOG = 'benchmark.log';
export const BENCHMARK_CONFIG = 'benchmark.cfg';

export const BENCHMARK_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  numThreads: { kind: 'int', min: 1, max: 256 },
  timeProfiling: { kind: 'enum', values: ['true', 'false'] },
  enableFp16: { kind: 'enum', values: ['true', 'false'] },
  /** Input data: a file under the models root. */
  inDataFile: { kind: 'file' },
};

export const BENCHMARK_FIELDS: Readonly<Record<string, string>> = {
  modelFile: 'model',
  device: '(Ascend, set by the launcher)',
  loopCount: 'loop',
  warmUpLoopCount: 'warmupCount',
  inputShapes: 'inputShape',
  configFile: 'device (the launcher writes the file)',
};

export interface BenchmarkStep {
  /** The .mindir to measure: inside the models root or a previous step's output. */
  readonly model: string;
  readonly loop: number;
  readonly warmupCount: number;
  readonly device: number;
  /** `1,3,224,224:1,10` (benchmark's own form: shapes in input order, no names). */
  readonly inputShapes?: string | undefined;
  readonly options: readonly (readonly [string, string])[];
}

/** `x:1,3,224,224;y:1,10` (the converter's and atc's form) → `1,3,224,224:1,10` (benchmark's). */
export function benchmarkShapes(inputShape: string | undefined): string | undefined {
  if (!inputShape) return undefined;
  const shapes = inputShape.split(';').map((part) => part.slice(part.lastIndexOf(':') + 1));
  return shapes.every((s) => /^-?\d+(,-?\d+)*$/.test(s)) ? shapes.join(':') : undefined;
}

export function buildBenchmarkArgv(step: BenchmarkStep, config: string): string[] {
  const argv = [
    `--modelFile=${step.model}`,
    '--device=Ascend',
    `--loopCount=${step.loop}`,
    `--warmUpLoopCount=${step.warmupCount}`,
  ];
  if (step.inputShapes) argv.push(`--inputShapes=${step.inputShapes}`);
  argv.push(`--configFile=${config}`);
  for (const [name, value] of step.options) argv.push(`--${name}=${value}`);
  return argv;
}

/** The figures of benchmark's stdout, through the dashboard's own reader. */
export function benchmarkFigures(text: string, name: string): Record<string, unknown> | null {
  const read = readMindSporeLite(text, name);
  const m = read.measurements[read.measurements.length - 1];
  if (!m) return null;
  return {
    latencyMs: m.latencyMs,
    throughputPerS: m.throughputPerS,
    batchSize: m.batchSize,
    iterations: m.latencyMs.count,
    ...(m.operatorTypes ? { operatorTypes: m.operatorTypes.length } : {}),
  };
}

const SUCCESS = /^Run Benchmark .* Success\.?\s*$/;
const SUMMARY = /MinRunTime = [\d.]+ ms, MaxRuntime = [\d.]+ ms, AvgRunTime = [\d.]+ ms/;
const FAILED = /Run Benchmark .* Failed\s*:\s*(-?\d+)/;
const BUSY =
  /aclrtSetDevice failed|set ?device[^\n]*failed|device[^\n]*(?:is )?(?:busy|occupied|in use)|\b507033\b/i;
const SHAPE = /(?:input ?shapes?|Resize)[^\n]*(?:failed|invalid|not match|mismatch)/i;
const LOAD_FAILED =
  /(?:Build|load) model[^\n]*failed|ReadFile[^\n]*failed|model file[^\n]*not exist/i;

export const msliteBenchmarkTool: ToolAdapter<BenchmarkStep> = {
  name: 'mslite_benchmark',
  program: 'benchmark',
  label: 'benchmark',
  notFoundHint:
    'install the MindSpore Lite cloud-inference package and put its tools/benchmark/benchmark on the PATH',
  options: BENCHMARK_OPTIONS,
  fieldOptions: BENCHMARK_FIELDS,
  help: { argv: ['--help'], parse: parseLongOptions },
  manifestEnv: /^(ASCEND_|LD_LIBRARY_PATH$)/,
  stdoutFile: BENCHMARK_LOG,

  invocation(step, ctx) {
    const unlisted = step.options.find(([name]) => ctx.help !== null && !ctx.help.has(name));
    if (unlisted) {
      const message = `--${unlisted[0]} is not listed by this host's \`benchmark --help\``;
      return { ok: false, code: 'BAD_OPTION', message };
    }
    if (!Number.isInteger(step.device) || step.device < 0 || step.device > 63) {
      return { ok: false, code: 'BAD_OPTION', message: 'the device must be 0 … 63' };
    }
    const config = join(ctx.cwd, BENCHMARK_CONFIG);
    writeFileSync(config, `[ascend_context]\ndevice_id=${step.device}\n`, { flag: 'wx' });
    return {
      ok: true,
      argv: buildBenchmarkArgv(step, config),
      env: { ...ctx.env },
      output: join(ctx.cwd, BENCHMARK_LOG),
    };
  },

  parseLine(line) {
    if (SUCCESS.test(line)) return { kind: 'success' };
    if (SUMMARY.test(line)) return { kind: 'phase', phase: 'summary' };
    if (BUSY.test(line)) return { kind: 'failure', code: 'DEVICE_BUSY', detail: line.trim() };
    if (OS_NO_SPACE.test(line)) return { kind: 'failure', code: 'DISK_FULL', detail: null };
    if (SHAPE.test(line)) return { kind: 'failure', code: 'BAD_SHAPE', detail: line.trim() };
    if (LOAD_FAILED.test(line))
      return { kind: 'failure', code: 'TOOL_FAILED', detail: line.trim() };
    const failed = FAILED.exec(line);
    if (failed) return { kind: 'failure', code: 'TOOL_FAILED', detail: `status ${failed[1]}` };
    return null;
  },

  verdict(facts) {
    const last = facts.tail;
    const f = facts.failures;
    const log = join(facts.cwd, BENCHMARK_LOG);
    const figures = existsSync(log)
      ? benchmarkFigures(readFileSync(log, 'utf8'), BENCHMARK_LOG)
      : null;
    if (facts.exitCode === 0 && facts.success && figures !== null && f.size === 0)
      return { ok: true };
    if (f.has('DEVICE_BUSY')) {
      const message = `benchmark could not use the device; another process holds it:\n${last}`;
      return { ok: false, code: 'DEVICE_BUSY', message };
    }
    if (f.has('BAD_SHAPE')) {
      const message = `benchmark refused the input shapes: ${f.get('BAD_SHAPE') ?? ''}\n${last}`;
      return { ok: false, code: 'BAD_SHAPE', message };
    }
    if (f.has('DISK_FULL')) {
      return { ok: false, code: 'DISK_FULL', message: `benchmark ran out of disk space:\n${last}` };
    }
    const why =
      facts.exitCode !== 0 || facts.signal
        ? `benchmark ended with ${exitWords(facts)}`
        : f.has('TOOL_FAILED')
          ? `benchmark reported: ${f.get('TOOL_FAILED') ?? 'an error'}`
          : 'benchmark printed no run-time summary';
    return { ok: false, code: 'TOOL_FAILED', message: `${why}\n${last}` };
  },

  async outputs(_step, cwd) {
    const log = join(cwd, BENCHMARK_LOG);
    let text = '';
    try {
      text = readFileSync(log, 'utf8');
    } catch {
      // verdict saw it; nothing more to say
    }
    return {
      runFiles: [],
      model: null,
      files: { log },
      figures: benchmarkFigures(text, basename(log)),
    };
  },

  async manifest(step, outputs) {
    return {
      model: step.model,
      modelSha256: await sha256File(step.model).catch(() => null),
      loop: step.loop,
      warmupCount: step.warmupCount,
      device: step.device,
      log: outputs.files.log ?? null,
      figures: outputs.figures,
    };
  },
};
