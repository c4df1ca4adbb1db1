// One AOE invocation (one job type) in its own directory: start it, turn its output into events,
// re-read the result JSON it rewrites to report operators tuned so far, and decide the outcome
// (AOE-CLI.md §4.2–4.3: exit code 0 AND the success line AND a result file).
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { importBytes } from '../../core/formats/index.ts';
import type { LauncherJob } from '../../core/validation/generated/launcher-job.ts';
import type { Env } from './env.ts';
import type { JobEventType } from './events.ts';
import { findResultFiles, countTunedOperators } from './outputs.ts';
import { startTool, stopGroup, sweepGroup } from './process.ts';
import { parseLine } from './progress-parser.ts';

/** Why a job failed: the failure codes of the job contract (schemas/launcher-job.schema.json). */
export type FailureCode = NonNullable<LauncherJob['errorCode']>;

/** DISK_FULL: the launcher can no longer store the job's events, or aoe ran out of space. */
export type StopReason = 'CANCELED' | 'TIMEOUT' | 'INTERRUPTED' | 'DISK_FULL';

export type PhaseOutcome =
  | { readonly ok: true; readonly exitCode: number; readonly resultFiles: readonly string[] }
  | {
      readonly ok: false;
      readonly code: FailureCode;
      readonly exitCode: number | null;
      readonly message: string;
    };

export interface PhaseControl {
  /** Set by cancel/timeout/shutdown; the phase stops its process group and reports it. */
  stopReason: StopReason | null;
  stop: (() => Promise<void>) | null;
}

export interface PhaseInput {
  readonly bin: string;
  readonly argv: readonly string[];
  readonly cwd: string;
  readonly env: Env;
  readonly jobType: 1 | 2;
  readonly graceMs: number;
  readonly pollMs: number;
  readonly emit: (type: JobEventType, data: unknown) => void;
  readonly onPid: (pid: number | null) => void;
}

const TAIL_LINES = 20;

/** Operators tuned so far, by distinct name; the core parser when it knows the file, else a count. */
async function tunedSoFar(file: string): Promise<number | null> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return null;
  }
  const imported = await importBytes(basename(file), bytes);
  if (imported.report) {
    const names = new Set<string>();
    for (const task of imported.report.tasks) for (const op of task.operators) names.add(op.name);
    return names.size;
  }
  return countTunedOperators(bytes.toString('utf8'));
}

export async function runPhase(input: PhaseInput, ctl: PhaseControl): Promise<PhaseOutcome> {
  const { emit, jobType } = input;
  const tail: string[] = [];
  let success = false;
  let badOption: string | null | undefined;
  let bankInvalid = false;
  let noSpace = false;
  let exited = false;

  const tool = startTool(input.bin, input.argv, {
    cwd: input.cwd,
    env: input.env,
    onLine: (stream, line) => {
      emit('log', { stream, line, jobType });
      tail.push(line);
      if (tail.length > TAIL_LINES) tail.shift();
      const ev = parseLine(line);
      if (!ev) return;
      if (ev.kind === 'success') success = true;
      else if (ev.kind === 'bad-option') badOption = ev.option;
      else if (ev.kind === 'bank-invalid') bankInvalid = true;
      else if (ev.kind === 'no-space') noSpace = true;
      else if (ev.kind === 'percent') emit('progress', { jobType, percent: ev.pct });
      else emit('phase', { jobType, phase: ev.phase });
    },
  });
  const pgid = tool.pid ?? null;
  input.onPid(pgid);
  ctl.stop = pgid === null ? null : () => stopGroup(pgid, input.graceMs, () => exited);
  // Canceled (or timed out) while the job was getting ready: stop what was just started.
  if (ctl.stopReason) void ctl.stop?.();

  // Progress from the result file AOE rewrites in real time; a half-written read counts nothing.
  let lastCount = -1;
  let lastStamp = '';
  let polling = Promise.resolve();
  const poll = async () => {
    for (const file of findResultFiles(input.cwd)) {
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
        emit('progress', { jobType, operatorsTuned: count, file: basename(file) });
      }
    }
  };
  const timer = setInterval(() => {
    polling = polling.then(poll, poll);
  }, input.pollMs);

  const exit = await tool.exit;
  exited = true;
  clearInterval(timer);
  await polling;
  await poll();
  if (pgid !== null) sweepGroup(pgid);
  input.onPid(null);
  ctl.stop = null;

  const last = tail.slice(-10).join('\n');
  if (ctl.stopReason) {
    return { ok: false, code: ctl.stopReason, exitCode: exit.exitCode, message: last };
  }
  if (exit.spawnError) {
    return {
      ok: false,
      code: 'TUNER_NOT_FOUND',
      exitCode: null,
      message: `${input.bin} could not be started (${exit.spawnError})`,
    };
  }
  const resultFiles = findResultFiles(input.cwd);
  if (exit.exitCode === 0 && success && resultFiles.length > 0) {
    return { ok: true, exitCode: 0, resultFiles };
  }
  if (badOption !== undefined) {
    return {
      ok: false,
      code: 'BAD_OPTION',
      exitCode: exit.exitCode,
      message: `aoe rejected ${badOption ?? 'an option'}:\n${last}`,
    };
  }
  if (bankInvalid) {
    return { ok: false, code: 'BANK_PATH_INVALID', exitCode: exit.exitCode, message: last };
  }
  if (noSpace) {
    const message = `aoe ran out of disk space (AOE needs 20 GB free in $HOME; aoe_workspace takes 2–10 GB a run):\n${last}`;
    return { ok: false, code: 'DISK_FULL', exitCode: exit.exitCode, message };
  }
  const why =
    exit.exitCode !== 0
      ? `aoe ended with ${exit.signal ? `signal ${exit.signal}` : `exit code ${exit.exitCode}`}`
      : !success
        ? 'aoe ended without its success line'
        : 'aoe wrote no result file';
  return { ok: false, code: 'TUNER_FAILED', exitCode: exit.exitCode, message: `${why}\n${last}` };
}
