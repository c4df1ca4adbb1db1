// The launcher's HTTP service: the API under /api and the built dashboard (dist/) with an SPA
// fallback. `build()` returns the app without listening, so tests drive it with `inject()`.
// No CORS (the API is same-origin only), JSON bodies only, size and nesting limits, and a Content
// Security Policy without `unsafe-eval` or inline scripts on every response.
//
// Who may do what is decided in one onRequest hook, on the route the router matched (never on the
// URL text, which has many spellings for one route): the Host must be a name the launcher answers
// to; a request that matches no route gets its 404; routes declared `config: { public: true }`
// (health, reading a run or bundle by id, the dashboard's files) need nothing more; every other
// route needs the token and, when a browser sends an Origin, the launcher's own. onRequest runs
// before any body is read, so a refused request costs no parsing.
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyRequest,
  type RouteOptions,
} from 'fastify';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Env } from '../jobs/env.ts';
import { JobManager } from '../jobs/job-manager.ts';
import { createHelpProbe } from '../jobs/preflight.ts';
import { openDb } from '../store/db.ts';
import type { HistoryStore } from '../store/history.ts';
import { openPgHistory } from '../store/history-pg.ts';
import { sqliteHistory } from '../store/history-sqlite.ts';
import { createRepo } from '../store/repo.ts';
import { hasToken, requireHost, requireSameOrigin, requireToken } from './auth.ts';
import { ApiError } from './errors.ts';
import { Publisher, type PublishTarget } from './publisher.ts';
import { historyRoutes } from './routes/history.ts';
import { jobRoutes } from './routes/jobs.ts';
import { modelRoutes } from './routes/models.ts';
import { runRoutes } from './routes/runs.ts';
import { systemRoutes } from './routes/system.ts';
import { allows, tokenVerifier, type TokenVerifier } from './tokens.ts';
import { installJsonParser } from './validation.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Served without the token (and without the Origin check on reads). */
    public?: boolean;
  }
}

export interface BuildOptions {
  readonly dataDir: string;
  readonly modelsRoot: string;
  readonly aoeBin: string;
  /** The environment jobs run with (set_env.sh already applied). */
  readonly env: Env;
  readonly setEnvFile: string | null;
  readonly token: string;
  /** The built dashboard; absent in API-only tests. */
  readonly distDir: string | null;
  readonly demo: boolean;
  /** Working dirs of this many newest ended jobs are kept; older ones are removed. */
  readonly keepWorkDirs?: number;
  /**
   * Host names the launcher answers to besides the address it is reached on and the loopback
   * names (`serve --allowed-host`): `name` with any port, or `name:port`.
   */
  readonly allowedHosts?: readonly string[];
  readonly graceMs?: number;
  readonly pollMs?: number;
  readonly logger?: boolean;
  /**
   * `postgres://…`: the run history and the team's tokens live in that PostgreSQL database (a
   * team server); absent: in the data dir's SQLite database.
   */
  readonly db?: string;
  /** A team server to send every finished run to (`serve --publish-to`). */
  readonly publishTo?: PublishTarget;
  /** How often the publisher looks for newly finished runs (ms). */
  readonly publishPollMs?: number;
}

