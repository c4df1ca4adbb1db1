// Auth decides on the route the router matched, never on the URL text: every protected route is
// tried, without the token, under spellings that the router still matches (percent-encoded
// letters, doubled slashes, dot segments, trailing slash, case, absolute-URI request lines) and
// none may reach its handler. The routes come from the app itself, so a new route is covered the
// day it is added.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routesOf } from './app.ts';
import {
  AUTH,
  fakeDist,
  isFinal,
  listenLocal,
  postJob,
  rawHttp,
  sandbox,
  testApp,
  waitJob,
  type RawResponse,
  type Sandbox,
} from './testing.ts';

let box: Sandbox;
let app: FastifyInstance;
let port: number;
/** Real ids, so a handler reached by mistake would answer 2xx (or 409), not "no such job". */
let jobId: string;
let bundleId: string;
let historyRunId: string;
let tokenId: string;
/** Team tokens of each role: a read token must not pass where publish or admin is needed. */
const teamTokens: Record<string, string> = {};

beforeAll(async () => {
  box = sandbox();
  app = await testApp(box, { distDir: fakeDist(box) });
  port = await listenLocal(app);
  jobId = await postJob(app, { model: 'resnet50.onnx', jobTypes: [2] });
  await waitJob(app, jobId, isFinal);
  const stored = await app.inject({
    method: 'POST',
    url: '/api/runs',
    headers: AUTH,
    payload: { version: 1 },
  });
  bundleId = (stored.json() as { id: string }).id;
  const job = await waitJob(app, jobId, isFinal);
  historyRunId = job.runIds[0] ?? '';
  // The publisher records the job's runs in the launcher's history within a few polls.
  for (let i = 0; i < 300; i++) {
    const res = await app.inject({ url: `/api/history/runs/${historyRunId}`, headers: AUTH });
    if (res.statusCode === 200) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  for (const role of ['read', 'publish', 'admin']) {
    const made = await app.inject({
      method: 'POST',
      url: '/api/tokens',
      headers: AUTH,
      payload: { name: role, role },
    });
    const body = made.json<{ id: string; token: string }>();
    teamTokens[role] = body.token;
    tokenId = body.id;
  }
});

afterAll(async () => {
  await app.close();
  box.cleanup();
});

const BODY = JSON.stringify({ model: 'resnet50.onnx', jobTypes: [2] });

function concrete(url: string): string {
  return url
    .replace(/^\/api\/jobs\/:id/, `/api/jobs/${jobId}`)
    .replace(/^\/api\/runs\/:id/, `/api/runs/${bundleId}`)
    .replace(/^\/api\/history\/runs\/:id/, `/api/history/runs/${historyRunId}`)
    .replace(/^\/api\/tokens\/:id/, `/api/tokens/${tokenId}`);
}

const encodeChar = (c: string) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`;

/** Spellings of `path` that a lenient router, a proxy or a browser may treat as the same route. */
export function tricks(path: string): string[] {
  const segs = path.split('/').slice(1);
  const join = (parts: readonly string[]) => `/${parts.join('/')}`;
  const out = new Set<string>();
  segs.forEach((seg, i) => {
    const letter = seg.search(/[A-Za-z]/);
    if (letter >= 0) {
      const one = seg.slice(0, letter) + encodeChar(seg[letter] ?? '') + seg.slice(letter + 1);
      out.add(join(segs.map((s, j) => (j === i ? one : s))));
      out.add(join(segs.map((s, j) => (j === i ? one.toLowerCase() : s))));
    }
    const before = segs.slice(0, i);
    const after = segs.slice(i);
    out.add(`${join(before)}/${join(after)}`.replace(/^\/\//, '//'));
    out.add(join([...before, '.', ...after]));
    out.add(join([...before, 'x', '..', ...after]));
    out.add(join([...before, '%2e', ...after]));
    out.add(join([...before, 'x', '%2e%2e', ...after]));
    out.add(join(segs.map((s, j) => (j === i ? s.toUpperCase() : s))));
  });
  out.add(join(segs.map((s) => s.replace(/[A-Za-z]/g, encodeChar))));
  out.add(`/${path}`);
  out.add(`${path}/`);
  out.add(`${path}/.`);
  out.add(`${path}?`);
  out.add(`${path}?x=1`);
  out.add(`${path};x`);
  out.add(`${path}#x`);
  out.add(path.toUpperCase());
  out.add(path);
  return [...out];
}

