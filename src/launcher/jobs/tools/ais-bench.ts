// How the launcher measures an .om with ais_bench (AOE-CLI.md §9.2):
// `python3 -m ais_bench --model m.om --loop N --warmup_count N --batchsize B --device D
//  --output <step>/result --output_dirname measure [options…]`, every value its own argv element.
// It prints a "Performance Summary" block and writes `<output>/<output_dirname>_summary.json`,
// read with the same src/core/measure reader the dashboard uses for a dropped summary file: that
// file, and the figures it gives (NPU_compute_time mean/median/p99, throughput), are the step's
// outputs. A device another process holds, a model that does not load and a full disk end the step
// with DEVICE_BUSY, TOOL_FAILED and DISK_FULL.
import { readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { readAisBenchSummary } from '../../../core/measure/ais-bench-summary.ts';
import { sha256File } from '../outputs.ts';
import { exitWords, OS_NO_SPACE, type OptionSpec, type ToolAdapter } from './tool.ts';

/** The sub-directory name ais_bench gives its summary: `<output>/measure_summary.json`. */
export const OUTPUT_DIRNAME = 'measure';

export const AIS_BENCH_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  pure_data_type: { kind: 'enum', values: ['zero', 'random'] },
  outfmt: { kind: 'enum', values: ['BIN', 'NPY', 'TXT'] },
  display_all_summary: { kind: 'enum', values: ['0', '1', 'true', 'false'] },
  /** Input data: files or a directory under the models root. */
  input: { kind: 'file' },
  dymBatch: { kind: 'int', min: 1, max: 65536 },
  dymHW: { kind: 'text', pattern: /^\d+,\d+$/ },
  dymDims: { kind: 'text', pattern: /^[A-Za-z0-9_.:;,]+$/ },
  dymShape: { kind: 'text', pattern: /^[A-Za-z0-9_.:;,]+$/ },
  outputSize: { kind: 'text', pattern: /^\d+(,\d+)*$/ },
};

export const AIS_BENCH_FIELDS: Readonly<Record<string, string>> = {
  model: 'model',
  loop: 'loop',
  warmup_count: 'warmupCount',
  batchsize: 'batchSize',
  device: 'device',
  output: '(set by the launcher)',
  output_dirname: '(set by the launcher)',
  profiler: '(use a profile step: msprof)',
};

export interface AisBenchStep {
  /** The .om to measure: absolute, inside the models root or a previous step's output. */
  readonly model: string;
  readonly loop: number;
  readonly warmupCount: number;
  readonly batchSize?: number | undefined;
  readonly device: number;
  readonly options: readonly (readonly [string, string])[];
}

/** The arguments after the program (`python3`): `-m ais_bench` and the options. */
export function buildAisBenchArgv(step: AisBenchStep, output: string): string[] {
  const argv = ['-m', 'ais_bench', '--model', step.model];
  argv.push('--loop', String(step.loop), '--warmup_count', String(step.warmupCount));
  if (step.batchSize !== undefined) argv.push('--batchsize', String(step.batchSize));
  argv.push('--device', String(step.device));
  argv.push('--output', output, '--output_dirname', OUTPUT_DIRNAME);
  for (const [name, value] of step.options) argv.push(`--${name}`, value);
  return argv;
}

/** The summary JSON ais_bench wrote under `output` (dirname form first, else timestamped). */
export function findSummary(output: string): string | null {
  let names: string[];
  try {
    names = readdirSync(output);
  } catch {
    return null;
  }
  const own = `${OUTPUT_DIRNAME}_summary.json`;
  if (names.includes(own)) return join(output, own);
  const any = names.filter((n) => n.endsWith('_summary.json') || n === 'sumary.json').sort();
  return any.length > 0 ? join(output, any[any.length - 1] ?? '') : null;
}

/** The figures of a summary file, through the dashboard's own reader. */
export function summaryFigures(file: string): Record<string, unknown> | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  const read = readAisBenchSummary(text, basename(file));
  const m = read.measurements[0];
  if (!read.ok || !m) return null;
  return {
    latencyMs: m.latencyMs,
    throughputPerS: m.throughputPerS,
    batchSize: m.batchSize,
    iterations: m.latencyMs.count,
  };
}

