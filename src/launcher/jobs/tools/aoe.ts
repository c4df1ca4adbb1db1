// How the launcher talks to `aoe` (AOE-CLI.md §1): the options a user may pass, how their values
// are checked, and the argument array. Long options are always emitted as `--opt=value` (9.0
// rejects `=` after short forms), never through a shell: a value reaches `aoe` as one argv
// element, byte for byte. Options must be both documented (§1.2) and listed by this host's
// `aoe --help` (options unknown to an older CANN make it exit with code 2). The adapter at the end
// also owns AOE's environment (TUNE_BANK_PATH), its console lines (progress-parser.ts), its
// verdict (exit code 0 AND the success line AND a result file, §4.2–4.3), its outputs (§5) and
// its preflight items (§3).
import { mkdirSync, readFileSync, statfsSync, statSync, writeFileSync } from 'node:fs';
import { freemem, homedir } from 'node:os';
import { basename, dirname, extname, join } from 'node:path';
import { importBytes } from '../../../core/formats/index.ts';
import type { Env } from '../env.ts';
import { isUsableBank, isWritableDir } from '../paths.ts';
import { countTunedOperators, findResultFiles, findTunedOm, sha256File } from '../outputs.ts';
import { parseLine as parseAoeLine } from '../progress-parser.ts';
import {
  checkToolOption,
  exitWords,
  type OptionCheck,
  type OptionSpec,
  optionArgs,
  type PreflightItem,
  type RunFacts,
  type ToolAdapter,
  type Verdict,
} from './tool.ts';
import { reportOf } from '../../../core/formats/content.ts';

export { hasControlChar, MAX_OPTION_VALUE } from './tool.ts';
export type { OptionCheck, OptionSpec } from './tool.ts';

/** Any text; control characters are refused for every option before its own rule. */
const anyText = /^.+$/;
const list = /^[A-Za-z0-9_.,:;/-]+$/;
const nums = /^[0-9,;]+$/;
const bool = ['true', 'false'] as const;
const file = { kind: 'file' } as const;
const flag = { kind: 'flag' } as const;
const e = (...values: string[]): OptionSpec => ({ kind: 'enum', values });

/**
 * Documented options a job may set through `options`. The ones the launcher sets from the job's
 * own fields (job_type, model, weight, framework, input_shape, input_format, device,
 * tune_ops_file), the ones that place output (output, reload) and the remote/static-kernel ones
 * (ip, port, op_tune_*, soc_version) are not here: they are rejected in `options`.
 */
export const USER_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  dynamic_batch_size: { kind: 'text', pattern: nums },
  dynamic_image_size: { kind: 'text', pattern: nums },
  dynamic_dims: { kind: 'text', pattern: nums },
  progress_bar: e('on', 'off'),
  singleop: file,
  tune_optimization_level: e('O1', 'O2'),
  Fdeeper_opat: flag,
  Fnonhomo_split: flag,
  Fop_format: flag,
  aicore_num: { kind: 'int', min: 1, max: 128 },
  virtual_type: e('0', '1'),
  host_env_os: { kind: 'text', pattern: /^[A-Za-z0-9_]+$/ },
  host_env_cpu: { kind: 'text', pattern: /^[A-Za-z0-9_]+$/ },
  output_type: { kind: 'text', pattern: list },
  out_nodes: { kind: 'text', pattern: anyText },
  input_fp16_nodes: { kind: 'text', pattern: anyText },
  is_input_adjust_hw_layout: { kind: 'text', pattern: /^(true|false)(,(true|false))*$/ },
  is_output_adjust_hw_layout: { kind: 'text', pattern: /^(true|false)(,(true|false))*$/ },
  insert_op_conf: file,
  op_name_map: file,
  disable_reuse_memory: e('0', '1'),
  fusion_switch_file: file,
  enable_scope_fusion_passes: { kind: 'text', pattern: /^[A-Za-z0-9_,]+$/ },
  enable_single_stream: e(...bool),
  enable_small_channel: e('0', '1'),
  compress_weight_conf: file,
  compression_optimize_conf: file,
  sparsity: e('0', '1'),
  buffer_optimize: e('l2_optimize', 'l1_optimize', 'off_optimize'),
  precision_mode: e(
    'force_fp16',
    'allow_mix_precision',
    'allow_fp32_to_fp16',
    'must_keep_origin_dtype',
    'force_fp32',
    'cube_fp16in_fp32out',
    'force_lowerprecision',
    'allow_mix_precision_fp16',
    'allow_mix_precision_bf16',
  ),
  op_select_implmode: e(
    'high_performance',
    'high_precision',
    'high_performance_for_all',
    'high_precision_for_all',
  ),
  optypelist_for_implmode: { kind: 'text', pattern: /^[A-Za-z0-9_,]+$/ },
  op_precision_mode: file,
  keep_dtype: file,
  modify_mixlist: file,
  customize_dtypes: file,
  op_debug_level: e('0', '1', '2', '3', '4'),
  log: e('debug', 'info', 'warning', 'error', 'null'),
  // Passed through to GE unvalidated by AOE (8.0.RC3+): any printable text, verbatim.
  build_bypass: { kind: 'text', pattern: anyText },
};

