import pg from 'pg';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, SCHEMA_VERSION } from './db.ts';
import { SchemaTooNewError, type HistoryFilter, type HistoryRunInput } from './history.ts';
import { migratePg, openPgHistory, pgHistory, PG_MIGRATIONS } from './history-pg.ts';
import { INSERT_COLUMNS, insertValues, POINT_COLUMNS } from './history-sql.ts';
import { engines, sampleRun } from './history-testing.ts';

for (const engine of engines()) {
  describe.skipIf(engine.unavailable !== null)(`history store on ${engine.name}`, () => {
    beforeAll(() => engine.setUp(), 60_000);
    afterAll(() => engine.tearDown());

    it('stores a run once: publishing it again, even all at once, changes nothing', async () => {
      const { store, again } = await engine.open();
      const stores = engine.name === 'postgres' ? [store, await again(), await again()] : [store];
      const results = await Promise.all(
        Array.from({ length: 12 }, (_v, i) =>
          stores[i % stores.length]!.putRun(sampleRun({ id: 'same', tunedMs: 8 + i })),
        ),
      );
      expect(results.filter((r) => r === 'created')).toHaveLength(1);
      expect(results.filter((r) => r === 'exists')).toHaveLength(11);
      const page = await store.listRuns({}, 10, 0);
      expect(page.total).toBe(1);
      const run = await store.getRun('same');
      expect(run?.report).toEqual({ tasks: [] });
      expect((await store.getRaw('same'))?.raw.toString()).toBe('{"raw":true}');
      for (const s of stores.slice(1)) await s.close();
      await store.close();
    });

    it('answers the history of one model oldest first, filtered by host and user', async () => {
      const { store } = await engine.open();
      const at = (d: number) => new Date(Date.UTC(2026, 0, d)).toISOString();
      await store.putRun(sampleRun({ id: 'r3', createdAt: at(3), host: 'h2', user: 'bob' }));
      await store.putRun(sampleRun({ id: 'r1', createdAt: at(1) }));
      await store.putRun(sampleRun({ id: 'r2', createdAt: at(2), cannVersion: '8.1.RC1' }));
      await store.putRun(sampleRun({ id: 'other', model: 'bert', createdAt: at(2) }));
      await store.putRun(sampleRun({ id: 'b8', batchSize: 8, createdAt: at(4) }));
      await store.putRun(
        sampleRun({ id: 'nosoc', soc: null, batchSize: null, createdAt: at(5), user: 'x' }),
      );
      const all = await store.history({ model: 'resnet50', soc: 'Ascend910B3', batchSize: 1 });
      expect(all.map((p) => p.id)).toEqual(['r1', 'r2', 'r3']);
      expect(all[1]).toMatchObject({ cannVersion: '8.1.RC1', baselineMs: 10, tunedMs: 8 });
      const h2 = await store.history({ model: 'resnet50', hosts: ['h2'] });
      expect(h2.map((p) => p.id)).toEqual(['r3']);
      const alice = await store.history({ model: 'resnet50', users: ['alice'], batchSize: 1 });
      expect(alice.map((p) => p.id)).toEqual(['r1', 'r2']);
      const unknown = await store.history({ model: 'resnet50', soc: null, batchSize: null });
      expect(unknown.map((p) => p.id)).toEqual(['nosoc']);

      const page = await store.listRuns({ model: 'resnet50' }, 2, 1);
      expect(page.total).toBe(5);
      expect(page.rows.map((r) => r.id)).toEqual(['b8', 'r3']);

      const facets = await store.facets();
      expect(facets.hosts).toEqual(['h2', 'npu-host-1']);
      expect(facets.users).toEqual(['alice', 'bob', 'x']);
      expect(facets.models).toContainEqual({
        model: 'resnet50',
        soc: 'Ascend910B3',
        batchSize: 1,
        runs: 3,
      });
      expect(facets.models).toHaveLength(4);
      await store.close();
    });

    it('pages and counts the run list alike for every filter, deep pages and equal times included', async () => {
      const { store } = await engine.open();
      const runs = Array.from({ length: 130 }, (_v, i) =>
        sampleRun({
          id: `run-${String(i).padStart(3, '0')}`,
          model: i % 3 === 0 ? 'bert' : 'resnet50',
          soc: i % 5 === 0 ? null : 'Ascend910B3',
          batchSize: i % 7 === 0 ? null : 1,
          host: `h${i % 4}`,
          user: i % 2 === 0 ? 'alice' : 'bob',
          // Pairs of runs share a time: the id decides between them.
          createdAt: new Date(Date.UTC(2026, 0, 1) + Math.floor(i / 2) * 60_000).toISOString(),
        }),
      );
      // Stored all at once, several of a model new to the history in the same moment.
      await Promise.all(runs.map((r) => store.putRun(r)));
      const newestFirst = [...runs].sort((a, b) =>
        a.createdAt === b.createdAt
          ? b.id.localeCompare(a.id)
          : b.createdAt.localeCompare(a.createdAt),
      );
      const filters: HistoryFilter[] = [
        {},
        { hosts: ['h1'] },
        { hosts: ['h1', 'h3'], users: ['bob'] },
        { users: ['alice'] },
        { model: 'bert' },
        { model: 'resnet50', soc: null },
        { model: 'resnet50', soc: 'Ascend910B3', batchSize: null },
        { model: 'nothing' },
      ];
      const matches = (f: HistoryFilter, r: HistoryRunInput) =>
        (f.model === undefined || r.model === f.model) &&
        (f.soc === undefined || r.soc === f.soc) &&
        (f.batchSize === undefined || r.batchSize === f.batchSize) &&
        (!f.hosts || f.hosts.includes(r.host)) &&
        (!f.users || f.users.includes(r.user));
      for (const f of filters) {
        const want = newestFirst.filter((r) => matches(f, r)).map((r) => r.id);
        for (const offset of [0, 20, 40, 120, 500]) {
          const page = await store.listRuns(f, 20, offset);
          expect(page.total, JSON.stringify(f)).toBe(want.length);
          expect(
            page.rows.map((r) => r.id),
            `${JSON.stringify(f)} from ${offset}`,
          ).toEqual(want.slice(offset, offset + 20));
        }
      }
      // The facets' run counts and each model's version are its runs, however they arrived.
      const facets = await store.facets();
      expect(facets.hosts).toEqual(['h0', 'h1', 'h2', 'h3']);
      expect(facets.users).toEqual(['alice', 'bob']);
      expect(facets.models.reduce((n, m) => n + m.runs, 0)).toBe(runs.length);
      for (const m of facets.models) {
        const scope = { model: m.model, soc: m.soc, batchSize: m.batchSize };
        const want = runs.filter((r) => matches(scope, r)).length;
        expect(m.runs, JSON.stringify(scope)).toBe(want);
        expect(await store.version(scope)).toBe(want);
        expect((await store.history(scope)).length).toBe(want);
      }
      expect(await store.version({ model: 'resnet50' })).toBe(
        runs.filter((r) => r.model === 'resnet50').length,
      );
      await store.close();
    });

    it('moves its version on with each run stored, and only then, however concurrent', async () => {
      const { store, again } = await engine.open();
      const stores = engine.name === 'postgres' ? [store, await again()] : [store];
      expect(await store.version()).toBe(0);
      await store.putRun(sampleRun({ id: 'v1' }));
      expect(await store.version()).toBe(1);
      const results = await Promise.all(
        Array.from({ length: 8 }, (_v, i) =>
          stores[i % stores.length]!.putRun(sampleRun({ id: i % 2 ? 'v1' : `v${i + 2}` })),
        ),
      );
      expect(results.filter((r) => r === 'created')).toHaveLength(4);
      expect(await store.version()).toBe(5);
      // A model's own version moves only with its runs.
      const resnet = { model: 'resnet50', soc: 'Ascend910B3', batchSize: 1 };
      expect(await store.version(resnet)).toBe(5);
      await store.putRun(sampleRun({ id: 'bert1', model: 'bert' }));
      await store.putRun(sampleRun({ id: 'b8', batchSize: 8 }));
      expect(await store.version(resnet)).toBe(5);
      expect(await store.version({ model: 'resnet50' })).toBe(6);
      expect(await store.version({ model: 'bert' })).toBe(1);
      expect(await store.version({ model: 'bert', soc: null })).toBe(0);
      expect(await store.version()).toBe(7);
      for (const s of stores.slice(1)) await s.close();
      await store.close();
    });

    it('answers a point with what the History page uses, not the stored documents', async () => {
      const { store } = await engine.open();
      await store.putRun(sampleRun({ id: 'p1', measuredMs: 7.5, verdict: 'accept' }));
      const [point] = await store.history({ model: 'resnet50' });
      expect(point).toEqual({
        id: 'p1',
        model: 'resnet50',
        soc: 'Ascend910B3',
        batchSize: 1,
        host: 'npu-host-1',
        user: 'alice',
        cannVersion: '8.0.RC1',
        baselineMs: 10,
        tunedMs: 8,
        measuredMs: 7.5,
        verdict: 'accept',
        fileName: 'aoe_result_opat_1.json',
        createdAt: '2026-01-01T00:00:00.000Z',
      });
      await store.close();
    });

    it('keeps hostile text as data (quotes, SQL, __proto__)', async () => {
      const { store } = await engine.open();
      const model = `x'); DROP TABLE history_runs; --`;
      await store.putRun(sampleRun({ id: 'evil', model, host: '__proto__', user: '<img src=x>' }));
      const got = await store.history({ model, hosts: ['__proto__'] });
      expect(got).toHaveLength(1);
      expect(got[0]).toMatchObject({ model, host: '__proto__', user: '<img src=x>' });
      expect((await store.listRuns({}, 5, 0)).total).toBe(1);
      await store.close();
    });

    it('records, finds and revokes tokens', async () => {
      const { store } = await engine.open();
      const t = {
        id: 'tok1',
        name: 'ci',
        role: 'publish' as const,
        salt: 's',
        hash: 'h',
        createdAt: '2026-01-01T00:00:00.000Z',
        revokedAt: null,
      };
      await store.insertToken(t);
      expect(await store.findToken('tok1')).toEqual(t);
      expect(await store.revokeToken('tok1', '2026-01-02T00:00:00.000Z')).toBe(true);
      expect(await store.revokeToken('tok1', '2026-01-03T00:00:00.000Z')).toBe(false);
      expect((await store.findToken('tok1'))?.revokedAt).toBe('2026-01-02T00:00:00.000Z');
      expect(await store.listTokens()).toEqual([
        {
          id: 'tok1',
          name: 'ci',
          role: 'publish',
          createdAt: t.createdAt,
          revokedAt: '2026-01-02T00:00:00.000Z',
        },
      ]);
      expect(await store.findToken('nope')).toBeUndefined();
      await store.close();
    });

    if (engine.name === 'postgres') {
      it('migrates once however many servers start together, and refuses a newer schema', async () => {
        const { store, url } = await engine.open();
        await store.close();
        const several = await Promise.all([1, 2, 3].map(() => openPgHistory(url!)));
        await Promise.all(several.map((s) => s.close()));
        const client = new pg.Client({ connectionString: url! });
        await client.connect();
        const versions = await client.query('SELECT version FROM aoe_schema ORDER BY version');
        expect(versions.rows.map((r: { version: number }) => r.version)).toEqual(
          PG_MIGRATIONS.map((_m, i) => i + 1),
        );
        await client.query('INSERT INTO aoe_schema (version, applied_at) VALUES ($1, $2)', [
          PG_MIGRATIONS.length + 1,
          'later',
        ]);
        await client.end();
        await expect(openPgHistory(url!)).rejects.toThrow(SchemaTooNewError);
        await expect(openPgHistory(url!)).rejects.toThrow(/newer than this launcher knows/);
      });

      it('lets readers waiting for a connection share one version query, never an older one', async () => {
        const { store, url } = await engine.open();
        await store.close();
        const pool = new pg.Pool({ connectionString: url!, max: 1 });
        const history = pgHistory(pool);
        await history.putRun(sampleRun({ id: 'v1' }));
        const held = await pool.connect(); // every reader now waits for this connection
        let queries = 0;
        pool.on('acquire', () => void queries++);
        const waiting = Array.from({ length: 10 }, () => history.version());
        const scoped = Array.from({ length: 5 }, () => history.version({ model: 'resnet50' }));
        // A run stored while they wait is counted: their query has not read anything yet.
        await held.query('UPDATE history_meta SET version = version + 1 WHERE id = 1');
        held.release();
        expect(new Set(await Promise.all(waiting))).toEqual(new Set([2]));
        expect(new Set(await Promise.all(scoped))).toEqual(new Set([1]));
        expect(queries).toBe(2);
        // A reader asking after the shared query has its connection gets a query of its own.
        await history.putRun(sampleRun({ id: 'v2' }));
        expect(await history.version()).toBe(3);
        await history.close();
      });

      it('upgrades a database of the first schema with its runs kept', async () => {
        const { store, url } = await engine.open();
        await store.close();
        const client = new pg.Client({ connectionString: url! });
        await client.connect();
        try {
          // Back to the first schema, with one run stored by it.
          await client.query(
            'DROP TABLE history_runs, tokens, history_meta, history_models, history_hosts, history_users, aoe_schema',
          );
          const first = new pg.Pool({ connectionString: url!, max: 1 });
          await migratePg(first, PG_MIGRATIONS.slice(0, 1));
          await first.end();
          await client.query(
            `INSERT INTO history_runs (${INSERT_COLUMNS})
             VALUES (${INSERT_COLUMNS.split(',')
               .map((_c, i) => `$${i + 1}`)
               .join(', ')})`,
            insertValues(sampleRun({ id: 'old' }), '2026-01-01T00:00:00.000Z'),
          );
        } finally {
          await client.end();
        }
        const upgraded = await openPgHistory(url!);
        expect((await upgraded.history({ model: 'resnet50' })).map((p) => p.id)).toEqual(['old']);
        // The facets' tables are filled from the runs the older schema kept, then kept up.
        expect(await upgraded.facets()).toEqual({
          models: [{ model: 'resnet50', soc: 'Ascend910B3', batchSize: 1, runs: 1 }],
          hosts: ['npu-host-1'],
          users: ['alice'],
        });
        expect(await upgraded.putRun(sampleRun({ id: 'new' }))).toBe('created');
        expect(await upgraded.version()).toBe(1);
        expect(
          await upgraded.version({ model: 'resnet50', soc: 'Ascend910B3', batchSize: 1 }),
        ).toBe(2);
        await upgraded.close();
      });

      it("answers a model's points from the points index alone, newest first without a sort", async () => {
        const { store, url } = await engine.open();
        await store.putRun(sampleRun({ id: 'p1' }));
        await store.close();
        const client = new pg.Client({ connectionString: url! });
        await client.connect();
        try {
          await client.query('VACUUM ANALYZE history_runs');
          // A table this small would be read whole: make the planner show what the index can do.
          await client.query('SET enable_seqscan = off');
          await client.query('SET enable_bitmapscan = off');
          const plan = await client.query<{ 'QUERY PLAN': string }>(
            `EXPLAIN SELECT ${POINT_COLUMNS} FROM history_runs
             WHERE model = $1 AND soc = $2 AND batch_size = $3 AND host IN ($4)
             ORDER BY created_at DESC, id DESC LIMIT 20000`,
            ['resnet50', 'Ascend910B3', 1, 'npu-host-1'],
          );
          const text = plan.rows.map((r) => r['QUERY PLAN']).join('\n');
          expect(text).toMatch(/Index Only Scan Backward using history_runs_points/);
          expect(text).not.toMatch(/Sort/);
        } finally {
          await client.end();
        }
      });

      it('keeps answering after the PostgreSQL server restarts', async () => {
        const server = engine.server();
        if (!server?.restart) return; // a shared AOE_TEST_PG_URL server is not ours to restart
        const { store } = await engine.open();
        await store.putRun(sampleRun({ id: 'before' }));
        await server.restart();
        // The pool's idle connections died with the server: the first query may fail, then it
        // reconnects.
        await store.getRun('before').catch(() => undefined);
        expect((await store.getRun('before'))?.id).toBe('before');
        expect(await store.putRun(sampleRun({ id: 'after' }))).toBe('created');
        await store.close();
      }, 60_000);
    } else {
      it("answers a model's points from the covering points index, without a sort", () => {
        const dir = mkdtempSync(join(tmpdir(), 'aoe-history-'));
        try {
          const db = openDb(dir);
          const plan = db
            .prepare(
              `EXPLAIN QUERY PLAN SELECT ${POINT_COLUMNS} FROM history_runs
               WHERE model = ? AND soc = ? AND batch_size = ? AND host IN (?)
               ORDER BY created_at DESC, id DESC LIMIT 20000`,
            )
            .all('resnet50', 'Ascend910B3', 1, 'npu-host-1') as { detail: string }[];
          db.close();
          const text = plan.map((p) => p.detail).join('\n');
          expect(text).toMatch(/USING COVERING INDEX history_runs_points/);
          expect(text).not.toMatch(/TEMP B-TREE/);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      });

      it('refuses a database written by a newer launcher, naming both versions', () => {
        const dir = mkdtempSync(join(tmpdir(), 'aoe-history-'));
        try {
          const db = openDb(dir);
          db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
          db.close();
          expect(() => openDb(dir)).toThrow(
            new RegExp(
              `schema version ${SCHEMA_VERSION + 1}, newer than this launcher knows \\(${SCHEMA_VERSION}\\)`,
            ),
          );
          // The refusal released the data dir's lock.
          const db2 = (() => {
            try {
              return openDb(dir);
            } catch (err) {
              return err;
            }
          })();
          expect(db2).toBeInstanceOf(SchemaTooNewError);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      });
    }
  });
}
