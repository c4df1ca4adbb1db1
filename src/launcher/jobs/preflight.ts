// What the Launch page shows before a job is started: is `aoe` there and does it run, which
// options its `--help` lists (probed once, cached), was set_env.sh sourced, which devices
// `npu-smi` sees, and free disk/RAM against AOE's documented minimums (AOE-CLI.md §3: 20 GB in
// $HOME, 32 GB RAM per process), and whether TUNE_BANK_PATH exists and is writable.
import { execa } from 'execa';
import { accessSync, constants, statfsSync, statSync } from 'node:fs';
import { freemem, homedir } from 'node:os';
import { resolveBinary, type Env } from './env.ts';
import { parseHelpOptions } from './tools/aoe.ts';

export type CheckStatus = 'ok' | 'warning' | 'error';

export interface PreflightItem {
  readonly id: 'aoe' | 'help' | 'setEnv' | 'devices' | 'disk' | 'ram' | 'bank';
  readonly status: CheckStatus;
  /** A sentence in English; the page localizes from `id`, `status` and `values`. */
  readonly message: string;
  readonly values?: Readonly<Record<string, string | number>>;
}

export interface Preflight {
  readonly ok: boolean;
  readonly items: readonly PreflightItem[];
  readonly helpOptions: readonly string[] | null;
  readonly devices: readonly number[];
}

export const MIN_DISK_BYTES = 20 * 2 ** 30;
export const MIN_RAM_BYTES = 32 * 2 ** 30;
const GB = (n: number) => Math.round((n / 2 ** 30) * 10) / 10;

export interface HelpProbe {
  readonly ok: boolean;
  readonly bin: string | null;
  readonly options: ReadonlySet<string> | null;
  readonly error: string | null;
}

/** Runs `aoe --help` once per launcher process and keeps the answer. */
export function createHelpProbe(aoeBin: string, env: Env) {
  let cached: Promise<HelpProbe> | null = null;
  let settled: HelpProbe | null = null;
  const run = async (): Promise<HelpProbe> => {
    const bin = resolveBinary(aoeBin, env);
    if (!bin) return { ok: false, bin: null, options: null, error: 'not found' };
    const r = await execa(bin, ['--help'], {
      env,
      extendEnv: false,
      reject: false,
      timeout: 20_000,
      stdin: 'ignore',
    });
    const text = `${String(r.stdout)}\n${String(r.stderr)}`;
    const options = parseHelpOptions(text);
    if (r.exitCode !== 0 && options.length === 0) {
      return { ok: false, bin, options: null, error: `exit code ${r.exitCode ?? r.signal}` };
    }
    return { ok: true, bin, options: new Set(options), error: null };
  };
  return {
    get(): Promise<HelpProbe> {
      cached ??= run().then((p) => (settled = p));
      return cached;
    },
    /** The option list once probed (null before, or when aoe is missing). */
    options: (): ReadonlySet<string> | null => settled?.options ?? null,
  };
}

async function npuDevices(env: Env): Promise<number[] | null> {
  const bin = resolveBinary('npu-smi', env);
  if (!bin) return null;
  const r = await execa(bin, ['info'], { env, extendEnv: false, reject: false, timeout: 10_000 });
  if (r.exitCode !== 0) return null;
  // Table rows start with "| <npu id>  <name>" in every npu-smi version seen.
  const ids = new Set<number>();
  for (const m of String(r.stdout).matchAll(/^\|\s*(\d+)\s+[A-Za-z0-9]/gm)) ids.add(Number(m[1]));
  return [...ids].sort((a, b) => a - b);
}

function diskItem(path: string): PreflightItem {
  try {
    const fs = statfsSync(path);
    const free = fs.bavail * fs.bsize;
    const ok = free >= MIN_DISK_BYTES;
    return {
      id: 'disk',
      status: ok ? 'ok' : 'warning',
      message: `${GB(free)} GB free in ${path}${ok ? '' : '; AOE needs at least 20 GB per process'}.`,
      values: { freeGb: GB(free), minGb: 20, path },
    };
  } catch {
    return {
      id: 'disk',
      status: 'error',
      message: `Free space in ${path} cannot be read.`,
      values: { path },
    };
  }
}

