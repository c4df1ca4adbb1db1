// The one client of the launcher's HTTP API for the whole dashboard: it owns the access tokens
// (the launcher's, kept in localStorage, taken from `/launch#token=…`; and the History page's,
// a team server's read token), asks once per page whether a launcher serves this page, and has
// one method per route — health, preflight, models, jobs (start, list, read, cancel, resume,
// follow their events), runs, permalinks and the run history (facets, a model's points, a run's
// file). Every failure comes back as a value (`{ok: false, status, code, message, errors}`),
// never a throw. The web side never imports
// launcher code: the shapes it reads are the types generated from the same schemas
// (schemas/launcher-*.schema.json) the launcher validates against, and the history's wire shapes
// the launcher's store answers with (core/history/wire.ts).
import type { HistoryFacets, HistoryModelKey, HistoryPoint } from '../../core/history/wire.ts';
import type { LauncherJob } from '../../core/validation/generated/launcher-job.ts';
import type { LauncherJobRequest } from '../../core/validation/generated/launcher-job-request.ts';
import type { LauncherPreflight } from '../../core/validation/generated/launcher-preflight.ts';

export type JobView = Readonly<LauncherJob>;
export type JobState = JobView['state'];
export type StepView = NonNullable<JobView['steps']>[number];
export type JobRequest = LauncherJobRequest;
export const FINAL_STATES: ReadonlySet<string> = new Set<JobState>([
  'succeeded',
  'failed',
  'canceled',
  'interrupted',
]);

export type Preflight = Readonly<LauncherPreflight>;
export type PreflightItem = Preflight['items'][number];

export interface ModelFile {
  readonly path: string;
  readonly size: number;
  readonly kind: string;
}
export interface ModelListing {
  readonly root: string;
  readonly models: readonly ModelFile[];
  readonly truncated: boolean;
}

export interface Health {
  readonly ok: true;
  readonly version: string;
  readonly demo: boolean;
}

/** A stored run as GET /api/runs/:id answers it: the normalized report and its job's manifests. */
export interface StoredRun {
  readonly id: string;
  readonly kind: 'report';
  readonly jobId: string | null;
  readonly fileName: string;
  readonly sha256: string;
  readonly format: string;
  readonly createdAt: string;
  readonly report: unknown;
  readonly issues: unknown;
  readonly manifests: readonly unknown[];
}
export interface StoredBundle {
  readonly id: string;
  readonly kind: 'bundle';
  readonly createdAt: string;
  readonly bundle: unknown;
}

export interface FieldError {
  readonly field: string;
  readonly message: string;
}

/** What a failed call returns: `{code, message, details?}`, or a network failure (status 0). */
export interface ApiFailure {
  readonly status: number;
  readonly code: string;
  readonly message: string;
  readonly errors: readonly FieldError[];
}

export type ApiResult<T> =
  { readonly ok: true; readonly value: T } | ({ readonly ok: false } & ApiFailure);

const TOKEN_KEY = 'aoe-dashboard.launcher-token';
/** The token for this page when storage is refused. */
let pageToken = '';
const HISTORY_TOKEN_KEY = 'aoe-dashboard.history-token';
let pageHistoryToken = '';

export function readToken(): string {
  try {
    return globalThis.localStorage?.getItem(TOKEN_KEY) ?? pageToken;
  } catch {
    return pageToken;
  }
}

export function storeToken(token: string): void {
  pageToken = token;
  try {
    if (token) globalThis.localStorage?.setItem(TOKEN_KEY, token);
    else globalThis.localStorage?.removeItem(TOKEN_KEY);
  } catch {
    // Storage may be disabled; the token then lives for this page only.
  }
}

/**
 * The token the History page reads with: its own (a team server's read token, typed into the
 * page), else the launcher's (on one host the launcher's own token reads its history).
 */
export function readHistoryToken(): string {
  try {
    const ls = globalThis.localStorage;
    return ls?.getItem(HISTORY_TOKEN_KEY) ?? (pageHistoryToken || readToken());
  } catch {
    return pageHistoryToken || pageToken;
  }
}

