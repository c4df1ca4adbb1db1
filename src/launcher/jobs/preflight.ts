// What the Launch page shows before a job is started: is `aoe` there and does it run, which
// options its `--help` lists (probed once, cached), was set_env.sh sourced, and what each tool's
// adapter checks of the host (aoe: free disk/RAM against AOE's documented minimums and
// TUNE_BANK_PATH; npu-smi: the devices, their health and who uses them), and whether the pipeline
// tools are there (atc, msprof, python3 with its ais_bench module).
import { execa } from 'execa';
import { resolveBinary, type Env } from './env.ts';
import { aisBenchTool } from './tools/ais-bench.ts';
import { aoeTool } from './tools/aoe.ts';
import { converterLiteTool } from './tools/converter-lite.ts';
import { msliteBenchmarkTool } from './tools/mslite-benchmark.ts';
import { atcTool } from './tools/atc.ts';
import { msprofTool } from './tools/msprof.ts';
import { npuSmi } from './tools/npu-smi.ts';
import type { HelpSpec, PreflightItem } from './tools/tool.ts';

export type CheckStatus = PreflightItem['status'];
export type { PreflightItem } from './tools/tool.ts';

export interface Preflight {
  readonly ok: boolean;
  readonly items: readonly PreflightItem[];
  readonly helpOptions: readonly string[] | null;
  readonly devices: readonly number[];
}

export interface HelpProbe {
  readonly ok: boolean;
  readonly bin: string | null;
  readonly options: ReadonlySet<string> | null;
  readonly error: string | null;
}

/** Runs a tool's `--help` (aoe's by default) once per launcher process and keeps the answer. */
export function createHelpProbe(
  aoeBin: string,
  env: Env,
  help: HelpSpec = aoeTool.help ?? { argv: ['--help'], parse: () => [] },
) {
  let cached: Promise<HelpProbe> | null = null;
  let settled: HelpProbe | null = null;
  const run = async (): Promise<HelpProbe> => {
    const bin = resolveBinary(aoeBin, env);
    if (!bin) return { ok: false, bin: null, options: null, error: 'not found' };
    const r = await execa(bin, [...help.argv], {
      env,
      extendEnv: false,
      reject: false,
      timeout: 20_000,
      stdin: 'ignore',
    });
    const text = `${String(r.stdout)}\n${String(r.stderr)}`;
    const options = help.parse(text);
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

/** Whether `python3 -m ais_bench` can be run: the module is installed for this python3. */
export interface AisBenchProbe {
  readonly python: string | null;
  readonly installed: boolean;
  /** What python3 said when the module is missing (its last line). */
  readonly error: string | null;
}

/**
 * Asks `python3 -m ais_bench --help` once per launcher. Python says `No module named ais_bench`
 * when the wheel is not installed; anything else (the usage text, even an argument error) means
 * the module loads.
 */
export function createAisBenchProbe(env: Env) {
  let cached: Promise<AisBenchProbe> | null = null;
  const run = async (): Promise<AisBenchProbe> => {
    const python = resolveBinary(aisBenchTool.program, env);
    if (!python) return { python: null, installed: false, error: null };
    const r = await execa(python, ['-m', 'ais_bench', '--help'], {
      env,
      extendEnv: false,
      reject: false,
      timeout: 20_000,
      stdin: 'ignore',
    });
    const text = `${String(r.stdout)}\n${String(r.stderr)}`;
    const missing = /No module named '?ais_bench/.exec(text);
    if (missing || r.timedOut) {
      const last = text.trim().split('\n').at(-1) ?? '';
      return { python, installed: false, error: r.timedOut ? 'timed out' : last.slice(0, 300) };
    }
    return { python, installed: true, error: null };
  };
  return {
    get(): Promise<AisBenchProbe> {
      cached ??= run();
      return cached;
    },
  };
}

/**
 * The pipeline tools: atc, msprof, MindSpore Lite's converter_lite and benchmark on the jobs' PATH, python3 and its ais_bench module. A
 * missing one is a warning, not an error: a plain AOE job needs none of them, and the Launch page
 * refuses only the presets that do.
 */
async function toolItems(
  env: Env,
  probe: { get(): Promise<AisBenchProbe> } | undefined,
): Promise<PreflightItem[]> {
  const items: PreflightItem[] = [];
  for (const [id, tool] of [
    ['atc', atcTool],
    ['msprof', msprofTool],
    ['converterLite', converterLiteTool],
    ['msliteBenchmark', msliteBenchmarkTool],
  ] as const) {
    const bin = resolveBinary(tool.program, env);
    items.push(
      bin
        ? { id, status: 'ok', message: `${tool.label} found: ${bin}.`, values: { bin } }
        : {
            id,
            status: 'warning',
            message: `${tool.label} was not found on the jobs' PATH: ${tool.notFoundHint}.`,
            values: { bin: tool.program },
          },
    );
  }
  const ais = await (probe ?? createAisBenchProbe(env)).get();
  items.push(
    ais.python
      ? {
          id: 'python3',
          status: 'ok',
          message: `python3 found: ${ais.python}.`,
          values: { bin: ais.python },
        }
      : {
          id: 'python3',
          status: 'warning',
          message: "python3 was not found on the jobs' PATH: ais_bench cannot measure.",
          values: { bin: aisBenchTool.program },
        },
  );
  if (ais.python) {
    items.push(
      ais.installed
        ? { id: 'aisBench', status: 'ok', message: 'python3 -m ais_bench runs.' }
        : {
            id: 'aisBench',
            status: 'warning',
            message: `ais_bench is not installed for ${ais.python} (${ais.error ?? ''}): ${aisBenchTool.notFoundHint}.`,
            values: { bin: ais.python, error: ais.error ?? '' },
          },
    );
  }
  return items;
}

export async function runPreflight(opts: {
  readonly probe: { get(): Promise<HelpProbe> };
  readonly env: Env;
  readonly setEnvFile: string | null;
  readonly aoeBin: string;
  /** The launcher's data dir (job working dirs): its disk is checked as well as $HOME's. */
  readonly dataDir?: string;
  /** `python3 -m ais_bench --help`, probed once per launcher (see createAisBenchProbe). */
  readonly aisBenchProbe?: { get(): Promise<AisBenchProbe> };
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
  const info = await npuSmi.query(opts.env);
  items.push(npuSmi.preflight(info, resolveBinary(npuSmi.program, opts.env) !== null));
  items.push(...(aoeTool.preflight?.({ env: opts.env, dataDir: opts.dataDir }) ?? []));
  items.push(...(await toolItems(opts.env, opts.aisBenchProbe)));
  return {
    ok: !items.some((i) => i.status === 'error'),
    items,
    helpOptions: probe.options ? [...probe.options].sort() : null,
    devices: info?.npuIds ?? [],
  };
}
