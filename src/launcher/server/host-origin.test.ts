// DNS rebinding and cross-site requests: the launcher answers only to the names it is reached by
// (its bound address, loopback names with its port, names given with --allowed-host), and refuses
// state-changing requests, and reads of protected routes, sent from another origin.
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { validate } from '../../core/validation/index.ts';
import { AUTH, fakeDist, listenLocal, rawHttp, sandbox, testApp, type Sandbox } from './testing.ts';

let box: Sandbox | undefined;
let app: FastifyInstance | undefined;

afterEach(async () => {
  await app?.close();
  box?.cleanup();
  app = undefined;
  box = undefined;
});

async function start(allowedHosts: readonly string[] = []): Promise<number> {
  box = sandbox();
  app = await testApp(box, { distDir: fakeDist(box), allowedHosts });
  return listenLocal(app);
}

function get(port: number, path: string, headers: Record<string, string>) {
  const lines = [`GET ${path} HTTP/1.1`, 'Connection: close'];
  for (const [k, v] of Object.entries(headers)) lines.push(`${k}: ${v}`);
  return rawHttp(port, lines.join('\r\n'));
}

function post(port: number, path: string, headers: Record<string, string>, body: string) {
  const lines = [
    `POST ${path} HTTP/1.1`,
    'Connection: close',
    'Content-Type: application/json',
    `Content-Length: ${Buffer.byteLength(body)}`,
  ];
  for (const [k, v] of Object.entries(headers)) lines.push(`${k}: ${v}`);
  return rawHttp(port, lines.join('\r\n'), body);
}

describe('Host', () => {
  it('accepts the bound address and loopback names with the bound port', async () => {
    const port = await start();
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`]) {
      const res = await get(port, '/api/health', { Host: host });
      expect(res.status, host).toBe(200);
    }
    const jobs = await get(port, '/api/jobs', { Host: `localhost:${port}`, ...AUTH });
    expect(jobs.status).toBe(200);
  });

  it.each([
    'evil.example',
    'evil.example:PORT',
    'localhost.evil.example:PORT',
    '127.0.0.1.nip.io:PORT',
    'localhost:1',
    '127.0.0.1',
    '',
  ])('refuses Host %j, public routes and the dashboard included', async (template) => {
    const port = await start();
    const host = template.replace('PORT', String(port));
    for (const path of ['/api/health', '/api/jobs', '/', '/launch', '/api/nothing']) {
      const res = await get(port, path, { Host: host, ...AUTH });
      expect(res.status, `${host} ${path}`).toBe(421);
      const body: unknown = JSON.parse(res.body);
      expect(body).toMatchObject({ code: 'MISDIRECTED', details: { field: 'host' } });
      expect(validate('launcher-error', body)).toEqual([]);
    }
  });

  it('refuses an absolute-URI request line that names another host', async () => {
    const port = await start();
    const res = await rawHttp(
      port,
      [
        `GET http://evil.example:${port}/api/health HTTP/1.1`,
        `Host: 127.0.0.1:${port}`,
        'Connection: close',
      ].join('\r\n'),
    );
    expect(res.status).toBe(421);
  });

  it('accepts names given with --allowed-host, with any port or the one given', async () => {
    const port = await start(['dash.example.com', 'gpu-7:8443']);
    for (const host of ['dash.example.com', `dash.example.com:${port}`, 'gpu-7:8443']) {
      expect((await get(port, '/api/health', { Host: host })).status, host).toBe(200);
    }
    expect((await get(port, '/api/health', { Host: 'gpu-7:9000' })).status).toBe(421);
    expect((await get(port, '/api/health', { Host: 'other.example.com' })).status).toBe(421);
  });
});

