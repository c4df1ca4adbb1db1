// How the launcher talks to `atc`, the model converter that turns a framework model into the .om
// a device runs: the baseline of the optimisation loop, and again after tuning, when
// TUNE_BANK_PATH points it at the knowledge base AOE wrote (AOE-CLI.md §2, §5.4: the same
// variable must be set at ATC time for the tuned bank to be used; it outranks --op_bank_path).
//
// `atc --framework=5 --model=m.onnx --output=<dir>/m --soc_version=Ascend310P3
//      [--weight=w.caffemodel] [--input_shape="x:1,3,224,224"] [--input_format=NCHW]
//      [--dynamic_batch_size="1,2,4"] [--output_type=FP16] [options…]`
// Unlike aoe, atc needs --soc_version: `Ascend<Chip Name>` from `npu-smi info` when the job does
// not give it. It writes `<output>.om` (or `<output>_<os>_<arch>.om` for dynamic shapes), prints
// `ATC run success, welcome to the next use.` and exits 0; on failure it prints error codes
// (`E10001: Value [...] for parameter [--input_shape] is invalid`) and
// `ATC run failed, Please check the detail log, Try 'atc --help' for more information`.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { isUsableBank } from '../paths.ts';
import { findOutputOm, sha256File } from '../outputs.ts';
import { outputPath } from './aoe.ts';
import {
  exitWords,
  OS_NO_SPACE,
  optionArgs,
  parseLongOptions,
  type OptionSpec,
  type ToolAdapter,
} from './tool.ts';

const file = { kind: 'file' } as const;
const e = (...values: string[]): OptionSpec => ({ kind: 'enum', values });
const names = { kind: 'text', pattern: /^[A-Za-z0-9_.,:;/-]+$/ } as const;
const nums = { kind: 'text', pattern: /^[0-9,;-]+$/ } as const;

/** Documented atc options a step may set through `options` (the ones it has fields for are not). */
export const ATC_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  dynamic_image_size: nums,
  dynamic_dims: nums,
  out_nodes: names,
  input_fp16_nodes: names,
  is_input_adjust_hw_layout: { kind: 'text', pattern: /^(true|false)(,(true|false))*$/ },
  is_output_adjust_hw_layout: { kind: 'text', pattern: /^(true|false)(,(true|false))*$/ },
  insert_op_conf: file,
  op_name_map: file,
  fusion_switch_file: file,
  enable_small_channel: e('0', '1'),
  enable_single_stream: e('true', 'false'),
  disable_reuse_memory: e('0', '1'),
  buffer_optimize: e('l2_optimize', 'l1_optimize', 'off_optimize'),
  compression_optimize_conf: file,
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
  precision_mode_v2: e(
    'fp16',
    'origin',
    'cube_fp16in_fp32out',
    'mixed_float16',
    'mixed_bfloat16',
    'mixed_hif8',
    'cube_hif8',
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
  host_env_os: { kind: 'text', pattern: /^[A-Za-z0-9_]+$/ },
  host_env_cpu: { kind: 'text', pattern: /^[A-Za-z0-9_]+$/ },
  virtual_type: e('0', '1'),
  log: e('debug', 'info', 'warning', 'error', 'null'),
};

/** Options set from the step's fields; `mode`, `op_bank_path` and `auto_tune_mode` are not offered. */
export const ATC_FIELDS: Readonly<Record<string, string>> = {
  framework: 'framework',
  model: 'model',
  weight: 'weight',
  output: '(set by the launcher)',
  soc_version: 'soc',
  input_shape: 'inputShape',
  input_format: 'inputFormat',
  dynamic_batch_size: 'dynamicBatchSize',
  output_type: 'outputType',
};

export interface AtcStep {
  /** Absolute, inside the models root. */
  readonly model: string;
  readonly framework: 0 | 1 | 3 | 5;
  readonly weight: string | null;
  /** `Ascend<Chip Name>`; null when neither the job nor npu-smi gave it. */
  readonly soc: string | null;
  readonly inputShape?: string | undefined;
  readonly inputFormat?: string | undefined;
  readonly dynamicBatchSize?: string | undefined;
  readonly outputType?: 'FP32' | 'FP16' | 'UINT8' | 'INT8' | undefined;
  readonly options: readonly (readonly [string, string])[];
  /** TUNE_BANK_PATH (confined to the models root): build with the tuned knowledge base. */
  readonly bank?: string | null | undefined;
}

export function buildAtcArgv(step: AtcStep, output: string): string[] {
  const argv = [`--framework=${step.framework}`, `--model=${step.model}`];
  if (step.weight) argv.push(`--weight=${step.weight}`);
  argv.push(`--output=${output}`, `--soc_version=${step.soc ?? ''}`);
  if (step.inputShape) argv.push(`--input_shape=${step.inputShape}`);
  if (step.inputFormat) argv.push(`--input_format=${step.inputFormat}`);
  if (step.dynamicBatchSize) argv.push(`--dynamic_batch_size=${step.dynamicBatchSize}`);
  if (step.outputType) argv.push(`--output_type=${step.outputType}`);
  argv.push(...optionArgs(ATC_OPTIONS, step.options));
  return argv;
}

