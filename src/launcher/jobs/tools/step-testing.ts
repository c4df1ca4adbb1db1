// Test helper: runs one adapter's step against its stand-in in e2e/fixtures, through the same
// runner the job manager uses, and keeps the events it emits.
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runStep, type PhaseControl, type StepOutcome } from '../run-phase.ts';
import type { ToolAdapter } from './tool.ts';

export const fixture = (path: string) =>
  fileURLToPath(new URL(`../../../../e2e/fixtures/${path}`, import.meta.url));

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export interface StepRun {
  readonly outcome: StepOutcome;
  readonly events: readonly (readonly [string, Record<string, unknown>])[];
  readonly cwd: string;
}

export async function runWithStandIn<P>(
  tool: ToolAdapter<P>,
  params: P,
  opts: {
    readonly bin: string;
    readonly root: string;
    readonly env?: Record<string, string>;
    readonly ctl?: PhaseControl;
  },
): Promise<StepRun> {
  const cwd = join(opts.root, 'step');
  mkdirSync(cwd, { recursive: true });
  const events: [string, Record<string, unknown>][] = [];
  const outcome = await runStep(
    {
      tool,
      params,
      bin: opts.bin,
      cwd,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: opts.root, ...opts.env },
      help: null,
      tag: { step: 0, tool: tool.name },
      graceMs: 200,
      pollMs: 20,
      emit: (type, data) => events.push([type, data as Record<string, unknown>]),
      onPid: () => {},
    },
    opts.ctl ?? { stopReason: null, stop: null },
  );
  return { outcome, events, cwd };
}

/** Whether a process runs (a zombie does not). */
export function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}

/**
 * Runs a stand-in that hangs (its `hang` mode writes `fake_pids.json`: itself and a child that
 * ignores SIGINT and SIGTERM), waits until both run, then stops the step for `reason` the way the
 * job manager does. Returns the outcome and the two pids, for the caller to check they are gone.
 */
export async function stopHungStep<P>(
  tool: ToolAdapter<P>,
  params: P,
  opts: { readonly bin: string; readonly root: string; readonly env?: Record<string, string> },
  reason: 'CANCELED' | 'TIMEOUT',
): Promise<{ run: StepRun; parent: number; child: number; bothRan: boolean }> {
  const ctl: PhaseControl = { stopReason: null, stop: null };
  const pending = runWithStandIn(tool, params, { ...opts, ctl });
  const file = join(opts.root, 'step', 'fake_pids.json');
  let pids: { parent: number; child: number } | null = null;
  const until = Date.now() + 10_000;
  while (pids === null && Date.now() < until) {
    try {
      pids = JSON.parse(readFileSync(file, 'utf8')) as { parent: number; child: number };
    } catch {
      await new Promise((r) => setTimeout(r, 20));
    }
  }
  if (pids === null) throw new Error(`${tool.label} stand-in wrote no fake_pids.json`);
  const bothRan = alive(pids.parent) && alive(pids.child);
  ctl.stopReason = reason;
  await ctl.stop?.();
  return { run: await pending, ...pids, bothRan };
}
