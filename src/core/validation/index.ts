// The one validation entry point. Validators are compiled ahead of time by `npm run gen` from
// schemas/ (standalone ajv code: no `eval` at run time). Ajv's errors become ImportIssues with the
// JSON pointer of the offending value; the list is capped so that a badly wrong file stays readable.
import type { ErrorObject } from 'ajv';
import type { ImportIssue } from '../formats/types.ts';
import { outlines, validators, type SchemaName } from './generated/index.ts';

export type { SchemaName };

export const MAX_SCHEMA_ISSUES = 20;

export function isValid(name: SchemaName, data: unknown): boolean {
  return validators[name](data) === true;
}

/** Validates `data` against the compiled schema `name`; an empty list means valid. */
export function validate(name: SchemaName, data: unknown): readonly ImportIssue[] {
  const fn = validators[name];
  if (fn(data) === true) return [];
  return schemaIssues(fn.errors ?? [], data);
}

/**
 * `validate(name, data)`, with less work when the caller has checked some arrays' items itself.
 * `name`'s outline validator (scripts/gen.ts OUTLINES) checks everything but the items of those
 * arrays, and reports each non-empty one it reaches as one `maxItems` error at its pointer. When
 * `checked` says yes for every array reported, those marks are dropped and the rest are the
 * errors the full validator gives (the unchecked items would have added none); otherwise, or when
 * `name` has no outline, the full validator runs.
 */
export function validateOutlined(
  name: SchemaName,
  data: unknown,
  checked: (array: unknown) => boolean,
): readonly ImportIssue[] {
  const outline = outlines[name];
  if (outline === undefined) return validate(name, data);
  if (outline(data) === true) return [];
  const errors: ErrorObject[] = [];
  for (const err of outline.errors ?? []) {
    if (err.keyword !== 'maxItems') errors.push(err);
    else if (!checked(resolvePointer(data, err.instancePath))) return validate(name, data);
  }
  return errors.length === 0 ? [] : schemaIssues(errors, data);
}

/** Maps ajv errors to SCHEMA_MISMATCH issues, most specific first, capped at MAX_SCHEMA_ISSUES. */
export function schemaIssues(
  errors: readonly ErrorObject[],
  data: unknown,
): readonly ImportIssue[] {
  const seen = new Set<string>();
  const issues: ImportIssue[] = [];
  // Deeper pointers first: "/tasks/3/operators/2/beforeUs must be number" says more than the
  // "must match a schema in oneOf" reported for its ancestors.
  const sorted = [...errors].sort((a, b) => depth(b.instancePath) - depth(a.instancePath));
  for (const err of sorted) {
    const path = pointerOf(err);
    const expected = expectedOf(err);
    const key = `${path}|${expected}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (issues.length === MAX_SCHEMA_ISSUES) {
      const rest = sorted.length - issues.length;
      issues.push({
        code: 'SCHEMA_MISMATCH',
        severity: 'error',
        message: `… and ${rest} more schema problems`,
        path: '',
      });
      break;
    }
    const found = describe(resolvePointer(data, err.instancePath));
    issues.push({
      code: 'SCHEMA_MISMATCH',
      severity: 'error',
      message: `${path || '/'}: ${err.message ?? 'is not valid'} (found ${found})`,
      path,
      expected,
      found,
    });
  }
  return issues;
}

function depth(pointer: string): number {
  return pointer === '' ? 0 : pointer.split('/').length;
}

function pointerOf(err: ErrorObject): string {
  if (err.keyword === 'required' && typeof err.params['missingProperty'] === 'string') {
    return `${err.instancePath}/${escapePointer(err.params['missingProperty'])}`;
  }
  if (
    err.keyword === 'additionalProperties' &&
    typeof err.params['additionalProperty'] === 'string'
  ) {
    return `${err.instancePath}/${escapePointer(err.params['additionalProperty'])}`;
  }
  return err.instancePath;
}

function expectedOf(err: ErrorObject): string {
  const p = err.params;
  switch (err.keyword) {
    case 'type':
      return String(p['type']);
    case 'required':
      return 'present';
    case 'enum':
      return Array.isArray(p['allowedValues'])
        ? p['allowedValues'].map((v) => JSON.stringify(v)).join(' | ')
        : 'one of the allowed values';
    case 'const':
      return JSON.stringify(p['allowedValue']);
    case 'minimum':
    case 'exclusiveMinimum':
      return `${String(p['comparison'])} ${String(p['limit'])}`;
    case 'maximum':
    case 'exclusiveMaximum':
      return `${String(p['comparison'])} ${String(p['limit'])}`;
    case 'pattern':
      return `text matching ${String(p['pattern'])}`;
    case 'additionalProperties':
      return 'no such field';
    default:
      return err.message ?? err.keyword;
  }
}

function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

function resolvePointer(data: unknown, pointer: string): unknown {
  if (pointer === '') return data;
  let cur: unknown = data;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (cur === null || typeof cur !== 'object' || !Object.prototype.hasOwnProperty.call(cur, key))
      return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

/** A short, safe description of a found value for messages. */
export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') {
    const s = value.length > 40 ? `${value.slice(0, 40)}…` : value;
    return JSON.stringify(s);
  }
  return String(value);
}
