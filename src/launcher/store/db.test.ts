import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { openDb } from './db.ts';
import { createRepo } from './repo.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

it('opens in WAL mode, migrates once, and keeps what was stored across reopening', () => {
  const dir = mkdtempSync(join(tmpdir(), 'aoe-db-'));
  dirs.push(dir);
  const first = openDb(dir);
  expect(first.pragma('journal_mode', { simple: true })).toBe('wal');
  const version = Number(first.pragma('user_version', { simple: true }));
  expect(version).toBeGreaterThan(0);
  const repo = createRepo(first);
  repo.insertJob('job-1', '{}', 0, '/w', '2026-01-01T00:00:00.000Z');
  repo.insertEvent('job-1', 1, 'state', '{"state":"queued"}', '2026-01-01T00:00:00.000Z');
  repo.insertBundle('bundle-1', '{"v":1}', '2026-01-01T00:00:00.000Z');
  first.close();

  const again = openDb(dir);
  expect(Number(again.pragma('user_version', { simple: true }))).toBe(version);
  const repo2 = createRepo(again);
  expect(repo2.getJob('job-1')?.state).toBe('queued');
  expect(repo2.maxSeq('job-1')).toBe(1);
  expect(repo2.getBundle('bundle-1')?.size).toBe(7);
  again.close();
});

it('keeps an existing data dir and its database private to their owner', () => {
  const root = mkdtempSync(join(tmpdir(), 'aoe-db-'));
  dirs.push(root);
  const dir = join(root, 'data');
  mkdirSync(dir, { mode: 0o755 });
  chmodSync(dir, 0o755);
  openDb(dir).close();
  chmodSync(join(dir, 'launcher.sqlite'), 0o644);
  writeFileSync(join(dir, 'launcher.sqlite-wal'), '');
  chmodSync(join(dir, 'launcher.sqlite-wal'), 0o644);

  const db = openDb(dir);
  db.prepare('SELECT 1').get();
  expect(statSync(dir).mode & 0o777).toBe(0o700);
  for (const f of ['launcher.sqlite', 'launcher.sqlite-wal', 'launcher.sqlite-shm']) {
    expect(statSync(join(dir, f)).mode & 0o777).toBe(0o600);
  }
  db.close();
});

it('creates a new database private to its owner', () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'aoe-db-')), 'fresh');
  dirs.push(dir);
  const db = openDb(dir);
  expect(statSync(dir).mode & 0o777).toBe(0o700);
  expect(statSync(join(dir, 'launcher.sqlite')).mode & 0o777).toBe(0o600);
  db.close();
});
