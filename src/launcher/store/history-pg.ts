// The history on PostgreSQL (a team server: `serve --db postgres://…`), through node-postgres'
// pool. Versioned migrations are applied at start inside one transaction under an advisory lock,
// so two servers starting together on one database migrate it once; a database whose schema is
// newer than this code is refused before anything is read or written.
import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';
import {
  MAX_HISTORY_POINTS,
  SchemaTooNewError,
  type ChangeListener,
  type Facets,
  type HistoryChange,
  type HistoryFilter,
  type HistoryRunInput,
  type HistoryStore,
  type HistoryWatch,
  type ModelScope,
  type PutResult,
} from './history.ts';
import {
  INSERT_COLUMNS,
  insertValues,
  POINT_COLUMNS,
  pointOf,
  runOf,
  storedTokenOf,
  SUMMARY_COLUMNS,
  summaryOf,
  tokenInfoOf,
  whereOf,
  type FullRow,
  type PointRow,
  type SummaryRow,
  type TokenRow,
} from './history-sql.ts';

/**
 * The facets' tables filled from the runs: one row per model (SoC, batch size) with its run
 * count, and the hosts and users seen. Migration 3 runs it once; after that the insert of each
 * run keeps them (putRun).
 */
export const PG_FACETS_BACKFILL = `
   INSERT INTO history_models (model, soc_key, batch_key, soc, batch_size, runs)
     SELECT model, CASE WHEN soc IS NULL THEN '-' ELSE '=' || soc END,
            COALESCE(batch_size, 0), soc, batch_size, COUNT(*)
     FROM history_runs GROUP BY model, soc, batch_size;
   INSERT INTO history_hosts (host) SELECT DISTINCT host FROM history_runs;
   INSERT INTO history_users (user_name) SELECT DISTINCT user_name FROM history_runs;`;

/** Numbered from 1; never edit one that shipped, add the next. */
export const PG_MIGRATIONS: readonly string[] = [
  `CREATE TABLE history_runs (
     id TEXT PRIMARY KEY,
     model TEXT NOT NULL,
     soc TEXT,
     batch_size INTEGER,
     host TEXT NOT NULL,
     user_name TEXT NOT NULL,
     cann_version TEXT,
     baseline_ms DOUBLE PRECISION,
     tuned_ms DOUBLE PRECISION,
     measured_ms DOUBLE PRECISION,
     verdict TEXT,
     file_name TEXT NOT NULL,
     format TEXT NOT NULL,
     sha256 TEXT NOT NULL,
     created_at TEXT NOT NULL,
     published_at TEXT NOT NULL,
     report TEXT,
     manifest TEXT NOT NULL,
     raw BYTEA NOT NULL
   );
   CREATE INDEX history_runs_model ON history_runs (model, created_at, id);
   CREATE INDEX history_runs_created ON history_runs (created_at, id);
   CREATE INDEX history_runs_host ON history_runs (host, created_at);
   CREATE INDEX history_runs_user ON history_runs (user_name, created_at);
   CREATE TABLE tokens (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL,
     role TEXT NOT NULL,
     salt TEXT NOT NULL,
     hash TEXT NOT NULL,
     created_at TEXT NOT NULL,
     revoked_at TEXT
   );`,
  // The history read at team scale (docs/scaling.md): a model's points come from one covering
  // index (an index-only scan, no sort, none of the wide rows read), the run list's host and user
  // filters are in index order to the last key (its count an index-only scan), and
  // history_meta.version grows in the transaction of every run stored, so readers cache by it.
  // Index-only scans need the visibility map current: the table is vacuumed after far fewer
  // inserts than PostgreSQL's default fifth of the table.
  `CREATE INDEX history_runs_points ON history_runs (model, soc, batch_size, created_at, id)
     INCLUDE (host, user_name, cann_version, baseline_ms, tuned_ms, measured_ms, verdict, file_name);
   DROP INDEX history_runs_host;
   DROP INDEX history_runs_user;
   CREATE INDEX history_runs_host ON history_runs (host, created_at, id);
   CREATE INDEX history_runs_user ON history_runs (user_name, created_at, id);
   CREATE TABLE history_meta (
     id INTEGER PRIMARY KEY CHECK (id = 1),
     version BIGINT NOT NULL
   );
   INSERT INTO history_meta (id, version) VALUES (1, 0);
   ALTER TABLE history_runs SET (
     autovacuum_vacuum_insert_threshold = 500,
     autovacuum_vacuum_insert_scale_factor = 0.01
   );`,
  // The facets without reading the runs: the models with their run counts, the hosts and the
  // users, each kept by the insert of every run in its own transaction. Grouping 100,000 runs
  // for the facets took a sequential scan of the table each time a run arrived; a model's run
  // count (its points' version, history-cache.ts) is now one row instead of an index count. A
  // missing SoC or batch size is a key of its own ('-' and 0: a SoC given is '=' and its name, a
  // batch size is at least 1), so the keys need no NULL in them.
  `CREATE TABLE history_models (
     model TEXT NOT NULL,
     soc_key TEXT NOT NULL,
     batch_key INTEGER NOT NULL,
     soc TEXT,
     batch_size INTEGER,
     runs BIGINT NOT NULL,
     PRIMARY KEY (model, soc_key, batch_key)
   );
   CREATE TABLE history_hosts (host TEXT PRIMARY KEY);
   CREATE TABLE history_users (user_name TEXT PRIMARY KEY);
   ${PG_FACETS_BACKFILL}`,
];