/** Nothing a handler of a protected route would answer. */
function expectRefused(what: string, res: RawResponse): void {
  const spaShell = res.status === 200 && /text\/html/.test(res.headers['content-type'] ?? '');
  if (spaShell) {
    // The dashboard's shell is public and carries no data of any route.
    expect(res.body, what).not.toContain('"id"');
    return;
  }
  expect(res.status, what).toBeGreaterThanOrEqual(400);
  expect(res.status, what).toBeLessThan(500);
  if (/json/.test(res.headers['content-type'] ?? '') && res.body !== '') {
    const code = (JSON.parse(res.body) as { code?: string }).code;
    expect(['UNAUTHORIZED', 'FORBIDDEN', 'NOT_FOUND'], `${what}: ${res.body}`).toContain(code);
  }
}

function protectedRoutes() {
  return routesOf(app).filter((r) => !r.public);
}

describe('protected routes without the token', () => {
  it('are enumerated from the app and include every API route that needs the token', async () => {
    const routes = protectedRoutes().map((r) => `${r.method} ${r.url}`);
    for (const expected of [
      'GET /api/jobs',
      'POST /api/jobs',
      'GET /api/jobs/:id',
      'GET /api/jobs/:id/events',
      'DELETE /api/jobs/:id',
      'POST /api/jobs/:id/resume',
      'GET /api/runs',
      'POST /api/runs',
      'DELETE /api/runs/:id',
      'GET /api/preflight',
      'GET /api/models',
      'GET /api/history/facets',
      'GET /api/history/points',
      'GET /api/history/runs',
      'GET /api/history/runs/:id',
      'GET /api/history/runs/:id/raw',
      'POST /api/history/runs',
      'GET /api/tokens',
      'POST /api/tokens',
      'DELETE /api/tokens/:id',
    ]) {
      expect(routes).toContain(expected);
    }
    // The history run the job made is real, so a handler reached by mistake would answer it.
    const real = await app.inject({ url: `/api/history/runs/${historyRunId}`, headers: AUTH });
    expect(real.statusCode).toBe(200);
    // Public: health, reading a run or bundle by its id, the dashboard's files.
    for (const r of routesOf(app).filter((x) => x.public)) {
      expect(r.method === 'GET' || r.method === 'HEAD', `${r.method} ${r.url}`).toBe(true);
    }
  });

  it('refuse every spelling of every protected route (inject)', async () => {
    for (const route of protectedRoutes()) {
      for (const url of tricks(concrete(route.url))) {
        const res = await app.inject({
          method: route.method as 'GET',
          url,
          headers: route.method === 'POST' ? { 'content-type': 'application/json' } : {},
          payload: route.method === 'POST' ? BODY : undefined,
        });
        expectRefused(`${route.method} ${url}`, {
          status: res.statusCode,
          headers: res.headers as Record<string, string>,
          body: res.body,
        });
      }
    }
  });

  it('refuse every spelling and absolute-URI request line on a real socket', async () => {
    for (const route of protectedRoutes()) {
      const path = concrete(route.url);
      const targets = [
        ...tricks(path),
        `http://127.0.0.1:${port}${path}`,
        `http://localhost:${port}${path}`,
        `http://127.0.0.1:${port}${path.replace('j', '%6A').replace('r', '%72')}`,
        `http://127.0.0.1:${port}/${path}`,
      ];
      for (const target of targets) {
        const body = route.method === 'POST' ? BODY : '';
        const head = [
          `${route.method} ${target} HTTP/1.1`,
          `Host: 127.0.0.1:${port}`,
          'Connection: close',
          ...(body
            ? ['Content-Type: application/json', `Content-Length: ${Buffer.byteLength(body)}`]
            : []),
        ].join('\r\n');
        expectRefused(`${route.method} ${target}`, await rawHttp(port, head, body));
      }
    }
  });
});