describe('Origin', () => {
  const BODY = JSON.stringify({ version: 1 });

  it('accepts mutating requests from the launcher itself or without an Origin', async () => {
    const port = await start(['dash.example.com']);
    const own = { Host: `127.0.0.1:${port}`, ...AUTH };
    expect((await post(port, '/api/runs', own, BODY)).status).toBe(201);
    const same = { ...own, Origin: `http://127.0.0.1:${port}` };
    expect((await post(port, '/api/runs', same, BODY)).status).toBe(201);
    // Behind a TLS reverse proxy the page's origin is https on the allowed name.
    const proxied = { Host: 'dash.example.com', Origin: 'https://dash.example.com', ...AUTH };
    expect((await post(port, '/api/runs', proxied, BODY)).status).toBe(201);
  });

  it.each(['http://evil.example', 'null', `http://localhost:1`, 'https://127.0.0.1.evil.example'])(
    'refuses POST, DELETE and protected GETs with Origin %s, even with the token',
    async (origin) => {
      const port = await start();
      const headers = { Host: `127.0.0.1:${port}`, Origin: origin, ...AUTH };
      const created = await post(port, '/api/runs', headers, BODY);
      expect(created.status).toBe(403);
      const body: unknown = JSON.parse(created.body);
      expect(body).toMatchObject({ code: 'FORBIDDEN', details: { field: 'origin' } });
      expect(validate('launcher-error', body)).toEqual([]);
      const del = await rawHttp(
        port,
        [
          'DELETE /api/runs/AAAAAAAAAAAAAAAAAAAAAAAA HTTP/1.1',
          `Host: 127.0.0.1:${port}`,
          `Origin: ${origin}`,
          `Authorization: ${AUTH.authorization}`,
          'Connection: close',
        ].join('\r\n'),
      );
      expect(del.status).toBe(403);
      expect((await get(port, '/api/jobs', headers)).status).toBe(403);
      // Public reads stay readable (the browser keeps their answers from the other origin).
      expect((await get(port, '/api/health', headers)).status).toBe(200);
    },
  );

  it('checks Origin through inject() too', async () => {
    box = sandbox();
    app = await testApp(box);
    const res = await app.inject({
      method: 'POST',
      url: '/api/runs',
      headers: { ...AUTH, origin: 'http://evil.example' },
      payload: { version: 1 },
    });
    expect(res.statusCode).toBe(403);
    const ok = await app.inject({
      method: 'POST',
      url: '/api/runs',
      headers: { ...AUTH, origin: 'http://localhost:80' },
      payload: { version: 1 },
    });
    expect(ok.statusCode).toBe(201);
  });
});

describe('the history and token routes', () => {
  it.each(['http://evil.example', 'null'])(
    'refuse publishing, token changes and history reads with Origin %s, even with a good token',
    async (origin) => {
      const port = await start();
      const own = { Host: `127.0.0.1:${port}`, ...AUTH };
      const made = await post(port, '/api/tokens', own, '{"name":"ci","role":"admin"}');
      expect(made.status).toBe(201);
      const team = {
        authorization: `Bearer ${(JSON.parse(made.body) as { token: string }).token}`,
      };
      for (const auth of [AUTH, team]) {
        const headers = { Host: `127.0.0.1:${port}`, Origin: origin, ...auth };
        expect((await post(port, '/api/history/runs', headers, '{}')).status).toBe(403);
        expect(
          (await post(port, '/api/tokens', headers, '{"name":"x","role":"admin"}')).status,
        ).toBe(403);
        expect((await get(port, '/api/history/runs', headers)).status).toBe(403);
        expect((await get(port, '/api/tokens', headers)).status).toBe(403);
      }
    },
  );

  it('refuse a Host the launcher does not answer to (DNS rebinding), even with a team token', async () => {
    const port = await start();
    const made = await post(
      port,
      '/api/tokens',
      { Host: `127.0.0.1:${port}`, ...AUTH },
      '{"name":"ci","role":"admin"}',
    );
    const team = { authorization: `Bearer ${(JSON.parse(made.body) as { token: string }).token}` };
    const headers = { Host: `evil.example:${port}`, ...team };
    const res = await get(port, '/api/history/runs', headers);
    expect(res.status).toBe(421);
    expect((await post(port, '/api/history/runs', headers, '{}')).status).toBe(421);
  });
});
