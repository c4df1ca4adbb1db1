// One launcher per data dir: a live holder is refused with its pid, a stale lock (its process is
// gone, or its pid now belongs to a process started at another time) is taken over, and closing
// the database gives the data dir back.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { startTicksOf } from '../jobs/proc-table.ts';
import { openDb } from './db.ts';
import { acquireDataDirLock, DataDirLockedError, LOCK_FILE } from './lock.ts';

const dirs: string[] = [];
const kids: { kill(): void }[] = [];
afterEach(() => {
  for (const k of kids.splice(0)) k.kill();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function dataDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'aoe-lock-'));
  dirs.push(d);
  return d;
}

function writeLock(dir: string, pid: number, start: number | null): void {
  const holder = { pid, start, host: hostname(), since: '2026-01-01T00:00:00.000Z' };
  writeFileSync(join(dir, LOCK_FILE), JSON.stringify(holder));
}

/** A process that is alive while the test runs. */
function liveProcess(): number {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  kids.push(child);
  return child.pid ?? 0;
}

it('refuses a second opener of the database, naming the holder, and frees it on close', () => {
  const dir = dataDir();
  const db = openDb(dir);
  let caught: unknown;
  try {
    openDb(dir);
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(DataDirLockedError);
  expect(String(caught)).toContain(`pid ${process.pid}`);
  db.close();
  expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  openDb(dir).close();
});

it('refuses a lock held by another live process', () => {
  const dir = dataDir();
  const pid = liveProcess();
  writeLock(dir, pid, startTicksOf(pid));
  expect(() => acquireDataDirLock(dir)).toThrow(`pid ${pid}`);
  expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ pid });
});

it('takes over the lock of a launcher that is gone', () => {
  const dir = dataDir();
  const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  writeLock(dir, Number(String(gone.stdout)), 12345);
  const lock = acquireDataDirLock(dir);
  expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'))).toMatchObject({
    pid: process.pid,
  });
  lock.release();
  expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
});

it('takes over a lock whose pid now belongs to a process started at another time', () => {
  const dir = dataDir();
  const pid = liveProcess();
  writeLock(dir, pid, (startTicksOf(pid) ?? 0) - 1);
  acquireDataDirLock(dir).release();
});
