// GET /api/models: what the Launch page's model picker lists. The walk stays inside the models
// root whatever links and names the root holds, and the request cannot steer it anywhere else.
import type { FastifyInstance } from 'fastify';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listModels, MAX_DEPTH } from '../jobs/models.ts';
import { AUTH, sandbox, testApp, type Sandbox } from './testing.ts';

let box: Sandbox;
let app: FastifyInstance;

interface Listing {
  root: string;
  models: { path: string; size: number; kind: string }[];
  truncated: boolean;
}

beforeAll(async () => {
  box = sandbox();
  const m = box.modelsRoot;
  // A link inside the root to a model inside it is listed under its own name.
  symlinkSync(join(m, 'sub', 'bert.onnx'), join(m, 'bert-link.onnx'));
  // A loop (a directory linking to its parent) is entered once.
  symlinkSync(m, join(m, 'sub', 'loop'));
  // A dangling link, a dot-file, a name with a newline, an XSS name, other model kinds.
  symlinkSync(join(m, 'gone.onnx'), join(m, 'dangling.onnx'));
  writeFileSync(join(m, '.hidden.onnx'), 'x');
  writeFileSync(join(m, 'evil\nname.onnx'), 'x');
  writeFileSync(join(m, '<img src=x onerror=alert(1)>.onnx'), 'x');
  writeFileSync(join(m, 'yolo.OM'), 'om');
  mkdirSync(join(m, 'tf'));
  writeFileSync(join(m, 'tf', 'frozen.pb'), 'pb');
  // Deeper than the walk goes.
  let deep = m;
  for (let i = 0; i <= MAX_DEPTH; i++) deep = join(deep, `d${i}`);
  mkdirSync(deep, { recursive: true });
  writeFileSync(join(deep, 'too-deep.onnx'), 'x');
  app = await testApp(box);
});

afterAll(async () => {
  await app.close();
  box.cleanup();
});

async function get(url: string, headers: Record<string, string> = AUTH) {
  return app.inject({ method: 'GET', url, headers });
}

describe('GET /api/models', () => {
  it('lists the model files under the root, sorted, with their kind and size', async () => {
    const res = await get('/api/models');
    expect(res.statusCode).toBe(200);
    const body = res.json() as Listing;
    const paths = body.models.map((x) => x.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'resnet50.onnx',
        'sub/bert.onnx',
        'bert-link.onnx',
        'tf/frozen.pb',
        'yolo.OM',
        '<img src=x onerror=alert(1)>.onnx',
      ]),
    );
    expect(body.models.find((x) => x.path === 'yolo.OM')?.kind).toBe('om');
    expect(body.models.find((x) => x.path === 'resnet50.onnx')?.size).toBe(
      'onnx model resnet50\n'.length,
    );
    expect(body.truncated).toBe(false);
    expect(body.root.endsWith('models')).toBe(true);
  });

  it('never lists a file outside the root: links out, directory links out, loops, dangling links', async () => {
    const body = (await get('/api/models')).json() as Listing;
    const paths = body.models.map((x) => x.path);
    expect(paths).not.toContain('link-out.onnx');
    expect(paths.some((p) => p.startsWith('dir-out/'))).toBe(false);
    expect(paths.some((p) => p.includes('secret'))).toBe(false);
    expect(paths).not.toContain('dangling.onnx');
    // The loop is the root itself, already walked: nothing under sub/loop/.
    expect(paths.some((p) => p.startsWith('sub/loop/'))).toBe(false);
    expect(paths).not.toContain('weird.bin');
    expect(paths).not.toContain('.hidden.onnx');
    expect(paths.some((p) => p.includes('\n'))).toBe(false);
    expect(paths.some((p) => p.includes('too-deep'))).toBe(false);
  });

  it.each([
    '/api/models?dir=..',
    '/api/models?dir=%2e%2e%2f%2e%2e',
    '/api/models?root=/etc',
    '/api/models?path=../secret.onnx',
  ])('takes no path from the request: %s lists the same root', async (url) => {
    const plain = (await get('/api/models')).json() as Listing;
    const res = await get(url);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(plain);
  });

  it('needs the token and the launcher’s own origin', async () => {
    const none = await get('/api/models', {});
    expect(none.statusCode).toBe(401);
    expect(none.body).not.toContain('resnet50');
    const wrong = await get('/api/models', { authorization: 'Bearer nope' });
    expect(wrong.statusCode).toBe(401);
    const cross = await get('/api/models', { ...AUTH, origin: 'http://evil.example' });
    expect(cross.statusCode).toBe(403);
  });

  it('answers an empty list for a root that is gone', () => {
    expect(listModels(join(box.root, 'no-such-root'))).toMatchObject({
      models: [],
      truncated: false,
    });
  });
});
