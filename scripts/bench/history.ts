// The run history at team scale: 100,000 generated runs (30 models, 20 hosts, 2 years) loaded
// into the SQLite engine and into PostgreSQL (AOE_TEST_PG_URL, else a throwaway cluster of
// Debian's postgresql; skipped with a line when there is none). Reports, for each engine:
//  - the database alone, one reader: a model's points as the History page asks them, the run
//    list's first page (one host) and a page past the middle of the whole history, p50/p99;
//  - 50 readers asking the same mix (MIX: the History page's facets and points of several
//    models, with and without a host or user ticked; the run list filtered, first and deep pages)
//    through the reader the routes answer with (history-cache.ts), its points warm as on a running
//    server, for HISTORY_BENCH_SECONDS (20 s) while a run of a random model is stored every
//    second (counted and printed: each one leaves that model's points and every run-list page
//    stale). Each reader pauses between answers (HISTORY_BENCH_THINK_MS, 250 ms on average); then
//    the same readers with no pause (how many queries a second the server answers); then, for
//    comparison, the paced readers on the database alone, nothing cached. p50/p99 per kind of
//    question, queries a second, and the load average at the end of each (the machine may be
//    shared: the figures are only as quiet as it was).
// HISTORY_BENCH_ENGINES=sqlite|postgres runs one; HISTORY_BENCH_POOL sets the team server's pool.
// Figures only; nothing is asserted.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDb } from '../../src/launcher/store/db.ts';
import type {
  HistoryFilter,
  HistoryRunInput,
  HistoryStore,
} from '../../src/launcher/store/history.ts';
import { historyReader, type HistoryReader } from '../../src/launcher/store/history-cache.ts';
import { openPgHistory, PG_FACETS_BACKFILL } from '../../src/launcher/store/history-pg.ts';
import { INSERT_COLUMNS, insertValues } from '../../src/launcher/store/history-sql.ts';
import { sqliteHistory } from '../../src/launcher/store/history-sqlite.ts';
import { pgUnavailable, startPg } from '../../src/launcher/store/pg-testing.ts';
import type { BenchPart } from './run.ts';

const RUNS = Number(process.env.HISTORY_BENCH_RUNS ?? 100_000);
const MODELS = 30;
const HOSTS = 20;
const TWO_YEARS_MS = 2 * 365 * 24 * 3600 * 1000;
const READERS = 50;
const WRITE_EVERY_MS = 1000;
/** How long the readers read, with the cache and without. */
const SECONDS = Number(process.env.HISTORY_BENCH_SECONDS ?? 20);
const UNCACHED_SECONDS = Number(process.env.HISTORY_BENCH_UNCACHED_SECONDS ?? 10);
const SATURATED_SECONDS = Number(process.env.HISTORY_BENCH_SATURATED_SECONDS ?? 10);
/**
 * A reader's mean pause between an answer and its next question. 50 readers pausing 250 ms ask
 * ~200 questions a second: far more than 50 people clicking through the History page do.
 */
const THINK_MS = Number(process.env.HISTORY_BENCH_THINK_MS ?? 250);
/** `sqlite,postgres` unless HISTORY_BENCH_ENGINES names one. */
const ENGINES = (process.env.HISTORY_BENCH_ENGINES ?? 'sqlite,postgres').split(',');
const POOL = process.env.HISTORY_BENCH_POOL ? Number(process.env.HISTORY_BENCH_POOL) : undefined;
const TARGET_P99_MS = 50;

/** A small deterministic generator, so both engines hold the same runs. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** A generated model's key, as the History page asks for it. */
function keyOfModel(m: number) {
  return {
    model: `model-${String(m).padStart(2, '0')}`,
    soc: ['Ascend910B3', 'Ascend310P3'][m % 2] ?? null,
    batchSize: [1, 8, 16][m % 3] ?? null,
  };
}

