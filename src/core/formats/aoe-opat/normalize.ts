// AOE operator-tuning tree → TuningReport. Reads every layout and key generation of FORMATS.md
// Part A (CANN 6.0.1 to 9.0), converts percentages to numbers, recomputes the time saved, and
// cross-checks AOE's stated figures. Tolerant by design: it also runs on trees that failed the
// schema and on the salvaged part of a truncated file, and never throws.
import type { AoeGeneration, TuningReport, TuningTask } from '../../model/types.ts';
import { parsePercent } from '../../model/units.ts';
import type { ImportIssue, ParseContext } from '../types.ts';
import { child, finite, isObject, own, text, type JsonObject } from '../json/tree.ts';
import { checkRepoSummary, checkStatedImprovement } from '../aoe/cross-check.ts';
import type { IssueSink } from '../aoe/issue-sink.ts';
import { checkKnownKeys, splitTasks, type RawTask } from '../aoe/layout.ts';
import { readOperators, type PlainLists } from '../aoe/operators.ts';
import type { NormalizeInput } from '../aoe/pipeline.ts';
import { readTime } from '../aoe/times.ts';
import {
  readSummary,
  recomputedFigures,
  statusOf,
  stem,
  SUMMARY_KEYS,
} from '../aoe/task-fields.ts';

const SECTION_KEYS = new Set(['basic', 'OPAT']);
const BASIC_KEYS = new Set(['tuning_name', 'tuning_time(s)']);
const OPAT_KEYS = new Set([
  'model_baseline_performance(ms)',
  'model_result_performance(ms)',
  'model_performance_improvement',
  'opat_tuning_result',
  'opat_tune_result',
  'tune_failed_operators',
  'repo_modified_operators',
  'repo_summary',
]);

/** The report, or null when the tree holds no AOE task at all. */
export function normalizeOpat(input: NormalizeInput): TuningReport | null {
  const { root, ctx, incomplete, sink, plainLists } = input;
  const { layout, tasks: raw } = splitTasks(root, {
    isSectionKey: (k) => SECTION_KEYS.has(k),
    incomplete,
    sink,
  });
  if (layout === null || raw.length === 0) return null;
  const read = raw.map((t) => readTask(t, ctx, incomplete, sink, plainLists));
  return {
    id: ctx.id,
    fileName: ctx.fileName,
    kind: 'opat',
    layout,
    generation: fileGeneration(
      read.map((r) => r.generation),
      sink,
    ),
    incomplete: raw.some((t) => t.incomplete) || (isObject(root) && incomplete.has(root)),
    tasks: read.map((r) => r.task),
  };
}

function readTask(
  raw: RawTask,
  ctx: ParseContext,
  incomplete: ReadonlySet<object>,
  sink: IssueSink,
  plainLists: PlainLists | undefined,
): { task: TuningTask; generation: AoeGeneration } {
  const extra: Record<string, unknown> = { ...raw.extra };
  const basicSection = raw.sections.get('basic');
  const opatSection = raw.sections.get('OPAT');
  const basic: JsonObject = isObject(basicSection?.value) ? basicSection.value : {};
  const opat: JsonObject = isObject(opatSection?.value) ? opatSection.value : {};
  const opatPointer = opatSection?.pointer ?? '';
  if (basicSection) checkKnownKeys(basic, basicSection.pointer, BASIC_KEYS, extra, sink);
  if (opatSection) checkKnownKeys(opat, opatPointer, OPAT_KEYS, extra, sink);

  const tuneResult = text(own(opat, 'opat_tune_result'));
  const tuningResult = text(own(opat, 'opat_tuning_result'));
  const statusText = tuningResult ?? tuneResult;
  const failedRaw = own(opat, 'tune_failed_operators');
  const failedOperators = Array.isArray(failedRaw)
    ? failedRaw.filter((x): x is string => typeof x === 'string')
    : [];

  const repoValue = own(opat, 'repo_modified_operators');
  const ops = readOperators(repoValue, child(opatPointer, 'repo_modified_operators'), {
    sink,
    incomplete,
    extra,
    plainLists,
  });

  const summaryValue = own(opat, 'repo_summary');
  const repoSummary = readSummary(summaryValue, incomplete);
  if (repoSummary) {
    checkRepoSummary(repoSummary, ops.counts, child(opatPointer, 'repo_summary'), sink);
  }
  if (isObject(summaryValue)) {
    const known = new Set<string>(SUMMARY_KEYS);
    checkKnownKeys(summaryValue, child(opatPointer, 'repo_summary'), known, extra, sink);
  }

  const baselineKey = 'model_baseline_performance(ms)';
  const resultKey = 'model_result_performance(ms)';
  const baselineMs = readTime(own(opat, baselineKey), child(opatPointer, baselineKey), sink);
  const tunedMs = readTime(own(opat, resultKey), child(opatPointer, resultKey), sink);
  const rawImprovement = own(opat, 'model_performance_improvement');
  const improvementPct = parsePercent(rawImprovement);
  const both = baselineMs !== null && tunedMs !== null;
  if (both) {
    const at = child(opatPointer, 'model_performance_improvement');
    checkStatedImprovement(rawImprovement, improvementPct, baselineMs, tunedMs, at, sink);
  }

  const task: TuningTask = {
    name: text(own(basic, 'tuning_name')) ?? raw.reportKey ?? stem(ctx.fileName),
    kind: 'opat',
    status: statusOf(statusText, failedOperators.length),
    statusText,
    reportKey: raw.reportKey,
    tuningTimeS: finite(own(basic, 'tuning_time(s)')),
    baselineMs,
    tunedMs,
    improvementPct,
    ...recomputedFigures(baselineMs, tunedMs),
    repoSummary,
    operators: ops.rows,
    failedOperators,
    extra,
  };
  return { task, generation: taskGeneration(tuneResult, ops.generation) };
}

/**
 * The key set decides (AoeGeneration): an operator array is 6.3+; `opat_tune_result` is 6.0.1; an
 * operator object is 6.0/6.2 and the status key tells which. `opat_tuning_result` alone fits both
 * 6.2 and 6.3+, so it stays `unknown`.
 */
function taskGeneration(tuneResult: string | null, operators: 'A' | 'B' | null): AoeGeneration {
  if (operators === 'B') return 'cann-6.3+';
  if (tuneResult !== null) return 'cann-6.0';
  if (operators === 'A') return 'cann-6.2';
  return 'unknown';
}

function fileGeneration(generations: readonly AoeGeneration[], sink: IssueSink): AoeGeneration {
  const known = [...new Set(generations.filter((g) => g !== 'unknown'))];
  if (known.length > 1) {
    const issue: ImportIssue = {
      code: 'INCONSISTENT',
      severity: 'warning',
      message: `The tasks of this file use key sets of different CANN versions (${known.join(', ')}); the first is shown.`,
      path: '',
      found: known.join(', '),
    };
    sink.add(issue);
  }
  return known[0] ?? 'unknown';
}