export function storeHistoryToken(token: string): void {
  pageHistoryToken = token;
  try {
    if (token) globalThis.localStorage?.setItem(HISTORY_TOKEN_KEY, token);
    else globalThis.localStorage?.removeItem(HISTORY_TOKEN_KEY);
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

type RequestInit_ = { method?: string; body?: unknown; token?: string | null };

/** The request itself: its response, or null when the network failed. */
async function send(path: string, init: RequestInit_, accept: string): Promise<Response | null> {
  const headers: Record<string, string> = { accept };
  const token = init.token === undefined ? readToken() : init.token;
  if (token) headers.authorization = `Bearer ${token}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  try {
    return await fetch(path, {
      method: init.method ?? 'GET',
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  } catch {
    return null;
  }
}

async function failed(res: Response): Promise<ApiFailure> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    body = null;
  }
  return failureOf(res.status, body);
}

/**
 * One request. `token` overrides the stored one (a token typed into a prompt, tried before it is
 * kept); `null` sends none (public reads).
 */
export async function call<T>(path: string, init: RequestInit_ = {}): Promise<ApiResult<T>> {
  const res = await send(path, init, 'application/json');
  if (!res) return { ok: false, ...failureOf(0, null) };
  if (!res.ok) return { ok: false, ...(await failed(res)) };
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    body = null;
  }
  return { ok: true, value: body as T };
}

/** One request whose answer is a file, not JSON (a run's raw file). */
async function callFile(path: string, init: RequestInit_ = {}): Promise<ApiResult<Blob>> {
  const res = await send(path, init, 'application/octet-stream');
  if (!res) return { ok: false, ...failureOf(0, null) };
  if (!res.ok) return { ok: false, ...(await failed(res)) };
  try {
    return { ok: true, value: await res.blob() };
  } catch {
    return { ok: false, ...failureOf(0, null) };
  }
}

const enc = encodeURIComponent;

let healthProbe: Promise<Health | null> | null = null;

/** Whether a launcher serves this page (its health endpoint answers `{ok: true}`); asked once. */
export function health(): Promise<Health | null> {
  healthProbe ??= call<unknown>('/api/health', { token: null }).then((r) =>
    r.ok && isRecord(r.value) && r.value.ok === true ? (r.value as unknown as Health) : null,
  );
  return healthProbe;
}

/** Whether this page is served by a launcher. */
export async function probeLauncher(): Promise<boolean> {
  return (await health()) !== null;
}

export type { HistoryFacets, HistoryModelKey };
/** One run on a model's trend, as GET /api/history/points answers it. */
export type HistoryPointView = HistoryPoint;

/** For tests: forget the cached health answer. */
export function resetLauncherProbe(): void {
  healthProbe = null;
}

export const launcher = {
  health,
  preflight: () => call<Preflight>('/api/preflight'),
  /** The models root and its model files, narrowed on arrival (names are shown as text). */
  async models(): Promise<ApiResult<ModelListing>> {
    const r = await call<unknown>('/api/models');
    if (!r.ok) return r;
    const v = r.value;
    if (!isRecord(v) || typeof v.root !== 'string' || !Array.isArray(v.models))
      return { ok: false, ...failureOf(200, null) };
    const models = v.models
      .filter(isRecord)
      .filter((m) => typeof m.path === 'string')
      .map((m) => ({
        path: String(m.path),
        size: typeof m.size === 'number' ? m.size : 0,
        kind: String(m.kind ?? ''),
      }));
    return { ok: true, value: { root: v.root, models, truncated: v.truncated === true } };
  },
  jobs: () => call<{ jobs: JobView[] }>('/api/jobs'),
  job: (id: string) => call<JobView>(`/api/jobs/${enc(id)}`),
  startJob: (body: JobRequest) => call<{ id: string }>('/api/jobs', { method: 'POST', body }),
  cancelJob: (id: string) => call<JobView>(`/api/jobs/${enc(id)}`, { method: 'DELETE' }),
  resumeJob: (id: string, fromStep: number) =>
    call<{ id: string }>(`/api/jobs/${enc(id)}/resume`, {
      method: 'POST',
      body: { fromStep },
    }),
  /** A run or permalink by id: public, no token sent. */
  run: (id: string) => call<StoredRun | StoredBundle>(`/api/runs/${enc(id)}`, { token: null }),
  /** Stores a share bundle as a permalink; `token` tries a typed token before it is kept. */
  storePermalink: (bundle: unknown, token?: string) =>
    call<{ id: string; url: string }>('/api/runs', { method: 'POST', body: bundle, token }),
  /**
   * The run history, read with the History page's token (readHistoryToken) unless one is given:
   * a team server's read token, or on one host the launcher's own.
   */
  history: {
    facets: (token: string = readHistoryToken()) =>
      call<HistoryFacets>('/api/history/facets', { token }),
    /** A model's points; `query` is the page's filter as a query string (view-model.ts). */
    points: (query: string, token: string = readHistoryToken()) =>
      call<{ points: HistoryPointView[] }>(`/api/history/points?${query}`, { token }),
    /** A run's file as it was published, to be opened like a dropped file. */
    raw: (id: string, token: string = readHistoryToken()) =>
      callFile(`/api/history/runs/${enc(id)}/raw`, { token }),
  },
  /** The job's event stream (SSE over fetch: EventSource cannot send the token). */
  async jobEvents(id: string, lastEventId: number, signal: AbortSignal): Promise<Response> {
    const headers: Record<string, string> = { authorization: `Bearer ${readToken()}` };
    if (lastEventId > 0) headers['last-event-id'] = String(lastEventId);
    return fetch(`/api/jobs/${enc(id)}/events`, { headers, signal });
  },
};
