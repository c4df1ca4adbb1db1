import { mkdtempSync, rmSync } from 'node:fs';
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
