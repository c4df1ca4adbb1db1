// Placeholder: the `compare` subcommand is being written; it registers nothing yet.
import type { Command } from 'commander';
import type { CliIo, SetExit } from './io.ts';

export function registerCompare(_program: Command, _io: CliIo, _setExit: SetExit): void {}
