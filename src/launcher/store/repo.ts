// Typed access to the launcher's tables. Statements are prepared once per database; every JSON
// column is written by this module only, so reading it back trusts its shape. The writes that
// must land even on a full disk (a job's final state, deleting runs) go through `essential`,
// which gives up the space reserve and tries once more (disk-full.ts).
import type { LauncherJob } from '../../core/validation/generated/launcher-job.ts';
import { rmSync } from 'node:fs';
import type { Db } from './db.ts';
import { createReserve, isDiskFull, StoreFullError } from './disk-full.ts';

/** A job's states, as its contract names them (schemas/launcher-job.schema.json). */
export type JobState = LauncherJob['state'];
export const TERMINAL_STATES: ReadonlySet<JobState> = new Set([
  'succeeded',
  'failed',
  'canceled',
  'interrupted',
]);

export interface JobRow {
  readonly id: string;
  readonly state: JobState;
  readonly request: string;
  readonly device: number;
  readonly work_dir: string;
  /** The tuner's process group (its leader's pid) while a phase runs. */
  readonly pid: number | null;
  /** The group leader's start time (clock ticks since boot), to tell it from a later process. */
  readonly pgid_start: number | null;
  readonly exit_code: number | null;
  readonly error_code: NonNullable<LauncherJob['errorCode']> | null;
  readonly error_message: string | null;
  readonly created_at: string;
  readonly started_at: string | null;
  readonly finished_at: string | null;
}

export interface EventRow {
  readonly seq: number;
  readonly type: string;
  readonly data: string;
  readonly at: string;
}

export interface RunRow {
  readonly id: string;
  readonly job_id: string | null;
  readonly file_name: string;
  readonly sha256: string;
  readonly raw_path: string;
  readonly format: string;
  readonly report: string | null;
  readonly issues: string;
  readonly created_at: string;
}

export interface PipelineRunRow {
  readonly id: string;
  readonly job_id: string;
  readonly data: string;
  readonly created_at: string;
}

export interface BundleRow {
  readonly id: string;
  readonly data: string;
  readonly size: number;
  readonly created_at: string;
}

export type StepState = 'queued' | 'running' | 'skipped' | JobState;

export interface StepRow {
  readonly idx: number;
  readonly tool: string;
  /** JSON: what the step's events carry ({jobType} or {step, tool, jobType?}). */
  readonly tag: string;
  readonly state: StepState;
  readonly started_at: string | null;
  readonly finished_at: string | null;
  readonly exit_code: number | null;
  readonly error_code: string | null;
  readonly error_message: string | null;
  readonly outputs: string | null;
  readonly manifest: string | null;
}

export interface JobFinish {
  readonly state: JobState;
  readonly exitCode: number | null;
  readonly errorCode: string | null;
  readonly errorMessage: string | null;
}

export type Repo = ReturnType<typeof createRepo>;

