// Request bodies: JSON only, bounded in nesting before anything parses them, then checked against
// the launcher's schemas with the validators `npm run gen` compiles from schemas/ (the same ones
// the dashboard and the CLI use), and typed by the types generated beside them.
import type { ErrorObject } from 'ajv';
import type { FastifyInstance } from 'fastify';
import { validators } from '../../core/validation/generated/index.ts';
import type { LauncherJobRequest } from '../../core/validation/generated/launcher-job-request.ts';
import type { LauncherJobResume } from '../../core/validation/generated/launcher-job-resume.ts';
import type { LauncherPermalinkRequest } from '../../core/validation/generated/launcher-permalink-request.ts';
import type { LauncherPublishRequest } from '../../core/validation/generated/launcher-publish-request.ts';
import type { LauncherTokenRequest } from '../../core/validation/generated/launcher-token-request.ts';
import { ApiError, type FieldError } from './errors.ts';

/** What each schema the API checks bodies against describes. */
interface Bodies {
  readonly 'launcher-job-request': LauncherJobRequest;
  readonly 'launcher-job-resume': LauncherJobResume;
  readonly 'launcher-permalink-request': LauncherPermalinkRequest;
  readonly 'launcher-publish-request': LauncherPublishRequest;
  readonly 'launcher-token-request': LauncherTokenRequest;
}
export type LauncherSchema = keyof Bodies;

/**
 * Deeper bodies are refused before they are parsed: job requests nest 3 levels and share bundles
 * about 8, while a few thousand levels exhaust the stack of whatever walks the value recursively
 * (the schema validator, JSON.stringify).
 */
export const MAX_JSON_DEPTH = 64;

const OPEN_OBJECT = 0x7b;
const OPEN_ARRAY = 0x5b;
const CLOSE_OBJECT = 0x7d;
const CLOSE_ARRAY = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** Whether JSON text nests objects and arrays deeper than `max`; one pass, no recursion. */
export function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i += 1;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) {
      inString = true;
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      depth += 1;
      if (depth > max) return true;
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      depth -= 1;
    }
  }
  return false;
}

/**
 * Replaces fastify's JSON parser with one that checks nesting first, then parses as fastify does
 * (prototype and constructor poisoning refused). Like every content-type parser it runs after the
 * onRequest hooks, so a protected route's body is never read for a request that fails auth.
 */
export function installJsonParser(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    const text = String(body);
    if (nestsDeeperThan(text, MAX_JSON_DEPTH)) {
      const message = `nests deeper than ${MAX_JSON_DEPTH} levels`;
      done(ApiError.field('BAD_REQUEST', '/', message), undefined);
      return;
    }
    parse(req, text, done);
  });
}

function fieldOf(err: ErrorObject): string {
  const params = err.params as Record<string, unknown>;
  // A key that breaks `propertyNames` is named on the error itself, not in its params.
  const propertyName = (err as { propertyName?: unknown }).propertyName;
  if (typeof propertyName === 'string') return `${err.instancePath}/${propertyName}`;
  if (err.keyword === 'required' && typeof params.missingProperty === 'string') {
    return `${err.instancePath}/${params.missingProperty}`;
  }
  if (err.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string') {
    return `${err.instancePath}/${params.additionalProperty}`;
  }
  if (err.keyword === 'propertyNames' && typeof params.propertyName === 'string') {
    return `${err.instancePath}/${params.propertyName}`;
  }
  return err.instancePath || '/';
}

function messageOf(err: ErrorObject): string {
  const params = err.params as Record<string, unknown>;
  if (err.keyword === 'additionalProperties') return 'is not an allowed field';
  if (err.keyword === 'enum' && Array.isArray(params.allowedValues)) {
    return `must be one of ${params.allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
  }
  return err.message ?? 'is not valid';
}

/** Returns the body typed by its schema, or throws a 400 naming every offending field. */
export function validateBody<N extends LauncherSchema>(name: N, body: unknown): Bodies[N] {
  const fn = validators[name];
  if (fn(body)) return body as Bodies[N];
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  for (const err of fn.errors ?? []) {
    if (err.keyword === 'propertyNames' && !('propertyName' in err.params)) continue;
    const field = fieldOf(err);
    const message = messageOf(err);
    if (seen.has(field)) continue;
    seen.add(field);
    errors.push({ field, message });
    if (errors.length === 20) break;
  }
  const first = errors[0];
  const summary = first ? `${first.field}: ${first.message}` : 'request body is not valid';
  throw new ApiError('BAD_REQUEST', summary, errors);
}
