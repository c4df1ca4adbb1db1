// The HTTP API through inject(): auth, validation errors naming the field, attacks on paths,
// options and body sizes, permalinks, static serving with the SPA fallback and the CSP.
import type { FastifyInstance } from 'fastify';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { validate } from '../../core/validation/index.ts';
import { readOrCreateToken } from './auth.ts';
import { AUTH, fakeEnv, sandbox, testApp, TOKEN, type Sandbox } from './testing.ts';

let box: Sandbox;
let app: FastifyInstance;

beforeEach(async () => {
  box = sandbox();
  const dist = join(box.root, 'dist');
  mkdirSync(join(dist, 'assets'), { recursive: true });
  writeFileSync(
    join(dist, 'index.html'),
    '<!doctype html><div id="root"></div><script type="module" src="/assets/app.js"></script>',
  );
  writeFileSync(join(dist, 'assets', 'app.js'), 'console.log(1)');
  app = await testApp(box, { distDir: dist });
});

afterEach(async () => {
  await app.close();
  box.cleanup();
});

/** Every error body honours schemas/launcher-error.schema.json. */
function expectErrorShape(body: unknown): void {
  expect(validate('launcher-error', body)).toEqual([]);
}

const post = (url: string, payload: unknown, headers: Record<string, string> = AUTH) =>
  app.inject({ method: 'POST', url, headers, payload: payload as object });

