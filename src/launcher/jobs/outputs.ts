// What AOE leaves in a job's working directory (AOE-CLI.md §5): `aoe_result_<kind>_<ts>_pid<pid>.json`
// beside `aoe_workspace/<model>_<ts…>/tunespace/result/<model>_<ts>_tune[_<os>_<arch>].om`, plus
// `<--output>.om` when that option was given. Also the facts a manifest records.
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Env } from './env.ts';

const RESULT_FILE = /^aoe_result_[a-z]+_.*\.json$/;
const TUNED_OM = /_tune.*\.om$/;

/** Result JSON files AOE wrote in `dir`, oldest first. */
export function findResultFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((n) => RESULT_FILE.test(n))
    .map((n) => join(dir, n))
    .sort((a, b) => statSync(a).mtimeMs - statSync(b).mtimeMs);
}

/**
 * The model aoe or atc wrote for `--output=<path>`: `<path>.om`, or `<path>_<os>_<arch>.om` when
 * the shape is dynamic (AOE-CLI.md §1.2).
 */
export function findOutputOm(output: string): string | null {
  if (existsSync(`${output}.om`)) return `${output}.om`;
  const parent = join(output, '..');
  const base = output.slice(parent.length + 1);
  try {
    const match = readdirSync(parent).find((n) => n.startsWith(`${base}_`) && n.endsWith('.om'));
    return match ? join(parent, match) : null;
  } catch {
    return null;
  }
}

/** The tuned model: `--output` (with or without the `_<os>_<arch>` suffix) first, else the workspace copy. */
export function findTunedOm(dir: string, output: string | null): string | null {
  const fromOutput = output ? findOutputOm(output) : null;
  if (fromOutput) return fromOutput;
  const ws = join(dir, 'aoe_workspace');
  let runs: string[];
  try {
    runs = readdirSync(ws);
  } catch {
    return null;
  }
  for (const run of runs.sort().reverse()) {
    const result = join(ws, run, 'tunespace', 'result');
    try {
      const om = readdirSync(result).find((n) => TUNED_OM.test(n));
      if (om) return join(result, om);
    } catch {
      // this run dir has no result yet
    }
  }
  return null;
}

export function sha256File(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (c) => hash.update(c))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}

/** AOE's variables (AOE-CLI.md §2): the default of `envSubset`. */
const AOE_ENV = /^(ASCEND_|TUNE_BANK_PATH$|REPEAT_TUNE$|TE_PARALLEL_COMPILER$|AOE_MODE$)/;

/** The environment a manifest keeps: what changes the tool's behaviour, never the whole env. */
export function envSubset(env: Env, keep: RegExp = AOE_ENV): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(env).sort()) {
    const value = env[key];
    if (keep.test(key) && value !== undefined) out[key] = value;
  }
  return out;
}

/** CANN's version from the toolkit's version file, when the environment says where it is. */
export function cannVersion(env: Env): string | null {
  const homes = [env.ASCEND_TOOLKIT_HOME, env.ASCEND_HOME_PATH].filter(
    (h): h is string => typeof h === 'string' && h !== '',
  );
  for (const home of homes) {
    for (const name of ['version.cfg', 'version.info', 'ascend_toolkit_install.info']) {
      const file = join(home, name);
      try {
        const text = readFileSync(file, 'utf8');
        const m = /version\s*=\s*\[?([0-9][^\]\s:]*)/i.exec(text);
        if (m?.[1]) return m[1];
      } catch {
        // not this file
      }
    }
  }
  return null;
}

/**
 * Operators tuned so far, read from a result file AOE may be rewriting right now: tolerant of a
 * half-written file (null), counts 6.3+ lists and the older add/update objects.
 */
export function countTunedOperators(text: string): number | null {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return null;
  }
  let count = 0;
  const visit = (node: unknown, depth: number): void => {
    if (depth > 6 || node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const item of node) visit(item, depth + 1);
      return;
    }
    for (const [key, value] of Object.entries(node)) {
      if (key === 'repo_modified_operators') {
        if (Array.isArray(value)) count += value.length;
        else if (value && typeof value === 'object') {
          for (const v of Object.values(value)) if (Array.isArray(v)) count += v.length;
        }
      } else visit(value, depth + 1);
    }
  };
  visit(doc, 0);
  return count;
}
