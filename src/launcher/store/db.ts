// The launcher's SQLite database in the data dir. WAL, so SSE readers never wait for the job
// writer; migrations are numbered and applied in order, tracked by `PRAGMA user_version`, so a
// newer launcher opens an older data dir without losing finished runs.
import Database from 'better-sqlite3';
import { join } from 'node:path';

export type Db = Database.Database;

const MIGRATIONS: readonly string[] = [
  `CREATE TABLE jobs (
     id TEXT PRIMARY KEY,
     state TEXT NOT NULL,
     request TEXT NOT NULL,
     device INTEGER NOT NULL,
     work_dir TEXT NOT NULL,
     pid INTEGER,
     exit_code INTEGER,
     error_code TEXT,
     error_message TEXT,
     created_at TEXT NOT NULL,
     started_at TEXT,
     finished_at TEXT
   );
   CREATE INDEX jobs_state ON jobs(state);
   CREATE TABLE job_events (
     job_id TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
     seq INTEGER NOT NULL,
     type TEXT NOT NULL,
     data TEXT NOT NULL,
     at TEXT NOT NULL,
     PRIMARY KEY (job_id, seq)
   ) WITHOUT ROWID;
   CREATE TABLE runs (
     id TEXT PRIMARY KEY,
     job_id TEXT REFERENCES jobs(id) ON DELETE SET NULL,
     file_name TEXT NOT NULL,
     sha256 TEXT NOT NULL,
     raw_path TEXT NOT NULL,
     format TEXT NOT NULL,
     report TEXT,
     issues TEXT NOT NULL,
     created_at TEXT NOT NULL
   );
   CREATE INDEX runs_job ON runs(job_id);
   CREATE TABLE manifests (
     job_id TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
     job_type INTEGER NOT NULL,
     data TEXT NOT NULL,
     PRIMARY KEY (job_id, job_type)
   );
   CREATE TABLE bundles (
     id TEXT PRIMARY KEY,
     data TEXT NOT NULL,
     size INTEGER NOT NULL,
     created_at TEXT NOT NULL
   );`,
];

export function openDb(dataDir: string): Db {
  const db = new Database(join(dataDir, 'launcher.sqlite'));
  db.pragma('journal_mode = WAL');
  // NORMAL is durable across process crashes in WAL mode (only an OS crash can lose the tail).
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

export function migrate(db: Db): void {
  const current = Number(db.pragma('user_version', { simple: true }));
  for (let v = current; v < MIGRATIONS.length; v++) {
    const sql = MIGRATIONS[v];
    if (sql === undefined) continue;
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}