/** The channel every server on the database hears each stored run on (history-cache.ts). */
export const HISTORY_CHANNEL = 'aoe_history';

/** Any key: the migrations of this product on this database. */
const MIGRATION_LOCK = 0x414f4531;

const ph = (n: number) => `$${n}`;

/** Applies the migrations `db` lacks (all in one transaction); throws SchemaTooNewError. */
export async function migratePg(
  pool: pg.Pool,
  migrations: readonly string[] = PG_MIGRATIONS,
): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS aoe_schema (version INTEGER NOT NULL, applied_at TEXT NOT NULL)',
    );
    const r = await client.query<{ v: number | null }>('SELECT MAX(version) AS v FROM aoe_schema');
    const current = r.rows[0]?.v ?? 0;
    if (current > migrations.length) {
      throw new SchemaTooNewError(current, migrations.length, 'the PostgreSQL database');
    }
    for (let v = current; v < migrations.length; v++) {
      await client.query(migrations[v] ?? '');
      await client.query('INSERT INTO aoe_schema (version, applied_at) VALUES ($1, $2)', [
        v + 1,
        new Date().toISOString(),
      ]);
    }
    await client.query('COMMIT');
    return migrations.length;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/** `postgres://` or `postgresql://`; the password, if any, is never printed. */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(?:ql)?:\/\//i.test(url);
}

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://…';
  }
}

export async function openPgHistory(
  url: string,
  options: { max?: number } = {},
): Promise<HistoryStore> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 20,
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
  });
  // An idle client's error (the server restarted) must not crash the process; the pool drops it.
  pool.on('error', () => undefined);
  try {
    await migratePg(pool);
  } catch (err) {
    await pool.end();
    throw err;
  }
  return pgHistory(pool);
}

/** How often the listening connection is asked whether it is still there, and for how long an
 * answer vouches for it: a connection that died without a word is trusted at most this long. */
const HEARTBEAT_MS = 1000;
export const LISTENER_NAME = 'aoe-history-listen';
const LIVE_MS = 3000;

/**
 * A notice's payload: the JSON of [model, soc, batch size, host, user, sender]. The sender is a
 * random id per store, so a server skips the notices of its own runs: it told its readers of them
 * when the insert committed. A payload that is not one of these says everything may have changed.
 */
function noticeOf(payload: string | undefined): { run: HistoryChange | null; from: string } {
  try {
    const v = JSON.parse(payload ?? '') as unknown;
    if (!Array.isArray(v) || v.length !== 6) return { run: null, from: '' };
    const [model, soc, batch, host, user, from] = v as unknown[];
    if (
      typeof model !== 'string' ||
      (soc !== null && typeof soc !== 'string') ||
      (batch !== null && typeof batch !== 'number') ||
      typeof host !== 'string' ||
      typeof user !== 'string' ||
      typeof from !== 'string'
    ) {
      return { run: null, from: '' };
    }
    return { run: { model, soc, batchSize: batch, host, user }, from };
  } catch {
    return { run: null, from: '' };
  }
}