const SUCCESS = /ATC run success/;
const FAILED = /ATC run failed/;
/** An error code whose message names the input shape or the dynamic-shape options. */
const SHAPE =
  /\bE1\d{4}\b.*(?:input_shape|dynamic_batch_size|dynamic_image_size|dynamic_dims|shape)|(?:input_shape|shape)\b.*\b(?:invalid|mismatch|not match)/i;
const BAD_OPTION =
  /\bE10(?:001|003|007|016)\b.*?\[--?([A-Za-z_]\w*)\]|unrecogni[sz]ed (?:argument|option)s?:?\s*"?--?([A-Za-z_]\w*)?|(?:option|parameter)\s+"?--?([A-Za-z_]\w*)"?\s+(?:is\s+)?not supported/i;
const NO_SPACE = /\bE19\d{3}\b.*(?:space|disk)|\bNO_SPACE\b/i;
const ERROR_CODE = /\b([EW]\d{5})\b/;

export const atcTool: ToolAdapter<AtcStep> = {
  name: 'atc',
  program: 'atc',
  label: 'atc',
  notFoundHint: "source CANN's set_env.sh (--set-env)",
  options: ATC_OPTIONS,
  fieldOptions: ATC_FIELDS,
  help: { argv: ['--help'], parse: parseLongOptions },
  manifestEnv: /^(ASCEND_|TUNE_BANK_PATH$)/,

  invocation(step, ctx) {
    if (!step.soc) {
      const message =
        'atc needs --soc_version: give "soc" (e.g. Ascend310P3) or make npu-smi available to read it';
      return { ok: false, code: 'BAD_OPTION', message };
    }
    // Documented options this host's atc does not list would make it exit: refused before it starts.
    const unlisted = step.options.find(([name]) => ctx.help !== null && !ctx.help.has(name));
    if (unlisted) {
      const message = `--${unlisted[0]} is not listed by this host's \`atc --help\``;
      return { ok: false, code: 'BAD_OPTION', message };
    }
    const env: Record<string, string> = { ...ctx.env };
    delete env.TUNE_BANK_PATH;
    if (step.bank !== undefined && step.bank !== null) {
      if (!isUsableBank(step.bank)) {
        const message = `TUNE_BANK_PATH ${step.bank} must be a readable directory inside the models root`;
        return { ok: false, code: 'BANK_PATH_INVALID', message };
      }
      env.TUNE_BANK_PATH = step.bank;
    }
    const output = outputPath(ctx.cwd, step.model);
    mkdirSync(dirname(output), { recursive: true });
    return { ok: true, argv: buildAtcArgv(step, output), env, output };
  },

  parseLine(line) {
    if (SUCCESS.test(line)) return { kind: 'success' };
    const bad = BAD_OPTION.exec(line);
    if (bad && !/input_shape|dynamic_/.test(bad[1] ?? bad[2] ?? bad[3] ?? '')) {
      return { kind: 'failure', code: 'BAD_OPTION', detail: bad[1] ?? bad[2] ?? bad[3] ?? null };
    }
    if (SHAPE.test(line)) return { kind: 'failure', code: 'BAD_SHAPE', detail: line.trim() };
    if (OS_NO_SPACE.test(line) || NO_SPACE.test(line)) {
      return { kind: 'failure', code: 'DISK_FULL', detail: null };
    }
    if (FAILED.test(line)) return { kind: 'failure', code: 'TOOL_FAILED', detail: null };
    const code = ERROR_CODE.exec(line);
    if (code?.[1]?.startsWith('E')) {
      return { kind: 'failure', code: 'TOOL_FAILED', detail: code[1] };
    }
    return null;
  },

  verdict(facts) {
    const last = facts.tail;
    const f = facts.failures;
    if (facts.exitCode === 0 && facts.success && f.size === 0) return { ok: true };
    if (f.has('BAD_SHAPE')) {
      const message = `atc refused the input shape: ${f.get('BAD_SHAPE') ?? ''}\n${last}`;
      return { ok: false, code: 'BAD_SHAPE', message };
    }
    if (f.has('BAD_OPTION')) {
      const message = `atc rejected ${f.get('BAD_OPTION') ?? 'an option'}:\n${last}`;
      return { ok: false, code: 'BAD_OPTION', message };
    }
    if (f.has('DISK_FULL')) {
      return { ok: false, code: 'DISK_FULL', message: `atc ran out of disk space:\n${last}` };
    }
    const why =
      facts.exitCode !== 0 || facts.signal
        ? `atc ended with ${exitWords(facts)}`
        : facts.success
          ? `atc reported ${f.get('TOOL_FAILED') ?? 'an error'}`
          : 'atc ended without its success line';
    return { ok: false, code: 'TOOL_FAILED', message: `${why}\n${last}` };
  },

  async outputs(_step, _cwd, output) {
    return {
      runFiles: [],
      model: output ? findOutputOm(output) : null,
      files: {},
      figures: null,
    };
  },

  async manifest(step, outputs) {
    const om = outputs.model;
    return {
      model: step.model,
      modelSha256: await sha256File(step.model).catch(() => null),
      soc: step.soc,
      bank: step.bank ?? null,
      om,
      omSha256: om ? await sha256File(om).catch(() => null) : null,
    };
  },
};

/** The SoC npu-smi reports for the job's device: atc's --soc_version when the job gives none. */
export function socOf(
  info: { readonly devices: readonly { readonly device: number; readonly soc: string }[] } | null,
  device: number,
): string | null {
  return info?.devices.find((d) => d.device === device)?.soc ?? null;
}
