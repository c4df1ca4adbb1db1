// The history on PostgreSQL (a team server: `serve --db postgres://…`), through node-postgres'
// pool. Versioned migrations are applied at start inside one transaction under an advisory lock,
// so two servers starting together on one database migrate it once; a database whose schema is
// newer than this code is refused before anything is read or written.
import pg from 'pg';
import {
  MAX_HISTORY_POINTS,
  SchemaTooNewError,
  type Facets,
  type HistoryStore,
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
];

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

export function pgHistory(pool: pg.Pool): HistoryStore {
  const placeholders = INSERT_COLUMNS.split(',')
    .map((_c, i) => ph(i + 1))
    .join(', ');
  const versionWaiting = new Map<string, Promise<number>>();
  return {
    engine: 'postgres',
    async putRun(run): Promise<PutResult> {
      // One statement, so one transaction: the version grows exactly when the run is stored.
      const r = await pool.query<{ n: number }>(
        `WITH ins AS (
           INSERT INTO history_runs (${INSERT_COLUMNS}) VALUES (${placeholders})
           ON CONFLICT (id) DO NOTHING RETURNING id
         ), bump AS (
           UPDATE history_meta SET version = version + 1
           WHERE id = 1 AND EXISTS (SELECT 1 FROM ins) RETURNING version
         )
         SELECT (SELECT COUNT(*) FROM ins)::int AS n`,
        insertValues(run, new Date().toISOString()),
      );
      return r.rows[0]?.n === 1 ? 'created' : 'exists';
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
        pool.query<SummaryRow>(
          `SELECT ${SUMMARY_COLUMNS} FROM history_runs ${w.sql}
           ORDER BY created_at DESC, id DESC LIMIT ${ph(n + 1)} OFFSET ${ph(n + 2)}`,
          [...w.values, limit, offset],
        ),
        pool.query<{ n: string }>(`SELECT COUNT(*) AS n FROM history_runs ${w.sql}`, w.values),
      ]);
      return { rows: rows.rows.map(summaryOf), total: Number(count.rows[0]?.n ?? 0) };
    },
    async history(filter) {
      // Newest first, backwards along the points index (index-only, no sort); oldest first here.
      const w = whereOf(filter, ph);
      const r = await pool.query<PointRow>(
        `SELECT ${POINT_COLUMNS} FROM history_runs ${w.sql}
         ORDER BY created_at DESC, id DESC LIMIT ${ph(w.values.length + 1)}`,
        [...w.values, MAX_HISTORY_POINTS],
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
            const w = whereOf(
              { model: scope.model, soc: scope.soc, batchSize: scope.batchSize },
              ph,
            );
            const r = await client.query<{ n: string }>(
              `SELECT COUNT(*) AS n FROM history_runs ${w.sql}`,
              w.values,
            );
            return Number(r.rows[0]?.n ?? 0);
          }
          const r = await client.query<{ version: string }>(
            'SELECT version FROM history_meta WHERE id = 1',
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
      const [models, hosts, users] = await Promise.all([
        pool.query<{ model: string; soc: string | null; batch_size: number | null; n: string }>(
          `SELECT model, soc, batch_size, COUNT(*) AS n FROM history_runs
           GROUP BY model, soc, batch_size ORDER BY model, soc NULLS FIRST, batch_size NULLS FIRST`,
        ),
        pool.query<{ host: string }>('SELECT DISTINCT host FROM history_runs ORDER BY host'),
        pool.query<{ user_name: string }>(
          'SELECT DISTINCT user_name FROM history_runs ORDER BY user_name',
        ),
      ]);
      return {
        models: models.rows.map((m) => ({
          model: m.model,
          soc: m.soc,
          batchSize: m.batch_size,
          runs: Number(m.n),
        })),
        hosts: hosts.rows.map((h) => h.host),
        users: users.rows.map((u) => u.user_name),
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
      await pool.end();
    },
  };
}
