// Test helper: runs one adapter's step against its stand-in in e2e/fixtures, through the same
// runner the job manager uses, and keeps the events it emits.
import { mkdirSync, mkdtempSync } from 'node:fs';
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
