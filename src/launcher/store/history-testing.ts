// Test helpers for the history store: sample runs and one way to open each engine.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb } from './db.ts';
import type { HistoryRunInput, HistoryStore } from './history.ts';
import { openPgHistory } from './history-pg.ts';
import { sqliteHistory } from './history-sqlite.ts';
import { pgUnavailable, startPg, type PgServer } from './pg-testing.ts';

export function sampleRun(over: Partial<HistoryRunInput> = {}): HistoryRunInput {
  return {
    id: 'run-1',
    model: 'resnet50',
    soc: 'Ascend910B3',
    batchSize: 1,
    host: 'npu-host-1',
    user: 'alice',
    cannVersion: '8.0.RC1',
    baselineMs: 10,
    tunedMs: 8,
    measuredMs: null,
    verdict: null,
    fileName: 'aoe_result_opat_1.json',
    format: 'aoe-opat',
    sha256: 'a'.repeat(64),
    createdAt: '2026-01-01T00:00:00.000Z',
    report: '{"tasks":[]}',
    manifest: '[]',
    raw: Buffer.from('{"raw":true}'),
    ...over,
  };
}

export interface Engine {
  readonly name: 'sqlite' | 'postgres';
  /** Why this engine's tests cannot run here, or null. */
  readonly unavailable: string | null;
  /** A fresh, empty store; `again` opens another store on the same database. */
  open(): Promise<{ store: HistoryStore; url: string | null; again: () => Promise<HistoryStore> }>;
  setUp(): Promise<void>;
  tearDown(): Promise<void>;
  readonly server: () => PgServer | null;
}

export function engines(): Engine[] {
  const cleanups: (() => void)[] = [];
  let pgServer: PgServer | null = null;
  const unavailable = pgUnavailable();
  if (unavailable) console.warn(unavailable);
  return [
    {
      name: 'sqlite',
      unavailable: null,
      async open() {
        const dir = mkdtempSync(join(tmpdir(), 'aoe-history-'));
        cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
        return {
          store: sqliteHistory(openDb(dir), { closeDb: true }),
          url: null,
          again: async () => {
            throw new Error('one launcher per data dir');
          },
        };
      },
      async setUp() {},
      async tearDown() {
        for (const c of cleanups.splice(0)) c();
      },
      server: () => null,
    },
    {
      name: 'postgres',
      unavailable,
      async open() {
        if (!pgServer) throw new Error('no PostgreSQL');
        const url = await pgServer.newDatabase();
        return { store: await openPgHistory(url), url, again: () => openPgHistory(url) };
      },
      async setUp() {
        if (!unavailable) pgServer = await startPg();
      },
      async tearDown() {
        await pgServer?.stop();
        pgServer = null;
      },
      server: () => pgServer,
    },
  ];
}
