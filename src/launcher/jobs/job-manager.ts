// The job queue and lifecycle: queued → running → succeeded | failed | canceled | interrupted.
// One job per device at a time (the tools measure on the device; AOE's docs forbid sharing one),
// different devices in parallel. A job is a list of steps, each one tool invocation run through
// its adapter (tools/); a plain AOE request is one step per job type, 1 then 2. Everything a
// viewer sees is a stored event.
// A full disk or a failing store ends the job it hits (DISK_FULL), never the launcher.
import type { LauncherJob } from '../../core/validation/generated/launcher-job.ts';
import { existsSync, mkdirSync, realpathSync } from 'node:fs';
import { basename, join } from 'node:path';
import { isDiskFull, isStorageError, StoreFullError } from '../store/disk-full.ts';
import {
  TERMINAL_STATES,
  type JobRow,
  type JobState,
  type Repo,
  type StepRow,
} from '../store/repo.ts';
import { buildManifest, newId, storeResultFiles } from './collect.ts';
import { resolveBinary, type Env } from './env.ts';
import { JobEvents } from './events.ts';
import type { JobPlan, JobRequest } from './plan.ts';
import { createHelpProbe } from './preflight.ts';
import { sweepRecordedGroup } from './process.ts';
import { startTicksOf } from './proc-table.ts';
import { DEFAULT_KEEP_WORKDIRS, pruneWorkDirs } from './retention.ts';
import { runStep, type FailureCode, type PhaseControl, type StopReason } from './run-phase.ts';
import type { AisBenchStep } from './tools/ais-bench.ts';
import { aoeSteps, type AoeStep } from './tools/aoe.ts';
import { socOf, type AtcStep } from './tools/atc.ts';
import type { MsprofStep } from './tools/msprof.ts';
import { fmkFromSuffix, type ConverterStep } from './tools/converter-lite.ts';
import { benchmarkShapes, type BenchmarkStep } from './tools/mslite-benchmark.ts';
import { toolOf } from './tools/index.ts';
import { npuSmi, type NpuInfo } from './tools/npu-smi.ts';
import { storePipelineRun } from './pipeline-run.ts';
import type { StepOutputs, ToolName } from './tools/tool.ts';

/** Jobs waiting for a device beyond this are refused: a client loop cannot fill the store. */
export const DEFAULT_MAX_QUEUED = 32;

/** `submit` refused the job: `max` jobs are already waiting. The API answers 429. */
export class QueueFullError extends Error {
  readonly code = 'QUEUE_FULL';
  constructor(readonly max: number) {
    super(`${max} jobs are already queued; wait for some to finish or cancel some`);
    this.name = 'QueueFullError';
  }
}

export interface JobManagerOptions {
  readonly repo: Repo;
  readonly dataDir: string;
  readonly aoeBin: string;
  /** Other tools' programs, when not the adapter's program on the job environment's PATH. */
  readonly bins?: Readonly<Partial<Record<ToolName, string>>>;
  readonly env: Env;
  /** Grace period between SIGINT, SIGTERM and SIGKILL. */
  readonly graceMs?: number;
  /** How often the result JSON is re-read while AOE runs. */
  readonly pollMs?: number;
  /** The `aoe --help` option list, when it could be probed. */
  readonly helpOptions: () => ReadonlySet<string> | null;
  /** Queued jobs beyond this are refused (default DEFAULT_MAX_QUEUED). */
  readonly maxQueued?: number;
  /** Working dirs of this many newest ended jobs are kept (default DEFAULT_KEEP_WORKDIRS). */
  readonly keepWorkDirs?: number;
}

interface Stored {
  readonly request: JobRequest;
  readonly plan: JobPlan;
  /** A job started by resume(): the finished steps it takes over instead of running them. */
  readonly resume?: ResumeFrom;
}

