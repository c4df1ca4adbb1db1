// The publisher between a device host and a team server, over real HTTP: a queue that outlives
// restarts of the device launcher while the team server is down, a team server that goes away
// in the middle of a publish, a file the server refuses, and `aoe-dashboard publish`.
import type { FastifyInstance } from 'fastify';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../cli/main.ts';
import { openDb, type Db } from '../store/db.ts';
import { sqliteHistory } from '../store/history-sqlite.ts';
import { engines } from '../store/history-testing.ts';
import { createRepo } from '../store/repo.ts';
import { Publisher, QUEUE_DIR } from './publisher.ts';
import { AOE_FILE, AUTH, sandbox, testApp, type Sandbox } from './testing.ts';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => resolve(typeof addr === 'object' && addr ? addr.port : 0));
    });
  });
}

const RUN_ID = 'deviceRunAAAAAAAAAAAAAAAAAA';

/** A device launcher's database with one ended job and its run (the AOE fixture). */
function deviceDb(dir: string, runId = RUN_ID, file = AOE_FILE): Db {
  const db = openDb(dir);
  const repo = createRepo(db);
  const at = '2026-03-01T10:00:00.000Z';
  repo.insertJob(`job-${runId}`, '{}', 0, dir, at);
  repo.finishJob(
    `job-${runId}`,
    { state: 'succeeded', exitCode: 0, errorCode: null, errorMessage: null },
    at,
  );
  const raw = join(dir, `${runId}.json`);
  copyFileSync(file, raw);
  repo.insertRun({
    id: runId,
    job_id: `job-${runId}`,
    file_name: 'aoe_result_opat_1.json',
    sha256: 'x',
    raw_path: raw,
    format: 'aoe-opat',
    report: null,
    issues: '[]',
    created_at: at,
  });
  repo.putManifest(`job-${runId}`, 2, {
    tool: 'atc',
    model: '/m/resnet50.onnx',
    soc: 'Ascend310P3',
    cannVersion: '8.0.RC1',
  });
  return db;
}