describe('health and auth', () => {
  it('answers health without a token', async () => {
    const res = await app.inject('/api/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true, version: expect.any(String), demo: false });
  });

  it.each([
    ['GET', '/api/jobs'],
    ['GET', '/api/runs'],
    ['GET', '/api/preflight'],
    ['POST', '/api/jobs'],
    ['POST', '/api/runs'],
    ['DELETE', '/api/runs/AAAAAAAAAAAAAAAAAAAAAAAA'],
  ] as const)('%s %s needs the token', async (method, url) => {
    const missing = await app.inject({ method, url, payload: method === 'GET' ? undefined : {} });
    expect(missing.statusCode).toBe(401);
    expect(missing.json()).toMatchObject({
      code: 'UNAUTHORIZED',
      details: { field: 'authorization' },
    });
    expectErrorShape(missing.json());
    const wrong = await app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${TOKEN}x` },
      payload: method === 'GET' ? undefined : {},
    });
    expect(wrong.statusCode).toBe(401);
    const basic = await app.inject({ method, url, headers: { authorization: `Basic ${TOKEN}` } });
    expect(basic.statusCode).toBe(401);
  });
});

describe('POST /api/jobs validation', () => {
  it.each([
    [{ jobTypes: [2] }, 400, 'BAD_REQUEST', '/model'],
    [{ model: 'resnet50.onnx' }, 400, 'BAD_REQUEST', '/jobTypes'],
    [{ model: 'resnet50.onnx', jobTypes: [3] }, 400, 'BAD_REQUEST', '/jobTypes/0'],
    [{ model: 'resnet50.onnx', jobTypes: [2, 2] }, 400, 'BAD_REQUEST', '/jobTypes'],
    [{ model: 'x'.repeat(1025), jobTypes: [2] }, 400, 'BAD_REQUEST', '/model'],
    [{ model: 'resnet50.onnx', jobTypes: [2], device: -1 }, 400, 'BAD_REQUEST', '/device'],
    [{ model: 'resnet50.onnx', jobTypes: [2], colour: 'red' }, 400, 'BAD_REQUEST', '/colour'],
    [
      { model: 'resnet50.onnx', jobTypes: [2], env: { LD_PRELOAD: '/x.so' } },
      400,
      'BAD_REQUEST',
      '/env/LD_PRELOAD',
    ],
    [
      { model: 'resnet50.onnx', jobTypes: [2], env: { REPEAT_TUNE: 'yes' } },
      400,
      'BAD_REQUEST',
      '/env/REPEAT_TUNE',
    ],
    [
      { model: 'resnet50.onnx', jobTypes: [2], inputShape: 'x:1;$(id)' },
      400,
      'BAD_REQUEST',
      '/inputShape',
    ],
    [{ model: 'weird.bin', jobTypes: [2] }, 400, 'BAD_REQUEST', '/framework'],
    [
      { model: 'resnet50.onnx', jobTypes: [2], options: { precision_mode_v2: 'x' } },
      400,
      'BAD_OPTION',
      '/options/precision_mode_v2',
    ],
    [
      { model: 'resnet50.onnx', jobTypes: [2], options: { model: 'other.onnx' } },
      400,
      'BAD_OPTION',
      '/options/model',
    ],
    [
      { model: 'resnet50.onnx', jobTypes: [2], options: { log: 'loud' } },
      400,
      'BAD_REQUEST',
      '/options/log',
    ],
    [
      { model: 'resnet50.onnx', jobTypes: [2], options: { 'log; rm -rf /': 'info' } },
      400,
      'BAD_REQUEST',
      '/options/log; rm -rf /',
    ],
    [
      { model: 'resnet50.onnx', jobTypes: [2], options: { aicore_num: '8 && reboot' } },
      400,
      'BAD_REQUEST',
      '/options/aicore_num',
    ],
    [
      { model: 'resnet50.onnx', jobTypes: [2], options: { log: 'info\n--reload' } },
      400,
      'BAD_REQUEST',
      '/options/log',
    ],
  ])('%j → %i %s at %s', async (body, status, code, field) => {
    const res = await post('/api/jobs', body);
    expect(res.statusCode).toBe(status);
    expect(res.json()).toMatchObject({ code, details: { field } });
    expectErrorShape(res.json());
  });

  it('rejects prototype-pollution keys in options', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/jobs',
      headers: { ...AUTH, 'content-type': 'application/json' },
      payload: '{"model":"resnet50.onnx","jobTypes":[2],"options":{"__proto__":{"x":"1"}}}',
    });
    expect(res.statusCode).toBe(400);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});

describe('path traversal in model', () => {
  it.each([
    ['../secret.onnx', 'must stay inside the models root'],
    ['sub/../../secret.onnx', 'must stay inside the models root'],
    ['/etc/passwd', 'not an absolute path'],
    ['link-out.onnx', 'must stay inside the models root'],
    ['dir-out/secret.onnx', 'must stay inside the models root'],
    ['missing.onnx', 'does not exist'],
  ])('%s is refused', async (model, message) => {
    const res = await post('/api/jobs', { model, jobTypes: [2] });
    expect(res.statusCode).toBe(400);
    const body = res.json() as { code: string; message: string; details: { field: string } };
    expect(body.code).toBe('BAD_PATH');
    expect(body.details.field).toBe('/model');
    expect(body.message).toContain(message);
  });

  it('refuses a file option that points outside the models root', async () => {
    const res = await post('/api/jobs', {
      model: 'resnet50.onnx',
      jobTypes: [2],
      options: { insert_op_conf: '../secret.onnx' },
    });
    expect(res.json()).toMatchObject({
      code: 'BAD_PATH',
      details: { field: '/options/insert_op_conf' },
    });
  });

  it('accepts a model in a sub-directory', async () => {
    const res = await post('/api/jobs', { model: 'sub/bert.onnx', jobTypes: [2] });
    expect(res.statusCode).toBe(201);
  });
});

describe('job queue', () => {
  it('refuses a job past the queue cap with 429 QUEUE_FULL, in the error shape', async () => {
    const codes: number[] = [];
    let refused: unknown = null;
    // One device: the first job runs (and hangs), the next ones wait in the queue.
    for (let i = 0; i < 40; i += 1) {
      const res = await post('/api/jobs', { model: 'hang-resnet50.onnx', jobTypes: [2] });
      codes.push(res.statusCode);
      if (res.statusCode !== 201) {
        refused = res.json();
        break;
      }
    }
    expect(codes.filter((c) => c === 201).length).toBeGreaterThan(1);
    expect(codes.at(-1)).toBe(429);
    expect(refused).toMatchObject({ code: 'QUEUE_FULL' });
    expectErrorShape(refused);
  });
});

describe('host check', () => {
  it("checks the free space of the launcher's data dir as well as $HOME's", async () => {
    // $HOME on another file system than the data dir: both disks are reported.
    const second = sandbox();
    const other = await testApp(second, { env: fakeEnv({ HOME: '/proc' }) });
    try {
      const res = await other.inject({ method: 'GET', url: '/api/preflight', headers: AUTH });
      expect(res.statusCode).toBe(200);
      const items = (res.json() as { items: { id: string; values?: { path?: string } }[] }).items;
      const paths = items.filter((i) => i.id === 'disk').map((i) => i.values?.path);
      expect(paths).toEqual(['/proc', second.dataDir]);
    } finally {
      await other.close();
      second.cleanup();
    }
  });
});

describe('body limits and content types', () => {
  it('refuses an oversized job request with 413', async () => {
    const res = await post('/api/jobs', {
      model: 'resnet50.onnx',
      jobTypes: [2],
      pad: 'x'.repeat(300_000),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ code: 'TOO_LARGE' });
    expectErrorShape(res.json());
  });

  it('refuses an oversized share bundle with 413', async () => {
    const res = await post('/api/runs', { version: 1, pad: 'x'.repeat(2 * 1024 * 1024) });
    expect(res.statusCode).toBe(413);
  });

  it('refuses non-JSON bodies and malformed JSON', async () => {
    const text = await app.inject({
      method: 'POST',
      url: '/api/jobs',
      headers: { ...AUTH, 'content-type': 'text/plain' },
      payload: 'model=x',
    });
    expect(text.statusCode).toBe(415);
    expectErrorShape(text.json());
    const bad = await app.inject({
      method: 'POST',
      url: '/api/jobs',
      headers: { ...AUTH, 'content-type': 'application/json' },
      payload: '{"model": ',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'BAD_JSON' });
    expectErrorShape(bad.json());
  });
});

describe('permalinks', () => {
  it('stores a bundle, opens it without a token, lists and deletes it with one', async () => {
    const bundle = {
      version: 1,
      view: { page: 'compare' },
      runs: [{ name: '<img src=x onerror=alert(1)>' }],
    };
    const created = await post('/api/runs', bundle);
    expect(created.statusCode).toBe(201);
    const { id, url } = created.json() as { id: string; url: string };
    expect(id).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(Buffer.from(id, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
    expect(url).toBe(`/r/${id}`);
    const opened = await app.inject(`/api/runs/${id}`);
    expect(opened.statusCode).toBe(200);
    expect(opened.json()).toMatchObject({ id, kind: 'bundle', bundle });
    const list = await app.inject({ url: '/api/runs', headers: AUTH });
    expect((list.json() as { bundles: { id: string }[] }).bundles.map((b) => b.id)).toEqual([id]);
    expect(
      (await app.inject({ method: 'DELETE', url: `/api/runs/${id}`, headers: AUTH })).statusCode,
    ).toBe(204);
    expect((await app.inject(`/api/runs/${id}`)).statusCode).toBe(404);
  });

  it.each([[[1, 2]], [{}], ['text'], [null]])('refuses %j as a bundle', async (body) => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/runs',
      headers: { ...AUTH, 'content-type': 'application/json' },
      payload: JSON.stringify(body),
    });
    expect(res.statusCode).toBe(400);
  });

  it('answers 404 for unknown or malformed ids', async () => {
    expect((await app.inject('/api/runs/AAAAAAAAAAAAAAAAAAAAAAAA')).json()).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect((await app.inject('/api/runs/..%2F..%2Fetc')).statusCode).toBe(404);
    expect((await app.inject({ url: '/api/jobs/short', headers: AUTH })).statusCode).toBe(404);
    expect((await app.inject('/api/nothing')).json()).toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('serving the dashboard', () => {
  it.each(['/', '/launch', '/compare', '/run/abc/0', '/r/AAAAAAAAAAAAAAAAAAAAAAAA'])(
    '%s gets index.html with a CSP that forbids eval and inline scripts',
    async (url) => {
      const res = await app.inject(url);
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('<div id="root">');
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("script-src 'self'");
      // WebAssembly compilation (SQLite for the profiler .db) only, never JavaScript eval.
      expect(csp).toMatch(/script-src [^;]*'wasm-unsafe-eval'/);
      expect(csp).not.toContain("'unsafe-eval'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
    },
  );

  it('serves assets and 404s missing ones instead of falling back', async () => {
    expect((await app.inject('/assets/app.js')).body).toBe('console.log(1)');
    expect((await app.inject('/assets/missing.js')).statusCode).toBe(404);
  });

  it('reads the token from <data-dir>/token with mode 0600 and reuses it', () => {
    const first = readOrCreateToken(box.dataDir);
    const file = join(box.dataDir, 'token');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8').trim()).toBe(first);
    expect(readOrCreateToken(box.dataDir)).toBe(first);
    expect(Buffer.from(first, 'base64url').length).toBe(32);
  });
});
