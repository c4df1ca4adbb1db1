// Runs a tool in its own process group (`detached`), reads stdout and stderr line by line, and
// stops it the way AOE-CLI.md §4.5 asks: SIGINT to the group, then SIGTERM, then SIGKILL, and a
// final sweep of the group for children that outlived their parent. After a launcher crash the
// group is found again from what the store recorded (`sweepRecordedGroup`).
import { execa } from 'execa';
import { readlinkSync } from 'node:fs';
import { LineSplitter } from './lines.ts';
import type { Env } from './env.ts';
import { groupMembers, readStat, type ProcStat } from './proc-table.ts';

export type Stream = 'stdout' | 'stderr';
export const MAX_LINE = 8192;

export interface ToolExit {
  readonly exitCode: number | null;
  readonly signal: string | null;
  /** The tool could not be started at all (ENOENT, EACCES). */
  readonly spawnError: string | null;
}

export interface RunningTool {
  readonly pid: number | undefined;
  readonly exit: Promise<ToolExit>;
}

export function startTool(
  file: string,
  args: readonly string[],
  opts: { cwd: string; env: Env; onLine: (stream: Stream, line: string) => void },
): RunningTool {
  const child = execa(file, args, {
    cwd: opts.cwd,
    env: opts.env,
    extendEnv: false,
    detached: true,
    cleanup: false,
    stdin: 'ignore',
    buffer: false,
    reject: false,
    stripFinalNewline: false,
  });
  for (const stream of ['stdout', 'stderr'] as const) {
    const readable = child[stream];
    if (!readable) continue;
    const splitter = new LineSplitter();
    readable.setEncoding('utf8');
    const emit = (line: string) =>
      opts.onLine(stream, line.length > MAX_LINE ? `${line.slice(0, MAX_LINE)}…` : line);
    readable.on('data', (chunk: string) => splitter.push(chunk).forEach(emit));
    readable.on('end', () => splitter.flush().forEach(emit));
  }
  const exit = child.then((r) => {
    const code = (r as { code?: unknown }).code;
    const spawnError =
      r.exitCode === undefined && r.signal === undefined && typeof code === 'string' ? code : null;
    return { exitCode: r.exitCode ?? null, signal: r.signal ?? null, spawnError };
  });
  return { pid: child.pid, exit };
}

/** Sends `signal` to the whole group; false when the group is gone (ESRCH) or not ours. */
export function signalGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  if (!Number.isInteger(pgid) || pgid <= 1) return false;
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function waitGone(pgid: number, ms: number, exited: () => boolean): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (exited()) return true;
    await sleep(Math.min(50, ms));
  }
  return exited();
}

/**
 * SIGINT (AOE's Ctrl+C), then SIGTERM, then SIGKILL, each after `graceMs` without an exit of the
 * leader; then SIGKILL to the group for whatever the leader left behind.
 */
export async function stopGroup(
  pgid: number,
  graceMs: number,
  leaderExited: () => boolean,
): Promise<void> {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGKILL'] as const) {
    if (!signalGroup(pgid, signal)) return;
    if (await waitGone(pgid, graceMs, leaderExited)) break;
  }
  sweepGroup(pgid);
}

/** Kills every process still in the group (residual workers); harmless when none is left. */
export function sweepGroup(pgid: number): void {
  signalGroup(pgid, 'SIGKILL');
}

/** Guards against pid reuse after a crash: only a process still working in the job's dir is ours. */
export function ownsProcess(pid: number, workDir: string): boolean {
  try {
    return readlinkSync(`/proc/${pid}/cwd`).startsWith(workDir);
  } catch {
    return false;
  }
}

/** A tuner's process group as the store recorded it when the tuner started. */
export interface RecordedGroup {
  /** The group id: the leader's pid (the tuner is started as a group leader). */
  readonly pgid: number;
  /** The leader's start time; null in rows written before it was recorded. */
  readonly leaderStart: number | null;
  /** The job's working directory (identifies the leader when no start time was recorded). */
  readonly workDir: string;
}

/**
 * The live processes of a recorded group that are the job's, whether its leader still runs or
 * not. Linux hands a pid out again only once no process group carries that number, so: when a
 * live process holds the leader's pid but started at another time, the number was reused and the
 * group is a stranger's; otherwise the group's members are the job's leftovers (each one started
 * after the leader did).
 */
export function leftoversOf(group: RecordedGroup): ProcStat[] {
  const since = group.leaderStart;
  if (since === null) {
    // No start time to check against: only processes still working in the job's directory.
    return groupMembers(group.pgid).filter((m) => ownsProcess(m.pid, group.workDir));
  }
  const leader = readStat(group.pgid);
  if (leader && leader.startTicks !== since) return [];
  return groupMembers(group.pgid).filter((m) => m.startTicks >= since);
}

/**
 * After a launcher crash: SIGINT, SIGTERM, then SIGKILL to the recorded group while any of the
 * job's processes is left, re-checking before each signal that the group is still the job's.
 */
export async function sweepRecordedGroup(group: RecordedGroup, graceMs: number): Promise<void> {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGKILL'] as const) {
    if (leftoversOf(group).length === 0) return;
    signalGroup(group.pgid, signal);
    await waitGone(group.pgid, graceMs, () => leftoversOf(group).length === 0);
  }
}
