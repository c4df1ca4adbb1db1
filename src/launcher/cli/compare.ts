// `aoe-dashboard compare BASELINE RUN... [--gate FILE] [--json | --md]`: the compare page's
// comparison and acceptance gate for CI. Each argument is an AOE result file, optionally with
// `#N` to pick its N-th tuning task (0-based); without it a run file contributes every task and
// the baseline file its first. Exit codes: 0 accept, 1 reject, 3 not enough data, 2 usage error
// (bad option, unreadable or non-AOE input, invalid gate file).
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Command } from 'commander';
import type { CliIo, SetExit } from './io.ts';
import type { CompareRun } from '../../core/model/compare.ts';
import { DEFAULT_NOISE_PCT, DEFAULT_NOISE_US } from '../../core/model/compare.ts';
import type { GateRules, Verdict } from '../../core/model/gate.ts';
import { DEFAULT_GATE_RULES } from '../../core/model/gate.ts';
import { buildComparison } from '../../core/model/comparison.ts';
import { importBytes } from '../../core/formats/index.ts';
import { validate } from '../../core/validation/index.ts';
import { comparisonToJson, prettyJson } from '../../core/export/json.ts';
import { comparisonMarkdown } from '../../core/export/markdown.ts';
import { renderComparisonText } from './compare-text.ts';
import { showControls } from '../../core/export/visible-text.ts';
import { reportOf } from '../../core/formats/content.ts';

interface CompareOptions {
  readonly gate?: string;
  readonly json?: boolean;
  readonly md?: boolean;
  readonly noisePct?: string;
  readonly noiseUs?: string;
}

export const VERDICT_EXIT: Record<Verdict, number> = { accept: 0, reject: 1, insufficient: 3 };
const USAGE = 2;

class UsageError extends Error {}

export function registerCompare(program: Command, io: CliIo, setExit: SetExit): void {
  program
    .command('compare')
    .description('compare tuning runs against a baseline and apply the acceptance gate')
    .argument('<baseline>', 'AOE result file of the baseline run (FILE or FILE#TASK)')
    .argument('<runs...>', 'AOE result files of the runs to compare (FILE or FILE#TASK)')
    .option(
      '--gate <file>',
      'gate rules JSON (schemas/gate-rules.schema.json); default: the built-in rules',
    )
    .option('--noise-pct <pct>', `noise floor, relative (default ${DEFAULT_NOISE_PCT})`)
    .option('--noise-us <us>', `noise floor, absolute µs (default ${DEFAULT_NOISE_US})`)
    .option('--json', 'print JSON (schemas/compare-output.v1.schema.json)')
    .option('--md', 'print a Markdown summary for a review')
    .action(async (baseline: string, runs: string[], opts: CompareOptions) => {
      try {
        if (opts.json && opts.md) throw new UsageError('choose one of --json and --md');
        const noise = {
          pct: parseNoise(opts.noisePct, DEFAULT_NOISE_PCT, '--noise-pct'),
          us: parseNoise(opts.noiseUs, DEFAULT_NOISE_US, '--noise-us'),
        };
        const rules = opts.gate === undefined ? DEFAULT_GATE_RULES : await readGate(opts.gate);
        const base = await loadRuns(baseline, io, true);
        const others: CompareRun[] = [];
        for (const arg of runs) others.push(...(await loadRuns(arg, io, false)));
        const baseRun = base[0];
        if (baseRun === undefined) throw new UsageError(`${baseline}: no tuning task in the file`);
        const all = uniqueIds([baseRun, ...others]);
        const comparison = buildComparison(all, all[0] ?? baseRun, { noise, mapping: {} }, rules);
        if (opts.json) io.stdout(prettyJson(comparisonToJson(comparison)));
        else if (opts.md) io.stdout(comparisonMarkdown(comparison));
        else io.stdout(renderComparisonText(comparison));
        setExit(VERDICT_EXIT[comparison.gate.verdict]);
      } catch (err) {
        if (!(err instanceof UsageError)) throw err;
        io.stderr(`compare: ${err.message.split('\n').map(showControls).join('\n')}\n`);
        setExit(USAGE);
      }
    });
}

function parseNoise(text: string | undefined, fallback: number, flag: string): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n < 0)
    throw new UsageError(`${flag} needs a number ≥ 0, not "${text}"`);
  return n;
}

async function readGate(path: string): Promise<GateRules> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(path, 'utf8')) as unknown;
  } catch (err) {
    const why =
      err instanceof SyntaxError
        ? 'not valid JSON'
        : ((err as NodeJS.ErrnoException).code ?? 'unreadable');
    throw new UsageError(`gate file ${path}: ${why}`);
  }
  const issues = validate('gate-rules', data);
  if (issues.length > 0) {
    throw new UsageError(
      `gate file ${path} does not match schemas/gate-rules.schema.json:\n${issues.map((i) => `  ${showControls(i.message)}`).join('\n')}`,
    );
  }
  return data as GateRules;
}

/** FILE or FILE#N → the file's tasks as compare runs. */
async function loadRuns(arg: string, io: CliIo, isBaseline: boolean): Promise<CompareRun[]> {
  const m = /^(.*)#(\d+)$/.exec(arg);
  const path = m?.[1] ?? arg;
  const pick = m?.[2] === undefined ? null : Number(m[2]);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (err) {
    throw new UsageError(
      `${path}: cannot read the file (${(err as NodeJS.ErrnoException).code ?? 'unreadable'})`,
    );
  }
  const file = await importBytes(path, bytes);
  const report = reportOf(file);
  if (report === null || report.tasks.length === 0) {
    const why =
      file.issues.find((i) => i.severity === 'error')?.message ?? 'no AOE tuning task found';
    throw new UsageError(`${path}: ${showControls(why)}`);
  }
  for (const issue of file.issues) {
    io.stderr(
      showControls(`compare: ${path}: ${issue.severity} ${issue.code}: ${issue.message}`) + '\n',
    );
  }
  const name = basename(path);
  const several = report.tasks.length > 1;
  const runs = report.tasks.map((task, i): CompareRun => ({
    id: several ? `${name}#${i}` : name,
    label: several ? `${name}#${i} · ${task.name}` : `${name} · ${task.name}`,
    fileName: name,
    generation: report.generation,
    task,
  }));
  if (pick !== null) {
    const run = runs[pick];
    if (run === undefined)
      throw new UsageError(`${path}: has ${runs.length} task(s), no task #${pick}`);
    return [run];
  }
  if (isBaseline && several) {
    io.stderr(
      `compare: ${path} has ${runs.length} tasks; the first is the baseline (use ${name}#N to choose)\n`,
    );
    return runs.slice(0, 1);
  }
  return runs;
}

/** The same file given twice still gives distinct run ids. */
function uniqueIds(runs: readonly CompareRun[]): CompareRun[] {
  const seen = new Map<string, number>();
  return runs.map((r) => {
    const n = (seen.get(r.id) ?? 0) + 1;
    seen.set(r.id, n);
    return n === 1 ? r : { ...r, id: `${r.id} (${n})`, label: `${r.label} (${n})` };
  });
}
