// Old working dirs go, newest kept; a queued or running job's dir and anything outside
// <data-dir>/jobs are never touched.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { openDb, type Db } from '../store/db.ts';
import { createRepo } from '../store/repo.ts';
import { pruneWorkDirs } from './retention.ts';

let root: string;
let db: Db;
afterEach(() => {
  db.close();
  rmSync(root, { recursive: true, force: true });
});

it('keeps the newest ended jobs’ working dirs and never a live job’s', async () => {
  root = mkdtempSync(join(tmpdir(), 'aoe-retention-'));
  const dataDir = join(root, 'data');
  db = openDb(dataDir);
  const repo = createRepo(db);
  const outside = join(root, 'outside');
  mkdirSync(outside);
  const jobs = ['a', 'b', 'f', 'c', 'd', 'e'].map((id, i) => {
    const dir = id === 'f' ? outside : join(dataDir, 'jobs', `job-${id}`);
    mkdirSync(join(dir, 'operator', 'aoe_workspace'), { recursive: true });
    repo.insertJob(`job-${id}`, '{}', 0, dir, `2026-01-0${i + 1}T00:00:00.000Z`);
    return { id: `job-${id}`, dir };
  });
  const end = { exitCode: 0, errorCode: null, errorMessage: null };
  // a: running (oldest), b: queued, then f, c, d, e ended; f's dir is outside the jobs dir.
  repo.startJob('job-a', '2026-01-01T00:00:00.000Z');
  for (const id of ['job-c', 'job-d', 'job-e', 'job-f']) {
    repo.finishJob(id, { state: 'succeeded', ...end }, '2026-01-09T00:00:00.000Z');
  }
  expect(await pruneWorkDirs(repo, dataDir, 1)).toBe(2);
  // e, the newest, is kept; d and c go; f is not the launcher's to remove.
  expect(jobs.map((j) => existsSync(j.dir))).toEqual([true, true, true, false, false, true]);
});
