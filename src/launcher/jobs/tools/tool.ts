// The one interface between the job runner and a command-line tool (aoe, atc, ais_bench, msprof,
// npu-smi). An adapter owns everything about its tool: the options a user may pass and how their
// values are checked (documented options, narrowed to what this host's `--help` lists), the
// argument array (never a shell), the environment, what a line of its output means, whether a run
// succeeded and why not, where its outputs are, what a manifest records and what the preflight
// checks. The runner, the store and the API only speak this interface.
import type { LauncherJob } from '../../../core/validation/generated/launcher-job.ts';
import type { Env } from '../env.ts';

/** Why a job failed: the failure codes of the job contract (schemas/launcher-job.schema.json). */
export type FailureCode = NonNullable<LauncherJob['errorCode']>;

export type OptionSpec =
  | { readonly kind: 'enum'; readonly values: readonly string[] }
  | { readonly kind: 'int'; readonly min: number; readonly max: number }
  | { readonly kind: 'flag' }
  | { readonly kind: 'text'; readonly pattern: RegExp }
  /** A file the option reads: must resolve inside the models root. */
  | { readonly kind: 'file' };

export const MAX_OPTION_VALUE = 4096;

export type OptionCheck =
  | { readonly ok: true; readonly fileOption: boolean }
  | { readonly ok: false; readonly reason: 'unknown' | 'not-in-help' | 'field' | 'value' };

/** How a tool's `--help` is asked for and read; absent for tools without a usable option list. */
export interface HelpSpec {
  readonly argv: readonly string[];
  /** The long option names the text lists. */
  readonly parse: (text: string) => string[];
}

/** What one line of a tool's output means for the step, if anything. */
export type LineEvent =
  | { readonly kind: 'success'; readonly data?: Readonly<Record<string, unknown>> }
  | { readonly kind: 'failure'; readonly code: FailureCode; readonly detail: string | null }
  | { readonly kind: 'progress'; readonly data: Readonly<Record<string, unknown>> }
  | { readonly kind: 'phase'; readonly phase: string };

/** What the runner saw while the tool ran, for the adapter's verdict. */
export interface RunFacts {
  readonly exitCode: number | null;
  readonly signal: string | null;
  /** A success line was printed. */
  readonly success: boolean;
  /** The failures lines named, each with what the first such line said. */
  readonly failures: ReadonlyMap<FailureCode, string | null>;
  /** The last lines of output, for the message. */
  readonly tail: string;
  readonly cwd: string;
}

export type Verdict =
  | { readonly ok: true }
  | { readonly ok: false; readonly code: FailureCode; readonly message: string };

/** What a finished step leaves for the next steps and for the store. */
export interface StepOutputs {
  /** Result files the store keeps as runs (read by the same src/core parsers the dashboard uses). */
  readonly runFiles: readonly string[];
  /** A model the step produced (.om), for the next step and the manifest. */
  readonly model: string | null;
  /** Anything else worth naming: profiler tables, summary JSON, … */
  readonly files: Readonly<Record<string, string | readonly string[]>>;
  /** Figures the tool's own output gave (latency, throughput), when it measures. */
  readonly figures: Readonly<Record<string, unknown>> | null;
}

export interface PreflightItem {
  readonly id: string;
  readonly status: 'ok' | 'warning' | 'error';
  /** A sentence in English; the page localizes from `id`, `status` and `values`. */
  readonly message: string;
  readonly values?: Readonly<Record<string, string | number>>;
}

/** A started-or-not invocation: the argument array and its environment, or why it cannot start. */
export type Invocation =
  | {
      readonly ok: true;
      readonly argv: readonly string[];
      readonly env: Env;
      /** The output the tool was told to write (without suffix for aoe/atc), for outputs(). */
      readonly output: string | null;
    }
  | { readonly ok: false; readonly code: FailureCode; readonly message: string };

export interface InvocationContext {
  /** The step's own fresh, empty working directory (the tool's cwd). */
  readonly cwd: string;
  /** The launcher's environment for jobs (set_env.sh sourced), before the tool adds to it. */
  readonly env: Env;
  /** The option names this host's `--help` lists, or null when not probed. */
  readonly help: ReadonlySet<string> | null;
}

