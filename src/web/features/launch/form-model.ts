// What the job form needs besides rendering: the presets and the fields each one asks for, the
// host-check items that make a preset impossible, the request a form builds and what the request
// schema (the same one the launcher checks) says of it, which field a launcher error belongs to,
// the `name=value` option lines, and the localized messages grouped per field.
import { validate } from '../../../core/validation/index.ts';
import type { FieldError, JobRequest, Preflight } from '../../lib/launcher-client.ts';

export type FieldKey =
  | 'model'
  | 'jobTypes'
  | 'device'
  | 'framework'
  | 'inputShape'
  | 'inputFormat'
  | 'options'
  | 'bank'
  | 'repeatTune'
  | 'timeout'
  | 'tuneOps'
  | 'dynamicBatchSize'
  | 'soc'
  | 'outputType'
  | 'loop'
  | 'warmup'
  | 'batchSize'
  | 'aoeMode'
  | 'akg'
  | 'general';

export function fieldOf(pointer: string): FieldKey {
  const top = pointer.split('/')[1] ?? '';
  if (pointer.startsWith('/env/TUNE_BANK_PATH')) return 'bank';
  if (pointer.startsWith('/env/REPEAT_TUNE')) return 'repeatTune';
  const map: Record<string, FieldKey> = {
    model: 'model',
    weight: 'model',
    jobTypes: 'jobTypes',
    device: 'device',
    framework: 'framework',
    inputShape: 'inputShape',
    inputFormat: 'inputFormat',
    options: 'options',
    timeoutS: 'timeout',
    tuneOpsFile: 'tuneOps',
    dynamicBatchSize: 'dynamicBatchSize',
    soc: 'soc',
    outputType: 'outputType',
    loop: 'loop',
    warmupCount: 'warmup',
    batchSize: 'batchSize',
    aoeMode: 'aoeMode',
    akg: 'akg',
  };
  if (top === 'steps' && pointer.includes('/options')) return 'options';
  return Object.hasOwn(map, top) ? (map[top] ?? 'general') : 'general';
}

/** `name=value` lines → options; the line numbers of lines that are not. */
export function parseOptions(text: string): { options: Record<string, string>; bad: number[] } {
  const options: Record<string, string> = {};
  const bad: number[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    const eq = line.indexOf('=');
    const name = (eq < 0 ? line : line.slice(0, eq)).trim().replace(/^--/, '');
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(name)) bad.push(i + 1);
    else
      Object.defineProperty(options, name, {
        value: eq < 0 ? '' : line.slice(eq + 1),
        enumerable: true,
      });
  });
  return { options, bad };
}

export type Errors = Partial<Record<FieldKey, string[]>>;

export function groupErrors(
  list: readonly FieldError[],
  code: string,
  t: (key: string, opts?: Record<string, unknown>) => string,
): Errors {
  const out: Errors = {};
  const generic = t(`fieldError.${code}`, { defaultValue: t('fieldError.BAD_REQUEST') });
  for (const e of list) {
    const key = fieldOf(e.field);
    const option = e.field.startsWith('/options/') ? `${e.field.slice('/options/'.length)}: ` : '';
    // The launcher's own sentence is English; the localized one leads, the detail follows.
    (out[key] ??= []).push(`${option}${generic} (${e.message})`);
  }
  return out;
}

/** What the form offers: a plain AOE job, or one of the launcher's pipeline presets. */
export type PresetId = 'aoe' | 'full' | 'convert-measure' | 'measure' | 'profile' | 'mslite';
export const PRESET_IDS: readonly PresetId[] = [
  'full',
  'convert-measure',
  'measure',
  'profile',
  'mslite',
  'aoe',
];

const COMMON: readonly FieldKey[] = ['model', 'device', 'timeout'];
const CONVERT: readonly FieldKey[] = [
  'framework',
  'inputShape',
  'inputFormat',
  'dynamicBatchSize',
  'soc',
  'outputType',
];
const MEASURE: readonly FieldKey[] = ['loop', 'warmup', 'batchSize'];
const TUNE: readonly FieldKey[] = ['options', 'bank', 'repeatTune', 'tuneOps'];

/** The fields each preset asks for (what its steps read from the request). */
export const PRESET_FIELDS: Readonly<Record<PresetId, ReadonlySet<FieldKey>>> = {
  aoe: new Set([...COMMON, 'jobTypes', 'framework', 'inputShape', 'inputFormat', ...TUNE]),
  full: new Set([...COMMON, ...CONVERT, ...MEASURE, ...TUNE]),
  'convert-measure': new Set([...COMMON, ...CONVERT, ...MEASURE]),
  measure: new Set([...COMMON, ...MEASURE]),
  // msprof runs ais_bench with the same loops.
  profile: new Set([...COMMON, ...MEASURE]),
  // converter_lite reads the shape and the AOE modes; benchmark the loops (no batch size option).
  mslite: new Set([...COMMON, 'inputShape', 'aoeMode', 'akg', 'loop', 'warmup']),
};

/** The host-check items a preset's tools need; a missing tool is a warning item of its own. */
const NEEDS: Readonly<Record<PresetId, readonly string[]>> = {
  aoe: ['aoe', 'help', 'bank'],
  full: ['aoe', 'help', 'bank', 'atc', 'python3', 'aisBench', 'msprof'],
  'convert-measure': ['atc', 'python3', 'aisBench'],
  measure: ['python3', 'aisBench'],
  profile: ['python3', 'aisBench', 'msprof'],
  // converter_lite runs aoe itself.
  mslite: ['converterLite', 'msliteBenchmark', 'aoe', 'help'],
};
const TOOL_ITEMS = new Set([
  'atc',
  'msprof',
  'python3',
  'aisBench',
  'converterLite',
  'msliteBenchmark',
]);

