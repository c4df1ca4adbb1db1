// The history API on both engines: tokens and their roles, publishing (idempotent, concurrent,
// untrusted bodies), the history and run list, and a launcher's own runs in its own history.
import type { FastifyInstance } from 'fastify';
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../store/history-testing.ts';
import {
  AOE_FILE,
  AUTH,
  isFinal,
  postJob,
  sandbox,
  testApp,
  waitJob,
  type Sandbox,
} from './testing.ts';

const RAW = readFileSync(AOE_FILE).toString('base64');

export function publishBody(id: string, over: Record<string, unknown> = {}) {
  return {
    id,
    fileName: 'aoe_result_opat_1.json',
    raw: RAW,
    createdAt: '2026-03-01T10:00:00.000Z',
    source: { host: 'npu-host-1', user: 'alice' },
    manifests: [
      { tool: 'atc', model: '/models/resnet50.onnx', soc: 'Ascend910B3', cannVersion: '8.0.RC1' },
      { tool: 'ais_bench', batchSize: 8, figures: { latencyMs: { mean: 97.5 } } },
    ],
    ...over,
  };
}

const RUN_A = 'runAAAAAAAAAAAAAAAAAAAAAAA';
const RUN_B = 'runBBBBBBBBBBBBBBBBBBBBBBB';