/** What a resumed job takes over from the job it continues. */
export interface ResumeFrom {
  readonly jobId: string;
  readonly fromStep: number;
  /** The reused steps' outputs and manifests, in order (steps 0 … fromStep-1). */
  readonly steps: readonly { readonly outputs: unknown; readonly manifest: unknown }[];
  /** The knowledge base a reused aoe step wrote into, for the steps after it. */
  readonly bank: string | null;
}

/** Why a job cannot be resumed from the step asked for; the API answers with `code`. */
export class ResumeError extends Error {
  constructor(
    readonly code: 'NOT_FOUND' | 'CONFLICT' | 'BAD_REQUEST',
    message: string,
  ) {
    super(message);
    this.name = 'ResumeError';
  }
}

/** A job as GET /api/jobs/:id answers it (schemas/launcher-job.schema.json). */
export type JobView = Readonly<LauncherJob>;

interface Running {
  readonly id: string;
  readonly ctl: PhaseControl;
  done: Promise<void>;
  /** Why the store failed, when that stopped the job. */
  storeError?: unknown;
}

/** A job's end that the store could not record yet (disk full): shown, and written once it can. */
interface UnsavedEnd {
  readonly state: JobState;
  readonly errorCode: FailureCode | null;
  readonly exitCode: number | null;
  readonly message: string | null;
  readonly at: string;
}

const iso = () => new Date().toISOString();

export class JobManager {
  readonly events: JobEvents;
  private readonly running = new Map<number, Running>();
  private readonly progress = new Map<string, unknown>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly unsaved = new Map<string, UnsavedEnd>();
  /** Leftovers of a crashed launcher being stopped: no new job starts until they are gone. */
  private sweeping: Promise<void> = Promise.resolve();
  private pruning: Promise<unknown> = Promise.resolve();
  private closed = false;
  private readonly helpProbes = new Map<ToolName, ReturnType<typeof createHelpProbe>>();

  constructor(private readonly o: JobManagerOptions) {
    this.events = new JobEvents(o.repo, undefined, (id, err) => this.storeFailed(id, err));
  }

  /**
   * On start (under the data dir's lock): jobs a previous launcher left running are interrupted,
   * their log kept, and their process groups stopped whether the group leader still lives or
   * not; queued jobs start once those are gone.
   */
  recover(): void {
    const sweeps: Promise<void>[] = [];
    for (const row of this.o.repo.jobsInState('running')) {
      if (row.pid !== null) {
        const group = { pgid: row.pid, leaderStart: row.pgid_start, workDir: row.work_dir };
        sweeps.push(sweepRecordedGroup(group, this.o.graceMs ?? 3000));
      }
      this.finish(
        row.id,
        'interrupted',
        'INTERRUPTED',
        null,
        'the launcher stopped while the job ran',
      );
    }
    this.sweeping = Promise.all(sweeps).then(() => undefined);
    void this.sweeping.then(() => this.pump());
    this.prune();
  }

  /** Throws QueueFullError when too many jobs wait, StoreFullError when the disk is full. */
  submit(request: JobRequest, plan: JobPlan, resume?: ResumeFrom): string {
    const max = this.o.maxQueued ?? DEFAULT_MAX_QUEUED;
    if (this.o.repo.countQueued() >= max) throw new QueueFullError(max);
    const id = newId();
    const workDir = join(this.o.dataDir, 'jobs', id);
    const stored: Stored = resume ? { request, plan, resume } : { request, plan };
    try {
      this.o.repo.transaction(() => {
        this.o.repo.insertJob(id, JSON.stringify(stored), plan.device, workDir, iso());
        this.o.repo.insertSteps(id, stepsOf(request, plan, resume));
      });
    } catch (err) {
      throw isDiskFull(err) ? new StoreFullError(err) : err;
    }
    this.events.append(id, 'state', { state: 'queued' });
    this.pump();
    return id;
  }

