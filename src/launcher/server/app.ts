// The launcher's HTTP service: the API under /api and the built dashboard (dist/) with an SPA
// fallback. `build()` returns the app without listening, so tests drive it with `inject()`.
// No CORS (the API is same-origin only), JSON bodies only, size limits, and a Content Security
// Policy without `unsafe-eval` or inline scripts on every response.
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Env } from '../jobs/env.ts';
import { JobManager } from '../jobs/job-manager.ts';
import { createHelpProbe, runPreflight } from '../jobs/preflight.ts';
import { openDb } from '../store/db.ts';
import { createRepo } from '../store/repo.ts';
import { requireToken } from './auth.ts';
import { ApiError } from './errors.ts';
import { jobRoutes } from './routes/jobs.ts';
import { runRoutes } from './routes/runs.ts';

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
  readonly graceMs?: number;
  readonly pollMs?: number;
  readonly logger?: boolean;
}

export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
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

const version = (
  JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;

export async function build(o: BuildOptions): Promise<FastifyInstance> {
  mkdirSync(o.dataDir, { recursive: true });
  const db = openDb(o.dataDir);
  const repo = createRepo(db);
  const probe = createHelpProbe(o.aoeBin, o.env);
  const manager = new JobManager({
    repo,
    dataDir: o.dataDir,
    aoeBin: o.aoeBin,
    env: o.env,
    graceMs: o.graceMs,
    pollMs: o.pollMs,
    helpOptions: probe.options,
  });
  manager.recover();

  const app = Fastify({
    logger: o.logger ?? false,
    bodyLimit: 64 * 1024,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    return503OnClosing: true,
  });
  app.removeContentTypeParser('text/plain');
  app.addHook('onSend', async (_req, reply, payload) => {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) reply.header(k, v);
    return payload;
  });
  app.addHook('onClose', async () => {
    await manager.close();
    db.close();
  });

  app.setErrorHandler((err: FastifyError | ApiError, req, reply) => {
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
    if (e.statusCode === 400) {
      return reply
        .code(400)
        .send({ code: 'BAD_JSON', message: `the body is not valid JSON: ${e.message}` });
    }
    req.log.error(err);
    return reply.code(500).send({ code: 'INTERNAL', message: 'internal error' });
  });

  const auth = (header: string | undefined) => requireToken(header, o.token);

  app.get('/api/health', async () => ({ ok: true, version, demo: o.demo }));
  app.get('/api/preflight', async (req) => {
    auth(req.headers.authorization);
    return runPreflight({ probe, env: o.env, setEnvFile: o.setEnvFile, aoeBin: o.aoeBin });
  });
  jobRoutes(app, {
    manager,
    modelsRoot: o.modelsRoot,
    helpOptions: async () => (await probe.get()).options,
    auth,
    sseHeaders: SECURITY_HEADERS,
  });
  runRoutes(app, { repo, auth });

  const index = o.distDir ? join(o.distDir, 'index.html') : null;
  const hasDist = index !== null && existsSync(index);
  if (hasDist && o.distDir) {
    await app.register(fastifyStatic, { root: o.distDir, index: 'index.html', dotfiles: 'deny' });
  }
  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0] ?? '';
    if (path.startsWith('/api/') || path === '/api') {
      return reply.code(404).send({ code: 'NOT_FOUND', message: `no route ${req.method} ${path}` });
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return reply.code(404).send({ code: 'NOT_FOUND', message: 'not found' });
    }
    // A file that looks like an asset is a real 404; anything else is a client route of the SPA.
    if (/\.[A-Za-z0-9]{1,8}$/.test(path))
      return reply.code(404).type('text/plain').send('not found');
    if (!hasDist) {
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
      .sendFile('index.html');
  });
  return app;
}