export const CSP = [
  "default-src 'self'",
  // 'wasm-unsafe-eval' lets the ingest worker compile SQLite's WebAssembly (sql.js, for the
  // profiler .db); it allows no JavaScript eval.
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  // React and the chart library set style attributes; no inline <script> is allowed anywhere.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'x-frame-options': 'DENY',
};

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const version = (
  JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;

export interface RouteInfo {
  readonly method: string;
  readonly url: string;
  readonly public: boolean;
}

const ROUTES = new WeakMap<FastifyInstance, RouteOptions[]>();

/** Every route the app registered (HEAD twins included), with whether it is public. */
export function routesOf(app: FastifyInstance): RouteInfo[] {
  return (ROUTES.get(app) ?? []).flatMap((r) =>
    [r.method].flat().map((method) => ({
      method,
      url: r.url,
      public: r.config?.public === true,
    })),
  );
}

const CALLERS = new WeakMap<object, string>();

/** Who sent a request, as the access hook found it: a team token's name, or `launcher`. */
export function callerOf(req: FastifyRequest): string {
  return CALLERS.get(req.raw) ?? 'launcher';
}

/**
 * A route that names a role takes the launcher's token or a team token of that role: 401 for no
 * token or one that is not valid (or revoked), 403 for a valid token of another role.
 */
async function requireRole(req: FastifyRequest, o: BuildOptions, tokens: TokenVerifier) {
  const header = req.headers.authorization;
  const role = req.routeOptions.config.role;
  if (role === undefined || hasToken(header, o.token)) return requireToken(header, o.token);
  if (!header) throw ApiError.field('UNAUTHORIZED', 'authorization', 'a Bearer token is required');
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  const who = m?.[1] ? await tokens.verify(m[1]) : null;
  if (!who) throw ApiError.field('UNAUTHORIZED', 'authorization', 'the token is not valid');
  if (!allows(who.role, role)) {
    throw ApiError.field('FORBIDDEN', 'authorization', `this needs a ${role} token`);
  }
  CALLERS.set(req.raw, who.name);
}

/** The one access decision, on the matched route. */
function guard(o: BuildOptions, tokens: TokenVerifier) {
  const allowed = o.allowedHosts ?? [];
  return async (req: FastifyRequest): Promise<void> => {
    const socket = req.raw.socket as { localAddress?: string; localPort?: number } | undefined;
    requireHost(req.headers.host, req.raw.url ?? '', socket ?? {}, allowed);
    // No route: the 404 handler answers the same with or without a token.
    if (req.is404) return;
    const isPublic = req.routeOptions.config.public === true;
    if (!isPublic || MUTATING.has(req.method))
      requireSameOrigin(req.headers.origin, req.headers.host);
    if (!isPublic) await requireRole(req, o, tokens);
  };
}

function errorHandler(err: FastifyError | ApiError, req: FastifyRequest, reply: FastifyReplyLike) {
  if (err instanceof ApiError) return reply.code(err.status).send(err.body());
  const e = err as FastifyError;
  if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return reply.code(413).send({ code: 'TOO_LARGE', message: 'the request body is too large' });
  }
  if (e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    const message = 'the request body must be application/json';
    return reply.code(415).send({
      code: 'UNSUPPORTED_MEDIA_TYPE',
      message,
      details: { field: 'content-type', errors: [{ field: 'content-type', message }] },
    });
  }
  if (e.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || e.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
    return reply
      .code(400)
      .send({ code: 'BAD_JSON', message: `the body is not valid JSON: ${e.message}` });
  }
  if (e.code === 'DISK_FULL') {
    return reply
      .code(507)
      .send({ code: 'DISK_FULL', message: 'the launcher has no room left to store this' });
  }
  const status = e.statusCode ?? 500;
  // The dashboard's files: a path the file server refuses (dot-files, `..`) is simply not there.
  if (status === 403 || status === 404) {
    return reply.code(404).send({ code: 'NOT_FOUND', message: 'not found' });
  }
  if (status >= 400 && status < 500) {
    return reply.code(status).send({ code: 'BAD_REQUEST', message: e.message });
  }
  req.log.error(err);
  return reply.code(500).send({ code: 'INTERNAL', message: 'internal error' });
}

/**
 * `/`, `/launch`, `/assets/app.js`, `/run/abc/0/`: decoded segments that are neither empty nor
 * start with a dot (no `..`, `.`, `//`, dot-files) nor hold a backslash.
 */
function isPlainPath(path: string): boolean {
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return false;
  }
  const segments = decoded.slice(1).split('/');
  if (segments.at(-1) === '') segments.pop();
  return decoded.startsWith('/') && segments.every((s) => s !== '' && !/^\.|\\/.test(s));
}

type FastifyReplyLike = Parameters<Parameters<FastifyInstance['setErrorHandler']>[0]>[2];

