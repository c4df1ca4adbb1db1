// How the launcher profiles an .om (AOE-CLI.md §9.1): `msprof --output=<step>/prof [options…]
// python3 -m ais_bench --model m.om …`, the application appended at the end (8.0.RC3+ form), as
// argv elements. msprof writes `<output>/PROF_XXX/{host,device_<id>}/data` and, once exported,
// `PROF_XXX/mindstudio_profiler_output/` with op_summary_<ts>.csv, op_statistic_<ts>.csv,
// step_trace_<ts>.csv|json, task_time_<ts>.csv, msprof_<ts>.json (timeline), …: those tables are
// the step's outputs, for the profile pages and for choosing the operators of --tune_ops_file.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { buildAisBenchArgv, type AisBenchStep } from './ais-bench.ts';
import { exitWords, OS_NO_SPACE, optionArgs, type OptionSpec, type ToolAdapter } from './tool.ts';

const onOff = { kind: 'enum', values: ['on', 'off'] } as const;

export const MSPROF_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  'task-time': { kind: 'enum', values: ['on', 'off', 'l0', 'l1'] },
  'ai-core': onOff,
  'aic-metrics': {
    kind: 'enum',
    values: [
      'PipeUtilization',
      'ArithmeticUtilization',
      'Memory',
      'MemoryL0',
      'MemoryUB',
      'ResourceConflictRatio',
      'L2Cache',
    ],
  },
  aicpu: onOff,
  'runtime-api': onOff,
  ascendcl: onOff,
  'model-execution': onOff,
  l2: onOff,
  'sys-hardware-mem': onOff,
  type: { kind: 'enum', values: ['text', 'db'] },
};

export const MSPROF_FIELDS: Readonly<Record<string, string>> = {
  output: '(set by the launcher)',
  application: '(the measuring step)',
};

export interface MsprofStep {
  /** The ais_bench run profiled. */
  readonly measure: AisBenchStep;
  readonly options: readonly (readonly [string, string])[];
  /** The interpreter msprof starts the application with (looked up on the job's PATH). */
  readonly python?: string | undefined;
}

export function buildMsprofArgv(step: MsprofStep, output: string, benchOutput: string): string[] {
  return [
    `--output=${output}`,
    ...optionArgs(MSPROF_OPTIONS, step.options),
    step.python ?? 'python3',
    ...buildAisBenchArgv(step.measure, benchOutput),
  ];
}

/** Kinds of table in mindstudio_profiler_output, by file-name prefix. */
const TABLES: readonly (readonly [string, RegExp])[] = [
  ['opSummary', /^op_summary_.*\.csv$/],
  ['opStatistic', /^op_statistic_.*\.csv$/],
  ['stepTrace', /^step_trace_.*\.(?:csv|json)$/],
  ['taskTime', /^task_time_.*\.csv$/],
  ['apiStatistic', /^api_statistic_.*\.csv$/],
  ['fusionOp', /^fusion_op_.*\.csv$/],
  ['timeline', /^msprof_.*\.json$/],
];

/** The exported tables under `<output>/PROF_*\/mindstudio_profiler_output/`, by kind. */
export function findProfilerTables(output: string): Record<string, string[]> {
  const found: Record<string, string[]> = {};
  let profs: string[];
  try {
    profs = readdirSync(output).filter((n) => n.startsWith('PROF_'));
  } catch {
    return found;
  }
  for (const prof of profs.sort()) {
    const dir = join(output, prof, 'mindstudio_profiler_output');
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names.sort()) {
      const kind = TABLES.find(([, re]) => re.test(name))?.[0];
      if (kind) (found[kind] ??= []).push(join(dir, name));
    }
  }
  return found;
}

const FINISHED =
  /Profiling finished|Export all data in .* done|export (?:data )?(?:finished|success)/i;
const MSPROF_ERROR = /^\s*\[ERROR\]\s*(?:\[msprof\]|msprof)?(.*)$/i;

export const msprofTool: ToolAdapter<MsprofStep> = {
  name: 'msprof',
  program: 'msprof',
  label: 'msprof',
  notFoundHint: "source CANN's set_env.sh (--set-env)",
  options: MSPROF_OPTIONS,
  fieldOptions: MSPROF_FIELDS,
  help: null,
  manifestEnv: /^(ASCEND_|TUNE_BANK_PATH$)/,

  invocation(step, ctx) {
    const output = join(ctx.cwd, 'prof');
    const argv = buildMsprofArgv(step, output, join(ctx.cwd, 'result'));
    return { ok: true, argv, env: { ...ctx.env }, output };
  },

  parseLine(line) {
    if (FINISHED.test(line)) return { kind: 'success' };
    if (OS_NO_SPACE.test(line)) return { kind: 'failure', code: 'DISK_FULL', detail: null };
    if (/aclrtSetDevice failed|device[^\n]*(?:busy|occupied)/i.test(line)) {
      return { kind: 'failure', code: 'DEVICE_BUSY', detail: line.trim() };
    }
    const err = MSPROF_ERROR.exec(line);
    if (err) return { kind: 'failure', code: 'TOOL_FAILED', detail: (err[1] ?? '').trim() };
    return null;
  },

  verdict(facts) {
    const last = facts.tail;
    const f = facts.failures;
    const tables = findProfilerTables(join(facts.cwd, 'prof'));
    if (facts.exitCode === 0 && tables.opSummary !== undefined && !f.has('DISK_FULL')) {
      return { ok: true };
    }
    if (f.has('DEVICE_BUSY')) {
      const message = `the profiled application could not use the device; another process holds it:\n${last}`;
      return { ok: false, code: 'DEVICE_BUSY', message };
    }
    if (f.has('DISK_FULL')) {
      return { ok: false, code: 'DISK_FULL', message: `msprof ran out of disk space:\n${last}` };
    }
    const why =
      facts.exitCode !== 0 || facts.signal
        ? `msprof ended with ${exitWords(facts)}`
        : 'msprof exported no op_summary table';
    return { ok: false, code: 'TOOL_FAILED', message: `${why}\n${last}` };
  },

  async outputs(_step, cwd, output) {
    return {
      runFiles: [],
      model: null,
      files: findProfilerTables(output ?? join(cwd, 'prof')),
      figures: null,
    };
  },

  async manifest(step, outputs) {
    return {
      model: step.measure.model,
      loop: step.measure.loop,
      options: Object.fromEntries(step.options),
      tables: outputs.files,
    };
  },
};