  /**
   * Checks that job `id` can be resumed from `fromStep` and gathers what the new job takes over:
   * the job has ended, is a pipeline, every step before `fromStep` succeeded, and the files they
   * left for the steps after them (the last model built, the knowledge base AOE wrote) are still
   * there. The caller plans the returned request again (paths, options, the device) and submits
   * it with the returned `resume`.
   */
  resumable(id: string, fromStep: number): { request: JobRequest; resume: ResumeFrom } {
    const row = this.o.repo.getJob(id);
    if (!row) throw new ResumeError('NOT_FOUND', 'no such job');
    if (!TERMINAL_STATES.has(this.unsaved.get(id)?.state ?? row.state))
      throw new ResumeError('CONFLICT', 'the job has not ended: cancel it or wait for it first');
    const stored = JSON.parse(row.request) as Stored;
    if (!stored.plan.steps)
      throw new ResumeError('CONFLICT', 'only a pipeline job (preset or steps) can be resumed');
    const steps = this.o.repo.stepsOfJob(id);
    if (fromStep >= steps.length) {
      const message = `the job has ${steps.length} steps (0 … ${steps.length - 1})`;
      throw new ResumeError('BAD_REQUEST', message);
    }
    const reused = steps.slice(0, fromStep);
    const prior = stored.resume;
    let wroteBank = false;
    for (const st of reused) {
      if (st.state !== 'succeeded') {
        const message = `step ${st.idx + 1} (${st.tool}) did not succeed: resume from it or an earlier step`;
        throw new ResumeError('CONFLICT', message);
      }
      const outputs = st.outputs === null ? null : (JSON.parse(st.outputs) as StepOutputs | null);
      if (st.tool === 'aoe') wroteBank = true;
      if (outputs?.model && !existsSync(outputs.model)) {
        const message = `the model step ${st.idx + 1} (${st.tool}) built is gone (${basename(outputs.model)}): resume from that step or an earlier one`;
        throw new ResumeError('CONFLICT', message);
      }
    }
    let bank: string | null = null;
    if (wroteBank && !stored.plan.bank) {
      // The bank the old job's aoe steps wrote: its own, or the one it took over itself.
      bank = prior?.bank ?? join(row.work_dir, 'bank');
      if (!existsSync(bank)) {
        const message =
          'the knowledge base the tuning steps wrote is gone: resume from the first aoe step';
        throw new ResumeError('CONFLICT', message);
      }
      bank = realpathSync(bank);
    }
    return {
      request: stored.request,
      resume: {
        jobId: id,
        fromStep,
        steps: reused.map((st) => ({
          outputs: st.outputs === null ? null : (JSON.parse(st.outputs) as unknown),
          manifest: st.manifest === null ? null : (JSON.parse(st.manifest) as unknown),
        })),
        bank,
      },
    };
  }

  /** What `npu-smi info` says of this host's devices now (null when it cannot be asked). */
  devices(): Promise<NpuInfo | null> {
    return npuSmi.query(this.o.env, 5000);
  }

  /** Whether one of this launcher's jobs runs on `device` (its processes show in npu-smi). */
  usesDevice(device: number): boolean {
    return this.running.has(device);
  }

  get(id: string): JobView | null {
    const row = this.o.repo.getJob(id);
    return row ? this.view(row) : null;
  }

  /** Resolves once the leftovers of a previous launcher are stopped. */
  recovered(): Promise<void> {
    return this.sweeping;
  }

  list(limit = 200): JobView[] {
    return this.o.repo.listJobs(limit).map((r) => this.view(r));
  }

  /** 'canceled' for a queued job, 'stopping' for a running one (stopped in the background), null when it already ended. */
  async cancel(
    id: string,
    reason: StopReason = 'CANCELED',
  ): Promise<'canceled' | 'stopping' | null> {
    const row = this.o.repo.getJob(id);
    if (!row || TERMINAL_STATES.has(row.state)) return null;
    if (row.state === 'queued') {
      this.finish(id, 'canceled', 'CANCELED', null, 'canceled before it started');
      return 'canceled';
    }
    const run = [...this.running.values()].find((r) => r.id === id);
    if (!run) return null;
    if (!run.ctl.stopReason) run.ctl.stopReason = reason;
    // The signals escalate over several grace periods; the caller does not wait for them, the
    // job's final state event says when the tuner is gone.
    void run.ctl.stop?.();
    return 'stopping';
  }