export async function build(o: BuildOptions): Promise<FastifyInstance> {
  mkdirSync(o.dataDir, { recursive: true });
  const db = openDb(o.dataDir);
  const repo = createRepo(db);
  let history: HistoryStore;
  try {
    history = o.db ? await openPgHistory(o.db) : sqliteHistory(db);
  } catch (err) {
    db.close();
    throw err;
  }
  const tokens = tokenVerifier(history);
  const probe = createHelpProbe(o.aoeBin, o.env);
  const manager = new JobManager({
    repo,
    dataDir: o.dataDir,
    aoeBin: o.aoeBin,
    env: o.env,
    graceMs: o.graceMs,
    pollMs: o.pollMs,
    helpOptions: probe.options,
    keepWorkDirs: o.keepWorkDirs,
  });
  manager.recover();
  const publisher = new Publisher({
    repo,
    history,
    dataDir: o.dataDir,
    target: o.publishTo ?? null,
    pollMs: o.publishPollMs,
  });
  publisher.start();

  const app = Fastify({
    logger: o.logger ?? false,
    bodyLimit: 64 * 1024,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    return503OnClosing: true,
  });
  const table: RouteOptions[] = [];
  ROUTES.set(app, table);
  app.addHook('onRoute', (r) => void table.push(r));
  app.removeContentTypeParser('text/plain');
  installJsonParser(app);
  app.addHook('onSend', async (_req, reply, payload) => {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) reply.header(k, v);
    return payload;
  });
  app.addHook('onClose', async () => {
    await publisher.stop();
    await manager.close();
    await history.close();
    db.close();
  });
  app.setErrorHandler(errorHandler);
  app.addHook('onRequest', guard(o, tokens));
  await app.register(fastifyRateLimit, {
    global: false,
    // The token holder is the launcher's user, not an anonymous reader of a shared link.
    allowList: (req) => hasToken(req.headers.authorization, o.token),
    errorResponseBuilder: (_req, ctx) =>
      new ApiError('RATE_LIMITED', `too many requests: try again in ${ctx.after}`),
  });

  await app.register(systemRoutes, {
    version,
    demo: o.demo,
    probe,
    env: o.env,
    setEnvFile: o.setEnvFile,
    aoeBin: o.aoeBin,
    dataDir: o.dataDir,
  });
  await app.register(jobRoutes, {
    manager,
    modelsRoot: o.modelsRoot,
    helpOptions: async () => (await probe.get()).options,
    sseHeaders: SECURITY_HEADERS,
  });
  await app.register(runRoutes, { repo });
  await app.register(modelRoutes, { modelsRoot: o.modelsRoot });
  await app.register(historyRoutes, { history, tokens, callerOf });

  const index = o.distDir ? join(o.distDir, 'index.html') : null;
  const hasDist = index !== null && existsSync(index);
  const distDir = o.distDir;
  if (hasDist && distDir) {
    // The dashboard's files are public: every route the file server adds says so.
    await app.register(async (files) => {
      files.addHook('onRoute', (r) => {
        r.config = { ...r.config, public: true };
      });
      // No file has a dot-file, dot or empty segment in its path: such a request gets its 404
      // here, whatever the file server would make of it.
      files.addHook('onRequest', async (req, reply) => {
        if (!isPlainPath(req.url.split('?')[0] ?? '')) {
          return reply.code(404).type('text/plain').send('not found');
        }
      });
      await files.register(fastifyStatic, { root: distDir, index: 'index.html', dotfiles: 'deny' });
    });
  }
  app.setNotFoundHandler(async (req, reply) => {
    const path = req.url.split('?')[0] ?? '';
    if (path.startsWith('/api/') || path === '/api') {
      return reply.code(404).send({ code: 'NOT_FOUND', message: `no route ${req.method} ${path}` });
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return reply.code(404).send({ code: 'NOT_FOUND', message: 'not found' });
    }
    // A file that looks like an asset is a real 404, and so is a path no client route of the SPA
    // has (dot segments, dot-files, empty segments); anything else is a client route.
    if (/\.[A-Za-z0-9]{1,8}$/.test(path) || !isPlainPath(path))
      return reply.code(404).type('text/plain').send('not found');
    if (!hasDist || index === null) {
      return reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .send(
          'The dashboard is not built yet: run `npm run build`, then start the launcher again.',
        );
    }
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .send(await readFile(index));
  });
  return app;
}