export function* generate(): Generator<HistoryRunInput> {
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
      ...keyOfModel(m),
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
const anyModel = () => keyOfModel(Math.floor(pick() * MODELS));
const anyHost = () => `npu-host-${String(Math.floor(pick() * HOSTS)).padStart(2, '0')}`;
const anyUser = () => `user-${Math.floor(pick() * 12)}`;

/**
 * What readers ask, and how often. The History page asks the facets when it opens, then one
 * model's points (the most-run model first, then the ones people pick), then the same points with
 * a host or a user ticked: that is most of what a team server is asked. Scripts and CI read the
 * run list through the API: filtered by host, user or model, mostly its first pages, and deep
 * pages (paging through a whole host's runs, or through the whole history).
 */
const MIX = [
  { kind: 'facets', weight: 10 },
  { kind: 'points', weight: 50 },
  { kind: 'points, host or user ticked', weight: 20 },
  { kind: 'run list, filtered, first pages', weight: 12 },
  { kind: 'run list, deep page', weight: 8 },
] as const;
type Kind = (typeof MIX)[number]['kind'];
const WEIGHTS = MIX.reduce((n, m) => n + m.weight, 0);
function anyKind(): Kind {
  let r = pick() * WEIGHTS;
  for (const m of MIX) {
    r -= m.weight;
    if (r < 0) return m.kind;
  }
  return 'points';
}

/** The reads, either on the database alone or through the routes' cached reader. */
interface Reads {
  facets(): Promise<unknown>;
  points(filter: HistoryFilter & { model: string }): Promise<unknown>;
  runs(filter: HistoryFilter, limit: number, offset: number): Promise<unknown>;
}
const direct = (store: HistoryStore): Reads => ({
  facets: () => store.facets(),
  points: (filter) => store.history(filter),
  runs: (filter, limit, offset) => store.listRuns(filter, limit, offset),
});
const cached = (reader: HistoryReader): Reads => ({
  facets: () => reader.facets(),
  points: (filter) => reader.points(filter),
  runs: (filter, limit, offset) => reader.runs(filter, limit, offset),
});

function ask(reads: Reads, kind: Kind): Promise<unknown> {
  switch (kind) {
    case 'facets':
      return reads.facets();
    case 'points':
      return reads.points(anyModel());
    case 'points, host or user ticked':
      return reads.points({
        ...anyModel(),
        ...(pick() < 0.5 ? { hosts: [anyHost()] } : { users: [anyUser()] }),
      });
    case 'run list, filtered, first pages': {
      const r = pick();
      const filter: HistoryFilter =
        r < 0.4 ? { hosts: [anyHost()] } : r < 0.7 ? { users: [anyUser()] } : anyModel();
      return reads.runs(filter, 50, Math.floor(pick() * 3) * 50);
    }
    case 'run list, deep page': {
      // A host holds ~1/20 of the runs; the whole history all of them.
      if (pick() < 0.5) {
        return reads.runs(
          { hosts: [anyHost()] },
          50,
          Math.floor(pick() * (RUNS / HOSTS / 50)) * 50,
        );
      }
      return reads.runs({}, 50, Math.floor(pick() * (RUNS / 50)) * 50);
    }
  }
}

async function measure(store: HistoryStore) {
  await store.history(keyOfModel(0)); // warm
  const one = async (n: number, op: () => Promise<unknown>) => timed(n, op);
  const history = await one(50, () => store.history(anyModel()));
  const list = await one(100, () => store.listRuns({ hosts: [anyHost()] }, 50, 0));
  const deep = await one(50, () =>
    store.listRuns({}, 50, Math.floor((0.5 + pick() / 2) * (RUNS / 50)) * 50),
  );
  const points = (await store.history(keyOfModel(0))).length;
  const bytes = (await historyReader(store).points(keyOfModel(0))).length;
  return { history, list, deep, points, bytes };
}

let extra = 0;
/** A new run of a random model, as a device host would publish it. */
function newRun(): HistoryRunInput {
  const base = generate().next().value as HistoryRunInput;
  extra++;
  return {
    ...base,
    ...anyModel(),
    id: `benchnew${String(extra).padStart(19, '0')}`,
    createdAt: new Date(Date.UTC(2027, 0, 1) + extra * 60_000).toISOString(),
  };
}

interface Concurrent {
  readonly all: Timing;
  readonly kinds: Record<string, Timing>;
  readonly writes: number;
  readonly seconds: number;
  readonly thinkMs: number;
  readonly load: number[];
}

/**
 * READERS readers, each asking one read after another (MIX) for `seconds`, while a run of a random
 * model is stored every WRITE_EVERY_MS: each one moves the history's version on (the run list and
 * facets go stale) and that model's (its points go stale).
 */
async function concurrent(
  reads: Reads,
  writer: HistoryStore,
  seconds: number,
  thinkMs: number,
): Promise<Concurrent> {
  // The pool's connections are opened first: the figure is about queries, not connecting.
  await Promise.all(Array.from({ length: READERS }, () => reads.runs({}, 50, 0)));
  let writes = 0;
  let writing = Promise.resolve();
  const timer = setInterval(() => {
    writing = writing.then(async () => {
      await writer.putRun(newRun());
      writes++;
    });
  }, WRITE_EVERY_MS);
  const byKind = new Map<Kind, number[]>();
  const all: number[] = [];
  const end = performance.now() + seconds * 1000;
  try {
    await Promise.all(
      Array.from({ length: READERS }, async () => {
        while (performance.now() < end) {
          // A person looks at an answer before asking the next (exponential, mean thinkMs);
          // with none, each read still arrives as its own event, as a request does (a
          // synchronous engine would otherwise run every reader's reads before the writer's
          // timer could fire).
          const think = thinkMs > 0 ? -Math.log(1 - pick()) * thinkMs : 0;
          await new Promise((resolve) =>
            think > 0 ? setTimeout(resolve, think) : setImmediate(resolve),
          );
          if (performance.now() >= end) break;
          const kind = anyKind();
          const t0 = performance.now();
          await ask(reads, kind);
          const ms = performance.now() - t0;
          all.push(ms);
          const list = byKind.get(kind) ?? [];
          list.push(ms);
          byKind.set(kind, list);
        }
      }),
    );
  } finally {
    clearInterval(timer);
    await writing;
  }
  const timing = (ms: number[]): Timing => {
    ms.sort((a, b) => a - b);
    return { p50: pct(ms, 50), p99: pct(ms, 99), n: ms.length };
  };
  const kinds: Record<string, Timing> = {};
  for (const m of MIX) kinds[m.kind] = timing(byKind.get(m.kind) ?? []);
  return { all: timing(all), kinds, writes, seconds, thinkMs, load: loadavg() };
}

const f = (n: number) => n.toFixed(1);
const line = (name: string, t: Timing) =>
  `${name}: p50 ${f(t.p50)} ms, p99 ${f(t.p99)} ms (${t.n} queries)`;
const load = (l: number[] = loadavg()) => l.map((x) => x.toFixed(2)).join(' ');

function concurrentLines(c: Concurrent, lines: string[]) {
  for (const m of MIX) lines.push(`      ${line(m.kind, c.kinds[m.kind] as Timing)}`);
  lines.push(
    `      ${(c.all.n / c.seconds).toFixed(0)} queries/s; ${c.writes} runs stored meanwhile ` +
      `(one every ${WRITE_EVERY_MS / 1000} s for ${c.seconds} s); load average at the end: ${load(c.load)}`,
  );
}

async function report(
  name: string,
  store: HistoryStore,
  loadS: number,
  lines: string[],
): Promise<Record<string, unknown>> {
  const m = await measure(store);
  // A team server runs for weeks: its cache is warm. Every model's points are asked once first
  // (the cold start is the "database alone" figures); the rest is left cold.
  const reader = historyReader(store);
  for (let i = 0; i < MODELS; i++) await reader.points(keyOfModel(i));
  const withCache = await concurrent(cached(reader), store, SECONDS, THINK_MS);
  const saturated = await concurrent(cached(reader), store, SATURATED_SECONDS, 0);
  const noCache = await concurrent(direct(store), store, UNCACHED_SECONDS, THINK_MS);
  await reader.close();
  const met = withCache.all.p99 <= TARGET_P99_MS ? 'met' : 'NOT met';
  lines.push(`${name}: ${RUNS} runs loaded in ${loadS.toFixed(1)} s`);
  lines.push(
    `  one model's points: ${m.points} points, ${(m.bytes / 1e6).toFixed(2)} MB of JSON as sent`,
  );
  lines.push(`  database alone, one reader:`);
  lines.push(`    ${line(`history (one model, SoC and batch, ${m.points} points)`, m.history)}`);
  lines.push(`    ${line('run list (one host, 50 a page, first page)', m.list)}`);
  lines.push(`    ${line('run list (everything, 50 a page, a page past the middle)', m.deep)}`);
  lines.push(
    `  ${READERS} readers through the routes' reader, each pausing ${THINK_MS} ms on average ` +
      `between answers (the mix): ${line('all', withCache.all)}; target p99 ≤ ${TARGET_P99_MS} ms: ${met}`,
  );
  concurrentLines(withCache, lines);
  lines.push(
    `  the same ${READERS} readers with no pause (as many queries as the server answers): ${line('all', saturated.all)}`,
  );
  concurrentLines(saturated, lines);
  lines.push(
    `  ${READERS} readers pausing as above, database alone (nothing cached): ${line('all', noCache.all)}`,
  );
  concurrentLines(noCache, lines);
  return {
    runs: RUNS,
    loadS,
    ...m,
    concurrent: {
      readers: READERS,
      thinkMs: THINK_MS,
      cached: withCache,
      saturated,
      uncached: noCache,
      cache: reader.stats(),
    },
  };
}

const bench: BenchPart = async () => {
  const lines: string[] = [];
  const figures: Record<string, unknown> = {};

  // SQLite: the launcher's own database, loaded in one transaction.
  const dir = mkdtempSync(join(tmpdir(), 'aoe-bench-history-'));
  if (ENGINES.includes('sqlite'))
    try {
      const db = openDb(dir);
      const store = sqliteHistory(db);
      const t0 = performance.now();
      db.exec('BEGIN');
      for (const run of generate()) await store.putRun(run);
      db.exec('COMMIT');
      db.exec('ANALYZE');
      const loadS = (performance.now() - t0) / 1000;
      figures.historySqlite = await report('SQLite', store, loadS, lines);
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }

  if (!ENGINES.includes('postgres')) return { figures: { history: figures }, lines };
  const why = pgUnavailable();
  if (why) {
    lines.push(`PostgreSQL: ${why}`);
    return { figures: { history: figures }, lines };
  }
  const server = await startPg();
  try {
    const url = await server.newDatabase();
    const store = await openPgHistory(url, POOL === undefined ? {} : { max: POOL });
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
    // What the inserts would have kept (the bulk load went around them).
    await pool.query(PG_FACETS_BACKFILL);
    // What autovacuum does after a bulk of inserts (the table asks for it early, migration 2):
    // the visibility map the points index's index-only scans rely on.
    await pool.query('VACUUM ANALYZE history_runs');
    await pool.end();
    const loadS = (performance.now() - t0) / 1000;
    figures.historyPostgres = await report('PostgreSQL', store, loadS, lines);
    await store.close();
  } finally {
    await server.stop();
  }
  return { figures: { history: figures }, lines };
};

export default bench;
