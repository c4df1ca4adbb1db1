// Who may talk to the launcher. The access token: 32 random bytes kept in `<data-dir>/token`
// (mode 0600) and reused across restarts, so a bookmarked Launch page keeps working; compared in
// constant time. The Host and Origin rules: a page on another site cannot reach the API through
// DNS rebinding (its requests carry the attacker's name as Host) nor send state-changing requests
// from the user's browser (its requests carry a foreign Origin).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { ApiError } from './errors.ts';

export function readOrCreateToken(dataDir: string): string {
  const file = join(dataDir, 'token');
  if (existsSync(file)) {
    const token = readFileSync(file, 'utf8').trim();
    chmodSync(file, 0o600);
    if (/^[A-Za-z0-9_-]{32,}$/.test(token)) return token;
  }
  const token = randomBytes(32).toString('base64url');
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return token;
}

/** Whether `header` is `Bearer <token>`. */
export function hasToken(header: string | undefined, token: string): boolean {
  const m = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  const given = Buffer.from(m?.[1] ?? '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Throws 401 unless `header` is `Bearer <token>`. */
export function requireToken(header: string | undefined, token: string): void {
  if (!header) throw ApiError.field('UNAUTHORIZED', 'authorization', 'a Bearer token is required');
  if (!hasToken(header, token)) {
    throw ApiError.field('UNAUTHORIZED', 'authorization', 'the token is not valid');
  }
}

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '::1']);

interface HostPort {
  readonly name: string;
  readonly port: number | null;
}

/** `name`, `name:port`, `[v6]` or `[v6]:port`, lower-cased; null when it is none of these. */
export function parseHost(text: string): HostPort | null {
  const m = /^(?:\[([0-9a-f:.]+)\]|([a-z0-9.-]+))(?::(\d{1,5}))?$/i.exec(text.trim());
  if (!m) return null;
  const name = (m[1] ?? m[2] ?? '').toLowerCase();
  const port = m[3] === undefined ? null : Number(m[3]);
  if (name === '' || (port !== null && port > 65535)) return null;
  return { name, port };
}

/** The address a connection arrived on, as a Host header names it (no IPv4-mapped prefix). */
function plainAddress(address: string | undefined): string | null {
  if (!address) return null;
  return address.toLowerCase().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
}

export interface Arrival {
  /** The local address and port the connection arrived on; absent for injected requests. */
  readonly localAddress?: string;
  readonly localPort?: number;
}

/**
 * Names the launcher answers to: the address the connection arrived on and the loopback names,
 * each with the port it arrived on (an injected request, which has no socket, is checked by name
 * only), and the `allowed` names (`name` with any port, `name:port` with that port only).
 */
export function hostAllowed(host: string, arrival: Arrival, allowed: readonly string[]): boolean {
  const h = parseHost(host);
  if (!h) return false;
  const local = plainAddress(arrival.localAddress);
  if (LOOPBACK_NAMES.has(h.name) || (local !== null && isIP(local) !== 0 && h.name === local)) {
    const port = arrival.localPort;
    if (port === undefined) return true;
    return (h.port ?? 80) === port;
  }
  return allowed.some((entry) => {
    const a = parseHost(entry);
    return a !== null && a.name === h.name && (a.port === null || a.port === h.port);
  });
}

/** Throws 421 unless the Host header, and the authority of an absolute request line, are ours. */
export function requireHost(
  host: string | undefined,
  rawUrl: string,
  arrival: Arrival,
  allowed: readonly string[],
): void {
  const refuse = (name: string) =>
    ApiError.field('MISDIRECTED', 'host', `this launcher does not answer to "${name}"`);
  if (!host || !hostAllowed(host, arrival, allowed)) throw refuse(host ?? '');
  if (/^[a-z][a-z0-9+.-]*:/i.test(rawUrl)) {
    let authority = '';
    try {
      authority = new URL(rawUrl).host;
    } catch {
      throw refuse(rawUrl);
    }
    if (!hostAllowed(authority, arrival, allowed)) throw refuse(authority);
  }
}

/**
 * Throws 403 unless `origin` is absent (not sent by a browser) or the launcher's own: the page's
 * host (with its port) is the Host this request was sent to, over http or https (https when a TLS
 * reverse proxy fronts the launcher).
 */
export function requireSameOrigin(origin: string | undefined, host: string | undefined): void {
  if (origin === undefined) return;
  const refuse = () =>
    ApiError.field('FORBIDDEN', 'origin', `requests from "${origin}" are not accepted`);
  let page: URL;
  try {
    page = new URL(origin);
  } catch {
    throw refuse();
  }
  if (page.protocol !== 'http:' && page.protocol !== 'https:') throw refuse();
  let own: string;
  try {
    own = new URL(`${page.protocol}//${host ?? ''}`).host;
  } catch {
    throw refuse();
  }
  if (page.host !== own || page.pathname !== '/') throw refuse();
}
