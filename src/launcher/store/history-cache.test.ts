import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HistoryStore } from './history.ts';
import { historyReader } from './history-cache.ts';
import { LISTENER_NAME } from './history-pg.ts';
import { engines, sampleRun } from './history-testing.ts';

/** The store, counting how often each read reaches the database. */
function counting(store: HistoryStore) {
  const calls = { history: 0, listRuns: 0, facets: 0, version: 0 };
  const counted: HistoryStore = {
    ...store,
    version: (scope) => (calls.version++, store.version(scope)),
    history: (f) => (calls.history++, store.history(f)),
    listRuns: (f, l, o) => (calls.listRuns++, store.listRuns(f, l, o)),
    facets: () => (calls.facets++, store.facets()),
  };
  return { counted, calls };
}

const at = (d: number) => new Date(Date.UTC(2026, 0, d)).toISOString();
const key = { model: 'resnet50', soc: 'Ascend910B3', batchSize: 1 } as const;
const ids = (body: Buffer) =>
  (JSON.parse(body.toString()) as { points: { id: string }[] }).points.map((p) => p.id);

/** Waits (up to 10 s) until `ok` says yes. */
async function until(ok: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await ok()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`waited in vain: ${what}`);
}

for (const engine of engines()) {
  describe.skipIf(engine.unavailable !== null)(`history reader on ${engine.name}`, () => {
    beforeAll(() => engine.setUp(), 60_000);
    afterAll(() => engine.tearDown());

    it('asks the database once per question until a run is stored, then answers anew', async () => {
      const { store } = await engine.open();
      await store.putRun(sampleRun({ id: 'r1', createdAt: at(1) }));
      const { counted, calls } = counting(store);
      const reader = historyReader(counted);
      const first = await reader.points(key);
      expect(ids(first)).toEqual(['r1']);
      expect((await reader.points(key)).equals(first)).toBe(true);
      await reader.runs({ model: 'resnet50' }, 50, 0);
      await reader.runs({ model: 'resnet50' }, 50, 0);
      await reader.facets();
      await reader.facets();
      expect(calls).toMatchObject({ history: 1, listRuns: 1, facets: 1 });

      // A publish of a run already stored changes nothing, so the answers stay.
      expect(await store.putRun(sampleRun({ id: 'r1', createdAt: at(1) }))).toBe('exists');
      await reader.points(key);
      expect(calls.history).toBe(1);

      expect(await store.putRun(sampleRun({ id: 'r2', createdAt: at(2) }))).toBe('created');
      expect(ids(await reader.points(key))).toEqual(['r1', 'r2']);
      const page = JSON.parse((await reader.runs({ model: 'resnet50' }, 50, 0)).toString()) as {
        total: number;
      };
      expect(page.total).toBe(2);
      expect(calls).toMatchObject({ history: 2, listRuns: 2, facets: 1 });
      await store.close();
    });

    it("keeps a model's points when a run of another model arrives", async () => {
      const { store } = await engine.open();
      await store.putRun(sampleRun({ id: 'r1', createdAt: at(1) }));
      const { counted, calls } = counting(store);
      const reader = historyReader(counted);
      await reader.points(key);
      await reader.runs({}, 50, 0);
      await store.putRun(sampleRun({ id: 'bert', model: 'bert', createdAt: at(2) }));
      await store.putRun(sampleRun({ id: 'r1-b8', batchSize: 8, createdAt: at(3) }));
      expect(ids(await reader.points(key))).toEqual(['r1']);
      expect(calls.history).toBe(1);
      // The run list and the facets span every model: they are asked again.
      const page = JSON.parse((await reader.runs({}, 50, 0)).toString()) as { total: number };
      expect(page.total).toBe(3);
      expect(calls.listRuns).toBe(2);
      await store.close();
    });

    it('names hosts in any order as one question, and keeps other filters apart', async () => {
      const { store } = await engine.open();
      await store.putRun(sampleRun({ id: 'a', host: 'h1', createdAt: at(1) }));
      await store.putRun(sampleRun({ id: 'b', host: 'h2', createdAt: at(2) }));
      const { counted, calls } = counting(store);
      const reader = historyReader(counted);
      expect(ids(await reader.points({ ...key, hosts: ['h1', 'h2'] }))).toEqual(['a', 'b']);
      expect(ids(await reader.points({ ...key, hosts: ['h2', 'h1'] }))).toEqual(['a', 'b']);
      expect(ids(await reader.points({ ...key, hosts: ['h2'] }))).toEqual(['b']);
      expect(ids(await reader.points({ ...key, soc: null }))).toEqual([]);
      expect(calls.history).toBe(3);
      await store.close();
    });

    it('lets readers asking the same question at once share one database query', async () => {
      const { store } = await engine.open();
      await store.putRun(sampleRun({ id: 'r1', createdAt: at(1) }));
      const { counted, calls } = counting(store);
      const reader = historyReader(counted);
      const answers = await Promise.all(Array.from({ length: 20 }, () => reader.points(key)));
      expect(new Set(answers.map((a) => a.toString())).size).toBe(1);
      expect(calls.history).toBe(1);
      expect(reader.stats()).toMatchObject({ loads: 1, hits: 19, entries: 1 });
      await store.close();
    });

    it('keeps within its byte budget by dropping the least recently used answer', async () => {
      const { store } = await engine.open();
      for (const m of ['a', 'b', 'c']) {
        await store.putRun(sampleRun({ id: `run-${m}`, model: m, createdAt: at(1) }));
      }
      const { counted, calls } = counting(store);
      const one = (await historyReader(store).points({ model: 'a' })).length;
      const reader = historyReader(counted, { maxBytes: one * 2 });
      await reader.points({ model: 'a' });
      await reader.points({ model: 'b' });
      await reader.points({ model: 'a' }); // a is now the most recent
      await reader.points({ model: 'c' }); // b goes
      expect(reader.stats()).toMatchObject({ entries: 2, bytes: one * 2 });
      expect(calls.history).toBe(3);
      await reader.points({ model: 'a' });
      expect(calls.history).toBe(3);
      await reader.points({ model: 'b' });
      expect(calls.history).toBe(4);
      await store.close();
    });

    it('does not keep a failed answer: the next reader asks again', async () => {
      const { store } = await engine.open();
      await store.putRun(sampleRun({ id: 'r1', createdAt: at(1) }));
      let fail = true;
      const flaky: HistoryStore = {
        ...store,
        history: (f) => (fail ? Promise.reject(new Error('connection lost')) : store.history(f)),
      };
      const reader = historyReader(flaky);
      const both = await Promise.allSettled([reader.points(key), reader.points(key)]);
      expect(both.map((b) => b.status)).toEqual(['rejected', 'rejected']);
      fail = false;
      expect(ids(await reader.points(key))).toEqual(['r1']);
      await store.close();
    });

    it('answers from memory while its watch hears every run: not even the version is asked', async () => {
      const { store } = await engine.open();
      await store.putRun(sampleRun({ id: 'r1', createdAt: at(1) }));
      const { counted, calls } = counting(store);
      const reader = historyReader(counted);
      await until(() => reader.stats().live, 'the watch is live');
      expect(ids(await reader.points(key))).toEqual(['r1']);
      await reader.points(key);
      await reader.runs({}, 50, 0);
      await reader.runs({}, 50, 0);
      await reader.facets();
      await reader.facets();
      expect(calls).toEqual({ history: 1, listRuns: 1, facets: 1, version: 0 });
      // A run this server stores is heard of at once: the next answer has it.
      await store.putRun(sampleRun({ id: 'r2', createdAt: at(2) }));
      expect(ids(await reader.points(key))).toEqual(['r1', 'r2']);
      expect(JSON.parse((await reader.runs({}, 50, 0)).toString())).toMatchObject({ total: 2 });
      // Another model's run leaves this model's points in memory.
      await store.putRun(sampleRun({ id: 'bert', model: 'bert', createdAt: at(3) }));
      await reader.points(key);
      expect(calls).toEqual({ history: 2, listRuns: 2, facets: 1, version: 0 });
      // A run list filtered by host (or user, or model) stays while runs of others arrive.
      const h2 = () => reader.runs({ hosts: ['h2'] }, 50, 0);
      const bobs = () => reader.runs({ users: ['bob'] }, 50, 0);
      await h2();
      await bobs();
      expect(calls.listRuns).toBe(4);
      await store.putRun(sampleRun({ id: 'r3', host: 'h1', user: 'alice', createdAt: at(4) }));
      await h2();
      await bobs();
      expect(calls.listRuns).toBe(4);
      await store.putRun(sampleRun({ id: 'r4', host: 'h2', user: 'bob', createdAt: at(5) }));
      expect(JSON.parse((await h2()).toString())).toMatchObject({ total: 1 });
      expect(JSON.parse((await bobs()).toString())).toMatchObject({ total: 1 });
      expect(calls.listRuns).toBe(6);
      await reader.close();
      await store.close();
    });

    if (engine.name === 'postgres') {
      it('hears the runs another server stores, and checks versions while it cannot hear', async () => {
        const { store, again, url } = await engine.open();
        const other = await again();
        await store.putRun(sampleRun({ id: 'r1', createdAt: at(1) }));
        const { counted, calls } = counting(store);
        const reader = historyReader(counted);
        await until(() => reader.stats().live, 'the watch is live');
        expect(ids(await reader.points(key))).toEqual(['r1']);
        // Another server's run: its notice (sent in the insert's transaction) says so.
        await other.putRun(sampleRun({ id: 'r2', createdAt: at(2) }));
        await until(async () => ids(await reader.points(key)).length === 2, 'r2 is heard of');
        expect(calls.version).toBe(0);
        // A notice that is not one of ours (anyone may NOTIFY) makes everything stale, nothing worse.
        const loads = calls.history;
        await other.putRun(sampleRun({ id: 'bert', model: 'bert', host: 'h9', createdAt: at(2) }));
        const noisy = new pg.Client({ connectionString: url! });
        await noisy.connect();
        await noisy.query('SELECT pg_notify(\'aoe_history\', \'{"__proto__":{"x":1}}\')');
        await noisy.end();
        await until(async () => {
          await reader.points(key);
          return calls.history > loads;
        }, 'the odd notice is heard');
        expect(ids(await reader.points(key))).toEqual(['r1', 'r2']);
        expect(calls.version).toBe(0);

        // The listening connection is cut: until it is back, every answer is checked against
        // the versions, so a run stored meanwhile is never missed.
        const admin = new pg.Client({ connectionString: url! });
        await admin.connect();
        try {
          await admin.query(
            'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1',
            [LISTENER_NAME],
          );
        } finally {
          await admin.end();
        }
        await until(() => !reader.stats().live, 'the watch knows it is cut off');
        await other.putRun(sampleRun({ id: 'r3', createdAt: at(3) }));
        expect(ids(await reader.points(key))).toEqual(['r1', 'r2', 'r3']);
        expect(calls.version).toBeGreaterThan(0);

        // Back: listening again, it answers from memory once more.
        await until(() => reader.stats().live, 'the watch is live again');
        expect(ids(await reader.points(key))).toEqual(['r1', 'r2', 'r3']);
        const asked = { ...calls };
        expect(ids(await reader.points(key))).toEqual(['r1', 'r2', 'r3']);
        expect(calls).toEqual(asked);
        await reader.close();
        await other.close();
        await store.close();
      });
    }

    if (engine.name === 'postgres') {
      it('sees a run another server stored on the same database', async () => {
        const { store, again } = await engine.open();
        const other = await again();
        await store.putRun(sampleRun({ id: 'r1', createdAt: at(1) }));
        const reader = historyReader(store);
        expect(ids(await reader.points(key))).toEqual(['r1']);
        await other.putRun(sampleRun({ id: 'r2', createdAt: at(2) }));
        expect(ids(await reader.points(key))).toEqual(['r1', 'r2']);
        await other.close();
        await store.close();
      });
    }
  });
}
