// How the launcher talks to `aoe` (AOE-CLI.md §1): the options a user may pass, how their values
// are checked, and the argument array. Long options are always emitted as `--opt=value` (9.0
// rejects `=` after short forms), never through a shell: a value reaches `aoe` as one argv
// element, byte for byte. Options must be both documented (§1.2) and listed by this host's
// `aoe --help` (options unknown to an older CANN make it exit with code 2).

export type OptionSpec =
  | { readonly kind: 'enum'; readonly values: readonly string[] }
  | { readonly kind: 'int'; readonly min: number; readonly max: number }
  | { readonly kind: 'flag' }
  | { readonly kind: 'text'; readonly pattern: RegExp }
  /** A file the option reads: must resolve inside the models root. */
  | { readonly kind: 'file' };

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

export const MAX_OPTION_VALUE = 4096;

export type OptionCheck =
  | { readonly ok: true; readonly fileOption: boolean }
  | { readonly ok: false; readonly reason: 'unknown' | 'not-in-help' | 'field' | 'value' };

/** Checks one `options` entry against the documented set, the `--help` probe and its value rule. */
export function checkOption(
  name: string,
  value: string,
  helpOptions: ReadonlySet<string> | null,
): OptionCheck {
  if (Object.hasOwn(FIELD_OPTIONS, name)) return { ok: false, reason: 'field' };
  const spec = Object.hasOwn(USER_OPTIONS, name) ? USER_OPTIONS[name] : undefined;
  if (!spec) return { ok: false, reason: 'unknown' };
  if (helpOptions && !helpOptions.has(name)) return { ok: false, reason: 'not-in-help' };
  if (value.length > MAX_OPTION_VALUE || hasControlChar(value))
    return { ok: false, reason: 'value' };
  const valid = (() => {
    switch (spec.kind) {
      case 'enum':
        return spec.values.includes(value);
      case 'int': {
        if (!/^\d{1,6}$/.test(value)) return false;
        const n = Number(value);
        return n >= spec.min && n <= spec.max;
      }
      case 'flag':
        return value === '' || value === 'true';
      case 'text':
        return spec.pattern.test(value);
      case 'file':
        return value !== '';
    }
  })();
  if (!valid) return { ok: false, reason: 'value' };
  return { ok: true, fileOption: spec.kind === 'file' };
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
  for (const [name, value] of inv.options) {
    const spec = USER_OPTIONS[name];
    if (spec?.kind === 'flag') argv.push(`--${name}`);
    else argv.push(`--${name}=${value}`);
  }
  return argv;
}

/** NUL, newlines and other C0/DEL characters: never part of an AOE option value or a path. */
export function hasControlChar(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}