export function createRepo(db: Db) {
  const reserve = createReserve(db);
  const s = {
    insertJob: db.prepare(
      `INSERT INTO jobs (id, state, request, device, work_dir, created_at)
       VALUES (@id, 'queued', @request, @device, @work_dir, @created_at)`,
    ),
    getJob: db.prepare('SELECT * FROM jobs WHERE id = ?'),
    listJobs: db.prepare('SELECT * FROM jobs ORDER BY created_at DESC, rowid DESC LIMIT ?'),
    jobsInState: db.prepare('SELECT * FROM jobs WHERE state = ? ORDER BY created_at, rowid'),
    start: db.prepare(
      `UPDATE jobs SET state = 'running', started_at = ?, pid = NULL WHERE id = ? AND state = 'queued'`,
    ),
    setPid: db.prepare('UPDATE jobs SET pid = ?, pgid_start = ? WHERE id = ?'),
    countQueued: db.prepare(`SELECT COUNT(*) AS n FROM jobs WHERE state = 'queued'`),
    endedJobs: db.prepare(
      `SELECT id, work_dir FROM jobs WHERE state NOT IN ('queued', 'running')
       ORDER BY created_at DESC, rowid DESC LIMIT -1 OFFSET ?`,
    ),
    finish: db.prepare(
      `UPDATE jobs SET state = @state, exit_code = @exit_code, error_code = @error_code,
         error_message = @error_message, finished_at = @finished_at WHERE id = @id`,
    ),
    maxSeq: db.prepare('SELECT MAX(seq) AS seq FROM job_events WHERE job_id = ?'),
    insertEvent: db.prepare(
      'INSERT INTO job_events (job_id, seq, type, data, at) VALUES (?, ?, ?, ?, ?)',
    ),
    eventsAfter: db.prepare(
      'SELECT seq, type, data, at FROM job_events WHERE job_id = ? AND seq > ? ORDER BY seq',
    ),
    insertRun: db.prepare(
      `INSERT INTO runs (id, job_id, file_name, sha256, raw_path, format, report, issues, created_at)
       VALUES (@id, @job_id, @file_name, @sha256, @raw_path, @format, @report, @issues, @created_at)`,
    ),
    getRun: db.prepare('SELECT * FROM runs WHERE id = ?'),
    runsOfJob: db.prepare('SELECT id FROM runs WHERE job_id = ? ORDER BY created_at, rowid'),
    listRuns: db.prepare(
      `SELECT id, job_id, file_name, sha256, format, created_at FROM runs
       ORDER BY created_at DESC, rowid DESC LIMIT ?`,
    ),
    deleteRun: db.prepare('DELETE FROM runs WHERE id = ?'),
    putManifest: db.prepare(
      'INSERT OR REPLACE INTO manifests (job_id, job_type, data) VALUES (?, ?, ?)',
    ),
    manifestsOfJob: db.prepare(
      'SELECT job_type, data FROM manifests WHERE job_id = ? ORDER BY job_type',
    ),
    insertStep: db.prepare(
      `INSERT OR IGNORE INTO job_steps (job_id, idx, tool, tag, state) VALUES (?, ?, ?, ?, 'queued')`,
    ),
    startStep: db.prepare(
      `UPDATE job_steps SET state = 'running', started_at = ? WHERE job_id = ? AND idx = ?`,
    ),
    finishStep: db.prepare(
      `UPDATE job_steps SET state = @state, finished_at = @finished_at, exit_code = @exit_code,
         error_code = @error_code, error_message = @error_message, outputs = @outputs,
         manifest = @manifest WHERE job_id = @job_id AND idx = @idx`,
    ),
    closeRunningSteps: db.prepare(
      `UPDATE job_steps SET state = ?, finished_at = ? WHERE job_id = ? AND state = 'running'`,
    ),
    skipQueuedSteps: db.prepare(
      `UPDATE job_steps SET state = 'skipped' WHERE job_id = ? AND state = 'queued'`,
    ),
    stepsOfJob: db.prepare('SELECT * FROM job_steps WHERE job_id = ? ORDER BY idx'),
    insertBundle: db.prepare(
      'INSERT INTO bundles (id, data, size, created_at) VALUES (?, ?, ?, ?)',
    ),
    getBundle: db.prepare('SELECT * FROM bundles WHERE id = ?'),
    listBundles: db.prepare(
      'SELECT id, size, created_at FROM bundles ORDER BY created_at DESC, rowid DESC LIMIT ?',
    ),
    deleteBundle: db.prepare('DELETE FROM bundles WHERE id = ?'),
    unrecorded: db.prepare(
      `SELECT runs.* FROM runs LEFT JOIN jobs ON jobs.id = runs.job_id
       WHERE (runs.job_id IS NULL OR jobs.state IN ('succeeded', 'failed', 'canceled', 'interrupted'))
         AND NOT EXISTS (SELECT 1 FROM history_sent WHERE history_sent.run_id = runs.id)
       ORDER BY runs.rowid LIMIT ?`,
    ),
    markRecorded: db.prepare('INSERT OR IGNORE INTO history_sent (run_id, at) VALUES (?, ?)'),
    insertPipelineRun: db.prepare(
      'INSERT INTO pipeline_runs (id, job_id, data, created_at) VALUES (?, ?, ?, ?)',
    ),
    getPipelineRun: db.prepare('SELECT * FROM pipeline_runs WHERE id = ?'),
    pipelineRunOfJob: db.prepare('SELECT id FROM pipeline_runs WHERE job_id = ?'),
    deletePipelineRun: db.prepare('DELETE FROM pipeline_runs WHERE id = ?'),
  };

  /** Runs `write`; on a full disk gives up the reserve and runs it once more. */
  const essential = <T>(write: () => T): T => {
    try {
      return write();
    } catch (err) {
      if (!isDiskFull(err) || !reserve.release()) {
        throw isDiskFull(err) ? new StoreFullError(err) : err;
      }
    }
    try {
      return write();
    } catch (err) {
      throw isDiskFull(err) ? new StoreFullError(err) : err;
    }
  };

  return {
    essential,
    /** Takes the space reserve back where there is room again (after space was freed). */
    replenish: () => reserve.replenish(),
    insertJob(id: string, request: string, device: number, workDir: string, at: string): void {
      s.insertJob.run({ id, request, device, work_dir: workDir, created_at: at });
    },
    getJob: (id: string) => s.getJob.get(id) as JobRow | undefined,
    listJobs: (limit: number) => s.listJobs.all(limit) as JobRow[],
    jobsInState: (state: JobState) => s.jobsInState.all(state) as JobRow[],
    /** Moves a queued job to running; false when it is no longer queued (canceled meanwhile). */
    startJob: (id: string, at: string) => s.start.run(at, id).changes === 1,
    setPid(id: string, pid: number | null, start: number | null): void {
      essential(() => s.setPid.run(pid, start, id));
    },
    countQueued: () => (s.countQueued.get() as { n: number }).n,
    /** Jobs that ended, newest first, past the `keep` newest. */
    endedJobsBeyond: (keep: number) => s.endedJobs.all(keep) as { id: string; work_dir: string }[],
    finishJob(id: string, f: JobFinish, at: string): void {
      essential(() =>
        s.finish.run({
          id,
          state: f.state,
          exit_code: f.exitCode,
          error_code: f.errorCode,
          error_message: f.errorMessage,
          finished_at: at,
        }),
      );
    },
    maxSeq: (jobId: string) => (s.maxSeq.get(jobId) as { seq: number | null }).seq ?? 0,
    insertEvent(jobId: string, seq: number, type: string, data: string, at: string): void {
      s.insertEvent.run(jobId, seq, type, data, at);
    },
    eventsAfter: (jobId: string, seq: number) => s.eventsAfter.all(jobId, seq) as EventRow[],
    insertRun(r: RunRow): void {
      s.insertRun.run(r);
    },
    getRun: (id: string) => s.getRun.get(id) as RunRow | undefined,
    runIdsOfJob: (jobId: string) => (s.runsOfJob.all(jobId) as { id: string }[]).map((r) => r.id),
    listRuns: (limit: number) => s.listRuns.all(limit) as Omit<RunRow, 'report' | 'issues'>[],
    /**
     * Deletes a run and its raw file. The file goes first: on a full disk that is what gives the
     * database room to record the deletion. Throws StoreFullError only when nothing made room.
     */
    deleteRun(id: string): boolean {
      const run = s.getRun.get(id) as RunRow | undefined;
      if (!run) return false;
      rmSync(run.raw_path, { force: true });
      const deleted = essential(() => s.deleteRun.run(id).changes === 1);
      reserve.replenish();
      return deleted;
    },
    putManifest(jobId: string, jobType: number, data: unknown): void {
      s.putManifest.run(jobId, jobType, JSON.stringify(data));
    },
    manifestsOfJob(jobId: string): unknown[] {
      const rows = s.manifestsOfJob.all(jobId) as { data: string }[];
      return rows.map((r) => JSON.parse(r.data) as unknown);
    },
    /** Records a job's steps as queued (once: a restart does not add them again). */
    insertSteps(jobId: string, steps: readonly { tool: string; tag: unknown }[]): void {
      db.transaction(() => {
        steps.forEach((st, i) => s.insertStep.run(jobId, i, st.tool, JSON.stringify(st.tag)));
      })();
    },
    startStep(jobId: string, idx: number, at: string): void {
      essential(() => s.startStep.run(at, jobId, idx));
    },
    finishStep(
      jobId: string,
      idx: number,
      f: JobFinish & { readonly outputs: unknown; readonly manifest: unknown },
      at: string,
    ): void {
      essential(() =>
        s.finishStep.run({
          job_id: jobId,
          idx,
          state: f.state,
          finished_at: at,
          exit_code: f.exitCode,
          error_code: f.errorCode,
          error_message: f.errorMessage,
          outputs: f.outputs === null ? null : JSON.stringify(f.outputs),
          manifest: f.manifest === null ? null : JSON.stringify(f.manifest),
        }),
      );
    },
    /** When a job ends: its running step takes the job's state, the steps after it are skipped. */
    closeSteps(jobId: string, state: JobState, at: string): void {
      essential(() => {
        s.closeRunningSteps.run(state, at, jobId);
        s.skipQueuedSteps.run(jobId);
      });
    },
    stepsOfJob: (jobId: string) => s.stepsOfJob.all(jobId) as StepRow[],
    insertBundle(id: string, data: string, at: string): void {
      s.insertBundle.run(id, data, Buffer.byteLength(data), at);
    },
    getBundle: (id: string) => s.getBundle.get(id) as BundleRow | undefined,
    listBundles: (limit: number) => s.listBundles.all(limit) as Omit<BundleRow, 'data'>[],
    deleteBundle(id: string): boolean {
      const deleted = essential(() => s.deleteBundle.run(id).changes === 1);
      if (deleted) reserve.replenish();
      return deleted;
    },
    /** Runs of ended jobs not yet recorded in the history, oldest first. */
    unrecordedRuns: (limit: number) => s.unrecorded.all(limit) as RunRow[],
    markRecorded(runId: string, at: string): void {
      s.markRecorded.run(runId, at);
    },
    /** Stores the Run a finished pipeline made (its JSON document, written by pipeline-run.ts). */
    insertPipelineRun(id: string, jobId: string, data: string, at: string): void {
      essential(() => s.insertPipelineRun.run(id, jobId, data, at));
    },
    getPipelineRun: (id: string) => s.getPipelineRun.get(id) as PipelineRunRow | undefined,
    deletePipelineRun(id: string): boolean {
      const deleted = essential(() => s.deletePipelineRun.run(id).changes === 1);
      if (deleted) reserve.replenish();
      return deleted;
    },
    pipelineRunIdOfJob: (jobId: string) =>
      (s.pipelineRunOfJob.get(jobId) as { id: string } | undefined)?.id ?? null,
    transaction: <T>(fn: () => T): T => db.transaction(fn)(),
  };
}