describe('team tokens on routes that need another role', () => {
  /** Which team roles a route lets in: none outside the history, admin everywhere in it. */
  const lets = (route: { method: string; url: string }, role: string): boolean => {
    const needs = ROLE_OF[`${route.method} ${route.url}`];
    return needs !== undefined && (role === 'admin' || role === needs);
  };

  it("refuse every spelling of every route a token's role does not open (inject)", async () => {
    let tried = 0;
    for (const role of ['read', 'publish']) {
      for (const route of protectedRoutes().filter((r) => !lets(r, role))) {
        for (const url of tricks(concrete(route.url))) {
          const res = await app.inject({
            method: route.method as 'GET',
            url,
            headers: {
              authorization: `Bearer ${teamTokens[role]}`,
              ...(route.method === 'POST' ? { 'content-type': 'application/json' } : {}),
            },
            payload: route.method === 'POST' ? BODY : undefined,
          });
          tried += 1;
          expectRefused(`${role}: ${route.method} ${url}`, {
            status: res.statusCode,
            headers: res.headers as Record<string, string>,
            body: res.body,
          });
        }
      }
    }
    expect(tried).toBeGreaterThan(100);
    // The admin token was never revoked by any of this.
    const still = await app.inject({
      url: '/api/tokens',
      headers: { authorization: `Bearer ${teamTokens.admin}` },
    });
    expect(still.statusCode).toBe(200);
    expect(
      still
        .json<{ tokens: { revokedAt: string | null }[] }>()
        .tokens.every((t) => t.revokedAt === null),
    ).toBe(true);
  });
});

const ROLE_OF: Record<string, string> = {
  'GET /api/history/facets': 'read',
  'HEAD /api/history/facets': 'read',
  'GET /api/history/points': 'read',
  'HEAD /api/history/points': 'read',
  'GET /api/history/runs': 'read',
  'HEAD /api/history/runs': 'read',
  'GET /api/history/runs/:id': 'read',
  'HEAD /api/history/runs/:id': 'read',
  'GET /api/history/runs/:id/raw': 'read',
  'HEAD /api/history/runs/:id/raw': 'read',
  'POST /api/history/runs': 'publish',
  'GET /api/tokens': 'admin',
  'HEAD /api/tokens': 'admin',
  'POST /api/tokens': 'admin',
  'DELETE /api/tokens/:id': 'admin',
};

describe('requests that match no route', () => {
  it.each(['/api/nothing', '/api/jobs/x/y/z', '/api', '/api/'])(
    '%s answers the same 404 with and without the token',
    async (url) => {
      const without = await app.inject({ method: 'DELETE', url });
      const withToken = await app.inject({ method: 'DELETE', url, headers: AUTH });
      expect(without.statusCode).toBe(404);
      expect(withToken.statusCode).toBe(404);
      expect(without.body).toBe(withToken.body);
    },
  );

  it.each([
    '/.env',
    '//foo',
    '//',
    '/%2e%2e/',
    '/%2e%2e/etc/passwd',
    '/assets/../.env',
    '/.git/config',
  ])('GET %s answers 404, never 500', async (url) => {
    const head = [`GET ${url} HTTP/1.1`, `Host: 127.0.0.1:${port}`, 'Connection: close'];
    const res = await rawHttp(port, head.join('\r\n'));
    expect(res.status).toBe(404);
    expect(res.body).not.toContain('SECRET');
    // inject() resolves the URL first (`/%2e%2e/` becomes `/`); where it keeps it, the same.
    if (URL.parse(`http://localhost${url}`)?.pathname === url) {
      expect((await app.inject(url)).statusCode).toBe(404);
    }
  });
});

describe('bodies of protected routes', () => {
  it.each(['/api/runs', '/api/jobs', '/api/history/runs', '/api/tokens'])(
    'POST %s without the token is refused before its body is read',
    async (url) => {
      // 2 MiB announced, a few bytes sent: the answer can only come if nothing waits for the rest.
      const head = [
        `POST ${url} HTTP/1.1`,
        `Host: 127.0.0.1:${port}`,
        'Content-Type: application/json',
        `Content-Length: ${2 * 1024 * 1024}`,
        'Connection: close',
      ].join('\r\n');
      const res = await rawHttp(port, head, '{"version":1,"pad":"');
      expect(res.status).toBe(401);
      expect(JSON.parse(res.body)).toMatchObject({ code: 'UNAUTHORIZED' });
    },
  );
});