/** Options that exist but are set from the job's own fields. */
export const FIELD_OPTIONS: Readonly<Record<string, string>> = {
  job_type: 'jobTypes',
  model: 'model',
  model_path: 'model',
  weight: 'weight',
  framework: 'framework',
  input_shape: 'inputShape',
  input_format: 'inputFormat',
  device: 'device',
  tune_ops_file: 'tuneOpsFile',
};

/** Checks one `options` entry against the documented set, the `--help` probe and its value rule. */
export function checkOption(
  name: string,
  value: string,
  helpOptions: ReadonlySet<string> | null,
): OptionCheck {
  return checkToolOption(
    { options: USER_OPTIONS, fieldOptions: FIELD_OPTIONS },
    name,
    value,
    helpOptions,
  );
}

/** The option names listed by `aoe --help` (`--name` tokens; short forms are ignored). */
export function parseHelpOptions(helpText: string): string[] {
  const found = new Set<string>();
  for (const m of helpText.matchAll(/(?:^|[\s,[(])--([A-Za-z][A-Za-z0-9_]*)/g)) {
    if (m[1] !== undefined && m[1] !== 'help') found.add(m[1]);
  }
  return [...found].sort();
}

/** `--framework` from the model's suffix (AOE-CLI.md §1.2), or null when it cannot be told. */
export function frameworkFromSuffix(model: string): 0 | 1 | 3 | 5 | null {
  const lower = model.toLowerCase();
  if (lower.endsWith('.onnx')) return 5;
  if (lower.endsWith('.pb')) return 3;
  if (lower.endsWith('.air')) return 1;
  if (lower.endsWith('.prototxt')) return 0;
  return null;
}

export interface AoeInvocation {
  readonly jobType: 1 | 2;
  /** Absolute, already checked to be inside the models root. */
  readonly model: string;
  readonly modelIsDir: boolean;
  readonly framework: 0 | 1 | 3 | 5 | null;
  readonly weight?: string | undefined;
  readonly device: number;
  readonly inputShape?: string | undefined;
  readonly inputFormat?: string | undefined;
  readonly tuneOpsFile?: string | undefined;
  /** Where the tuned model goes, without `.om` (AOE adds it). */
  readonly output?: string | undefined;
  /** Checked user options, in request order; file options already resolved to absolute paths. */
  readonly options: readonly (readonly [string, string])[];
  /** Whether `--progress_bar` may be sent (documented; absent from some `--help` outputs). */
  readonly progressBarKnown: boolean;
}

/** The argument array for one AOE invocation (without the program itself). */
export function buildArgv(inv: AoeInvocation): string[] {
  const argv = [`--job_type=${inv.jobType}`];
  argv.push(inv.modelIsDir ? `--model_path=${inv.model}` : `--model=${inv.model}`);
  if (inv.framework !== null) argv.push(`--framework=${inv.framework}`);
  if (inv.weight) argv.push(`--weight=${inv.weight}`);
  if (inv.inputShape) argv.push(`--input_shape=${inv.inputShape}`);
  if (inv.inputFormat) argv.push(`--input_format=${inv.inputFormat}`);
  argv.push(`--device=${inv.device}`);
  if (inv.tuneOpsFile && inv.jobType === 2) argv.push(`--tune_ops_file=${inv.tuneOpsFile}`);
  if (inv.output) argv.push(`--output=${inv.output}`);
  const userSetBar = inv.options.some(([name]) => name === 'progress_bar');
  // The progress bar is a terminal widget; through a pipe it is noise (AOE-CLI.md §0.5).
  if (!userSetBar && inv.progressBarKnown) argv.push('--progress_bar=off');
  argv.push(...optionArgs(USER_OPTIONS, inv.options));
  return argv;
}

/** One AOE invocation of a job: one job type on one model, as the plan resolved it. */
export interface AoeStep {
  readonly jobType: 1 | 2;
  /** Absolute, inside the models root. */
  readonly model: string;
  readonly modelIsDir: boolean;
  readonly framework: 0 | 1 | 3 | 5 | null;
  readonly weight: string | null;
  readonly device: number;
  readonly inputShape?: string | undefined;
  readonly inputFormat?: string | undefined;
  /** Written into the step's directory as the `--tune_ops_file` of operator tuning. */
  readonly tuneOps?: unknown;
  readonly options: readonly (readonly [string, string])[];
  /** The job's own variables (TUNE_BANK_PATH, REPEAT_TUNE, TE_PARALLEL_COMPILER). */
  readonly env?: Readonly<Record<string, string>> | undefined;
  /** TUNE_BANK_PATH as the plan confined it to the models root (null when it could not be). */
  readonly bank?: string | null | undefined;
}

/** `<cwd>/output/<model>`: AOE adds `.om`; its name allows [A-Za-z0-9_.-] (and CJK) only. */
export function outputPath(cwd: string, model: string): string {
  const stem = basename(model, extname(model)).replace(/[^A-Za-z0-9_.\-\u4e00-\u9fff]/g, '_');
  return join(cwd, 'output', stem || 'model');
}

/** Operators tuned so far, by distinct name; the core parser when it knows the file, else a count. */
async function tunedSoFar(file: string): Promise<number | null> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return null;
  }
  const imported = await importBytes(basename(file), bytes);
  const report = reportOf(imported);
  if (report) {
    const names = new Set<string>();
    for (const task of report.tasks) for (const op of task.operators) names.add(op.name);
    return names.size;
  }
  return countTunedOperators(bytes.toString('utf8'));
}

