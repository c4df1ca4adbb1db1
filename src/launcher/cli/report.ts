// `aoe-dashboard report [--html | --md] [--gate FILE] [--lang zh-CN|en] [-o FILE] FILES...`: the
// migration acceptance report (迁移验收表) from the same inputs as `compare`: the baseline's AOE
// report first, each report optionally followed by the benchmark measurement of its model, a
// trtexec file (or --gpu FILE) as the GPU baseline. Markdown on stdout by default; --html writes
// one self-contained offline HTML file. The stated time is SOURCE_DATE_EPOCH when set (for
// reproducible reports), else now. Exit codes as compare's: 0 accept, 1 reject, 3 not enough
// data, 4 not comparable, 2 usage error.
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { CliIo, SetExit } from './io.ts';
import { DEFAULT_GATE_RULES } from '../../core/model/gate.ts';
import { buildComparison } from '../../core/model/comparison.ts';
import type { ReportLang } from '../../core/model/gate-words.ts';
import {
  acceptanceHtml,
  acceptanceMarkdown,
  buildAcceptanceReport,
} from '../../core/report/index.ts';
import { showControls } from '../../core/export/visible-text.ts';
import { UsageError, VERDICT_EXIT, loadInputs, readGate } from './compare.ts';
import { MeasurementInputError } from './measure-input.ts';
import type { CliInputs } from './compare.ts';
import { advise } from '../../core/advisor/advise.ts';
import type { MeasurementInput } from '../../core/advisor/types.ts';
import type { SharedAdvice } from '../../core/share/bundle-types.ts';
import type { Measurement } from '../../core/measure/model.ts';

interface ReportOptions {
  readonly html?: boolean;
  readonly md?: boolean;
  readonly gate?: string;
  readonly gpu?: string;
  readonly lang?: string;
  readonly output?: string;
  readonly advice?: boolean;
}

const USAGE = 2;
const LANGS: readonly ReportLang[] = ['en', 'zh-CN'];

export function generatedAt(env: NodeJS.ProcessEnv = process.env): string {
  const epoch = env['SOURCE_DATE_EPOCH'];
  if (epoch !== undefined && /^\d{1,12}$/.test(epoch)) {
    return new Date(Number(epoch) * 1000).toISOString();
  }
  return new Date().toISOString();
}

export function registerReport(program: Command, io: CliIo, setExit: SetExit): void {
  program
    .command('report')
    .description('write the migration acceptance report (Markdown or offline HTML)')
    .argument(
      '<files...>',
      "the baseline's AOE report, then runs' reports; each report may be followed by the benchmark measurement of its model; a trtexec file is the GPU baseline",
    )
    .option(
      '--html',
      'one self-contained HTML file (inline styles and charts, no external request)',
    )
    .option('--md', 'Markdown (the default)')
    .option('--gate <file>', 'gate rules JSON (schemas/gate-rules.schema.json)')
    .option('--gpu <file>', 'GPU baseline measurement (trtexec --exportTimes JSON or its log)')
    .option('--lang <lang>', 'report language: en or zh-CN', 'en')
    .option('-o, --output <file>', 'write the report to FILE instead of stdout')
    .option('--no-advice', "leave out the Advice section (the advisor's findings on each run)")
    .action(async (files: string[], opts: ReportOptions) => {
      try {
        if (opts.html && opts.md) throw new UsageError('choose one of --html and --md');
        const lang = LANGS.find((l) => l === opts.lang);
        if (lang === undefined)
          throw new UsageError(`--lang must be en or zh-CN, not "${opts.lang ?? ''}"`);
        const html = opts.html ?? (!opts.md && /\.html?$/i.test(opts.output ?? ''));
        const rules = opts.gate === undefined ? DEFAULT_GATE_RULES : await readGate(opts.gate);
        const [first, ...rest] = files;
        if (first === undefined) throw new UsageError('give at least the baseline report');
        const { runs, measured, inputs } = await loadInputs(first, rest, opts.gpu, io, 'report');
        const baseline = runs[0];
        if (baseline === undefined) throw new UsageError(`${first}: no tuning task in the file`);
        const comparison = buildComparison(runs, baseline, undefined, rules, measured);
        const report = buildAcceptanceReport({
          comparison,
          lang,
          generatedAt: generatedAt(),
          ...(opts.advice === false ? {} : { advice: runsAdvice(inputs, baseline.id) }),
        });
        const text = html ? acceptanceHtml(report) : acceptanceMarkdown(report);
        if (opts.output !== undefined) {
          try {
            await writeFile(opts.output, text, 'utf8');
          } catch (err) {
            throw new UsageError(
              `${opts.output}: cannot write (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
            );
          }
        } else io.stdout(text);
        setExit(VERDICT_EXIT[comparison.gate.verdict]);
      } catch (err) {
        if (!(err instanceof UsageError || err instanceof MeasurementInputError)) throw err;
        io.stderr(`report: ${err.message.split('\n').map(showControls).join('\n')}\n`);
        setExit(USAGE);
      }
    });
}

/**
 * The Advice of the runs a report judges — every run but the baseline, the baseline alone when it
 * is the only one — as the dashboard's report has it: each run's task with the measurements the
 * command line placed (the baseline report's as the baseline OM, the run's own as the tuned OM,
 * the GPU baseline). Nothing is dismissed on a command line.
 */
export function runsAdvice(
  inputs: CliInputs,
  baselineId: string,
): { readonly run: string; readonly advice: SharedAdvice }[] {
  const judged = inputs.runs.filter((r) => r.run.id !== baselineId);
  const base = inputs.placed.get(baselineId);
  return (judged.length > 0 ? judged : inputs.runs).flatMap((r) => {
    const report = inputs.reports.get(r.run.id);
    const task = report?.tasks[r.taskIndex];
    if (!report || !task) return [];
    const own = inputs.placed.get(r.run.id);
    const measurement = (
      placed: { readonly path: string; readonly measurement: Measurement },
      role: MeasurementInput['role'],
    ): MeasurementInput => ({
      fileId: placed.path,
      fileName: placed.path,
      index: 0,
      measurement: placed.measurement,
      role,
    });
    const measurements = [
      ...(base && r.run.id !== baselineId ? [measurement(base, 'baseline')] : []),
      ...(own ? [measurement(own, r.run.id === baselineId ? 'baseline' : 'tuned')] : []),
      ...(inputs.gpu ? [measurement(inputs.gpu, 'gpu')] : []),
    ];
    const findings = advise({ reports: [{ ...report, tasks: [task] }], measurements });
    return [{ run: r.run.label, advice: { findings, dismissed: [] } }];
  });
}
