// What Linux's /proc tells about a process: its state, its process group and when it started.
// The start time (clock ticks since boot) tells a process apart from a later one that was given
// the same pid, so neither the data-dir lock nor the orphan sweep ever acts on a stranger.
import { readdirSync, readFileSync } from 'node:fs';

export interface ProcStat {
  readonly pid: number;
  /** One letter: R, S, D, Z (zombie), X (dead), … */
  readonly state: string;
  readonly pgid: number;
  readonly startTicks: number;
}

export function readStat(pid: number): ProcStat | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // The command name (field 2) may hold spaces and parentheses: the fields after it start after
  // its last ')'. From there, index 0 is field 3 (state), 2 is field 5 (pgrp), 19 is field 22.
  const rest = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const state = rest[0] ?? '';
  const pgid = Number(rest[2]);
  const startTicks = Number(rest[19]);
  if (!state || !Number.isInteger(pgid) || !Number.isFinite(startTicks)) return null;
  return { pid, state, pgid, startTicks };
}

/** Runs (or sleeps), as opposed to gone or a zombie waiting to be reaped. */
export function isRunning(pid: number): boolean {
  const stat = readStat(pid);
  if (stat) return stat.state !== 'Z' && stat.state !== 'X';
  if (hasProcfs()) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The start time of a running process, or null when it is gone (or /proc is not there). */
export function startTicksOf(pid: number): number | null {
  const stat = readStat(pid);
  return stat && stat.state !== 'Z' && stat.state !== 'X' ? stat.startTicks : null;
}

let procfs: boolean | null = null;
export function hasProcfs(): boolean {
  if (procfs === null) {
    try {
      readFileSync('/proc/self/stat');
      procfs = true;
    } catch {
      procfs = false;
    }
  }
  return procfs;
}

/** Every live (non-zombie) process whose process group is `pgid`. */
export function groupMembers(pgid: number): ProcStat[] {
  let names: string[];
  try {
    names = readdirSync('/proc');
  } catch {
    return [];
  }
  const members: ProcStat[] = [];
  for (const name of names) {
    if (!/^\d+$/.test(name)) continue;
    const stat = readStat(Number(name));
    if (stat && stat.pgid === pgid && stat.state !== 'Z' && stat.state !== 'X') members.push(stat);
  }
  return members;
}
