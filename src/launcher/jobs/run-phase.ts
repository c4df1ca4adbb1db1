// One step of a job: one tool invocation in its own directory, through the tool's adapter. Start
// it, turn its lines into events (the adapter says what a line means), poll the files it rewrites
// for progress when the adapter knows any, and let the adapter judge the outcome and find the
// outputs. Nothing here knows a particular tool.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Env } from './env.ts';
import type { JobEventType } from './events.ts';
import { startTool, stopGroup, sweepGroup } from './process.ts';
import { lastLines, type FailureCode, type StepOutputs, type ToolAdapter } from './tools/tool.ts';

export type { FailureCode } from './tools/tool.ts';

/** DISK_FULL: the launcher can no longer store the job's events, or the tool ran out of space. */
export type StopReason = 'CANCELED' | 'TIMEOUT' | 'INTERRUPTED' | 'DISK_FULL';

export type StepOutcome =
  | {
      readonly ok: true;
      readonly exitCode: number;
      readonly argv: readonly string[];
      readonly env: Env;
      readonly outputs: StepOutputs;
    }
  | {
      readonly ok: false;
      readonly code: FailureCode;
      readonly exitCode: number | null;
      readonly message: string;
    };

export interface PhaseControl {
  /** Set by cancel/timeout/shutdown; the step stops its process group and reports it. */
  stopReason: StopReason | null;
  stop: (() => Promise<void>) | null;
}

export interface StepInput<P> {
  readonly tool: ToolAdapter<P>;
  readonly params: P;
  /** The program, already resolved to an absolute path. */
  readonly bin: string;
  /** The step's fresh, empty working directory. */
  readonly cwd: string;
  readonly env: Env;
  readonly help: ReadonlySet<string> | null;
  /** Merged into every event of the step (`{jobType}` for an AOE job, `{step, tool}` in a pipeline). */
  readonly tag: Readonly<Record<string, unknown>>;
  readonly graceMs: number;
  readonly pollMs: number;
  readonly emit: (type: JobEventType, data: unknown) => void;
  readonly onPid: (pid: number | null) => void;
}

const TAIL_LINES = 20;
const MAX_KEPT_BYTES = 64 * 2 ** 20;

export async function runStep<P>(input: StepInput<P>, ctl: PhaseControl): Promise<StepOutcome> {
  const { emit, tag, tool } = input;
  const inv = tool.invocation(input.params, { cwd: input.cwd, env: input.env, help: input.help });
  if (!inv.ok) return { ok: false, code: inv.code, exitCode: null, message: inv.message };
  emit('phase', { ...tag, phase: 'start', command: [input.bin, ...inv.argv] });

  const tail: string[] = [];
  // The whole stdout, for a tool whose result is its console output (bounded: a runaway tool
  // cannot fill the launcher's memory).
  const kept: string[] = [];
  let keptBytes = 0;
  let success = false;
  const failures = new Map<FailureCode, string | null>();
  let exited = false;

  const running = startTool(input.bin, inv.argv, {
    cwd: input.cwd,
    env: inv.env,
    onLine: (stream, line) => {
      emit('log', { stream, line, ...tag });
      tail.push(line);
      if (tail.length > TAIL_LINES) tail.shift();
      if (tool.stdoutFile !== undefined && stream === 'stdout' && keptBytes < MAX_KEPT_BYTES) {
        kept.push(line);
        keptBytes += line.length + 1;
      }
      const ev = tool.parseLine(line);
      if (!ev) return;
      if (ev.kind === 'success') success = true;
      else if (ev.kind === 'failure') {
        if (!failures.has(ev.code)) failures.set(ev.code, ev.detail);
      } else if (ev.kind === 'progress') emit('progress', { ...tag, ...ev.data });
      else emit('phase', { ...tag, phase: ev.phase });
    },
  });
  const pgid = running.pid ?? null;
  input.onPid(pgid);
  ctl.stop = pgid === null ? null : () => stopGroup(pgid, input.graceMs, () => exited);
  // Canceled (or timed out) while the job was getting ready: stop what was just started.
  if (ctl.stopReason) void ctl.stop?.();

  const poll = tool.poller?.(input.cwd);
  let polling = Promise.resolve();
  const pollOnce = async () => {
    const data = await poll?.();
    if (data) emit('progress', { ...tag, ...data });
  };
  const timer = poll
    ? setInterval(() => {
        polling = polling.then(pollOnce, pollOnce);
      }, input.pollMs)
    : null;

  const exit = await running.exit;
  exited = true;
  if (timer) clearInterval(timer);
  await polling;
  if (poll) await pollOnce();
  if (pgid !== null) sweepGroup(pgid);
  input.onPid(null);
  ctl.stop = null;

  if (tool.stdoutFile !== undefined) {
    try {
      writeFileSync(
        join(input.cwd, tool.stdoutFile),
        kept.length > 0 ? `${kept.join('\n')}\n` : '',
      );
    } catch {
      // A full disk: the adapter's verdict finds no output and says so.
    }
  }
  const last = lastLines(tail);
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
  const verdict = tool.verdict({
    exitCode: exit.exitCode,
    signal: exit.signal,
    success,
    failures,
    tail: last,
    cwd: input.cwd,
  });
  if (!verdict.ok) {
    return { ok: false, code: verdict.code, exitCode: exit.exitCode, message: verdict.message };
  }
  const outputs = await tool.outputs(input.params, input.cwd, inv.output);
  return { ok: true, exitCode: exit.exitCode ?? 0, argv: inv.argv, env: inv.env, outputs };
}
