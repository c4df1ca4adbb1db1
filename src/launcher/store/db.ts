// The launcher's SQLite database in the data dir. WAL, so SSE readers never wait for the job
// writer; migrations are numbered and applied in order, tracked by `PRAGMA user_version`, so a
// newer launcher opens an older data dir without losing finished runs. Opening takes the data
// dir's lock first (one launcher per data dir) and keeps the data private to its owner.
import Database from 'better-sqlite3';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createReserve } from './disk-full.ts';
import { SchemaTooNewError } from './history.ts';
import { acquireDataDirLock } from './lock.ts';

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
  // The tuner's process group is recorded with its leader's start time, so a restart can stop
  // what a killed launcher left behind, and never a later process that was given the same pid.
  // The reserve rows are pages the database gives back when the disk is full (disk-full.ts).
  `ALTER TABLE jobs ADD COLUMN pgid_start INTEGER;
   CREATE TABLE reserve (id INTEGER PRIMARY KEY, pad BLOB NOT NULL);`,
  // A job is a list of tool steps, each with its own state, outputs and manifest.
  `CREATE TABLE job_steps (
     job_id TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
     idx INTEGER NOT NULL,
     tool TEXT NOT NULL,
     tag TEXT NOT NULL,
     state TEXT NOT NULL,
     started_at TEXT,
     finished_at TEXT,
     exit_code INTEGER,
     error_code TEXT,
     error_message TEXT,
     outputs TEXT,
     manifest TEXT,
     PRIMARY KEY (job_id, idx)
   ) WITHOUT ROWID;`,
  // The run history (history.ts): this host's finished runs and, on a team server, every run
  // the device hosts published; the figures a trend needs are columns, the documents beside them.
  // Team access tokens, stored as scrypt hashes. history_sent: the runs of this launcher already
  // recorded in the history (and queued for the team server, when there is one).
  `CREATE TABLE history_runs (
     id TEXT PRIMARY KEY,
     model TEXT NOT NULL,
     soc TEXT,
     batch_size INTEGER,
     host TEXT NOT NULL,
     user_name TEXT NOT NULL,
     cann_version TEXT,
     baseline_ms REAL,
     tuned_ms REAL,
     measured_ms REAL,
     verdict TEXT,
     file_name TEXT NOT NULL,
     format TEXT NOT NULL,
     sha256 TEXT NOT NULL,
     created_at TEXT NOT NULL,
     published_at TEXT NOT NULL,
     report TEXT,
     manifest TEXT NOT NULL,
     raw BLOB NOT NULL
   );
   CREATE INDEX history_runs_model ON history_runs(model, created_at, id);
   CREATE INDEX history_runs_created ON history_runs(created_at, id);
   CREATE INDEX history_runs_host ON history_runs(host, created_at);
   CREATE INDEX history_runs_user ON history_runs(user_name, created_at);
   CREATE TABLE tokens (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL,
     role TEXT NOT NULL,
     salt TEXT NOT NULL,
     hash TEXT NOT NULL,
     created_at TEXT NOT NULL,
     revoked_at TEXT
   );
   CREATE TABLE history_sent (run_id TEXT PRIMARY KEY, at TEXT NOT NULL) WITHOUT ROWID;`,
  // The history read at team scale: a model's points come from one covering index (no table
  // rows read, no sort), the run list's host and user filters are in index order to the last
  // key, and history_meta.version grows with every run stored, so readers cache by it.
  `CREATE INDEX history_runs_points ON history_runs(model, soc, batch_size, created_at, id,
     host, user_name, cann_version, baseline_ms, tuned_ms, measured_ms, verdict, file_name);
   DROP INDEX history_runs_host;
   DROP INDEX history_runs_user;
   CREATE INDEX history_runs_host ON history_runs(host, created_at, id);
   CREATE INDEX history_runs_user ON history_runs(user_name, created_at, id);
   CREATE TABLE history_meta (
     id INTEGER PRIMARY KEY CHECK (id = 1),
     version INTEGER NOT NULL
   );
   INSERT INTO history_meta (id, version) VALUES (1, 0);`,
  // A finished pipeline is one Run: its reports, measurements with their roles, profile,
  // manifest and verdict, normalized once when the job ends (jobs/pipeline-run.ts).
  `CREATE TABLE pipeline_runs (
     id TEXT PRIMARY KEY,
     job_id TEXT NOT NULL UNIQUE REFERENCES jobs(id) ON DELETE CASCADE,
     data TEXT NOT NULL,
     created_at TEXT NOT NULL
   );`,
];

/** The schema version this launcher writes. */
export const SCHEMA_VERSION = MIGRATIONS.length;

export const DB_FILE = 'launcher.sqlite';
const PRIVATE_DIR = 0o700;
const PRIVATE_FILE = 0o600;

/** Creates the data dir, or narrows an existing one, to its owner only. */
export function privateDataDir(dataDir: string): void {
  mkdirSync(dataDir, { recursive: true, mode: PRIVATE_DIR });
  chmodSync(dataDir, PRIVATE_DIR);
}

/**
 * Locks the data dir (throws DataDirLockedError when another launcher holds it), then opens the
 * database; closing the database releases the lock.
 */
export function openDb(dataDir: string): Db {
  privateDataDir(dataDir);
  const lock = acquireDataDirLock(dataDir);
  let db: Db;
  try {
    const file = join(resolve(dataDir), DB_FILE);
    // SQLite gives its -wal and -shm files the database file's mode: make that private first.
    closeSync(openSync(file, 'a', PRIVATE_FILE));
    for (const f of [file, `${file}-wal`, `${file}-shm`]) {
      if (existsSync(f)) chmodSync(f, PRIVATE_FILE);
    }
    db = new Database(file);
  } catch (err) {
    lock.release();
    throw err;
  }
  try {
    configure(db);
  } catch (err) {
    db.close();
    lock.release();
    throw err;
  }
  const close = db.close.bind(db);
  db.close = () => {
    try {
      return close();
    } finally {
      lock.release();
    }
  };
  createReserve(db).replenish();
  return db;
}

/**
 * Opens an existing data dir's database without its lock, for short administrative writes
 * (`aoe-dashboard token`) beside a running launcher: WAL and the busy timeout keep them apart.
 */
export function openDbUnlocked(dataDir: string): Db {
  const file = join(resolve(dataDir), DB_FILE);
  if (!existsSync(file)) {
    throw new Error(`no launcher database in ${dataDir}: start \`aoe-dashboard serve\` there once`);
  }
  const db = new Database(file);
  try {
    configure(db);
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}

function configure(db: Db): void {
  db.pragma('journal_mode = WAL');
  // NORMAL is durable across process crashes in WAL mode (only an OS crash can lose the tail).
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
}

/** Applies the migrations this database lacks; refuses one written by a newer launcher. */
export function migrate(db: Db): void {
  const current = Number(db.pragma('user_version', { simple: true }));
  if (current > MIGRATIONS.length) {
    throw new SchemaTooNewError(current, MIGRATIONS.length, `the database ${db.name}`);
  }
  for (let v = current; v < MIGRATIONS.length; v++) {
    const sql = MIGRATIONS[v];
    if (sql === undefined) continue;
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}