  /** Stops every running job (as interrupted) and waits for them; queued jobs stay queued. */
  async close(): Promise<void> {
    this.closed = true;
    const runs = [...this.running.values()];
    await Promise.all(runs.map((r) => this.cancel(r.id, 'INTERRUPTED')));
    await Promise.all(runs.map((r) => r.done));
    await this.sweeping;
    await this.pruning;
    this.saveUnsaved();
  }

  /** The program of a tool: --aoe-bin for aoe, else the adapter's program on the jobs' PATH. */
  private binOf(tool: ToolName): string {
    return tool === 'aoe' ? this.o.aoeBin : (this.o.bins?.[tool] ?? toolOf(tool).program);
  }

  /** What a tool's `--help` lists on this host, probed once per tool; null when it has none. */
  private async helpOf(tool: ToolName, bin: string): Promise<ReadonlySet<string> | null> {
    if (tool === 'aoe') return this.o.helpOptions();
    const spec = toolOf(tool).help;
    if (!spec) return null;
    let probe = this.helpProbes.get(tool);
    if (!probe) {
      probe = createHelpProbe(bin, this.o.env, spec);
      this.helpProbes.set(tool, probe);
    }
    return (await probe.get()).options;
  }

  /** The store could not take a job's event: a running job is stopped, as it cannot be followed. */
  private storeFailed(id: string, err: unknown): void {
    const run = [...this.running.values()].find((r) => r.id === id);
    if (!run || run.ctl.stopReason) return;
    run.storeError = err;
    run.ctl.stopReason =
      isDiskFull(err) || err instanceof StoreFullError ? 'DISK_FULL' : 'INTERRUPTED';
    void run.ctl.stop?.();
  }

  private view(row: JobRow): JobView {
    const stored = JSON.parse(row.request) as Stored;
    const end = this.unsaved.get(row.id);
    return {
      id: row.id,
      state: end?.state ?? row.state,
      model: stored.request.model,
      device: row.device,
      // The request's schema allowed one or two types; the plan keeps them, in order.
      jobTypes: [...stored.plan.jobTypes] as LauncherJob['jobTypes'],
      exitCode: end ? end.exitCode : row.exit_code,
      errorCode: end ? end.errorCode : row.error_code,
      errorMessage: end ? end.message : row.error_message,
      createdAt: row.created_at,
      startedAt: row.started_at,
      finishedAt: end?.at ?? row.finished_at,
      runIds: this.o.repo.runIdsOfJob(row.id),
      pipelineRunId: this.o.repo.pipelineRunIdOfJob(row.id),
      progress: this.progress.get(row.id) ?? null,
      steps: this.o.repo.stepsOfJob(row.id).map(stepView),
      ...(stored.resume
        ? { resumedFrom: { jobId: stored.resume.jobId, fromStep: stored.resume.fromStep } }
        : {}),
    };
  }

  private pump(): void {
    if (this.closed) return;
    this.saveUnsaved();
    for (const row of this.o.repo.jobsInState('queued')) {
      if (this.running.has(row.device)) continue;
      if (!this.o.repo.startJob(row.id, iso())) continue;
      const entry: Running = {
        id: row.id,
        ctl: { stopReason: null, stop: null },
        done: Promise.resolve(),
      };
      this.running.set(row.device, entry);
      entry.done = this.execute(row, entry)
        .catch((err: unknown) => {
          if (isDiskFull(err) || err instanceof StoreFullError) {
            this.finish(row.id, 'failed', 'DISK_FULL', null, diskFullMessage(err));
          } else if (isStorageError(err)) {
            this.finish(
              row.id,
              'interrupted',
              'INTERRUPTED',
              null,
              `storage error: ${String(err)}`,
            );
          } else {
            this.finish(row.id, 'failed', 'TUNER_FAILED', null, `launcher error: ${String(err)}`);
          }
        })
        .finally(() => {
          this.running.delete(row.device);
          this.pump();
          this.prune();
        });
    }
  }