export interface ToolAdapter<P> {
  readonly name: ToolName;
  /** The program looked up on the job's PATH unless the launcher is given another. */
  readonly program: string;
  /** Its name in messages ("aoe", "atc", "ais_bench"). */
  readonly label: string;
  /** What to do when the program is not found. */
  readonly notFoundHint: string;
  /** Documented options a request may set through `options`, with their value rules. */
  readonly options: Readonly<Record<string, OptionSpec>>;
  /** Documented options the adapter sets from the step's own fields: refused in `options`. */
  readonly fieldOptions: Readonly<Record<string, string>>;
  readonly help: HelpSpec | null;
  /** The argument array and environment for one run; may write small inputs into `ctx.cwd`. */
  invocation(params: P, ctx: InvocationContext): Invocation;
  parseLine(line: string): LineEvent | null;
  /** Whether the run succeeded, from the exit status, what its lines said and what it wrote. */
  verdict(facts: RunFacts): Verdict;
  /** Progress read from files the tool rewrites while it runs (called every poll), if any. */
  poller?(cwd: string): () => Promise<Readonly<Record<string, unknown>> | null>;
  outputs(params: P, cwd: string, output: string | null): Promise<StepOutputs>;
  /** The tool's own fields of the step's manifest (the runner adds command, env, times, host). */
  manifest(params: P, outputs: StepOutputs): Promise<Readonly<Record<string, unknown>>>;
  /** What the host needs besides the program itself (disk, RAM, devices, directories). */
  preflight?(ctx: {
    readonly env: Env;
    readonly dataDir?: string | undefined;
  }): readonly PreflightItem[];
  /** The environment variables a manifest keeps: what changes the tool's behaviour. */
  readonly manifestEnv: RegExp;
  /** A file in the step's directory that keeps the tool's whole stdout, for tools whose result is it. */
  readonly stdoutFile?: string;
}

export type ToolName =
  'aoe' | 'atc' | 'ais_bench' | 'msprof' | 'npu-smi' | 'converter_lite' | 'mslite_benchmark';

/** NUL, newlines and other C0/DEL characters: never part of an option value or a path. */
export function hasControlChar(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}

/** Checks one `options` entry against a tool's documented set, its `--help` and the value rule. */
export function checkToolOption(
  tool: Pick<ToolAdapter<unknown>, 'options' | 'fieldOptions'>,
  name: string,
  value: string,
  helpOptions: ReadonlySet<string> | null,
): OptionCheck {
  if (Object.hasOwn(tool.fieldOptions, name)) return { ok: false, reason: 'field' };
  const spec = Object.hasOwn(tool.options, name) ? tool.options[name] : undefined;
  if (!spec) return { ok: false, reason: 'unknown' };
  if (helpOptions && !helpOptions.has(name)) return { ok: false, reason: 'not-in-help' };
  if (value.length > MAX_OPTION_VALUE || hasControlChar(value))
    return { ok: false, reason: 'value' };
  const valid = (() => {
    switch (spec.kind) {
      case 'enum':
        return spec.values.includes(value);
      case 'int': {
        if (!/^\d{1,6}$/.test(value)) return false;
        const n = Number(value);
        return n >= spec.min && n <= spec.max;
      }
      case 'flag':
        return value === '' || value === 'true';
      case 'text':
        return spec.pattern.test(value);
      case 'file':
        return value !== '';
    }
  })();
  if (!valid) return { ok: false, reason: 'value' };
  return { ok: true, fileOption: spec.kind === 'file' };
}

/** `--name=value` for each checked option, bare `--name` for flags, in request order. */
export function optionArgs(
  specs: Readonly<Record<string, OptionSpec>>,
  options: readonly (readonly [string, string])[],
): string[] {
  return options.map(([name, value]) =>
    specs[name]?.kind === 'flag' ? `--${name}` : `--${name}=${value}`,
  );
}

/** The long option names a help text lists (`--name` tokens; short forms and --help ignored). */
export function parseLongOptions(helpText: string): string[] {
  const found = new Set<string>();
  for (const m of helpText.matchAll(/(?:^|[\s,[(])--([A-Za-z][A-Za-z0-9_-]*)/g)) {
    if (m[1] !== undefined && m[1] !== 'help') found.add(m[1]);
  }
  return [...found].sort();
}

/** The last `n` lines of a tail, joined. */
export const lastLines = (tail: readonly string[], n = 10) => tail.slice(-n).join('\n');

/** "exit code 3" or "signal SIGKILL". */
export function exitWords(facts: Pick<RunFacts, 'exitCode' | 'signal'>): string {
  return facts.signal ? `signal ${facts.signal}` : `exit code ${facts.exitCode}`;
}

/** Disk-full words any tool may print: the OS's own ENOSPC texts. */
export const OS_NO_SPACE = /No space left on device|\bENOSPC\b|Disk quota exceeded/i;
