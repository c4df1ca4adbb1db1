// CANN's set_env.sh is sourced once, when the launcher starts, and the environment it produces is
// kept for every job (AOE-CLI.md §12): `bash -c 'source "$1" && env -0'`. The file name is passed
// as an argument, never spliced into the script.
import { execa } from 'execa';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

export type Env = Readonly<Record<string, string>>;

/** Variables bash sets for itself; they describe the sourcing shell, not CANN. */
const SHELL_OWN = new Set(['_', 'SHLVL', 'PWD', 'OLDPWD']);

export function parseEnv0(text: string): Record<string, string> {
  const env: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const entry of text.split('\0')) {
    const eq = entry.indexOf('=');
    if (eq <= 0) continue;
    const name = entry.slice(0, eq);
    if (!SHELL_OWN.has(name)) env[name] = entry.slice(eq + 1);
  }
  return env;
}

export async function sourceSetEnv(file: string, base: Env): Promise<Record<string, string>> {
  const result = await execa('bash', ['-c', 'source "$1" >&2 && env -0', 'bash', file], {
    env: base,
    extendEnv: false,
    reject: false,
    timeout: 60_000,
    stdin: 'ignore',
  });
  if (result.exitCode !== 0) {
    const tail = String(result.stderr).split('\n').slice(-5).join('\n');
    throw new Error(`sourcing ${file} failed (exit code ${result.exitCode}): ${tail}`);
  }
  return parseEnv0(String(result.stdout));
}

/** The absolute path of `bin` (a path, or a name looked up in the job environment's PATH). */
export function resolveBinary(bin: string, env: Env): string | null {
  const candidates = bin.includes('/')
    ? [bin]
    : (env.PATH ?? '')
        .split(delimiter)
        .filter(Boolean)
        .map((dir) => join(dir, bin));
  for (const c of candidates) {
    try {
      accessSync(c, constants.X_OK);
      return c;
    } catch {
      // not here; next
    }
  }
  return null;
}