  /** Removes old working dirs in the background, one pass at a time. */
  private prune(): void {
    const keep = this.o.keepWorkDirs ?? DEFAULT_KEEP_WORKDIRS;
    this.pruning = this.pruning
      .then(() => pruneWorkDirs(this.o.repo, this.o.dataDir, keep))
      .catch(() => 0);
  }

  /** Ends a job. Never throws: an end the full store cannot take is kept until it can. */
  private finish(
    id: string,
    state: JobState,
    errorCode: FailureCode | null,
    exitCode: number | null,
    message: string | null,
  ): void {
    const timer = this.timers.get(id);
    if (timer) clearTimeout(timer);
    this.timers.delete(id);
    this.progress.delete(id);
    this.unsaved.set(id, { state, errorCode, exitCode, message, at: iso() });
    this.saveUnsaved();
  }

  /** Writes the job ends the store could not take before; keeps those it still cannot. */
  private saveUnsaved(): void {
    for (const [id, end] of this.unsaved) {
      const { state, errorCode, exitCode, message, at } = end;
      try {
        this.o.repo.finishJob(id, { state, exitCode, errorCode, errorMessage: message }, at);
      } catch (err) {
        if (!(err instanceof StoreFullError) && !isStorageError(err)) throw err;
        return;
      }
      this.unsaved.delete(id);
      try {
        this.o.repo.closeSteps(id, state, at);
      } catch {
        // the job's own end is recorded; its steps show what they last recorded
      }
      const runIds = this.o.repo.runIdsOfJob(id);
      const pipelineRunId = this.o.repo.pipelineRunIdOfJob(id);
      this.events.append(id, 'state', {
        state,
        errorCode,
        exitCode,
        message,
        runIds,
        pipelineRunId,
      });
    }
  }

