// text → JSON read (JSON.parse; the tolerant reader when it fails or misses something, see
// json/fast-json.ts) → schema validation → normalize, for both AOE result kinds. The outcome is
// always data: EMPTY, NOT_JSON (with line and byte offset), TRUNCATED (with the byte offset and
// the salvaged report as `partial`), SCHEMA_MISMATCH (with JSON pointers, and the tolerant
// reading as `partial`), NUMBER_OUT_OF_RANGE and NEGATIVE_TIME (with the pointer; the value is
// left out, the rest is read), and warnings (INCONSISTENT, UNKNOWN_FIELD) on success.
import type { TuningReport } from '../../model/types.ts';
import { validate, type SchemaName } from '../../validation/index.ts';
import { readJsonFast } from '../json/fast-json.ts';
import type { JsonReadResult } from '../json/tolerant-json.ts';
import type { ImportIssue, ParseContext, ParseResult } from '../types.ts';
import { createIssueSink, type IssueSink } from './issue-sink.ts';

export interface AoeReader {
  readonly schema: SchemaName;
  readonly normalize: (input: {
    readonly root: unknown;
    readonly ctx: ParseContext;
    readonly incomplete: ReadonlySet<object>;
    readonly sink: IssueSink;
  }) => TuningReport | null;
}

const NO_INCOMPLETE: ReadonlySet<object> = new Set();
const VALUE_CODES: ReadonlySet<string> = new Set(['NUMBER_OUT_OF_RANGE', 'NEGATIVE_TIME']);

export function parseAoe(
  text: string,
  ctx: ParseContext,
  reader: AoeReader,
  /** How the text is read: the fast path by default; tests pass the tolerant reader to compare. */
  readText: (text: string) => JsonReadResult = readJsonFast,
): ParseResult<TuningReport> {
  if (text.trim() === '' || text === '\ufeff') {
    return fail([{ code: 'EMPTY', severity: 'error', message: 'The file is empty.' }]);
  }
  const read = readText(text);
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

  const report = reader.normalize({ root: read.value, ctx, incomplete: NO_INCOMPLETE, sink });
  const sinkIssues = sink.list();
  // A value reported as out of range or negative is also below a schema minimum or not an
  // integer: the specific issue says it better, so the schema's at the same pointer is dropped.
  const said = new Set(sinkIssues.filter((i) => VALUE_CODES.has(i.code)).map((i) => i.path));
  const schemaIssues = validate(reader.schema, read.value).filter((i) => !said.has(i.path));
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
