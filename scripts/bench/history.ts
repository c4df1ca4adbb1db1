// The run history at team scale: 100,000 generated runs (30 models, 20 hosts, 2 years) loaded
// into the SQLite engine and into PostgreSQL (AOE_TEST_PG_URL, else a throwaway cluster of
// Debian's postgresql; skipped with a line when there is none). Reports, for each engine, the
// history query (one model, every point) and the run list (filtered by host, 50 a page, a page
// among the first 20) p50/p99 from one reader, and on PostgreSQL p99 with 50 concurrent readers
// against the 50 ms target. Figures only; nothing is asserted.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDb } from '../../src/launcher/store/db.ts';
import type { HistoryRunInput, HistoryStore } from '../../src/launcher/store/history.ts';
import { openPgHistory } from '../../src/launcher/store/history-pg.ts';
import { INSERT_COLUMNS, insertValues } from '../../src/launcher/store/history-sql.ts';
import { sqliteHistory } from '../../src/launcher/store/history-sqlite.ts';
import { pgUnavailable, startPg } from '../../src/launcher/store/pg-testing.ts';
import type { BenchPart } from './run.ts';

const RUNS = Number(process.env.HISTORY_BENCH_RUNS ?? 100_000);
const MODELS = 30;
const HOSTS = 20;
const TWO_YEARS_MS = 2 * 365 * 24 * 3600 * 1000;
const READERS = 50;
const TARGET_P99_MS = 50;

