// How the launcher runs MindSpore Lite's `converter_lite` on the Ascend route with AOE tuning
// (AOE-CLI.md §10, "MindSpore Lite converter (AOE tool mode)"; MindSpore Lite's "Ascend Conversion
// Tool Description"):
//
// `converter_lite --fmk=ONNX --modelFile=m.onnx --outputFile=<step>/output/m --saveType=MINDIR
//                 --optimize=ascend_oriented --device=Ascend [--inputShape="x:1,3,224,224"]
//                 [--weightFile=w.caffemodel] --configFile=<step>/converter.cfg [options…]`
//
// The config file is written by the launcher into the step's directory:
//
//   [ascend_context]
//   aoe_mode="subgraph tuning, operator tuning"     (or either one)
//   [graph_kernel_param]                            (optional: AKG graph-kernel fusion)
//   opt_level=2
//
// The converter runs `aoe` itself (it must be on the PATH: the docs say to check `aoe -h` first),
// prints AOE's output, leaves `aoe_result_*.json` and `aoe_workspace/` in its cwd, writes
// `<outputFile>.mindir` and ends with `CONVERT RESULT SUCCESS:0`; a failure ends with
// `CONVERT RESULT FAILED:<status> <text>` (status: MindSpore Lite's negative error codes, e.g.
// -300 an operator not found, -500/-501 shape inference, -600 an invalid user parameter), an
// unsupported operator is listed after `UNSUPPORTED OP LIST:` as `FMKTYPE: ONNX, OP TYPE: X`.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { findResultFiles, sha256File } from '../outputs.ts';
import { outputPath } from './aoe.ts';
import {
  exitWords,
  hasControlChar,
  OS_NO_SPACE,
  optionArgs,
  parseLongOptions,
  type OptionSpec,
  type ToolAdapter,
} from './tool.ts';

export type ConverterFmk = 'CAFFE' | 'TF' | 'TFLITE' | 'ONNX' | 'MINDIR' | 'PYTORCH';
export type AoeMode = 'subgraph tuning' | 'operator tuning' | 'subgraph tuning, operator tuning';

export const AOE_MODES: readonly AoeMode[] = [
  'subgraph tuning, operator tuning',
  'subgraph tuning',
  'operator tuning',
];

/** Documented converter_lite options a step may set through `options`. */
export const CONVERTER_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  fp16: { kind: 'enum', values: ['on', 'off'] },
  inputDataFormat: { kind: 'enum', values: ['NHWC', 'NCHW'] },
  inputDataType: { kind: 'enum', values: ['FLOAT32', 'INT8', 'UINT8', 'DEFAULT'] },
  outputDataType: { kind: 'enum', values: ['FLOAT32', 'INT8', 'UINT8', 'DEFAULT'] },
};

/** Options the adapter sets from the step's own fields: refused in `options`. */
export const CONVERTER_FIELDS: Readonly<Record<string, string>> = {
  fmk: 'framework (from the model suffix)',
  modelFile: 'model',
  weightFile: 'weight',
  outputFile: '(set by the launcher)',
  saveType: '(MINDIR, set by the launcher)',
  optimize: '(ascend_oriented, set by the launcher)',
  device: '(Ascend, set by the launcher)',
  inputShape: 'inputShape',
  configFile: 'aoeMode / akg (the launcher writes the file)',
};

export interface ConverterStep {
  /** Absolute, inside the models root. */
  readonly model: string;
  readonly fmk: ConverterFmk;
  /** Caffe's .caffemodel. */
  readonly weight: string | null;
  readonly inputShape?: string | undefined;
  /** null: convert without tuning. */
  readonly aoeMode: AoeMode | null;
  /** Add `[graph_kernel_param] opt_level=2` (AKG graph-kernel fusion). */
  readonly akg: boolean;
  readonly options: readonly (readonly [string, string])[];
}

/** converter_lite's --fmk for a model file, from its suffix (null: cannot tell). */
export function fmkFromSuffix(model: string): ConverterFmk | null {
  switch (extname(model).toLowerCase()) {
    case '.onnx':
      return 'ONNX';
    case '.pb':
      return 'TF';
    case '.tflite':
      return 'TFLITE';
    case '.prototxt':
      return 'CAFFE';
    case '.mindir':
      return 'MINDIR';
    case '.pt':
    case '.pth':
      return 'PYTORCH';
    default:
      return null;
  }
}

export const CONFIG_FILE = 'converter.cfg';

/**
 * A config value as written between quotes: no control characters (a newline would start a new
 * key or `[section]`), no quotes and no brackets.
 */
