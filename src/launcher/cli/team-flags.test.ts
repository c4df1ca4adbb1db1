// The team options of `serve` and the `token` command as users type them: usage errors say what
// is wrong (and never print a database password); a PostgreSQL server that is not there is a
// clear failure; tokens made on the command line work on the launcher and can be revoked.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb } from '../store/db.ts';
import { main } from './main.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'aoe-team-cli-'));
  dirs.push(d);
  return d;
};

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { stdout: (t) => (out += t), stderr: (t) => (err += t) });
  return { code, out, err };
}

describe('serve team options', () => {
  it('refuses a --db that is not a postgres URL, without echoing its password', async () => {
    const r = await run(['serve', '--data-dir', tmp(), '--db', 'mysql://u:hunter2@h/db']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--db must be a postgres://');
    expect(r.err).not.toContain('hunter2');
  });

  it('says which publish option is missing, and what is wrong with the token file', async () => {
    const dir = tmp();
    const alone = await run(['serve', '--data-dir', dir, '--publish-to', 'http://team:8080']);
    expect(alone.code).toBe(2);
    expect(alone.err).toContain('--publish-to and --publish-token-file go together');
    const empty = join(dir, 'empty');
    writeFileSync(empty, '\n');
    const bad = await run([
      'serve',
      '--data-dir',
      dir,
      '--publish-to',
      'http://team:8080',
      '--publish-token-file',
      empty,
    ]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('does not hold a token on its first line');
    const withUser = await run([
      'serve',
      '--data-dir',
      dir,
      '--publish-to',
      'http://me:secret@team:8080',
      '--publish-token-file',
      empty,
    ]);
    expect(withUser.err).toContain('without a user or password');
  });

  it('fails clearly when the PostgreSQL server is not there', async () => {
    const r = await run([
      'serve',
      '--data-dir',
      tmp(),
      '--port',
      '0',
      '--db',
      'postgres://aoe:pw@127.0.0.1:1/none',
    ]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/cannot use the database postgres:\/\/aoe:\*\*\*@127\.0\.0\.1:1\/none/);
    expect(r.err).not.toContain(':pw@');
  }, 30_000);
});

describe('token command', () => {
  it('creates, lists and revokes tokens in a data dir, printing a token once', async () => {
    const dir = tmp();
    openDb(dir).close();
    const made = await run([
      'token',
      'create',
      '--data-dir',
      dir,
      '--role',
      'read',
      '--name',
      'lead',
    ]);
    expect(made.code).toBe(0);
    const token = made.out.trim();
    expect(token).toMatch(/^aoe_[A-Za-z0-9]{16}_[A-Za-z0-9_-]{43}$/);
    const id = token.slice(4, 20);
    const list = await run(['token', 'list', '--data-dir', dir]);
    expect(list.out).toContain(id);
    expect(list.out).toContain('active');
    expect(list.out).not.toContain(token);
    expect((await run(['token', 'revoke', '--data-dir', dir, id])).code).toBe(0);
    expect((await run(['token', 'list', '--data-dir', dir])).out).toContain('revoked');
    const again = await run(['token', 'revoke', '--data-dir', dir, id]);
    expect(again.code).toBe(1);
  });

  it('refuses an unknown role and a data dir without a launcher database', async () => {
    const bad = await run([
      'token',
      'create',
      '--data-dir',
      tmp(),
      '--role',
      'root',
      '--name',
      'x',
    ]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--role must be read, publish or admin');
    const none = await run([
      'token',
      'create',
      '--data-dir',
      tmp(),
      '--role',
      'read',
      '--name',
      'x',
    ]);
    expect(none.code).toBe(1);
    expect(none.err).toContain('no launcher database');
  });
});