for (const engine of engines()) {
  describe.skipIf(engine.unavailable !== null)(
    `publishing to a team server on ${engine.name}`,
    () => {
      let team: FastifyInstance | null = null;
      let teamBox: Sandbox;
      let dbUrl: string | undefined;
      const dirs: string[] = [];
      let publishToken = '';

      beforeAll(() => engine.setUp(), 60_000);
      afterAll(() => engine.tearDown());
      afterEach(async () => {
        await team?.close();
        team = null;
        teamBox?.cleanup();
        for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
      });

      const startTeam = async (port: number, fresh: boolean) => {
        if (fresh) {
          teamBox = sandbox();
          dbUrl = undefined;
          if (engine.name === 'postgres') {
            const opened = await engine.open();
            dbUrl = opened.url ?? undefined;
            await opened.store.close();
          }
        }
        team = await testApp(teamBox, dbUrl ? { db: dbUrl } : {});
        await team.listen({ host: '127.0.0.1', port });
        if (fresh) {
          const made = await team.inject({
            method: 'POST',
            url: '/api/tokens',
            headers: AUTH,
            payload: { name: 'npu-host-1', role: 'publish' },
          });
          publishToken = made.json<{ token: string }>().token;
        }
      };
      const teamRuns = async () =>
        (await team!.inject({ url: '/api/history/runs', headers: AUTH })).json<{
          total: number;
          rows: { id: string; soc: string }[];
        }>();
      const deviceDir = () => {
        const d = mkdtempSync(join(tmpdir(), 'aoe-device-'));
        dirs.push(d);
        return d;
      };

      it('keeps a run queued on disk while the team server is down, across a device restart', async () => {
        const port = await freePort();
        // The team server exists (its token is made) but is not running while the device works.
        await startTeam(port, true);
        await team!.close();
        team = null;
        const dir = deviceDir();
        const target = { url: `http://127.0.0.1:${port}`, token: publishToken };
        const log: string[] = [];
        let db = deviceDb(dir);
        const first = new Publisher({
          repo: createRepo(db),
          history: sqliteHistory(db),
          dataDir: dir,
          target,
          backoffMs: () => 0,
          log: (l) => log.push(l),
        });
        await first.once();
        expect(readdirSync(join(dir, QUEUE_DIR))).toEqual([`${RUN_ID}.json`]);
        expect(log.join('\n')).toMatch(/not sent \(no answer/);
        // The device's own history has it already.
        expect((await sqliteHistory(db).listRuns({}, 5, 0)).total).toBe(1);
        db.close();

        db = openDb(dir);
        const second = new Publisher({
          repo: createRepo(db),
          history: sqliteHistory(db),
          dataDir: dir,
          target,
          backoffMs: () => 0,
          log: (l) => log.push(l),
        });
        await second.once();
        expect(readdirSync(join(dir, QUEUE_DIR))).toEqual([`${RUN_ID}.json`]);
        await startTeam(port, false);
        await second.once();
        expect(readdirSync(join(dir, QUEUE_DIR))).toEqual([]);
        const runs = await teamRuns();
        expect(runs.total).toBe(1);
        expect(runs.rows[0]).toMatchObject({ id: RUN_ID, soc: 'Ascend310P3' });
        db.close();
      });

      it('publishes once when the team server restarts in the middle of a publish', async () => {
        const port = await freePort();
        await startTeam(port, true);
        const dir = deviceDir();
        const db = deviceDb(dir);
        let calls = 0;
        // The first request reaches the server and is stored, then the server goes away before the
        // answer arrives: the publisher cannot know, sends again, and the server says it has it.
        const cutting: typeof fetch = async (input, init) => {
          calls += 1;
          const res = await fetch(input, init);
          if (calls === 1) {
            await team!.close();
            team = null;
            throw new TypeError('fetch failed: socket hang up');
          }
          return res;
        };
        const publisher = new Publisher({
          repo: createRepo(db),
          history: sqliteHistory(db),
          dataDir: dir,
          target: { url: `http://127.0.0.1:${port}`, token: publishToken },
          backoffMs: () => 0,
          fetch: cutting,
          log: () => undefined,
        });
        await publisher.once();
        expect(readdirSync(join(dir, QUEUE_DIR))).toEqual([`${RUN_ID}.json`]);
        await publisher.once(); // still down: stays queued
        expect(existsSync(join(dir, QUEUE_DIR, `${RUN_ID}.json`))).toBe(true);
        await startTeam(port, false);
        await publisher.once();
        expect(readdirSync(join(dir, QUEUE_DIR))).toEqual([]);
        expect((await teamRuns()).total).toBe(1);
        db.close();
      });

      it('sets a run the server refuses aside with its answer, and sends the others', async () => {
        const port = await freePort();
        await startTeam(port, true);
        const dir = deviceDir();
        const notAoe = join(dir, 'op_summary.csv');
        writeFileSync(notAoe, 'Op Name,OP Type,Task Duration(us)\nA,Conv2D,1\n');
        const db = deviceDb(dir, 'badRunAAAAAAAAAAAAAAAAAAAAA', notAoe);
        const repo = createRepo(db);
        repo.insertRun({
          id: RUN_ID,
          job_id: null,
          file_name: 'aoe_result_opat_1.json',
          sha256: 'x',
          raw_path: AOE_FILE,
          format: 'aoe-opat',
          report: null,
          issues: '[]',
          created_at: '2026-03-02T10:00:00.000Z',
        });
        const log: string[] = [];
        const publisher = new Publisher({
          repo,
          history: sqliteHistory(db),
          dataDir: dir,
          target: { url: `http://127.0.0.1:${port}`, token: publishToken },
          backoffMs: () => 0,
          log: (l) => log.push(l),
        });
        await publisher.once();
        expect(readdirSync(join(dir, QUEUE_DIR)).sort()).toEqual(['refused']);
        expect(readdirSync(join(dir, QUEUE_DIR, 'refused')).sort()).toEqual([
          'badRunAAAAAAAAAAAAAAAAAAAAA.answer.txt',
          'badRunAAAAAAAAAAAAAAAAAAAAA.json',
        ]);
        expect(log.join('\n')).toMatch(/refused run badRun.*only AOE result files/);
        expect((await teamRuns()).rows.map((r) => r.id)).toEqual([RUN_ID]);
        db.close();
      });

      it('aoe-dashboard publish uploads files, once, and says what the server refused', async () => {
        const port = await freePort();
        await startTeam(port, true);
        const dir = deviceDir();
        const tokenFile = join(dir, 'token');
        writeFileSync(tokenFile, `${publishToken}\n`);
        const out: string[] = [];
        const io = { stdout: (t: string) => out.push(t), stderr: (t: string) => out.push(t) };
        const args = ['publish', '--to', `http://127.0.0.1:${port}`, '--token-file', tokenFile];
        const meta = ['--model', 'resnet50', '--soc', 'Ascend910B3', '--batch-size', '4'];
        expect(await main([...args, ...meta, '--verdict', 'accept', AOE_FILE], io)).toBe(0);
        expect(out.join('')).toMatch(/: published as /);
        expect(await main([...args, AOE_FILE], io)).toBe(0);
        expect(out.join('')).toMatch(/: already published as /);
        const points = await team!.inject({
          url: '/api/history/points?model=resnet50&batch=4',
          headers: AUTH,
        });
        expect(points.json<{ points: unknown[] }>().points).toEqual([
          expect.objectContaining({ soc: 'Ascend910B3', verdict: 'accept', batchSize: 4 }),
        ]);
        const csv = join(dir, 'op_summary.csv');
        writeFileSync(csv, 'Op Name,OP Type,Task Duration(us)\nA,Conv2D,1\n');
        expect(await main([...args, csv], io)).toBe(1);
        expect(out.join('')).toMatch(
          /op_summary\.csv: not sent \(400\): \/raw: only AOE result files/,
        );
        writeFileSync(tokenFile, 'aoe_AAAAAAAAAAAAAAAA_' + 'A'.repeat(43) + '\n');
        expect(await main([...args, AOE_FILE], io)).toBe(1);
        expect(out.join('')).toMatch(/not sent \(401\)/);
        expect(await main([...args, '--batch-size', 'x', AOE_FILE], io)).toBe(2);
        await team!.close();
        team = null;
        expect(await main([...args, '--tries', '1', AOE_FILE], io)).toBe(1);
        expect(out.join('')).toMatch(/not sent \(no answer\)/);
      });
    },
  );
}

describe('stopping the device launcher', () => {
  it('does not wait for a team server that never answers; the run stays queued', async () => {
    const sockets: Socket[] = [];
    const silent = createServer((s) => void sockets.push(s));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const addr = silent.address();
    const port = typeof addr === 'object' && addr ? addr.port : 0;
    const dir = mkdtempSync(join(tmpdir(), 'aoe-device-'));
    const db = deviceDb(dir);
    try {
      const publisher = new Publisher({
        repo: createRepo(db),
        history: sqliteHistory(db),
        dataDir: dir,
        target: { url: `http://127.0.0.1:${port}`, token: 'x'.repeat(40) },
        pollMs: 10,
        log: () => undefined,
      });
      publisher.start();
      // Wait until the send is in flight (the silent server has the connection).
      for (let i = 0; i < 500 && sockets.length === 0; i++) {
        await new Promise((r) => setTimeout(r, 10));
      }
      expect(sockets.length).toBeGreaterThan(0);
      const stopped = publisher.stop().then(() => 'stopped');
      const late = new Promise((r) => setTimeout(() => r('still waiting'), 5000));
      expect(await Promise.race([stopped, late])).toBe('stopped');
      expect(readdirSync(join(dir, QUEUE_DIR))).toEqual([`${RUN_ID}.json`]);
    } finally {
      db.close();
      for (const s of sockets) s.destroy();
      silent.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
