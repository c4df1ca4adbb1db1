/** Where a subcommand writes; injectable so tests capture output. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

/** Registers a subcommand; `setExit` records the process exit code it decided. */
export type SetExit = (code: number) => void;