export async function runPreflight(opts: {
  readonly probe: { get(): Promise<HelpProbe> };
  readonly env: Env;
  readonly setEnvFile: string | null;
  readonly aoeBin: string;
  /** The launcher's data dir (job working dirs): its disk is checked as well as $HOME's. */
  readonly dataDir?: string;
}): Promise<Preflight> {
  const items: PreflightItem[] = [];
  const probe = await opts.probe.get();
  if (!probe.bin) {
    items.push({
      id: 'aoe',
      status: 'error',
      message: `aoe was not found (${opts.aoeBin}): source CANN's set_env.sh (--set-env) or give --aoe-bin.`,
      values: { bin: opts.aoeBin },
    });
  } else if (!probe.ok) {
    items.push({
      id: 'aoe',
      status: 'error',
      message: `aoe was found at ${probe.bin} but does not run (${probe.error}).`,
      values: { bin: probe.bin, error: probe.error ?? '' },
    });
  } else {
    items.push({
      id: 'aoe',
      status: 'ok',
      message: `aoe runs: ${probe.bin}.`,
      values: { bin: probe.bin },
    });
  }
  const helpCount = probe.options?.size ?? 0;
  items.push(
    probe.options
      ? {
          id: 'help',
          status: 'ok',
          message: `aoe --help lists ${helpCount} options.`,
          values: { count: helpCount },
        }
      : { id: 'help', status: 'error', message: 'The option list of aoe --help is not available.' },
  );
  items.push(
    opts.setEnvFile
      ? {
          id: 'setEnv',
          status: 'ok',
          message: `${opts.setEnvFile} was sourced.`,
          values: { file: opts.setEnvFile },
        }
      : {
          id: 'setEnv',
          status: 'warning',
          message: "No set_env.sh was given (--set-env): jobs use the launcher's own environment.",
        },
  );
  const devices = await npuDevices(opts.env);
  items.push(
    devices === null
      ? {
          id: 'devices',
          status: 'warning',
          message: 'npu-smi was not found: devices cannot be listed.',
        }
      : devices.length === 0
        ? { id: 'devices', status: 'error', message: 'npu-smi lists no device.' }
        : {
            id: 'devices',
            status: 'ok',
            message: `npu-smi lists devices ${devices.join(', ')}.`,
            values: { devices: devices.join(', ') },
          },
  );
  // AOE's workspace lands in the job dirs under the data dir, its other files under $HOME: each
  // disk is checked once against AOE's minimum.
  const home = opts.env.HOME ?? homedir();
  const seen = new Set<number>();
  for (const path of opts.dataDir === undefined ? [home] : [home, opts.dataDir]) {
    let dev: number | null = null;
    try {
      dev = statSync(path).dev;
    } catch {
      // reported below
    }
    if (dev !== null && seen.has(dev)) continue;
    if (dev !== null) seen.add(dev);
    items.push(diskItem(path));
  }
  const ram = freemem();
  const ramOk = ram >= MIN_RAM_BYTES;
  items.push({
    id: 'ram',
    status: ramOk ? 'ok' : 'warning',
    message: `${GB(ram)} GB RAM free${ramOk ? '' : '; AOE needs at least 32 GB per process'}.`,
    values: { freeGb: GB(ram), minGb: 32 },
  });
  const bank = opts.env.TUNE_BANK_PATH;
  if (bank === undefined) {
    items.push({
      id: 'bank',
      status: 'ok',
      message: 'TUNE_BANK_PATH is not set: AOE writes its default custom knowledge base.',
    });
  } else {
    let writable = false;
    try {
      writable = statSync(bank).isDirectory();
      accessSync(bank, constants.R_OK | constants.W_OK | constants.X_OK);
    } catch {
      writable = false;
    }
    items.push({
      id: 'bank',
      status: writable ? 'ok' : 'error',
      message: writable
        ? `TUNE_BANK_PATH ${bank} exists and is writable.`
        : `TUNE_BANK_PATH ${bank} must exist and be readable and writable, or AOE exits at start.`,
      values: { path: bank },
    });
  }
  return {
    ok: !items.some((i) => i.status === 'error'),
    items,
    helpOptions: probe.options ? [...probe.options].sort() : null,
    devices: devices ?? [],
  };
}