/**
 * The host-check items that make `preset` fail at once: an error of a tool it runs (or of the
 * devices), or a pipeline tool that is missing. An item the launcher does not report (an older
 * launcher) blocks nothing.
 */
export function blockingItems(
  preflight: Preflight | null,
  preset: PresetId,
): Preflight['items'][number][] {
  if (preflight === null) return [];
  const needs = new Set([...NEEDS[preset], 'devices']);
  return preflight.items.filter(
    (i) =>
      needs.has(i.id) && (i.status === 'error' || (i.status === 'warning' && TOOL_ITEMS.has(i.id))),
  );
}

export const OM = /\.om$/i;

/** Whether a model file suits a preset: measuring and profiling take an .om, the others a framework model. */
export function modelSuits(path: string, preset: PresetId): boolean {
  return preset === 'measure' || preset === 'profile' ? OM.test(path) : !OM.test(path);
}

/** The form's values, as typed. */
export interface FormValues {
  readonly preset: PresetId;
  readonly model: string;
  readonly subgraph: boolean;
  readonly operator: boolean;
  readonly device: string;
  readonly framework: string;
  readonly inputShape: string;
  readonly inputFormat: string;
  readonly dynamicBatchSize: string;
  readonly soc: string;
  readonly outputType: string;
  readonly loop: string;
  readonly warmup: string;
  readonly batchSize: string;
  /** converter_lite's aoe_mode: '' (both), one of them, or 'none'. */
  readonly aoeMode: string;
  readonly akg: boolean;
  readonly options: string;
  readonly bank: string;
  readonly repeatTune: boolean;
  readonly timeout: string;
  readonly tuneOps: string;
}

/** A whole number as typed, else the text itself (so the schema names it as not an integer). */
function num(text: string): number | string {
  const t = text.trim();
  return /^-?\d+$/.test(t) ? Number(t) : t;
}

/**
 * The request body the form's values make, with only the fields the preset uses, and the errors
 * found on the way: option lines that are not name=value, tune_ops JSON that does not parse, a
 * model that does not suit the preset, and whatever the request schema says of the body.
 */
export function buildRequest(
  v: FormValues,
  t: (key: string, opts?: Record<string, unknown>) => string,
): { body: Record<string, unknown>; errors: Errors } {
  const fields = PRESET_FIELDS[v.preset];
  const errors: Errors = {};
  const add = (key: FieldKey, message: string) => (errors[key] ??= []).push(message);
  const body: Record<string, unknown> = { model: v.model.trim() };
  if (v.preset === 'aoe') body.jobTypes = [...(v.subgraph ? [1] : []), ...(v.operator ? [2] : [])];
  else body.preset = v.preset;
  body.device = num(v.device);
  const text = (key: FieldKey, name: string, value: string) => {
    if (fields.has(key) && value.trim() !== '') body[name] = value.trim();
  };
  if (fields.has('framework') && v.framework !== '') body.framework = Number(v.framework);
  text('inputShape', 'inputShape', v.inputShape);
  text('inputFormat', 'inputFormat', v.inputFormat);
  text('dynamicBatchSize', 'dynamicBatchSize', v.dynamicBatchSize);
  text('soc', 'soc', v.soc);
  text('outputType', 'outputType', v.outputType);
  if (fields.has('loop') && v.loop.trim() !== '') body.loop = num(v.loop);
  if (fields.has('warmup') && v.warmup.trim() !== '') body.warmupCount = num(v.warmup);
  if (fields.has('batchSize') && v.batchSize.trim() !== '') body.batchSize = num(v.batchSize);
  if (fields.has('aoeMode') && v.aoeMode !== '') body.aoeMode = v.aoeMode;
  if (fields.has('akg') && v.akg) body.akg = true;
  if (v.timeout.trim() !== '') body.timeoutS = num(v.timeout);
  if (fields.has('options')) {
    const parsed = parseOptions(v.options);
    for (const line of parsed.bad) add('options', t('form.badLine', { line }));
    if (Object.keys(parsed.options).length > 0) body.options = parsed.options;
    const env: Record<string, string> = {};
    if (v.bank.trim() !== '') env.TUNE_BANK_PATH = v.bank.trim();
    if (v.repeatTune) env.REPEAT_TUNE = 'True';
    if (Object.keys(env).length > 0) body.env = env;
    if (v.tuneOps.trim() !== '') {
      try {
        body.tuneOpsFile = JSON.parse(v.tuneOps) as unknown;
      } catch {
        add('tuneOps', t('form.badJson'));
      }
    }
  }
  const model = String(body.model);
  if (v.preset === 'aoe' && !v.subgraph && !v.operator) add('jobTypes', t('pform.noJobType'));
  if (model !== '' && v.preset === 'measure' && !OM.test(model))
    add('model', t('pform.measureNeedsOm'));
  if (model !== '' && v.preset !== 'measure' && OM.test(model))
    add('model', t('pform.convertNeedsFramework'));
  for (const issue of validate('launcher-job-request', body)) {
    const key = fieldOf(issue.path ?? '');
    if (errors[key]) continue; // one message a field: the first says enough
    add(key, t(`hint.${key}`, { defaultValue: t('fieldError.BAD_REQUEST') }));
  }
  return { body, errors };
}

/** The request as the launcher types it, once buildRequest found no error. */
export const asRequest = (body: Record<string, unknown>) => body as unknown as JobRequest;
