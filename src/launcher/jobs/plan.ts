// A schema-valid job request becomes a plan the runner can execute without further checks: paths
// resolved inside the models root, the framework decided, every option checked against the
// documented set and this host's `aoe --help`. Problems come back as field errors, never thrown.
import type { LauncherJobRequest } from '../../core/validation/generated/launcher-job-request.ts';
import { PATH_MESSAGES, resolveDirInRoot, resolveUnderRoot } from './paths.ts';
import { aoeTool, frameworkFromSuffix } from './tools/aoe.ts';
import type { AnyTool } from './tools/index.ts';
import { deviceRefusal, type NpuInfo } from './tools/npu-smi.ts';
import { checkToolOption } from './tools/tool.ts';

/**
 * The body of POST /api/jobs, as its schema (schemas/launcher-job-request.schema.json) types it;
 * the schema's `additionalProperties: {type: string}` rules out the `undefined` option values the
 * generated index signature allows.
 */
export type JobRequest = Readonly<
  Omit<LauncherJobRequest, 'options'> & { readonly options?: Readonly<Record<string, string>> }
>;

export interface JobPlan {
  readonly model: string;
  readonly modelIsDir: boolean;
  readonly framework: 0 | 1 | 3 | 5 | null;
  readonly weight: string | null;
  /** In the documented order: subgraph (1) before operator (2). */
  readonly jobTypes: readonly (1 | 2)[];
  readonly device: number;
  readonly options: readonly (readonly [string, string])[];
  /** TUNE_BANK_PATH resolved inside the models root, when the request sets one. */
  readonly bank?: string | null;
}

export interface PlanError {
  readonly code: 'BAD_REQUEST' | 'BAD_OPTION' | 'BAD_PATH' | 'CONFLICT';
  readonly field: string;
  readonly message: string;
}

export type PlanResult =
  | { readonly ok: true; readonly plan: JobPlan }
  | { readonly ok: false; readonly errors: readonly PlanError[] };

/**
 * A tool's `options` checked by its adapter (documented ∩ this host's `--help`, value rules) and
 * file options confined to the models root; problems are pushed to `errors` under `prefix`.
 */
export function planOptions(
  tool: Pick<AnyTool, 'label' | 'options' | 'fieldOptions'>,
  requested: Readonly<Record<string, string>> | undefined,
  modelsRoot: string,
  helpOptions: ReadonlySet<string> | null,
  prefix: string,
  errors: PlanError[],
): (readonly [string, string])[] {
  const options: (readonly [string, string])[] = [];
  for (const [name, value] of Object.entries(requested ?? {})) {
    const field = `${prefix}/${name}`;
    const check = checkToolOption(tool, name, value, helpOptions);
    if (!check.ok) {
      const message =
        check.reason === 'field'
          ? `is set through the "${tool.fieldOptions[name] ?? name}" field`
          : check.reason === 'unknown'
            ? `is not a documented ${tool.label} option the launcher passes on`
            : check.reason === 'not-in-help'
              ? `is not listed by this host's \`${tool.label} --help\``
              : `has a value ${tool.label} does not accept for this option`;
      errors.push({
        code: check.reason === 'value' ? 'BAD_REQUEST' : 'BAD_OPTION',
        field,
        message,
      });
      continue;
    }
    if (check.fileOption) {
      const f = resolveUnderRoot(modelsRoot, value);
      if (!f.ok) {
        errors.push({ code: 'BAD_PATH', field, message: PATH_MESSAGES[f.reason] });
        continue;
      }
      options.push([name, f.path]);
    } else options.push([name, value]);
  }
  return options;
}

export function planJob(
  req: JobRequest,
  modelsRoot: string,
  helpOptions: ReadonlySet<string> | null,
): PlanResult {
  const errors: PlanError[] = [];
  if (new Set(req.jobTypes).size !== req.jobTypes.length) {
    errors.push({
      code: 'BAD_REQUEST',
      field: '/jobTypes',
      message: 'must name each job type once',
    });
  }
  const model = resolveUnderRoot(modelsRoot, req.model);
  if (!model.ok)
    errors.push({ code: 'BAD_PATH', field: '/model', message: PATH_MESSAGES[model.reason] });

  let weight: string | null = null;
  if (req.weight !== undefined) {
    const w = resolveUnderRoot(modelsRoot, req.weight);
    if (!w.ok)
      errors.push({ code: 'BAD_PATH', field: '/weight', message: PATH_MESSAGES[w.reason] });
    else weight = w.path;
  }

  const framework =
    req.framework ?? (model.ok && !model.isDir ? frameworkFromSuffix(model.path) : null);
  if (model.ok && !model.isDir && framework === null) {
    errors.push({
      code: 'BAD_REQUEST',
      field: '/framework',
      message:
        'cannot be told from the model suffix: give 0 (Caffe), 1 (MindSpore), 3 (TensorFlow) or 5 (ONNX)',
    });
  }
  if (framework === 0 && weight === null && req.weight === undefined) {
    errors.push({ code: 'BAD_REQUEST', field: '/weight', message: 'is required for Caffe models' });
  }

  let bank: string | null = null;
  const bankPath = req.env?.TUNE_BANK_PATH;
  if (bankPath !== undefined) {
    const b = resolveDirInRoot(modelsRoot, bankPath);
    const field = '/env/TUNE_BANK_PATH';
    if (!b.ok) errors.push({ code: 'BAD_PATH', field, message: PATH_MESSAGES[b.reason] });
    else if (!b.isDir) errors.push({ code: 'BAD_PATH', field, message: 'must be a directory' });
    else bank = b.path;
  }

  const options = planOptions(aoeTool, req.options, modelsRoot, helpOptions, '/options', errors);

  if (errors.length > 0 || !model.ok) return { ok: false, errors };
  return {
    ok: true,
    plan: {
      model: model.path,
      modelIsDir: model.isDir,
      framework,
      weight,
      jobTypes: [...req.jobTypes].sort((a, b) => a - b),
      device: req.device ?? 0,
      options,
      bank,
    },
  };
}

/**
 * The device a job names, against what `npu-smi info` says (null: not known, nothing refused): a
 * device that does not exist or is unhealthy is a bad request, a device another process uses is a
 * conflict. The launcher's own job on the device (`ownBusy`) makes the new job wait, not fail.
 */
export function planDevice(
  info: NpuInfo | null,
  device: number,
  ownBusy: boolean,
): PlanError | null {
  if (info === null) return null;
  const refusal = deviceRefusal(info, device, ownBusy);
  if (refusal === null) return null;
  const code = refusal.why === 'busy' ? 'CONFLICT' : 'BAD_REQUEST';
  return { code, field: '/device', message: refusal.message };
}
