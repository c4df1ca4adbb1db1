// Every path a request names is relative to the models root and must stay inside it after
// symlinks are resolved: `../`, absolute paths and links that point out are all refused. The one
// absolute path a request may carry, TUNE_BANK_PATH, must name a directory inside the root too.
import { accessSync, constants, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, sep } from 'node:path';
import { hasControlChar } from './tools/tool.ts';

export type PathCheck =
  | { readonly ok: true; readonly path: string; readonly isDir: boolean }
  | { readonly ok: false; readonly reason: 'absolute' | 'outside' | 'missing' | 'invalid' };

export function resolveUnderRoot(root: string, relative: string): PathCheck {
  if (relative === '' || hasControlChar(relative)) return { ok: false, reason: 'invalid' };
  if (isAbsolute(relative) || /^[A-Za-z]:[\\/]/.test(relative)) {
    return { ok: false, reason: 'absolute' };
  }
  if (relative.split(/[\\/]/).includes('..')) return { ok: false, reason: 'outside' };
  let realRoot: string;
  let real: string;
  try {
    realRoot = realpathSync(root);
    real = realpathSync(join(realRoot, relative));
  } catch {
    return { ok: false, reason: 'missing' };
  }
  if (real !== realRoot && !real.startsWith(realRoot + sep))
    return { ok: false, reason: 'outside' };
  try {
    return { ok: true, path: real, isDir: statSync(real).isDirectory() };
  } catch {
    return { ok: false, reason: 'missing' };
  }
}

/**
 * An absolute directory (TUNE_BANK_PATH) that must resolve inside the root: AOE writes into it,
 * so it gets the same confinement as every path a request names.
 */
export function resolveDirInRoot(root: string, absolute: string): PathCheck {
  if (absolute === '' || hasControlChar(absolute)) return { ok: false, reason: 'invalid' };
  let realRoot: string;
  let real: string;
  try {
    realRoot = realpathSync(root);
    real = realpathSync(absolute);
  } catch {
    return { ok: false, reason: 'missing' };
  }
  if (real !== realRoot && !real.startsWith(realRoot + sep)) {
    return { ok: false, reason: 'outside' };
  }
  try {
    return { ok: true, path: real, isDir: statSync(real).isDirectory() };
  } catch {
    return { ok: false, reason: 'missing' };
  }
}

/** The bank a job was planned with is still that directory (no link swapped in) and usable. */
export function isUsableBank(planned: string): boolean {
  try {
    return realpathSync(planned) === planned && isWritableDir(planned);
  } catch {
    return false;
  }
}

export const PATH_MESSAGES: Record<Exclude<PathCheck, { ok: true }>['reason'], string> = {
  absolute: 'must be a path relative to the models root, not an absolute path',
  outside: 'must stay inside the models root',
  missing: 'does not exist under the models root',
  invalid: 'is not a valid path',
};

/** A directory this process can read, write and enter (what AOE needs of TUNE_BANK_PATH). */
export function isWritableDir(path: string): boolean {
  try {
    if (!statSync(path).isDirectory()) return false;
    accessSync(path, constants.R_OK | constants.W_OK | constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