function aoeVerdict(facts: RunFacts): Verdict {
  const last = facts.tail;
  if (facts.exitCode === 0 && facts.success && findResultFiles(facts.cwd).length > 0) {
    return { ok: true };
  }
  const f = facts.failures;
  if (f.has('BAD_OPTION')) {
    const option = f.get('BAD_OPTION') ?? 'an option';
    return { ok: false, code: 'BAD_OPTION', message: `aoe rejected ${option}:\n${last}` };
  }
  if (f.has('BANK_PATH_INVALID')) return { ok: false, code: 'BANK_PATH_INVALID', message: last };
  if (f.has('DISK_FULL')) {
    const message = `aoe ran out of disk space (AOE needs 20 GB free in $HOME; aoe_workspace takes 2–10 GB a run):\n${last}`;
    return { ok: false, code: 'DISK_FULL', message };
  }
  const why =
    facts.exitCode !== 0
      ? `aoe ended with ${exitWords(facts)}`
      : !facts.success
        ? 'aoe ended without its success line'
        : 'aoe wrote no result file';
  return { ok: false, code: 'TUNER_FAILED', message: `${why}\n${last}` };
}

export const aoeTool: ToolAdapter<AoeStep> = {
  name: 'aoe',
  program: 'aoe',
  label: 'aoe',
  notFoundHint: 'give --aoe-bin or --set-env to the launcher',
  options: USER_OPTIONS,
  fieldOptions: FIELD_OPTIONS,
  help: { argv: ['--help'], parse: parseHelpOptions },
  manifestEnv: /^(ASCEND_|TUNE_BANK_PATH$|REPEAT_TUNE$|TE_PARALLEL_COMPILER$|AOE_MODE$)/,

  invocation(step, ctx) {
    const env: Record<string, string> = { ...ctx.env, ...(step.env ?? {}) };
    if (step.env?.TUNE_BANK_PATH !== undefined) {
      // The directory the plan confined to the models root, checked again now that AOE starts.
      const bank = step.bank ?? null;
      if (bank !== null && isUsableBank(bank)) env.TUNE_BANK_PATH = bank;
      else {
        const given = step.env.TUNE_BANK_PATH;
        const message = `TUNE_BANK_PATH ${given} must be a directory inside the models root, readable and writable (AOE exits otherwise)`;
        return { ok: false, code: 'BANK_PATH_INVALID', message };
      }
    }
    let tuneOpsFile: string | undefined;
    if (step.tuneOps !== undefined && step.jobType === 2) {
      tuneOpsFile = join(ctx.cwd, 'tune_ops_file.json');
      writeFileSync(tuneOpsFile, JSON.stringify(step.tuneOps));
    }
    // The tuned model goes to a known place (AOE-CLI.md §12: take it from --output), unless this
    // host's aoe does not list the option; the workspace copy is the fallback.
    const help = ctx.help;
    const output = help === null || help.has('output') ? outputPath(ctx.cwd, step.model) : null;
    if (output) mkdirSync(dirname(output), { recursive: true });
    const argv = buildArgv({
      jobType: step.jobType,
      model: step.model,
      modelIsDir: step.modelIsDir,
      framework: step.framework,
      weight: step.weight ?? undefined,
      device: step.device,
      inputShape: step.inputShape,
      inputFormat: step.inputFormat,
      tuneOpsFile,
      output: output ?? undefined,
      options: step.options,
      progressBarKnown: help === null || help.has('progress_bar'),
    });
    return { ok: true, argv, env, output };
  },

  parseLine(line) {
    const ev = parseAoeLine(line);
    if (!ev) return null;
    switch (ev.kind) {
      case 'success':
        return { kind: 'success', data: { improvementPct: ev.improvementPct } };
      case 'bad-option':
        return { kind: 'failure', code: 'BAD_OPTION', detail: ev.option };
      case 'bank-invalid':
        return { kind: 'failure', code: 'BANK_PATH_INVALID', detail: null };
      case 'no-space':
        return { kind: 'failure', code: 'DISK_FULL', detail: null };
      case 'percent':
        return { kind: 'progress', data: { percent: ev.pct } };
      case 'phase':
        return { kind: 'phase', phase: ev.phase };
    }
  },

  verdict: aoeVerdict,
  preflight: aoePreflight,

  // Progress from the result file AOE rewrites in real time; a half-written read counts nothing.
  poller(cwd) {
    let lastCount = -1;
    let lastStamp = '';
    return async () => {
      let latest: Record<string, unknown> | null = null;
      for (const file of findResultFiles(cwd)) {
        let stamp: string;
        try {
          const st = statSync(file);
          stamp = `${file}:${st.size}:${st.mtimeMs}`;
        } catch {
          continue;
        }
        if (stamp === lastStamp) continue;
        lastStamp = stamp;
        const count = await tunedSoFar(file);
        if (count !== null && count !== lastCount) {
          lastCount = count;
          latest = { operatorsTuned: count, file: basename(file) };
        }
      }
      return latest;
    };
  },

  async outputs(_step, cwd, output) {
    return {
      runFiles: findResultFiles(cwd),
      model: findTunedOm(cwd, output),
      files: {},
      figures: null,
    };
  },

  async manifest(step, outputs) {
    const om = outputs.model;
    return {
      jobType: step.jobType,
      model: step.model,
      modelSha256: step.modelIsDir ? null : await sha256File(step.model).catch(() => null),
      tunedOm: om,
      tunedOmSha256: om ? await sha256File(om).catch(() => null) : null,
    };
  },
};