/** A small deterministic generator, so both engines hold the same runs. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function* generate(): Generator<HistoryRunInput> {
  const r = rng(13);
  const start = Date.UTC(2025, 0, 1);
  const cann = ['7.0.0', '8.0.RC1', '8.0.RC2', '8.0.0', '8.1.RC1'];
  const raw = Buffer.from(JSON.stringify({ note: 'x'.repeat(200) }));
  for (let i = 0; i < RUNS; i++) {
    const m = Math.floor(r() * MODELS);
    const t = start + Math.floor((i / RUNS) * TWO_YEARS_MS);
    const baseline = 5 + m * 3 + r();
    yield {
      id: `bench${String(i).padStart(22, '0')}`,
      model: `model-${String(m).padStart(2, '0')}`,
      soc: ['Ascend910B3', 'Ascend310P3'][m % 2] ?? null,
      batchSize: [1, 8, 16][m % 3] ?? null,
      host: `npu-host-${String(Math.floor(r() * HOSTS)).padStart(2, '0')}`,
      user: `user-${Math.floor(r() * 12)}`,
      cannVersion: cann[Math.min(cann.length - 1, Math.floor((i / RUNS) * cann.length))] ?? null,
      baselineMs: baseline,
      tunedMs: baseline * (0.8 + r() * 0.15),
      measuredMs: r() < 0.5 ? baseline * 0.85 : null,
      verdict: r() < 0.1 ? 'reject' : r() < 0.5 ? 'accept' : null,
      fileName: `aoe_result_opat_${i}.json`,
      format: 'aoe-opat',
      sha256: i.toString(16).padStart(64, '0'),
      createdAt: new Date(t).toISOString(),
      report: '{"kind":"opat","tasks":[]}',
      manifest: '[]',
      raw,
    };
  }
}

function pct(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

interface Timing {
  readonly p50: number;
  readonly p99: number;
  readonly n: number;
}

async function timed(n: number, op: (i: number) => Promise<unknown>): Promise<Timing> {
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await op(i);
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return { p50: pct(ms, 50), p99: pct(ms, 99), n };
}

const pick = rng(7);
const historyOp = (store: HistoryStore) => () =>
  store.history({ model: `model-${String(Math.floor(pick() * MODELS)).padStart(2, '0')}` });
const listOp = (store: HistoryStore) => () =>
  store.listRuns(
    { hosts: [`npu-host-${String(Math.floor(pick() * HOSTS)).padStart(2, '0')}`] },
    50,
    Math.floor(pick() * 20) * 50,
  );

async function measure(store: HistoryStore) {
  await historyOp(store)(); // warm
  const history = await timed(100, historyOp(store));
  const list = await timed(200, listOp(store));
  const points = (await store.history({ model: 'model-00' })).length;
  return { history, list, points };
}

async function concurrent(store: HistoryStore): Promise<Timing> {
  // The pool's connections are opened first: the figure is about queries, not connecting.
  await Promise.all(Array.from({ length: READERS }, () => listOp(store)()));
  const ms: number[] = [];
  const each = 20;
  await Promise.all(
    Array.from({ length: READERS }, async (_v, reader) => {
      for (let i = 0; i < each; i++) {
        const op = (reader + i) % 2 === 0 ? historyOp(store) : listOp(store);
        const t0 = performance.now();
        await op();
        ms.push(performance.now() - t0);
      }
    }),
  );
  ms.sort((a, b) => a - b);
  return { p50: pct(ms, 50), p99: pct(ms, 99), n: ms.length };
}

const f = (n: number) => n.toFixed(1);
const line = (name: string, t: Timing) =>
  `${name}: p50 ${f(t.p50)} ms, p99 ${f(t.p99)} ms (${t.n} queries)`;

const bench: BenchPart = async () => {
  const lines: string[] = [];
  const figures: Record<string, unknown> = {};

  // SQLite: the launcher's own database, loaded in one transaction.
  const dir = mkdtempSync(join(tmpdir(), 'aoe-bench-history-'));
  try {
    const db = openDb(dir);
    const store = sqliteHistory(db);
    const t0 = performance.now();
    db.exec('BEGIN');
    for (const run of generate()) await store.putRun(run);
    db.exec('COMMIT');
    db.exec('ANALYZE');
    const loadS = (performance.now() - t0) / 1000;
    const m = await measure(store);
    figures.historySqlite = { runs: RUNS, loadS, ...m };
    lines.push(`SQLite: ${RUNS} runs loaded in ${loadS.toFixed(1)} s`);
    lines.push(`  ${line(`history (one model, ${m.points} points)`, m.history)}`);
    lines.push(`  ${line('run list (one host, 50 a page)', m.list)}`);
    db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const why = pgUnavailable();
  if (why) {
    lines.push(`PostgreSQL: ${why}`);
    return { figures: { history: figures }, lines };
  }
  const server = await startPg();
  try {
    const url = await server.newDatabase();
    const store = await openPgHistory(url, { max: READERS });
    const pool = new pg.Pool({ connectionString: url, max: 4 });
    const t0 = performance.now();
    const cols = INSERT_COLUMNS.split(',').length;
    let batch: unknown[][] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      const rows = batch.map(
        (_r, i) => `(${Array.from({ length: cols }, (_c, j) => `$${i * cols + j + 1}`).join(',')})`,
      );
      await pool.query(
        `INSERT INTO history_runs (${INSERT_COLUMNS}) VALUES ${rows.join(',')}`,
        batch.flat(),
      );
      batch = [];
    };
    const at = new Date().toISOString();
    for (const run of generate()) {
      batch.push(insertValues(run, at));
      if (batch.length === 1000) await flush();
    }
    await flush();
    await pool.query('ANALYZE history_runs');
    await pool.end();
    const loadS = (performance.now() - t0) / 1000;
    const m = await measure(store);
    const c = await concurrent(store);
    figures.historyPostgres = { runs: RUNS, loadS, ...m, concurrent: { readers: READERS, ...c } };
    lines.push(`PostgreSQL: ${RUNS} runs loaded in ${loadS.toFixed(1)} s`);
    lines.push(`  ${line(`history (one model, ${m.points} points)`, m.history)}`);
    lines.push(`  ${line('run list (one host, 50 a page)', m.list)}`);
    lines.push(
      `  ${line(`${READERS} concurrent readers (history and run list mixed)`, c)}; ` +
        `target p99 ≤ ${TARGET_P99_MS} ms: ${c.p99 <= TARGET_P99_MS ? 'met' : 'NOT met'}`,
    );
    await store.close();
  } finally {
    await server.stop();
  }
  return { figures: { history: figures }, lines };
};

export default bench;