  private async execute(row: JobRow, run: Running): Promise<void> {
    const { ctl } = run;
    const id = row.id;
    const { request, plan, resume } = JSON.parse(row.request) as Stored;
    const emit = (type: Parameters<JobEvents['append']>[1], data: unknown) => {
      if (type === 'progress') this.progress.set(id, data);
      this.events.append(id, type, data);
    };
    emit('state', { state: 'running' });
    const steps = stepsOf(request, plan, resume);
    this.o.repo.insertSteps(id, steps);
    mkdirSync(join(this.o.dataDir, 'jobs'), { recursive: true });
    mkdirSync(row.work_dir); // new and empty: each step gets a fresh directory inside
    if (request.timeoutS !== undefined) {
      const timer = setTimeout(() => void this.cancel(id, 'TIMEOUT'), request.timeoutS * 1000);
      this.timers.set(id, timer);
    }
    const pipeline = plan.steps !== undefined;
    const chain: Chain = {
      om: plan.model.toLowerCase().endsWith('.om') ? plan.model : null,
      mindir: plan.model.toLowerCase().endsWith('.mindir') ? plan.model : null,
      soc: plan.soc ?? null,
      bank: null,
      keep(model) {
        if (model.toLowerCase().endsWith('.mindir')) this.mindir = model;
        else this.om = model;
      },
    };
    if (plan.steps?.some((st) => st.tool === 'aoe' || st.bank === true)) {
      // The knowledge base AOE writes and the rebuild reads: the request's, else the job's own.
      const own = join(row.work_dir, 'bank');
      if (plan.bank) chain.bank = plan.bank;
      else if (resume?.bank) chain.bank = resume.bank;
      else {
        mkdirSync(own);
        chain.bank = realpathSync(own);
      }
    }
    let exitCode = 0;
    // A resumed job's first steps are the finished ones it takes over: their outputs, not a run.
    for (const [index, reused] of (resume?.steps ?? []).entries()) {
      const step = steps[index];
      if (!step) break;
      const outputs = reused.outputs as Pick<StepOutputs, 'model'> | null;
      if (outputs?.model) chain.keep(outputs.model);
      const done = { exitCode: 0, errorCode: null, errorMessage: null };
      const f = {
        state: 'succeeded' as const,
        ...done,
        outputs: reused.outputs,
        manifest: reused.manifest,
      };
      this.o.repo.finishStep(id, index, f, iso());
      emit('step', { index, ...step.tag, state: 'succeeded', outputs: reused.outputs });
    }
    for (const [index, step] of steps.entries()) {
      if (ctl.stopReason) break;
      if (index < (resume?.fromStep ?? 0)) continue;
      const tool = toolOf(step.tool);
      const where = pipeline ? `step ${index + 1} (${tool.label}): ` : '';
      const stepFailed = (code: FailureCode, exit: number | null, message: string) => {
        const at = iso();
        const f = { exitCode: exit, errorCode: code, errorMessage: message };
        this.o.repo.finishStep(
          id,
          index,
          { state: stateOf(code), ...f, outputs: null, manifest: null },
          at,
        );
        emit('step', { index, ...step.tag, state: stateOf(code), errorCode: code, message });
        return this.finish(id, stateOf(code), code, exit, `${where}${message}`);
      };
      this.o.repo.startStep(id, index, iso());
      emit('step', { index, ...step.tag, state: 'running' });
      const wanted = this.binOf(step.tool);
      const bin = resolveBinary(wanted, this.o.env);
      if (!bin) {
        return stepFailed(
          'TUNER_NOT_FOUND',
          null,
          `${tool.label} was not found (${wanted}); ${tool.notFoundHint}`,
        );
      }
      if (step.tool === 'atc' && chain.soc === null) {
        chain.soc = socOf(await this.devices(), plan.device);
      }
      const params = step.params(chain);
      if (!params.ok) return stepFailed('TOOL_FAILED', null, params.message);
      const cwd = join(row.work_dir, step.dir);
      mkdirSync(cwd);
      const startedAt = iso();
      const outcome = await runStep(
        {
          tool,
          params: params.value as never,
          bin,
          cwd,
          env: this.o.env,
          help: await this.helpOf(step.tool, bin),
          tag: step.tag,
          graceMs: this.o.graceMs ?? 3000,
          pollMs: this.o.pollMs ?? 1000,
          emit,
          onPid: (pid) => {
            try {
              this.o.repo.setPid(id, pid, pid === null ? null : startTicksOf(pid));
            } catch (err) {
              // Unrecorded, the group could not be found again after a crash: stop it now.
              if (pid !== null) this.storeFailed(id, err);
            }
          },
        },
        ctl,
      );
      if (!outcome.ok) {
        const { code } = outcome;
        const message =
          run.storeError === undefined
            ? outcome.message
            : `${diskFullMessage(run.storeError)}\n${outcome.message}`;
        return stepFailed(code, outcome.exitCode, message);
      }
      exitCode = outcome.exitCode;
      const at = iso();
      const { outputs } = outcome;
      if (outputs.model) chain.keep(outputs.model);
      const runs = await storeResultFiles(this.o.repo, this.o.dataDir, id, outputs.runFiles, at);
      for (const r of runs) emit('result', { ...step.tag, ...r });
      const manifest = await buildManifest({
        jobId: id,
        tool,
        params: params.value,
        outputs,
        bin,
        argv: outcome.argv,
        workDir: cwd,
        env: outcome.env,
        device: plan.device,
        startedAt,
        finishedAt: at,
        exitCode,
        runIds: runs.map((r) => r.runId),
      });
      if (step.manifestKey !== null) this.o.repo.putManifest(id, step.manifestKey, manifest);
      const stepOutputs = { model: outputs.model, files: outputs.files, figures: outputs.figures };
      const done = { exitCode, errorCode: null, errorMessage: null };
      this.o.repo.finishStep(
        id,
        index,
        { state: 'succeeded', ...done, outputs: stepOutputs, manifest },
        at,
      );
      emit('phase', { ...step.tag, phase: 'end', ...endFields(step.tool, outputs) });
      emit('step', { index, ...step.tag, state: 'succeeded', outputs: stepOutputs });
    }
    if (ctl.stopReason) {
      const why = run.storeError === undefined ? null : diskFullMessage(run.storeError);
      return this.finish(id, stateOf(ctl.stopReason), ctl.stopReason, null, why);
    }
    if (pipeline) {
      // The finished loop is one Run: reports, measurements by role, profile, manifest, verdict.
      const runId = await storePipelineRun({
        repo: this.o.repo,
        jobId: id,
        requestModel: request.model,
        modelPath: plan.model,
        preset: request.preset ?? null,
        device: plan.device,
        bank: chain.bank,
        at: iso(),
      });
      emit('result', { kind: 'pipeline', pipelineRunId: runId });
    }
    this.finish(id, 'succeeded', null, exitCode, null);
  }
}

