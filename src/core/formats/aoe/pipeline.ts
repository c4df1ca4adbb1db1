// text → JSON read → normalize → schema validation, for both AOE result kinds. The outcome is
// always data: EMPTY, NOT_JSON (with line and byte offset), TRUNCATED (with the byte offset and
// the salvaged report as `partial`), SCHEMA_MISMATCH (with JSON pointers, and the tolerant
// reading as `partial`), NUMBER_OUT_OF_RANGE and NEGATIVE_TIME (with the pointer; the value is
// left out, the rest is read), and warnings (INCONSISTENT, UNKNOWN_FIELD) on success.
//
// A finished report is read in as few passes as a fresh process allows: JSON.parse, one pass of
// normalizing that also counts the keys of the operators it reads and checks their values against
// the schema (aoe/operators.ts, plain operators), then a walk of what is left of the tree for the
// key count (a repeated key, json/fast-json.ts) and the schema check of what is left
// (validateOutlined). When JSON.parse fails or misses something the tolerant reader would report,
// what was normalized is dropped and the tolerant reader's tree is read instead, as before.
import type { TuningReport } from '../../model/types.ts';
import { validate, validateOutlined, type SchemaName } from '../../validation/index.ts';
import { nothingToReport, parseJson } from '../json/fast-json.ts';
import { readJson, type JsonReadResult } from '../json/tolerant-json.ts';
import type { ImportIssue, ParseContext, ParseResult } from '../types.ts';
import { createIssueSink, type IssueSink } from './issue-sink.ts';
import { PLAIN_LIST_LEVELS, type PlainLists } from './operators.ts';

export interface NormalizeInput {
  readonly root: unknown;
  readonly ctx: ParseContext;
  readonly incomplete: ReadonlySet<object>;
  readonly sink: IssueSink;
  /** Where operator lists read whole by the plain path are recorded (aoe/operators.ts). */
  readonly plainLists?: PlainLists;
}

export interface AoeReader {
  readonly schema: SchemaName;
  readonly normalize: (input: NormalizeInput) => TuningReport | null;
}

const NO_INCOMPLETE: ReadonlySet<object> = new Set();
const VALUE_CODES: ReadonlySet<string> = new Set(['NUMBER_OUT_OF_RANGE', 'NEGATIVE_TIME']);

export function parseAoe(
  text: string,
  ctx: ParseContext,
  reader: AoeReader,
  /**
   * Tests only: the text is read by this reader alone (the tolerant reader) and validated in
   * full, the reference the everyday path is compared with.
   */
  referenceRead?: (text: string) => JsonReadResult,
): ParseResult<TuningReport> {
  if (text.trim() === '' || text === '\ufeff') {
    return fail([{ code: 'EMPTY', severity: 'error', message: 'The file is empty.' }]);
  }
  if (referenceRead === undefined) {
    const parsed = parseJson(text);
    if (parsed !== null) {
      const sink = createIssueSink();
      const plainLists: PlainLists = new Map();
      const root = parsed.value;
      const report = reader.normalize({ root, ctx, incomplete: NO_INCOMPLETE, sink, plainLists });
      if (nothingToReport(parsed, { keys: plainLists, levels: PLAIN_LIST_LEVELS })) {
        return complete(reader, root, report, sink, plainLists);
      }
    }
  }
  const read = (referenceRead ?? readJson)(text);
  if (read.kind === 'error') {
    return fail([
      {
        code: 'NOT_JSON',
        severity: 'error',
        message: `Not valid JSON: ${read.message} at line ${read.line}, column ${read.column}.`,
        line: read.line,
        offset: read.offset,
      },
    ]);
  }
  const sink = createIssueSink();
  for (const pointer of read.duplicateKeys) {
    sink.add({
      code: 'INCONSISTENT',
      severity: 'warning',
      message: `The key ${pointer} occurs more than once; only its last value was read.`,
      path: pointer,
    });
  }

  for (const n of read.outOfRange) {
    sink.add({
      code: 'NUMBER_OUT_OF_RANGE',
      severity: 'error',
      message: `${n.pointer}: the number ${n.text} is out of range (it does not fit a 64-bit float); the value was left out.`,
      path: n.pointer,
      line: n.line,
      column: n.column,
      offset: n.offset,
      found: n.text,
    });
  }

  if (read.kind === 'truncated') {
    const report = reader.normalize({ root: read.value, ctx, incomplete: read.incomplete, sink });
    const partial = report ? { ...report, incomplete: true } : undefined;
    const operators = partial?.tasks.reduce((n, t) => n + t.operators.length, 0) ?? 0;
    const truncated: ImportIssue = {
      code: 'TRUNCATED',
      severity: 'error',
      message:
        `The file ends early, at byte ${read.offset} (AOE may still be writing it): ` +
        `${partial?.tasks.length ?? 0} task(s) and ${operators} complete operator row(s) were read.`,
      offset: read.offset,
    };
    return { ok: false, errors: [truncated, ...sink.list()], partial };
  }

  const plainLists: PlainLists | undefined = referenceRead === undefined ? new Map() : undefined;
  const report = reader.normalize({
    root: read.value,
    ctx,
    incomplete: NO_INCOMPLETE,
    sink,
    plainLists,
  });
  return complete(reader, read.value, report, sink, plainLists);
}

/**
 * The result for a tree read whole: the normalizer's issues and the schema's. `plainLists`: the
 * operator lists whose operators the normalizer checked against the schema (undefined: none, and
 * the whole tree is validated).
 */
function complete(
  reader: AoeReader,
  root: unknown,
  report: TuningReport | null,
  sink: IssueSink,
  plainLists: PlainLists | undefined,
): ParseResult<TuningReport> {
  const sinkIssues = sink.list();
  // A value reported as out of range or negative is also below a schema minimum or not an
  // integer: the specific issue says it better, so the schema's at the same pointer is dropped.
  const said = new Set(sinkIssues.filter((i) => VALUE_CODES.has(i.code)).map((i) => i.path));
  const all =
    plainLists === undefined
      ? validate(reader.schema, root)
      : validateOutlined(reader.schema, root, (list) => plainLists.has(list as unknown[]));
  const schemaIssues = all.filter((i) => !said.has(i.path));
  if (report === null) {
    // Nothing AOE-like in a well-formed document: one clear error, not a list of unknown fields.
    const noTask: ImportIssue = {
      code: 'SCHEMA_MISMATCH',
      severity: 'error',
      message: 'No AOE tuning task found: expected "basic"/tuning sections or report_* keys.',
      path: '',
    };
    return fail(schemaIssues.length > 0 ? [...schemaIssues] : [noTask]);
  }
  const issues = [...schemaIssues, ...sinkIssues];
  if (issues.some((i) => i.severity === 'error')) {
    return { ok: false, errors: issues, partial: report };
  }
  return { ok: true, value: report, warnings: issues };
}

function fail(errors: ImportIssue[]): ParseResult<TuningReport> {
  return { ok: false, errors };
}