const noticePayload = (run: HistoryChange, from: string) =>
  JSON.stringify([run.model, run.soc, run.batchSize, run.host, run.user, from]);

/**
 * One connection that LISTENs for the runs every server on the database stores, and tells
 * `tell`. When it is lost it is opened again (with back-off) and then tells null: whatever was
 * stored meanwhile was not heard. It is live only while its last heartbeat answered lately.
 */
function listenFor(config: pg.ClientConfig, self: string, tell: ChangeListener): HistoryWatch {
  let client: pg.Client | null = null;
  let okUntil = 0;
  let stopped = false;
  let delay = 250;
  let retry: NodeJS.Timeout | null = null;
  let beat: NodeJS.Timeout | null = null;
  const lost = (c: pg.Client) => {
    if (client !== c) return;
    client = null;
    okUntil = 0;
    if (beat) clearInterval(beat);
    c.end().catch(() => undefined);
    if (stopped) return;
    retry = setTimeout(() => void connect(), delay);
    retry.unref();
    delay = Math.min(delay * 2, 30_000);
  };
  const connect = async () => {
    if (stopped) return;
    // Named, so an operator (and the tests) can tell it among the pool's connections.
    const c = new pg.Client({ ...config, keepAlive: true, application_name: LISTENER_NAME });
    client = c;
    c.on('error', () => lost(c));
    c.on('end', () => lost(c));
    c.on('notification', (msg) => {
      if (client !== c || msg.channel !== HISTORY_CHANNEL) return;
      const notice = noticeOf(msg.payload);
      if (notice.from !== self || notice.run === null) tell(notice.run);
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${HISTORY_CHANNEL}`);
    } catch {
      lost(c);
      return;
    }
    if (client !== c) return;
    // Listening from here on; what was stored before may not have been heard.
    tell(null);
    okUntil = Date.now() + LIVE_MS;
    delay = 250;
    let asking = false;
    beat = setInterval(() => {
      if (asking || client !== c) return;
      asking = true;
      c.query('SELECT 1').then(
        () => {
          asking = false;
          if (client === c) okUntil = Date.now() + LIVE_MS;
        },
        () => lost(c),
      );
    }, HEARTBEAT_MS);
    beat.unref();
  };
  void connect();
  return {
    live: () => client !== null && Date.now() < okUntil,
    async stop() {
      stopped = true;
      if (retry) clearTimeout(retry);
      if (beat) clearInterval(beat);
      const c = client;
      client = null;
      okUntil = 0;
      await c?.end().catch(() => undefined);
    },
  };
}

const changeOf = (run: HistoryRunInput): HistoryChange => ({
  model: run.model,
  soc: run.soc,
  batchSize: run.batchSize,
  host: run.host,
  user: run.user,
});

/**
 * A query as a named prepared statement: each connection plans it once and then only executes it
 * (planning was a good part of these small queries' time). The name is the text's digest, so each
 * distinct text (a filter naming three hosts is another text than one naming two) is its own.
 */
function prepared(text: string, values: unknown[]): pg.QueryConfig {
  return { name: `h${createHash('sha1').update(text).digest('hex').slice(0, 20)}`, text, values };
}

/** How many runs the models table counts for a model (any SoC or batch size left open), or all. */
function modelCount(scope: Partial<ModelScope>): { sql: string; values: unknown[] } {
  const where: string[] = [];
  const values: unknown[] = [];
  if (scope.model !== undefined) {
    values.push(scope.model);
    where.push(`model = ${ph(values.length)}`);
  }
  if (scope.soc !== undefined) {
    values.push(scope.soc === null ? '-' : `=${scope.soc}`);
    where.push(`soc_key = ${ph(values.length)}`);
  }
  if (scope.batchSize !== undefined) {
    values.push(scope.batchSize ?? 0);
    where.push(`batch_key = ${ph(values.length)}`);
  }
  const sql = `SELECT SUM(runs) AS n FROM history_models ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
  return { sql, values };
}

export function pgHistory(pool: pg.Pool): HistoryStore {
  /**
   * The number of runs a filter matches: for the whole history or a model alone, from the
   * models table (a few rows, not 100,000 index entries); else counted on the filter's index.
   */
  const countOf = async (filter: HistoryFilter, w: { sql: string; values: unknown[] }) => {
    const byModel =
      !filter.hosts?.length &&
      !filter.users?.length &&
      filter.from === undefined &&
      filter.to === undefined;
    const q = byModel
      ? modelCount(filter)
      : { sql: `SELECT COUNT(*) AS n FROM history_runs ${w.sql}`, values: w.values };
    const r = await pool.query<{ n: string | null }>(prepared(q.sql, q.values));
    return Number(r.rows[0]?.n ?? 0);
  };
  // This process's readers (history-cache.ts), told of every run stored on the database.
  const listeners = new Set<ChangeListener>();
  const tell: ChangeListener = (scope) => {
    for (const l of listeners) l(scope);
  };
  let listening: HistoryWatch | null = null;
  const self = randomBytes(9).toString('base64url');
  const placeholders = INSERT_COLUMNS.split(',')
    .map((_c, i) => ph(i + 1))
    .join(', ');
  const versionWaiting = new Map<string, Promise<number>>();
  return {
    engine: 'postgres',
    async putRun(run): Promise<PutResult> {
      // One statement, so one transaction: the version, the facets' tables and the notice to
      // every listening server happen exactly when the run is stored (a NOTIFY is delivered at
      // commit, and never for a rolled back insert).
      const values = insertValues(run, new Date().toISOString());
      const n = values.length;
      const r = await pool.query<{ n: number }>(
        `WITH ins AS (
           INSERT INTO history_runs (${INSERT_COLUMNS}) VALUES (${placeholders})
           ON CONFLICT (id) DO NOTHING RETURNING model, soc, batch_size, host, user_name
         ), bump AS (
           UPDATE history_meta SET version = version + 1
           WHERE id = 1 AND EXISTS (SELECT 1 FROM ins) RETURNING version
         ), models AS (
           INSERT INTO history_models (model, soc_key, batch_key, soc, batch_size, runs)
           SELECT model, CASE WHEN soc IS NULL THEN '-' ELSE '=' || soc END,
                  COALESCE(batch_size, 0), soc, batch_size, 1 FROM ins
           ON CONFLICT (model, soc_key, batch_key)
           DO UPDATE SET runs = history_models.runs + 1
         ), hosts AS (
           INSERT INTO history_hosts (host) SELECT host FROM ins ON CONFLICT DO NOTHING
         ), users AS (
           INSERT INTO history_users (user_name) SELECT user_name FROM ins ON CONFLICT DO NOTHING
         )
         SELECT (SELECT COUNT(*) FROM ins)::int AS n,
                (SELECT COUNT(*) FROM (SELECT pg_notify('${HISTORY_CHANNEL}', ${ph(n + 1)}) FROM bump) AS s)::int AS notified`,
        [...values, noticePayload(changeOf(run), self)],
      );
      const created = r.rows[0]?.n === 1;
      // This server's own readers hear of its own run now, not when the notice comes round.
      if (created) tell(changeOf(run));
      return created ? 'created' : 'exists';
    },
    async getRun(id) {
      const r = await pool.query<FullRow>(
        `SELECT ${SUMMARY_COLUMNS}, report, manifest FROM history_runs WHERE id = $1`,
        [id],
      );
      const row = r.rows[0];
      return row ? runOf(row) : undefined;
    },
    async getRaw(id) {
      const r = await pool.query<{ file_name: string; raw: Buffer }>(
        'SELECT file_name, raw FROM history_runs WHERE id = $1',
        [id],
      );
      const row = r.rows[0];
      return row ? { fileName: row.file_name, raw: row.raw } : undefined;
    },
    async listRuns(filter, limit, offset) {
      const w = whereOf(filter, ph);
      const n = w.values.length;
      const [rows, count] = await Promise.all([
        // The page's ids first, from an index alone (created_at, or host, user or model then
        // created_at, each ending in id), then only those rows: a deep page skips index entries
        // instead of reading (and discarding) every wide row before it.
        pool.query<SummaryRow>(
          prepared(
            `SELECT ${SUMMARY_COLUMNS} FROM history_runs WHERE id IN (
               SELECT id FROM history_runs ${w.sql}
               ORDER BY created_at DESC, id DESC LIMIT ${ph(n + 1)} OFFSET ${ph(n + 2)}
             ) ORDER BY created_at DESC, id DESC`,
            [...w.values, limit, offset],
          ),
        ),
        countOf(filter, w),
      ]);
      return { rows: rows.rows.map(summaryOf), total: count };
    },
    async history(filter) {
      // Newest first, backwards along the points index (index-only, no sort); oldest first here.
      const w = whereOf(filter, ph);
      const r = await pool.query<PointRow>(
        prepared(
          `SELECT ${POINT_COLUMNS} FROM history_runs ${w.sql}
           ORDER BY created_at DESC, id DESC LIMIT ${ph(w.values.length + 1)}`,
          [...w.values, MAX_HISTORY_POINTS],
        ),
      );
      return r.rows.reverse().map(pointOf);
    },
    async version(scope) {
      // Every cached read asks this first, so fifty readers would queue fifty queries for the
      // pool. Readers who ask while a query for the same version is still waiting for a
      // connection share it: it has not read anything yet, so its answer is as new as their
      // question. Once it has its connection, later readers wait for a query of their own.
      const key = scope ? JSON.stringify([scope.model, scope.soc, scope.batchSize]) : '';
      const pending = versionWaiting.get(key);
      if (pending) return pending;
      const asked = (async () => {
        const client = await pool.connect().finally(() => {
          if (versionWaiting.get(key) === asked) versionWaiting.delete(key);
        });
        try {
          if (scope) {
            // The model's run count, kept by every insert (migration 3): one row, or the rows
            // of its SoCs and batch sizes when the question leaves them open.
            const c = modelCount(scope);
            const r = await client.query<{ n: string | null }>(prepared(c.sql, c.values));
            return Number(r.rows[0]?.n ?? 0);
          }
          const r = await client.query<{ version: string }>(
            prepared('SELECT version FROM history_meta WHERE id = 1', []),
          );
          return Number(r.rows[0]?.version ?? 0);
        } finally {
          client.release();
        }
      })();
      versionWaiting.set(key, asked);
      return asked;
    },
    async facets(): Promise<Facets> {
      // From the facets' tables (migration 3), a few rows each, not a scan of the runs.
      const [models, hosts, users] = await Promise.all([
        pool.query<{ model: string; soc: string | null; batch_size: number | null; runs: string }>(
          `SELECT model, soc, batch_size, runs FROM history_models
           ORDER BY model, soc NULLS FIRST, batch_size NULLS FIRST`,
        ),
        pool.query<{ host: string }>('SELECT host FROM history_hosts ORDER BY host'),
        pool.query<{ user_name: string }>('SELECT user_name FROM history_users ORDER BY user_name'),
      ]);
      return {
        models: models.rows.map((m) => ({
          model: m.model,
          soc: m.soc,
          batchSize: m.batch_size,
          runs: Number(m.runs),
        })),
        hosts: hosts.rows.map((h) => h.host),
        users: users.rows.map((u) => u.user_name),
      };
    },
    watch(onChange) {
      listeners.add(onChange);
      listening ??= listenFor(pool.options, self, tell);
      return {
        live: () => listening?.live() ?? false,
        stop: async () => {
          listeners.delete(onChange);
          if (listeners.size > 0 || !listening) return;
          const l = listening;
          listening = null;
          await l.stop();
        },
      };
    },
    async insertToken(t) {
      await pool.query(
        `INSERT INTO tokens (id, name, role, salt, hash, created_at, revoked_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [t.id, t.name, t.role, t.salt, t.hash, t.createdAt, t.revokedAt],
      );
    },
    async findToken(id) {
      const r = await pool.query<TokenRow>('SELECT * FROM tokens WHERE id = $1', [id]);
      const row = r.rows[0];
      return row ? storedTokenOf(row) : undefined;
    },
    async listTokens() {
      const r = await pool.query<TokenRow>('SELECT * FROM tokens ORDER BY created_at, id');
      return r.rows.map(tokenInfoOf);
    },
    async revokeToken(id, at) {
      const r = await pool.query(
        'UPDATE tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL',
        [at, id],
      );
      return r.rowCount === 1;
    },
    async close() {
      await listening?.stop();
      listening = null;
      await pool.end();
    },
  };
}
