// The Launch page's view of the launcher's HTTP API. The web side never imports launcher code:
// the shapes it reads are the types generated from the same schemas (schemas/launcher-*.schema.json)
// the launcher validates against, narrowed on arrival.
import type { LauncherJob } from '../../../core/validation/generated/launcher-job.ts';
import type { LauncherPreflight } from '../../../core/validation/generated/launcher-preflight.ts';

export type JobView = Readonly<LauncherJob>;
export type JobState = JobView['state'];
export const FINAL_STATES: ReadonlySet<string> = new Set<JobState>([
  'succeeded',
  'failed',
  'canceled',
  'interrupted',
]);

export type Preflight = Readonly<LauncherPreflight>;
export type PreflightItem = Preflight['items'][number];

export interface FieldError {
  readonly field: string;
  readonly message: string;
}

/** What a failed call returns: `{code, message, details?}`, or a network failure. */
export interface ApiFailure {
  readonly status: number;
  readonly code: string;
  readonly message: string;
  readonly errors: readonly FieldError[];
}

export type ApiResult<T> =
  { readonly ok: true; readonly value: T } | ({ readonly ok: false } & ApiFailure);

const TOKEN_KEY = 'aoe-dashboard.launcher-token';

export function readToken(): string {
  try {
    return globalThis.localStorage?.getItem(TOKEN_KEY) ?? '';
  } catch {
    return '';
  }
}

export function storeToken(token: string): void {
  try {
    if (token) globalThis.localStorage?.setItem(TOKEN_KEY, token);
    else globalThis.localStorage?.removeItem(TOKEN_KEY);
  } catch {
    // Storage may be disabled; the token then lives for this page only.
  }
}

/** The token the launcher prints in its Launch page URL (`/launch#token=…`). */
export function tokenFromHash(hash: string): string | null {
  const m = /^#token=([A-Za-z0-9_-]{16,256})$/.exec(hash);
  return m?.[1] ?? null;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function failureOf(status: number, body: unknown): ApiFailure {
  if (!isRecord(body))
    return { status, code: status === 0 ? 'NETWORK' : 'HTTP', message: '', errors: [] };
  const details = isRecord(body.details) ? body.details : {};
  const errors = Array.isArray(details.errors)
    ? details.errors
        .filter(isRecord)
        .map((e) => ({ field: String(e.field ?? ''), message: String(e.message ?? '') }))
    : [];
  return {
    status,
    code: typeof body.code === 'string' ? body.code : 'HTTP',
    message: typeof body.message === 'string' ? body.message : '',
    errors,
  };
}

export async function call<T>(
  path: string,
  token: string,
  init: { method?: string; body?: unknown } = {},
): Promise<ApiResult<T>> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(path, {
      method: init.method ?? 'GET',
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  } catch {
    return { ok: false, ...failureOf(0, null) };
  }
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    body = null;
  }
  if (!res.ok) return { ok: false, ...failureOf(res.status, body) };
  return { ok: true, value: body as T };
}

/** Whether this page is served by a launcher: its health endpoint answers `{ok: true}`. */
export async function probeLauncher(): Promise<boolean> {
  try {
    const res = await fetch('/api/health');
    if (!res.ok) return false;
    const body: unknown = await res.json();
    return isRecord(body) && body.ok === true;
  } catch {
    return false;
  }
}
