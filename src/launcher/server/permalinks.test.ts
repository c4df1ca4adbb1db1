// Permalinks are the launcher's one public write-once, read-many resource: bounded in size and in
// nesting when stored, served from the stored bytes when read, and rate-limited per client so a
// crowd of readers cannot starve the rest of the API.
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { validate } from '../../core/validation/index.ts';
import { MAX_JSON_DEPTH } from './validation.ts';
import { MAX_BUNDLE_BYTES, PUBLIC_READS_PER_MINUTE } from './routes/runs.ts';
import { AUTH, sandbox, testApp, type Sandbox } from './testing.ts';

let box: Sandbox;
let app: FastifyInstance;

beforeEach(async () => {
  box = sandbox();
  app = await testApp(box);
});

afterEach(async () => {
  vi.restoreAllMocks();
  await app.close();
  box.cleanup();
});

const store = (payload: string) =>
  app.inject({
    method: 'POST',
    url: '/api/runs',
    headers: { ...AUTH, 'content-type': 'application/json' },
    payload,
  });

/** `{"version":1,"view":[[[…]]]}` with the outer object counted: `depth` levels in all. */
function nested(depth: number): string {
  return `{"version":1,"view":${'['.repeat(depth - 1)}${']'.repeat(depth - 1)}}`;
}

describe('storing', () => {
  it('keeps the 2 MiB cap', async () => {
    const over = await store(JSON.stringify({ version: 1, pad: 'x'.repeat(MAX_BUNDLE_BYTES) }));
    expect(over.statusCode).toBe(413);
    expect(over.json()).toMatchObject({ code: 'TOO_LARGE' });
    expect(validate('launcher-error', over.json())).toEqual([]);
  });

  it.each([MAX_JSON_DEPTH + 1, 4114, 4115, 100_000])(
    'refuses a bundle nested %i deep with 400, never 500',
    async (depth) => {
      const res = await store(nested(depth));
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'BAD_REQUEST', details: { field: '/' } });
      expect(validate('launcher-error', res.json())).toEqual([]);
      const list = await app.inject({ url: '/api/runs', headers: AUTH });
      expect((list.json() as { bundles: unknown[] }).bundles).toEqual([]);
    },
  );

  it(`stores and serves a bundle nested ${MAX_JSON_DEPTH} deep`, async () => {
    const res = await store(nested(MAX_JSON_DEPTH));
    expect(res.statusCode).toBe(201);
    const { id } = res.json() as { id: string };
    const read = await app.inject(`/api/runs/${id}`);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ id, kind: 'bundle', bundle: { version: 1 } });
  });

  it('does not count brackets inside strings as nesting', async () => {
    const res = await store(JSON.stringify({ version: 1, note: '['.repeat(10_000) + '\\"{' }));
    expect(res.statusCode).toBe(201);
  });

  it('refuses deep job requests the same way', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/jobs',
      headers: { ...AUTH, 'content-type': 'application/json' },
      payload: `{"model":"resnet50.onnx","jobTypes":[2],"options":${'['.repeat(5000)}${']'.repeat(5000)}}`,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'BAD_REQUEST' });
  });
});

describe('reading', () => {
  it('serves the stored text as it is, without parsing it again', async () => {
    const bundle = {
      version: 1,
      runs: [{ name: 'é ✓ <b>', ops: Array.from({ length: 2000 }, (_, i) => ({ i, t: i * 1.5 })) }],
    };
    const created = await store(JSON.stringify(bundle));
    const { id } = created.json() as { id: string };
    const parse = vi.spyOn(JSON, 'parse');
    const stringify = vi.spyOn(JSON, 'stringify');
    const read = await app.inject(`/api/runs/${id}`);
    const again = await app.inject(`/api/runs/${id}`);
    // Small strings (the id, the date) may be quoted; nothing the size of the bundle is touched.
    const large = (text: unknown) => typeof text === 'string' && text.length > 1000;
    expect(parse.mock.calls.filter((c) => large(c[0]))).toEqual([]);
    expect(stringify.mock.results.filter((r) => large(r.value))).toEqual([]);
    vi.restoreAllMocks();
    expect(read.statusCode).toBe(200);
    expect(read.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(read.body).toContain(JSON.stringify(bundle));
    expect(read.json()).toEqual({
      id,
      kind: 'bundle',
      createdAt: expect.any(String),
      bundle,
    });
    expect(again.body).toBe(read.body);
    expect(Number(read.headers['content-length'])).toBe(Buffer.byteLength(read.body));
  });

  it('limits anonymous reads per client and says when to retry', async () => {
    const created = await store(JSON.stringify({ version: 1 }));
    const { id } = created.json() as { id: string };
    for (let i = 0; i < PUBLIC_READS_PER_MINUTE; i += 1) {
      expect((await app.inject(`/api/runs/${id}`)).statusCode).toBe(200);
    }
    const limited = await app.inject(`/api/runs/${id}`);
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ code: 'RATE_LIMITED' });
    expect(validate('launcher-error', limited.json())).toEqual([]);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Another client is not affected; nor is the token holder, nor health.
    const other = await app.inject({ url: `/api/runs/${id}`, remoteAddress: '127.0.0.2' });
    expect(other.statusCode).toBe(200);
    expect((await app.inject({ url: `/api/runs/${id}`, headers: AUTH })).statusCode).toBe(200);
    expect((await app.inject('/api/health')).statusCode).toBe(200);
  });
});
