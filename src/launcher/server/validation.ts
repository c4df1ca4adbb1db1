// Request bodies are checked against the launcher's JSON Schemas in schemas/. The server may
// compile at start-up (the no-eval rule is the browser's CSP), so it uses ajv directly on the
// same files `npm run gen` compiles for the other hosts.
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ApiError, type FieldError } from './errors.ts';

const SCHEMAS = ['launcher-job-request', 'launcher-permalink-request'] as const;
export type LauncherSchema = (typeof SCHEMAS)[number];

const ajv = new Ajv2020({ allErrors: true, strict: true });
const compiled = new Map<LauncherSchema, ValidateFunction>();
for (const name of SCHEMAS) {
  const url = new URL(`../../../schemas/${name}.schema.json`, import.meta.url);
  const schema = JSON.parse(readFileSync(fileURLToPath(url), 'utf8')) as object;
  compiled.set(name, ajv.compile(schema));
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

/** Returns the body typed as T, or throws a 400 naming every offending field. */
export function validateBody<T>(name: LauncherSchema, body: unknown): T {
  const fn = compiled.get(name);
  if (!fn) throw new ApiError('INTERNAL', `no schema ${name}`);
  if (fn(body)) return body as T;
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