/** What the end event of a step names: the model it made (`tunedOm` for aoe, as before). */
function endFields(tool: ToolName, outputs: StepOutputs): Record<string, unknown> {
  return tool === 'aoe'
    ? { tunedOm: outputs.model }
    : { model: outputs.model, files: outputs.files };
}

/** What a pipeline's steps hand on: the last .om and .mindir built, atc's SoC, the knowledge base. */
interface Chain {
  om: string | null;
  mindir: string | null;
  /** Takes a model a step built as the last .om or .mindir. */
  keep(model: string): void;
  soc: string | null;
  bank: string | null;
}

type StepParams =
  { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly message: string };

interface JobStep {
  readonly tool: ToolName;
  /** The step's directory inside the job's. */
  readonly dir: string;
  /** What its events carry. */
  readonly tag: Readonly<Record<string, unknown>>;
  /** The manifests row of an aoe step (its job type), as before pipelines. */
  readonly manifestKey: number | null;
  readonly params: (chain: Chain) => StepParams;
}

const DEFAULT_LOOP = 100;
const DEFAULT_WARMUP = 5;

/**
 * The steps a stored job runs: a plain AOE request is one AOE step per job type (in the
 * `subgraph` / `operator` directories, events tagged with the job type, as always); a pipeline's
 * steps take the model, the last .om built and the job's knowledge base from `chain`.
 */
