// A schema-valid job request becomes a plan the runner can execute without further checks: paths
// resolved inside the models root, the framework decided, every option checked against the
// documented set and this host's `aoe --help`. Problems come back as field errors, never thrown.
import type { LauncherJobRequest } from '../../core/validation/generated/launcher-job-request.ts';
import { PATH_MESSAGES, resolveDirInRoot, resolveUnderRoot } from './paths.ts';
import { aoeTool, frameworkFromSuffix } from './tools/aoe.ts';
import { fmkFromSuffix } from './tools/converter-lite.ts';
import { toolOf, type AnyTool } from './tools/index.ts';
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
  /** A pipeline's steps (from `preset` or `steps`); absent for a plain AOE job. */
  readonly steps?: readonly PlannedStep[];
  /** atc's --soc_version when the request gives it; else npu-smi's, read when atc starts. */
  readonly soc?: string | null;
}

export type PipelineTool =
  'atc' | 'ais_bench' | 'aoe' | 'msprof' | 'converter_lite' | 'mslite_benchmark';

export interface PlannedStep {
  readonly tool: PipelineTool;
  /** aoe: 1 subgraph, 2 operator. */
  readonly jobType?: 1 | 2;
  /** atc: build with the job's knowledge base. */
  readonly bank?: boolean;
  /** Checked by the tool's adapter, file options resolved inside the models root. */
  readonly options: readonly (readonly [string, string])[];
}

type RequestStep = NonNullable<JobRequest['steps']>[number];

/** The presets of the optimisation loop, as step lists. */
export const PRESETS: Readonly<Record<NonNullable<JobRequest['preset']>, readonly RequestStep[]>> =
  {
    measure: [{ tool: 'ais_bench' }],
    profile: [{ tool: 'msprof' }],
    'convert-measure': [{ tool: 'atc' }, { tool: 'ais_bench' }],
    full: [
      { tool: 'atc' },
      { tool: 'ais_bench' },
      { tool: 'aoe', jobType: 1 },
      { tool: 'aoe', jobType: 2 },
      { tool: 'atc', bank: true },
      { tool: 'ais_bench' },
      { tool: 'msprof' },
    ],
    mslite: [{ tool: 'converter_lite' }, { tool: 'mslite_benchmark' }],
  };

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
  const jobTypes = req.jobTypes ?? [];
  const pipeline = req.preset !== undefined || req.steps !== undefined;
  if (!pipeline && req.jobTypes === undefined) {
    const message = 'is required (or give "preset" or "steps")';
    errors.push({ code: 'BAD_REQUEST', field: '/jobTypes', message });
  }
  if (new Set(jobTypes).size !== jobTypes.length) {
    errors.push({
      code: 'BAD_REQUEST',
      field: '/jobTypes',
      message: 'must name each job type once',
    });
  }
  const steps = pipeline ? planSteps(req, modelsRoot, helpOptions, errors) : null;
  // Only aoe and atc read a framework model; a measuring-only job names an .om.
  const needsFramework =
    steps === null || steps.some((st) => st.tool === 'aoe' || st.tool === 'atc');

  const model = resolveUnderRoot(modelsRoot, req.model);
  if (!model.ok)
    errors.push({ code: 'BAD_PATH', field: '/model', message: PATH_MESSAGES[model.reason] });
  if (model.ok && !model.isDir && steps?.some((st) => st.tool === 'converter_lite')) {
    if (fmkFromSuffix(model.path) === null) {
      const message =
        'converter_lite reads .onnx, .pb, .tflite, .prototxt (with a weight), .mindir, .pt or .pth models';
      errors.push({ code: 'BAD_REQUEST', field: '/model', message });
    }
  }

  let weight: string | null = null;
  if (req.weight !== undefined) {
    const w = resolveUnderRoot(modelsRoot, req.weight);
    if (!w.ok)
      errors.push({ code: 'BAD_PATH', field: '/weight', message: PATH_MESSAGES[w.reason] });
    else weight = w.path;
  }

  const framework =
    req.framework ?? (model.ok && !model.isDir ? frameworkFromSuffix(model.path) : null);
  if (model.ok && !model.isDir && framework === null && needsFramework) {
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
      jobTypes: steps
        ? steps.flatMap((st) => (st.jobType === undefined ? [] : [st.jobType]))
        : [...jobTypes].sort((a, b) => a - b),
      device: req.device ?? 0,
      options,
      bank,
      ...(steps ? { steps, soc: req.soc ?? null } : {}),
    },
  };
}

/** A pipeline's steps, each checked by its tool's adapter; problems are pushed to `errors`. */
function planSteps(
  req: JobRequest,
  modelsRoot: string,
  aoeHelp: ReadonlySet<string> | null,
  errors: PlanError[],
): PlannedStep[] {
  if (req.preset !== undefined && req.steps !== undefined) {
    errors.push({
      code: 'BAD_REQUEST',
      field: '/steps',
      message: 'give "preset" or "steps", not both',
    });
  }
  if (req.jobTypes !== undefined) {
    const message = 'belongs to a plain AOE job; in a pipeline give aoe steps with their jobType';
    errors.push({ code: 'BAD_REQUEST', field: '/jobTypes', message });
  }
  const fromPreset = req.preset !== undefined;
  const requested = req.steps ?? (req.preset ? PRESETS[req.preset] : []);
  const isOm = req.model.toLowerCase().endsWith('.om');
  const isMindir = req.model.toLowerCase().endsWith('.mindir');
  let builds = false;
  let buildsMindir = false;
  return requested.map((step, i) => {
    const field = fromPreset ? '/preset' : `/steps/${i}`;
    const tool = toolOf(step.tool);
    if (step.tool !== 'aoe' && step.jobType !== undefined) {
      errors.push({
        code: 'BAD_REQUEST',
        field: `${field}/jobType`,
        message: 'is for aoe steps only',
      });
    }
    if (step.tool === 'aoe' && step.jobType === undefined) {
      errors.push({
        code: 'BAD_REQUEST',
        field: `${field}/jobType`,
        message: 'is required for aoe steps',
      });
    }
    if (step.tool !== 'atc' && step.bank !== undefined) {
      errors.push({
        code: 'BAD_REQUEST',
        field: `${field}/bank`,
        message: 'is for atc steps only',
      });
    }
    if ((step.tool === 'ais_bench' || step.tool === 'msprof') && !builds && !isOm) {
      const message = `${step.tool} measures an .om: name one as the model, or put an atc step before it`;
      errors.push({ code: 'BAD_REQUEST', field, message });
    }
    if (step.tool === 'mslite_benchmark' && !buildsMindir && !isMindir) {
      const message =
        'benchmark measures a .mindir: name one as the model, or put a converter_lite step before it';
      errors.push({ code: 'BAD_REQUEST', field, message });
    }
    if (step.tool === 'atc' || step.tool === 'aoe') builds = true;
    if (step.tool === 'converter_lite') buildsMindir = true;
    // A preset's aoe steps take the request's top-level AOE options.
    // The schema's `additionalProperties: {type: string}` rules out undefined values here too.
    const own = step.options as Readonly<Record<string, string>> | undefined;
    const requestedOptions = own ?? (step.tool === 'aoe' ? req.options : undefined);
    const help = step.tool === 'aoe' ? aoeHelp : null;
    const prefix = step.options ? `${field}/options` : '/options';
    const options = planOptions(tool, requestedOptions, modelsRoot, help, prefix, errors);
    return {
      tool: step.tool,
      ...(step.jobType !== undefined ? { jobType: step.jobType } : {}),
      ...(step.bank !== undefined ? { bank: step.bank } : {}),
      options,
    };
  });
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
