// A full disk, made real: `PRAGMA max_page_count` makes SQLite answer SQLITE_FULL exactly as it
// does when the file system is full. The writes that matter still land (a job's final state,
// deleting a run), through the space the store keeps in reserve.
import type { Database } from 'better-sqlite3';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb, type Db } from './db.ts';
import { isDiskFull, StoreFullError } from './disk-full.ts';
import { createRepo, type Repo } from './repo.ts';

const dirs: string[] = [];
const open: Db[] = [];
afterEach(() => {
  for (const db of open.splice(0)) if (db.open) db.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const AT = '2026-01-01T00:00:00.000Z';

function store(): { db: Db; repo: Repo; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'aoe-full-'));
  dirs.push(dir);
  const db = openDb(dir);
  open.push(db);
  return { db, repo: createRepo(db), dir };
}

/** Caps the database at its current size and fills what is left with events. */
function fill(db: Db, repo: Repo, jobId: string): number {
  db.pragma(`max_page_count = ${Number(db.pragma('page_count', { simple: true })) + 2}`);
  let seq = repo.maxSeq(jobId);
  for (;;) {
    try {
      repo.insertEvent(jobId, ++seq, 'log', JSON.stringify({ line: 'x'.repeat(900) }), AT);
    } catch (err) {
      expect(isDiskFull(err)).toBe(true);
      return seq - 1;
    }
  }
}

function addRun(repo: Repo, dir: string, id: string): string {
  const raw = join(dir, `${id}.json`);
  writeFileSync(raw, '[]');
  repo.insertRun({
    id,
    job_id: null,
    file_name: 'aoe_result_opat.json',
    sha256: '0'.repeat(64),
    raw_path: raw,
    format: 'aoe-opat',
    report: JSON.stringify({ pad: 'r'.repeat(20_000) }),
    issues: '[]',
    created_at: AT,
  });
  return raw;
}

describe('a full database', () => {
  it("still records a job's end, from the reserve", () => {
    const { db, repo } = store();
    repo.insertJob('job-1', '{}', 0, '/w', AT);
    fill(db, repo, 'job-1');
    expect(() =>
      repo.insertEvent('job-1', 1_000_000, 'log', JSON.stringify({ line: 'y'.repeat(5000) }), AT),
    ).toThrow(/full/);
    const end = { state: 'failed', exitCode: null, errorCode: 'DISK_FULL' } as const;
    repo.finishJob('job-1', { ...end, errorMessage: 'e'.repeat(3000) }, AT);
    repo.essential(() =>
      repo.insertEvent('job-1', 2_000_000, 'state', JSON.stringify({ state: 'failed' }), AT),
    );
    expect(repo.getJob('job-1')).toMatchObject({ state: 'failed', error_code: 'DISK_FULL' });
  });

  it('says so with a typed error once the reserve is spent too', () => {
    const { db, repo } = store();
    repo.insertJob('job-1', '{}', 0, '/w', AT);
    fill(db, repo, 'job-1');
    const big = (n: number) => () =>
      repo.insertEvent('job-1', 3_000_000 + n, 'state', 'z'.repeat(200_000), AT);
    expect(() => repo.essential(big(1))).toThrow(StoreFullError);
  });

  it('deletes runs, which gives the space back to new writes', () => {
    const { db, repo, dir } = store();
    const raws = ['run-a', 'run-b', 'run-c'].map((id) => addRun(repo, dir, id));
    repo.insertJob('job-1', '{}', 0, '/w', AT);
    fill(db, repo, 'job-1');
    expect(repo.deleteRun('run-a')).toBe(true);
    expect(repo.deleteRun('run-b')).toBe(true);
    expect(existsSync(raws[0] ?? '')).toBe(false);
    expect(repo.getRun('run-a')).toBeUndefined();
    repo.insertEvent('job-1', 5_000_000, 'log', JSON.stringify({ line: 'again' }), AT);
    expect(repo.deleteRun('missing')).toBe(false);
  });
});

/** Bytes of the data dir's files besides the database's own. */
const used = (dir: string) =>
  readdirSync(dir)
    .filter((f) => !f.startsWith('launcher.sqlite'))
    .reduce((n, f) => n + statSync(join(dir, f)).size, 0);

describe('a full file system', () => {
  /**
   * The database's writes fail while the files in the data dir take more than `quota` bytes, as
   * a full file system fails SQLite's write-ahead log.
   */
  function quota(db: Db, dir: string, bytes: number): Db {
    const full = () => {
      if (used(dir) > bytes) {
        throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
      }
    };
    return new Proxy(db, {
      get(target, key) {
        if (key === 'prepare') {
          return (sql: string) => {
            const stmt = target.prepare(sql);
            return new Proxy(stmt, {
              get(s, k) {
                const v: unknown = Reflect.get(s, k, s);
                if (k !== 'run' || typeof v !== 'function') {
                  return typeof v === 'function' ? (v as () => unknown).bind(s) : v;
                }
                return (...args: unknown[]) => {
                  full();
                  return (v as (...a: unknown[]) => unknown).apply(s, args);
                };
              },
            });
          };
        }
        const v: unknown = Reflect.get(target, key, target);
        return typeof v === 'function' ? (v as () => unknown).bind(target) : v;
      },
    }) as Database;
  }

  it("removes a run's raw file before its row, so the deletion has room", () => {
    const { db, dir } = store();
    const raw = addRun(createRepo(db), dir, 'run-a');
    writeFileSync(raw, 'x'.repeat(100_000));
    const repo = createRepo(quota(db, dir, used(dir) - 50_000));
    expect(() => repo.insertJob('job-2', '{}', 0, '/w', AT)).toThrow(/full/);
    expect(repo.deleteRun('run-a')).toBe(true);
    expect(repo.getRun('run-a')).toBeUndefined();
    expect(existsSync(raw)).toBe(false);
  });

  it('gives up the reserve file when nothing else makes room', () => {
    const { db, dir } = store();
    createRepo(db).insertJob('job-1', '{}', 0, '/w', AT);
    const repo = createRepo(quota(db, dir, used(dir) - 1));
    expect(() => repo.insertJob('job-2', '{}', 0, '/w', AT)).toThrow(/full/);
    const end = {
      state: 'failed',
      exitCode: null,
      errorCode: 'DISK_FULL',
      errorMessage: null,
    } as const;
    repo.finishJob('job-1', end, AT);
    expect(repo.getJob('job-1')?.state).toBe('failed');
  });
});
