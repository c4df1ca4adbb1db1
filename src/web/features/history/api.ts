// The History page's calls to /api/history, with the token it keeps: its own (a team server's
// read token), else the Launch page's (on one host the launcher's own token reads its history).
const OWN_KEY = 'aoe-dashboard.history-token';
const LAUNCHER_KEY = 'aoe-dashboard.launcher-token';

export function readToken(): string {
  try {
    const ls = globalThis.localStorage;
    return ls?.getItem(OWN_KEY) ?? ls?.getItem(LAUNCHER_KEY) ?? '';
  } catch {
    return '';
  }
}

export function storeToken(token: string): void {
  try {
    if (token) globalThis.localStorage?.setItem(OWN_KEY, token);
    else globalThis.localStorage?.removeItem(OWN_KEY);
  } catch {
    // Storage may be disabled; the token then lives for this page only.
  }
}

export type Result<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly status: number; readonly message: string };

export function authHeaders(token: string): Record<string, string> {
  return token ? { authorization: `Bearer ${token}` } : {};
}

export async function getJson<T>(path: string, token: string): Promise<Result<T>> {
  let res: Response;
  try {
    res = await fetch(path, { headers: authHeaders(token) });
  } catch (err) {
    return { ok: false, status: 0, message: (err as Error).message };
  }
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    body = null;
  }
  if (!res.ok) {
    const message =
      typeof body === 'object' &&
      body !== null &&
      typeof (body as { message?: unknown }).message === 'string'
        ? (body as { message: string }).message
        : `HTTP ${res.status}`;
    return { ok: false, status: res.status, message };
  }
  return { ok: true, value: body as T };
}