function stepsOf(request: JobRequest, plan: JobPlan, resume?: ResumeFrom): JobStep[] {
  const aoeBase = {
    model: plan.model,
    modelIsDir: plan.modelIsDir,
    framework: plan.framework,
    weight: plan.weight,
    device: plan.device,
    inputShape: request.inputShape,
    inputFormat: request.inputFormat,
    tuneOps: request.tuneOpsFile,
    env: request.env,
  };
  if (!plan.steps) {
    return aoeSteps({ ...aoeBase, options: plan.options, bank: plan.bank }, plan.jobTypes).map(
      (st) => ({ ...st, params: () => ({ ok: true, value: st.params }) }),
    );
  }
  return plan.steps.map((st, index): JobStep => {
    const tag = {
      step: index,
      tool: st.tool,
      ...(st.jobType ? { jobType: st.jobType } : {}),
      ...(resume && index < resume.fromStep ? { reusedFrom: resume.jobId } : {}),
    };
    const dir = `${index + 1}-${st.tool}${st.jobType ? `-${st.jobType === 1 ? 'subgraph' : 'operator'}` : ''}`;
    const measure = (chain: Chain): StepParams =>
      chain.om === null
        ? { ok: false, message: 'no .om to measure: no step before built one' }
        : {
            ok: true,
            value: {
              model: chain.om,
              loop: request.loop ?? DEFAULT_LOOP,
              warmupCount: request.warmupCount ?? DEFAULT_WARMUP,
              batchSize: request.batchSize,
              device: plan.device,
              options: st.tool === 'ais_bench' ? st.options : [],
            } satisfies AisBenchStep,
          };
    const params = (chain: Chain): StepParams => {
      switch (st.tool) {
        case 'aoe': {
          const bank = chain.bank;
          const env = { ...(request.env ?? {}), ...(bank ? { TUNE_BANK_PATH: bank } : {}) };
          const value: AoeStep = {
            ...aoeBase,
            env,
            bank,
            jobType: st.jobType ?? 2,
            options: st.options,
          };
          return { ok: true, value };
        }
        case 'atc': {
          if (plan.framework === null) return { ok: false, message: 'atc needs a framework model' };
          const value: AtcStep = {
            model: plan.model,
            framework: plan.framework,
            weight: plan.weight,
            soc: chain.soc,
            inputShape: request.inputShape,
            inputFormat: request.inputFormat,
            dynamicBatchSize: request.dynamicBatchSize,
            outputType: request.outputType ?? 'FP16',
            options: st.options,
            bank: st.bank ? chain.bank : null,
          };
          return { ok: true, value };
        }
        case 'ais_bench':
          return measure(chain);
        case 'msprof': {
          const m = measure(chain);
          if (!m.ok) return m;
          const value: MsprofStep = { measure: m.value as AisBenchStep, options: st.options };
          return { ok: true, value };
        }
        case 'converter_lite': {
          const fmk = fmkFromSuffix(plan.model);
          if (fmk === null)
            return { ok: false, message: 'converter_lite cannot tell the model framework' };
          const mode = request.aoeMode ?? 'subgraph tuning, operator tuning';
          const value: ConverterStep = {
            model: plan.model,
            fmk,
            weight: plan.weight,
            inputShape: request.inputShape,
            aoeMode: mode === 'none' ? null : mode,
            akg: request.akg ?? false,
            options: st.options,
          };
          return { ok: true, value };
        }
        case 'mslite_benchmark': {
          if (chain.mindir === null)
            return { ok: false, message: 'no .mindir to measure: no step before built one' };
          const value: BenchmarkStep = {
            model: chain.mindir,
            loop: request.loop ?? DEFAULT_LOOP,
            warmupCount: request.warmupCount ?? DEFAULT_WARMUP,
            device: plan.device,
            inputShapes: benchmarkShapes(request.inputShape),
            options: st.options,
          };
          return { ok: true, value };
        }
      }
    };
    return { tool: st.tool, dir, tag, manifestKey: null, params };
  });
}

type StepView = NonNullable<LauncherJob['steps']>[number];

function stepView(r: StepRow): StepView {
  const tag = JSON.parse(r.tag) as { jobType?: 1 | 2; reusedFrom?: string };
  return {
    index: r.idx,
    tool: r.tool as StepView['tool'],
    ...(tag.jobType !== undefined ? { jobType: tag.jobType } : {}),
    ...(tag.reusedFrom !== undefined ? { reusedFrom: tag.reusedFrom } : {}),
    state: r.state,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    exitCode: r.exit_code,
    errorCode: r.error_code,
    errorMessage: r.error_message,
    outputs: r.outputs === null ? null : (JSON.parse(r.outputs) as Record<string, unknown>),
  };
}

/** The state a failure code ends a job in: canceled and interrupted are not failures of aoe. */
function stateOf(code: FailureCode): JobState {
  return code === 'CANCELED' ? 'canceled' : code === 'INTERRUPTED' ? 'interrupted' : 'failed';
}

function diskFullMessage(err: unknown): string {
  const cause = err instanceof StoreFullError ? String(err.message) : String(err);
  return isDiskFull(err) || err instanceof StoreFullError
    ? `the launcher's disk is full (${cause}); delete runs or free space in the data dir`
    : `the launcher's store failed: ${cause}`;
}
