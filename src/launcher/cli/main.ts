// The `aoe-dashboard` command. Each subcommand lives in its own module and registers itself on
// the program; `main` returns the process exit code instead of exiting, so tests can call it.
// Subcommand modules are loaded on demand: `inspect` does not pay for the launcher's server and
// database, and a module that fails to load breaks only its own command.
import { Command, CommanderError } from 'commander';
import type { CliIo, SetExit } from './io.ts';

export type { CliIo };

type Register = (program: Command, io: CliIo, setExit: SetExit) => void;

const SUBCOMMANDS: readonly (readonly [string, () => Promise<Register>])[] = [
  ['inspect', async () => (await import('./inspect.ts')).registerInspect],
  ['compare', async () => (await import('./compare.ts')).registerCompare],
  ['report', async () => (await import('./report.ts')).registerReport],
  ['advise', async () => (await import('./advise.ts')).registerAdvise],
  ['serve', async () => (await import('./serve.ts')).registerServe],
  ['publish', async () => (await import('./publish.ts')).registerPublish],
  ['token', async () => (await import('./token.ts')).registerToken],
];
const SUBCOMMAND_NAMES = new Set(SUBCOMMANDS.map(([name]) => name));

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
  const wanted = argv.find((a) => !a.startsWith('-'));
  for (const [name, load] of SUBCOMMANDS) {
    if (wanted !== undefined && wanted !== name && SUBCOMMAND_NAMES.has(wanted)) continue;
    try {
      const register = await load();
      register(program, io, setExit);
    } catch (err) {
      program
        .command(name)
        .allowUnknownOption()
        .allowExcessArguments()
        .description(`(unavailable: ${(err as Error).message})`)
        .action(() => {
          io.stderr(
            `aoe-dashboard ${name}: this command could not be loaded: ${(err as Error).message}\n`,
          );
          setExit(1);
        });
    }
  }
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
