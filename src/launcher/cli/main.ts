// The `aoe-dashboard` command. Each subcommand lives in its own module and registers itself on
// the program; `main` returns the process exit code instead of exiting, so tests can call it.
import { Command, CommanderError } from 'commander';
import { registerInspect } from './inspect.ts';
import { registerCompare } from './compare.ts';
import { registerServe } from './serve.ts';

import type { CliIo } from './io.ts';

export type { CliIo };

const defaultIo: CliIo = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
};

/** Exit codes: 0 success, 1 failure (file errors, gate reject), 2 usage error, 3 not enough data. */
export async function main(argv: readonly string[], io: CliIo = defaultIo): Promise<number> {
  let exitCode = 0;
  const setExit = (code: number): void => {
    exitCode = code;
  };
  const program = new Command('aoe-dashboard')
    .description('Read, compare and produce Huawei Ascend AOE tuning reports and profiler tables')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError();
  registerInspect(program, io, setExit);
  registerCompare(program, io, setExit);
  registerServe(program, io, setExit);
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end here with code 0; everything else is a usage error.
      return err.exitCode === 0 ? 0 : 2;
    }
    throw err;
  }
  return exitCode;
}