for (const engine of engines()) {
  describe.skipIf(engine.unavailable !== null)(`history API on ${engine.name}`, () => {
    let box: Sandbox;
    let app: FastifyInstance;
    const tokenOf: Record<string, string> = {};
    const bearer = (role: string) => ({ authorization: `Bearer ${tokenOf[role]}` });

    beforeAll(async () => {
      await engine.setUp();
    }, 60_000);
    afterAll(() => engine.tearDown());

    const start = async () => {
      box = sandbox();
      let db: string | undefined;
      if (engine.name === 'postgres') {
        const opened = await engine.open();
        db = opened.url ?? undefined;
        await opened.store.close();
      }
      app = await testApp(box, db ? { db } : {});
      for (const role of ['read', 'publish', 'admin']) {
        const res = await app.inject({
          method: 'POST',
          url: '/api/tokens',
          headers: AUTH,
          payload: { name: `${role} <b>"x"</b>`, role },
        });
        expect(res.statusCode).toBe(201);
        tokenOf[role] = (res.json() as { token: string }).token;
      }
    };
    afterEach(async () => {
      await app?.close();
      box?.cleanup();
    });

    it('gives each role what it names, and nothing to a revoked or forged token', async () => {
      await start();
      const get = (headers: Record<string, string>) =>
        app.inject({ method: 'GET', url: '/api/history/runs', headers });
      const post = (headers: Record<string, string>, id: string) =>
        app.inject({ method: 'POST', url: '/api/history/runs', headers, payload: publishBody(id) });
      expect((await get({})).statusCode).toBe(401);
      expect((await get(bearer('read'))).statusCode).toBe(200);
      expect((await get(bearer('publish'))).statusCode).toBe(403);
      expect((await get(bearer('admin'))).statusCode).toBe(200);
      expect((await post(bearer('read'), RUN_A)).statusCode).toBe(403);
      expect((await post(bearer('publish'), RUN_A)).statusCode).toBe(201);
      expect((await post(bearer('admin'), RUN_B)).statusCode).toBe(201);
      // Tokens are for admins; team tokens open nothing outside the history.
      for (const role of ['read', 'publish']) {
        const r = await app.inject({ method: 'GET', url: '/api/tokens', headers: bearer(role) });
        expect(r.statusCode).toBe(403);
        const jobs = await app.inject({ method: 'GET', url: '/api/jobs', headers: bearer(role) });
        expect(jobs.statusCode).toBe(401);
      }
      const forged = tokenOf.read!.slice(0, -4) + 'AAAA';
      expect((await get({ authorization: `Bearer ${forged}` })).statusCode).toBe(401);

      const list = await app.inject({
        method: 'GET',
        url: '/api/tokens',
        headers: bearer('admin'),
      });
      const tokens = (list.json() as { tokens: { id: string; role: string; name: string }[] })
        .tokens;
      expect(tokens.map((t) => t.role).sort()).toEqual(['admin', 'publish', 'read']);
      expect(list.body).not.toContain(tokenOf.read);
      const readId = tokens.find((t) => t.role === 'read')!.id;
      const del = await app.inject({
        method: 'DELETE',
        url: `/api/tokens/${readId}`,
        headers: bearer('admin'),
      });
      expect(del.statusCode).toBe(204);
      expect((await get(bearer('read'))).statusCode).toBe(401);
    });

    it('stores a published run once, however often and however concurrently it is sent', async () => {
      await start();
      const answers = await Promise.all(
        Array.from({ length: 10 }, () =>
          app.inject({
            method: 'POST',
            url: '/api/history/runs',
            headers: bearer('publish'),
            payload: publishBody(RUN_A),
          }),
        ),
      );
      expect(answers.map((a) => a.statusCode).sort()).toEqual([
        200, 200, 200, 200, 200, 200, 200, 200, 200, 201,
      ]);
      const page = await app.inject({
        method: 'GET',
        url: '/api/history/runs?model=resnet50',
        headers: bearer('read'),
      });
      expect(page.json()).toMatchObject({ total: 1 });
      const points = await app.inject({
        method: 'GET',
        url: '/api/history/points?model=resnet50&soc=Ascend910B3&batch=8',
        headers: bearer('read'),
      });
      // The figures come from the file the server parsed itself and the launcher's manifests.
      expect((points.json() as { points: unknown[] }).points).toEqual([
        expect.objectContaining({
          id: RUN_A,
          model: 'resnet50',
          soc: 'Ascend910B3',
          batchSize: 8,
          cannVersion: '8.0.RC1',
          baselineMs: 120,
          tunedMs: 100,
          measuredMs: 97.5,
          host: 'npu-host-1',
          user: 'alice',
        }),
      ]);
      const run = await app.inject({
        method: 'GET',
        url: `/api/history/runs/${RUN_A}`,
        headers: bearer('read'),
      });
      expect(run.json()).toMatchObject({ id: RUN_A, report: { kind: 'opat' } });
      const raw = await app.inject({
        method: 'GET',
        url: `/api/history/runs/${RUN_A}/raw`,
        headers: bearer('read'),
      });
      expect(raw.rawPayload.equals(readFileSync(AOE_FILE))).toBe(true);
    });

    it('refuses untrusted bodies with the field and the reason', async () => {
      await start();
      const post = (payload: unknown) =>
        app.inject({
          method: 'POST',
          url: '/api/history/runs',
          headers: { ...bearer('publish'), 'content-type': 'application/json' },
          payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
        });
      const notAoe = await post(
        publishBody(RUN_A, {
          raw: Buffer.from('Op Name,Task Duration(us)\nA,1\n').toString('base64'),
        }),
      );
      expect(notAoe.statusCode).toBe(400);
      expect(notAoe.json()).toMatchObject({ details: { field: '/raw' } });
      expect(notAoe.json<{ message: string }>().message).toMatch(/only AOE result files/);
      const badId = await post(publishBody('../../etc/passwd'));
      expect(badId.json()).toMatchObject({ code: 'BAD_REQUEST', details: { field: '/id' } });
      const proto = await post(
        `{"id":"${RUN_A}","__proto__":{"admin":true},"fileName":"a.json","raw":"","createdAt":"x","source":{}}`,
      );
      expect(proto.statusCode).toBe(400);
      const extra = await post({ ...publishBody(RUN_A), role: 'admin' });
      expect(extra.json()).toMatchObject({ details: { field: '/role' } });
      const slash = await post(publishBody(RUN_A, { fileName: '../x.json' }));
      expect(slash.json()).toMatchObject({ details: { field: '/fileName' } });
      const huge = await app.inject({
        method: 'POST',
        url: '/api/history/runs',
        headers: { ...bearer('publish'), 'content-type': 'application/json' },
        payload: `{"raw":"${'A'.repeat(49 * 1024 * 1024)}"}`,
      });
      expect(huge.statusCode).toBe(413);
      const badQuery = await app.inject({
        method: 'GET',
        url: '/api/history/runs?limit=100000',
        headers: bearer('read'),
      });
      expect(badQuery.json()).toMatchObject({ details: { field: 'limit' } });
      const noModel = await app.inject({
        method: 'GET',
        url: '/api/history/points',
        headers: bearer('read'),
      });
      expect(noModel.json()).toMatchObject({ details: { field: 'model' } });
      expect(
        (
          await app.inject({ method: 'GET', url: '/api/history/runs', headers: bearer('read') })
        ).json(),
      ).toMatchObject({ total: 0 });
    });

    it("records a launcher's own finished runs in its own history", async () => {
      await start();
      const id = await postJob(app, { model: 'resnet50.onnx', jobTypes: [2] });
      const job = await waitJob(app, id, isFinal);
      expect(job.state).toBe('succeeded');
      expect(job.runIds.length).toBeGreaterThan(0);
      const end = Date.now() + 10_000;
      let total = 0;
      while (Date.now() < end) {
        const res = await app.inject({ method: 'GET', url: '/api/history/runs', headers: AUTH });
        total = res.json<{ total: number }>().total;
        if (total >= job.runIds.length) break;
        await new Promise((r) => setTimeout(r, 30));
      }
      expect(total).toBe(job.runIds.length);
      const facets = await app.inject({
        method: 'GET',
        url: '/api/history/facets',
        headers: AUTH,
      });
      expect(facets.json<{ models: { model: string }[] }>().models[0]?.model).toBe('resnet50');
    });
  });
}