const SUMMARY = /-{3,}\s*Performance Summary\s*-{3,}/;
const BUSY =
  /aclrtSetDevice failed|set ?device[^\n]*failed|device[^\n]*(?:is )?(?:busy|occupied|in use)|\b507033\b/i;
const NO_MODULE = /No module named '?ais_bench'?|No module named '?aclruntime'?/;
const LOAD_FAILED =
  /load model[^\n]*failed|aclmdlLoadFromFile[^\n]*failed|model file[^\n]*not exist/i;
const PERCENT = /(\d{1,3})%\|/;

export const aisBenchTool: ToolAdapter<AisBenchStep> = {
  name: 'ais_bench',
  program: 'python3',
  label: 'ais_bench',
  notFoundHint: 'install python3 and the ais_bench and aclruntime wheels',
  options: AIS_BENCH_OPTIONS,
  fieldOptions: AIS_BENCH_FIELDS,
  // `python3 -m ais_bench --help` lists argparse options with their `--name`.
  help: null,
  manifestEnv: /^(ASCEND_|TUNE_BANK_PATH$)/,

  invocation(step, ctx) {
    const output = join(ctx.cwd, 'result');
    return { ok: true, argv: buildAisBenchArgv(step, output), env: { ...ctx.env }, output };
  },

  parseLine(line) {
    if (SUMMARY.test(line)) return { kind: 'success' };
    if (NO_MODULE.test(line))
      return { kind: 'failure', code: 'TUNER_NOT_FOUND', detail: line.trim() };
    if (BUSY.test(line)) return { kind: 'failure', code: 'DEVICE_BUSY', detail: line.trim() };
    if (OS_NO_SPACE.test(line)) return { kind: 'failure', code: 'DISK_FULL', detail: null };
    if (LOAD_FAILED.test(line))
      return { kind: 'failure', code: 'TOOL_FAILED', detail: line.trim() };
    const pct = PERCENT.exec(line);
    if (pct?.[1] !== undefined && Number(pct[1]) <= 100) {
      return { kind: 'progress', data: { percent: Number(pct[1]) } };
    }
    return null;
  },

  verdict(facts) {
    const last = facts.tail;
    const f = facts.failures;
    const summary = findSummary(join(facts.cwd, 'result'));
    if (facts.exitCode === 0 && summary !== null && f.size === 0) return { ok: true };
    if (f.has('DEVICE_BUSY')) {
      const message = `ais_bench could not use the device; another process holds it:\n${last}`;
      return { ok: false, code: 'DEVICE_BUSY', message };
    }
    if (f.has('TUNER_NOT_FOUND')) {
      const message = `ais_bench is not installed for this python3 (pip3 install the aclruntime and ais_bench wheels):\n${last}`;
      return { ok: false, code: 'TUNER_NOT_FOUND', message };
    }
    if (f.has('DISK_FULL')) {
      return { ok: false, code: 'DISK_FULL', message: `ais_bench ran out of disk space:\n${last}` };
    }
    const why =
      facts.exitCode !== 0 || facts.signal
        ? `ais_bench ended with ${exitWords(facts)}`
        : f.has('TOOL_FAILED')
          ? `ais_bench reported: ${f.get('TOOL_FAILED') ?? 'an error'}`
          : 'ais_bench wrote no summary file';
    return { ok: false, code: 'TOOL_FAILED', message: `${why}\n${last}` };
  },

  async outputs(_step, cwd, output) {
    const summary = findSummary(output ?? join(cwd, 'result'));
    return {
      runFiles: [],
      model: null,
      files: summary ? { summary } : ({} as Record<string, string>),
      figures: summary ? summaryFigures(summary) : null,
    };
  },

  async manifest(step, outputs) {
    return {
      model: step.model,
      modelSha256: await sha256File(step.model).catch(() => null),
      loop: step.loop,
      warmupCount: step.warmupCount,
      batchSize: step.batchSize ?? null,
      summary: outputs.files.summary ?? null,
      figures: outputs.figures,
    };
  },
};