export function safeConfigValue(value: string): boolean {
  return value.length <= 256 && !hasControlChar(value) && !/["[\]\\=]/.test(value);
}

/** The text of the converter's config file, or null when a value could inject a line. */
export function converterConfig(step: Pick<ConverterStep, 'aoeMode' | 'akg'>): string | null {
  const lines = ['[ascend_context]'];
  if (step.aoeMode !== null) {
    if (!AOE_MODES.includes(step.aoeMode) || !safeConfigValue(step.aoeMode)) return null;
    lines.push(`aoe_mode="${step.aoeMode}"`);
  }
  if (step.akg) lines.push('[graph_kernel_param]', 'opt_level=2');
  return `${lines.join('\n')}\n`;
}

export function buildConverterArgv(step: ConverterStep, output: string, config: string): string[] {
  const argv = [`--fmk=${step.fmk}`, `--modelFile=${step.model}`];
  if (step.weight) argv.push(`--weightFile=${step.weight}`);
  argv.push(
    `--outputFile=${output}`,
    '--saveType=MINDIR',
    '--optimize=ascend_oriented',
    '--device=Ascend',
  );
  if (step.inputShape) argv.push(`--inputShape=${step.inputShape}`);
  argv.push(`--configFile=${config}`);
  argv.push(...optionArgs(CONVERTER_OPTIONS, step.options));
  return argv;
}

const SUCCESS = /CONVERT RESULT SUCCESS\s*:\s*0\b/;
const FAILED = /CONVERT RESULT FAILED\s*:\s*(-?\d+)(.*)$/;
const UNSUPPORTED_OP = /\bOP TYPE:\s*([A-Za-z0-9_.:-]+)/;
const SHAPE_WORDS = /input ?shape|inputShape|infer(?:ring)? shape|shape (?:is )?invalid/i;
const AOE_NOT_FOUND = /\baoe: (?:command )?not found|\bexecute aoe failed|Aoe is not found/i;
const AOE_FAILED = /\bAoe process failed|run aoe failed|aoe (?:tuning )?failed/i;
const BAD_OPTION =
  /(?:flag|option|parameter)\s*[:=]?\s*"?--?([A-Za-z][A-Za-z0-9_]*)"?\s*(?:is )?(?:not (?:supported|found|defined)|unknown|invalid)/i;
const SHAPE_STATUS = new Set(['-500', '-501']);
const NOT_FOUND_OP_STATUS = new Set(['-300', '-301']);

/** A config file of this step asked for AOE tuning. */
function askedForAoe(cwd: string): boolean {
  try {
    return /^aoe_mode=/m.test(readFileSync(join(cwd, CONFIG_FILE), 'utf8'));
  } catch {
    return false;
  }
}

export const converterLiteTool: ToolAdapter<ConverterStep> = {
  name: 'converter_lite',
  program: 'converter_lite',
  label: 'converter_lite',
  notFoundHint:
    'install the MindSpore Lite cloud-inference package and put its tools/converter/converter on the PATH',
  options: CONVERTER_OPTIONS,
  fieldOptions: CONVERTER_FIELDS,
  help: { argv: ['--help'], parse: parseLongOptions },
  manifestEnv: /^(ASCEND_|TUNE_BANK_PATH$|LD_LIBRARY_PATH$)/,

  invocation(step, ctx) {
    const unlisted = step.options.find(([name]) => ctx.help !== null && !ctx.help.has(name));
    if (unlisted) {
      const message = `--${unlisted[0]} is not listed by this host's \`converter_lite --help\``;
      return { ok: false, code: 'BAD_OPTION', message };
    }
    const text = converterConfig(step);
    if (text === null) {
      const message = `aoe_mode must be one of ${AOE_MODES.map((m) => `"${m}"`).join(', ')}`;
      return { ok: false, code: 'BAD_OPTION', message };
    }
    const config = join(ctx.cwd, CONFIG_FILE);
    writeFileSync(config, text, { flag: 'wx' });
    const output = outputPath(ctx.cwd, step.model);
    mkdirSync(dirname(output), { recursive: true });
    return {
      ok: true,
      argv: buildConverterArgv(step, output, config),
      env: { ...ctx.env },
      output,
    };
  },

  parseLine(line) {
    if (SUCCESS.test(line)) return { kind: 'success' };
    const failed = FAILED.exec(line);
    if (failed) {
      const status = failed[1] ?? '';
      const detail = `${status}${failed[2] ?? ''}`.trim();
      if (SHAPE_STATUS.has(status) || (status === '-600' && SHAPE_WORDS.test(line)))
        return { kind: 'failure', code: 'BAD_SHAPE', detail };
      if (NOT_FOUND_OP_STATUS.has(status))
        return { kind: 'failure', code: 'UNSUPPORTED_OP', detail: null };
      return { kind: 'failure', code: 'TOOL_FAILED', detail };
    }
    const op = UNSUPPORTED_OP.exec(line);
    if (op?.[1]) return { kind: 'failure', code: 'UNSUPPORTED_OP', detail: op[1] };
    if (AOE_NOT_FOUND.test(line))
      return { kind: 'failure', code: 'TUNER_NOT_FOUND', detail: line.trim() };
    if (OS_NO_SPACE.test(line)) return { kind: 'failure', code: 'DISK_FULL', detail: null };
    if (AOE_FAILED.test(line))
      return { kind: 'failure', code: 'TUNER_FAILED', detail: line.trim() };
    const bad = BAD_OPTION.exec(line);
    if (bad?.[1] && !/^inputShape$/i.test(bad[1]))
      return { kind: 'failure', code: 'BAD_OPTION', detail: bad[1] };
    if (/\[ERROR\].*\binput ?shape\b/i.test(line) || /inputShape.*invalid/i.test(line))
      return { kind: 'failure', code: 'BAD_SHAPE', detail: line.trim() };
    return null;
  },

  verdict(facts) {
    const last = facts.tail;
    const f = facts.failures;
    const results = findResultFiles(facts.cwd);
    const tuned = !askedForAoe(facts.cwd) || results.length > 0;
    if (facts.exitCode === 0 && facts.success && f.size === 0 && tuned) return { ok: true };
    if (f.has('UNSUPPORTED_OP')) {
      const op = f.get('UNSUPPORTED_OP');
      const message = `converter_lite does not support ${op ? `the operator ${op}` : 'an operator of this model'} on Ascend:\n${last}`;
      return { ok: false, code: 'UNSUPPORTED_OP', message };
    }
    if (f.has('BAD_SHAPE')) {
      const message = `converter_lite refused the input shape: ${f.get('BAD_SHAPE') ?? ''}\n${last}`;
      return { ok: false, code: 'BAD_SHAPE', message };
    }
    if (f.has('BAD_OPTION')) {
      const message = `converter_lite rejected ${f.get('BAD_OPTION') ?? 'an option'}:\n${last}`;
      return { ok: false, code: 'BAD_OPTION', message };
    }
    if (f.has('DISK_FULL')) {
      const message = `converter_lite ran out of disk space (aoe_workspace takes 2–10 GB a run):\n${last}`;
      return { ok: false, code: 'DISK_FULL', message };
    }
    if (f.has('TUNER_NOT_FOUND')) {
      const message = `converter_lite could not run aoe: put CANN's aoe on the PATH (source set_env.sh) and check \`aoe -h\`:\n${last}`;
      return { ok: false, code: 'TUNER_NOT_FOUND', message };
    }
    if (f.has('TUNER_FAILED') || (facts.exitCode === 0 && facts.success && !tuned)) {
      const message = `AOE tuning inside converter_lite failed${tuned ? '' : ' (no aoe_result file was written)'}:\n${last}`;
      return { ok: false, code: 'TUNER_FAILED', message };
    }
    const why =
      facts.exitCode !== 0 || facts.signal
        ? `converter_lite ended with ${exitWords(facts)}`
        : f.has('TOOL_FAILED')
          ? `converter_lite reported ${f.get('TOOL_FAILED') ?? 'an error'}`
          : 'converter_lite ended without its success line';
    return { ok: false, code: 'TOOL_FAILED', message: `${why}\n${last}` };
  },

  async outputs(_step, cwd, output) {
    const mindir = output && existsSync(`${output}.mindir`) ? `${output}.mindir` : null;
    const results = findResultFiles(cwd);
    return {
      runFiles: results,
      model: mindir,
      files: {
        config: join(cwd, CONFIG_FILE),
        ...(results.length > 0 ? { aoeResults: results } : {}),
      },
      figures: null,
    };
  },

  async manifest(step, outputs) {
    const mindir = outputs.model;
    return {
      model: step.model,
      modelSha256: await sha256File(step.model).catch(() => null),
      fmk: step.fmk,
      aoeMode: step.aoeMode,
      akg: step.akg,
      mindir,
      mindirSha256: mindir ? await sha256File(mindir).catch(() => null) : null,
      aoeResults: outputs.runFiles,
    };
  },
};