export const MIN_DISK_BYTES = 20 * 2 ** 30;
export const MIN_RAM_BYTES = 32 * 2 ** 30;
const GB = (n: number) => Math.round((n / 2 ** 30) * 10) / 10;

function diskItem(path: string): PreflightItem {
  try {
    const fs = statfsSync(path);
    const free = fs.bavail * fs.bsize;
    const ok = free >= MIN_DISK_BYTES;
    return {
      id: 'disk',
      status: ok ? 'ok' : 'warning',
      message: `${GB(free)} GB free in ${path}${ok ? '' : '; AOE needs at least 20 GB per process'}.`,
      values: { freeGb: GB(free), minGb: 20, path },
    };
  } catch {
    return {
      id: 'disk',
      status: 'error',
      message: `Free space in ${path} cannot be read.`,
      values: { path },
    };
  }
}

/**
 * What AOE needs of the host besides itself (AOE-CLI.md §3): 20 GB free on each disk it writes
 * ($HOME, and the job dirs under the data dir), 32 GB RAM per process, and a TUNE_BANK_PATH that
 * exists and is writable.
 */
function aoePreflight(ctx: { readonly env: Env; readonly dataDir?: string | undefined }) {
  const items: PreflightItem[] = [];
  const home = ctx.env.HOME ?? homedir();
  const seen = new Set<number>();
  for (const path of ctx.dataDir === undefined ? [home] : [home, ctx.dataDir]) {
    let dev: number | null = null;
    try {
      dev = statSync(path).dev;
    } catch {
      // reported below
    }
    if (dev !== null && seen.has(dev)) continue;
    if (dev !== null) seen.add(dev);
    items.push(diskItem(path));
  }
  const ram = freemem();
  const ramOk = ram >= MIN_RAM_BYTES;
  items.push({
    id: 'ram',
    status: ramOk ? 'ok' : 'warning',
    message: `${GB(ram)} GB RAM free${ramOk ? '' : '; AOE needs at least 32 GB per process'}.`,
    values: { freeGb: GB(ram), minGb: 32 },
  });
  const bank = ctx.env.TUNE_BANK_PATH;
  if (bank === undefined) {
    items.push({
      id: 'bank',
      status: 'ok',
      message: 'TUNE_BANK_PATH is not set: AOE writes its default custom knowledge base.',
    });
  } else {
    const writable = isWritableDir(bank);
    items.push({
      id: 'bank',
      status: writable ? 'ok' : 'error',
      message: writable
        ? `TUNE_BANK_PATH ${bank} exists and is writable.`
        : `TUNE_BANK_PATH ${bank} must exist and be readable and writable, or AOE exits at start.`,
      values: { path: bank },
    });
  }
  return items;
}

/** The steps of a plain AOE job: its job types in order, each in its own directory. */
export function aoeSteps(base: Omit<AoeStep, 'jobType'>, jobTypes: readonly (1 | 2)[]) {
  return jobTypes.map((jobType) => ({
    tool: 'aoe' as const,
    dir: jobType === 1 ? 'subgraph' : 'operator',
    tag: { jobType },
    manifestKey: jobType,
    params: { ...base, jobType } satisfies AoeStep,
  }));
}
