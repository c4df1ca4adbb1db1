// The history on the launcher's own SQLite database (tables from migration 4 in db.ts). Calls are
// synchronous underneath; the async interface is the one PostgreSQL needs.
import type { Db } from './db.ts';
import { isDiskFull, StoreFullError } from './disk-full.ts';
import {
  MAX_HISTORY_POINTS,
  type ChangeListener,
  type Facets,
  type HistoryFilter,
  type HistoryRunInput,
  type HistoryStore,
  type ModelKey,
  type PutResult,
  type StoredToken,
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

const q = () => '?';

/**
 * Who hears of the runs stored in one database. A data dir belongs to one launcher (lock.ts), so
 * every run stored in it is stored by this process and heard of here, and a watch is always live.
 */
const watchers = new WeakMap<Db, Set<ChangeListener>>();

export function sqliteHistory(db: Db, options: { closeDb?: boolean } = {}): HistoryStore {
  const insert = db.prepare(
    `INSERT OR IGNORE INTO history_runs (${INSERT_COLUMNS})
     VALUES (${INSERT_COLUMNS.split(',').map(q).join(', ')})`,
  );
  const getRun = db.prepare(
    `SELECT ${SUMMARY_COLUMNS}, report, manifest FROM history_runs WHERE id = ?`,
  );
  const getRaw = db.prepare('SELECT file_name, raw FROM history_runs WHERE id = ?');
  const bump = db.prepare('UPDATE history_meta SET version = version + 1 WHERE id = 1');
  const version = db.prepare('SELECT version FROM history_meta WHERE id = 1').pluck();
  // The version grows in the insert's transaction, exactly when the run is stored.
  const put = db.transaction((values: unknown[]) => {
    const changes = insert.run(values).changes;
    if (changes === 1) bump.run();
    return changes;
  });
  const writing = <T>(fn: () => T): T => {
    try {
      return fn();
    } catch (err) {
      throw isDiskFull(err) ? new StoreFullError(err) : err;
    }
  };
  return {
    engine: 'sqlite',
    async putRun(run: HistoryRunInput): Promise<PutResult> {
      const changes = writing(() => put(insertValues(run, new Date().toISOString())));
      if (changes === 1) {
        const heard = {
          model: run.model,
          soc: run.soc,
          batchSize: run.batchSize,
          host: run.host,
          user: run.user,
        };
        for (const l of watchers.get(db) ?? []) l(heard);
      }
      return changes === 1 ? 'created' : 'exists';
    },
    async getRun(id) {
      const row = getRun.get(id) as FullRow | undefined;
      return row ? runOf(row) : undefined;
    },
    async getRaw(id) {
      const row = getRaw.get(id) as { file_name: string; raw: Buffer } | undefined;
      return row ? { fileName: row.file_name, raw: row.raw } : undefined;
    },
    async listRuns(filter: HistoryFilter, limit: number, offset: number) {
      const w = whereOf(filter, q);
      const rows = db
        .prepare(
          // The page's ids from an index alone first, then only those rows (history-pg.ts).
          `SELECT ${SUMMARY_COLUMNS} FROM history_runs WHERE id IN (
             SELECT id FROM history_runs ${w.sql}
             ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?
           ) ORDER BY created_at DESC, id DESC`,
        )
        .all(...w.values, limit, offset) as SummaryRow[];
      const total = (
        db.prepare(`SELECT COUNT(*) AS n FROM history_runs ${w.sql}`).get(...w.values) as {
          n: number;
        }
      ).n;
      return { rows: rows.map(summaryOf), total };
    },
    async history(filter) {
      // Newest first, backwards along the covering points index, no sort; oldest first here.
      const w = whereOf(filter, q);
      const rows = db
        .prepare(
          `SELECT ${POINT_COLUMNS} FROM history_runs ${w.sql}
           ORDER BY created_at DESC, id DESC LIMIT ?`,
        )
        .all(...w.values, MAX_HISTORY_POINTS) as PointRow[];
      return rows.reverse().map(pointOf);
    },
    async version(scope) {
      if (scope) {
        const w = whereOf({ model: scope.model, soc: scope.soc, batchSize: scope.batchSize }, q);
        return Number(
          db
            .prepare(`SELECT COUNT(*) FROM history_runs ${w.sql}`)
            .pluck()
            .get(...w.values),
        );
      }
      return Number(version.get() ?? 0);
    },
    async facets(): Promise<Facets> {
      const models = db
        .prepare(
          `SELECT model, soc, batch_size, COUNT(*) AS n FROM history_runs
           GROUP BY model, soc, batch_size ORDER BY model, soc, batch_size`,
        )
        .all() as { model: string; soc: string | null; batch_size: number | null; n: number }[];
      const hosts = db
        .prepare('SELECT DISTINCT host FROM history_runs ORDER BY host')
        .pluck()
        .all();
      const users = db
        .prepare('SELECT DISTINCT user_name FROM history_runs ORDER BY user_name')
        .pluck()
        .all();
      return {
        models: models.map((m): ModelKey => ({
          model: m.model,
          soc: m.soc,
          batchSize: m.batch_size,
          runs: m.n,
        })),
        hosts: hosts as string[],
        users: users as string[],
      };
    },
    watch(onChange) {
      const set = watchers.get(db) ?? new Set<ChangeListener>();
      watchers.set(db, set);
      set.add(onChange);
      return {
        live: () => true,
        stop: async () => {
          set.delete(onChange);
        },
      };
    },
    async insertToken(t: StoredToken) {
      writing(() =>
        db
          .prepare(
            `INSERT INTO tokens (id, name, role, salt, hash, created_at, revoked_at)
             VALUES (?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(t.id, t.name, t.role, t.salt, t.hash, t.createdAt, t.revokedAt),
      );
    },
    async findToken(id) {
      const row = db.prepare('SELECT * FROM tokens WHERE id = ?').get(id) as TokenRow | undefined;
      return row ? storedTokenOf(row) : undefined;
    },
    async listTokens() {
      const rows = db.prepare('SELECT * FROM tokens ORDER BY created_at, id').all() as TokenRow[];
      return rows.map(tokenInfoOf);
    },
    async revokeToken(id, at) {
      return writing(
        () =>
          db
            .prepare('UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL')
            .run(at, id).changes === 1,
      );
    },
    async close() {
      if (options.closeDb) db.close();
    },
  };
}
