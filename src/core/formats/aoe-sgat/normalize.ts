// AOE subgraph-tuning tree → TuningReport, best effort (FORMATS.md A.7: the field set is not
// public). The layouts are those of the operator-tuning file; inside the tuning section (`SGAT`,
// or another upper-case section such as `GDAT`) fields are recognised by pattern: model times
// `*baseline_performance(ms)` / `*result_performance(ms)`, `*improvement`, `*_tune_result` /
// `*_tuning_result`, `*failed_*` name lists, and `repo_summary` / `repo_modified_operators` when
// they have the operator file's shape. Everything else is kept verbatim and reported.
import type { TuningReport, TuningTask } from '../../model/types.ts';
import { parsePercent } from '../../model/units.ts';
import { child, finite, isObject, own, text, type JsonObject } from '../json/tree.ts';
import { checkRepoSummary, checkStatedImprovement } from '../aoe/cross-check.ts';
import type { IssueSink } from '../aoe/issue-sink.ts';
import { checkKnownKeys, splitTasks, unknownField, type RawTask } from '../aoe/layout.ts';
import { readSummary, recomputedFigures, statusOf, stem } from '../aoe/task-fields.ts';
import { readOperators, type PlainLists } from '../aoe/operators.ts';
import type { NormalizeInput } from '../aoe/pipeline.ts';
import { readTime } from '../aoe/times.ts';
import type { ParseContext } from '../types.ts';

const TUNING_SECTION = /^[A-Z][A-Z0-9_]{1,15}$/;
const BASIC_KEYS = new Set(['tuning_name', 'tuning_time(s)']);
const BASELINE = /baseline_performance\(ms\)$/;
const RESULT = /result_performance\(ms\)$/;
const IMPROVEMENT = /improvement$/;
const STATUS = /_tun(e|ing)_result$/;
const FAILED = /failed_[a-z_]+$/;

export function normalizeSgat(input: NormalizeInput): TuningReport | null {
  const { root, ctx, incomplete, sink, plainLists } = input;
  const { layout, tasks } = splitTasks(root, {
    isSectionKey: (k) => k === 'basic' || TUNING_SECTION.test(k),
    incomplete,
    sink,
  });
  if (layout === null || tasks.length === 0) return null;
  return {
    id: ctx.id,
    fileName: ctx.fileName,
    kind: 'sgat',
    layout,
    generation: 'sgat',
    incomplete: tasks.some((t) => t.incomplete) || (isObject(root) && incomplete.has(root)),
    tasks: tasks.map((t) => readTask(t, ctx, incomplete, sink, plainLists)),
  };
}

/** The first key of `obj` matching `pattern`, with its value. */
function byPattern(obj: JsonObject, pattern: RegExp): [string, unknown] | null {
  for (const key of Object.keys(obj)) if (pattern.test(key)) return [key, obj[key]];
  return null;
}

function readTask(
  raw: RawTask,
  ctx: ParseContext,
  incomplete: ReadonlySet<object>,
  sink: IssueSink,
  plainLists: PlainLists | undefined,
): TuningTask {
  const extra: Record<string, unknown> = { ...raw.extra };
  const basicSection = raw.sections.get('basic');
  const basic: JsonObject = isObject(basicSection?.value) ? basicSection.value : {};
  if (basicSection) checkKnownKeys(basic, basicSection.pointer, BASIC_KEYS, extra, sink);

  // The tuning section: SGAT when present, else the first other upper-case section.
  const names = [...raw.sections.keys()].filter((k) => k !== 'basic');
  const chosen = names.includes('SGAT') ? 'SGAT' : names[0];
  for (const other of names) {
    const s = raw.sections.get(other);
    if (other !== chosen && s) unknownField(extra, s.pointer, s.value, sink);
  }
  const section = chosen === undefined ? undefined : raw.sections.get(chosen);
  const body: JsonObject = isObject(section?.value) ? section.value : {};
  const at = section?.pointer ?? '';

  const baseline = byPattern(body, BASELINE);
  const result = byPattern(body, RESULT);
  const improvement = byPattern(body, IMPROVEMENT);
  const status = byPattern(body, STATUS);
  const failed = byPattern(body, FAILED);
  const baselineMs = baseline ? readTime(baseline[1], child(at, baseline[0]), sink) : null;
  const tunedMs = result ? readTime(result[1], child(at, result[0]), sink) : null;
  const improvementPct = parsePercent(improvement?.[1]);
  const both = baselineMs !== null && tunedMs !== null;
  if (both && improvement) {
    const p = child(at, improvement[0]);
    checkStatedImprovement(improvement[1], improvementPct, baselineMs, tunedMs, p, sink);
  }
  const failedOperators = Array.isArray(failed?.[1])
    ? failed[1].filter((x): x is string => typeof x === 'string')
    : [];
  const ops = readOperators(
    own(body, 'repo_modified_operators'),
    child(at, 'repo_modified_operators'),
    {
      sink,
      incomplete,
      extra,
      plainLists,
    },
  );
  const repoSummary = readSummary(own(body, 'repo_summary'), incomplete);
  if (repoSummary) checkRepoSummary(repoSummary, ops.counts, child(at, 'repo_summary'), sink);

  const read = new Set(
    [baseline, result, improvement, status, failed].flatMap((e) => (e ? [e[0]] : [])),
  );
  if (repoSummary || isObject(own(body, 'repo_summary'))) read.add('repo_summary');
  if (own(body, 'repo_modified_operators') !== undefined) read.add('repo_modified_operators');
  checkKnownKeys(body, at, read, extra, sink);

  const statusText = text(status?.[1]);
  return {
    name: text(own(basic, 'tuning_name')) ?? raw.reportKey ?? stem(ctx.fileName),
    kind: 'sgat',
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
}
