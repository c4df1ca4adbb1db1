// PostgreSQL for tests: the server in AOE_TEST_PG_URL (CI's `.ci/run` starts one and exports it),
// else a throwaway cluster of Debian's postgresql started in a temp dir on a free port, else
// nothing (the PostgreSQL tests are skipped with one line saying why). Each test gets a database
// of its own on that server.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface PgServer {
  /** A URL for a new, empty database on the server. */
  newDatabase(): Promise<string>;
  /** Stops the server (a throwaway cluster only; an AOE_TEST_PG_URL server is left running). */
  stop(): Promise<void>;
  /** Stops and starts the throwaway cluster again (for restart tests); null on a shared server. */
  readonly restart: (() => Promise<void>) | null;
}

function pgBin(name: string): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  for (const v of versions) {
    const p = join(root, v, 'bin', name);
    if (existsSync(p)) return p;
  }
  return null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** The reason PostgreSQL tests cannot run here, or null when they can. */
export function pgUnavailable(): string | null {
  if (process.env.AOE_TEST_PG_URL) return null;
  if (pgBin('initdb') === null) {
    return 'PostgreSQL tests skipped: no AOE_TEST_PG_URL and no postgresql installed (apt-get install postgresql; .ci/run does this)';
  }
  return null;
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

function runAsOwner(bin: string, args: string[]): void {
  // initdb refuses root: as root, the cluster belongs to the postgres user Debian's package made.
  if (isRoot()) execFileSync('runuser', ['-u', 'postgres', '--', bin, ...args], { stdio: 'pipe' });
  else execFileSync(bin, args, { stdio: 'pipe' });
}

export async function startPg(): Promise<PgServer> {
  const shared = process.env.AOE_TEST_PG_URL;
  if (shared) return serverAt(shared, async () => undefined, null);
  const initdb = pgBin('initdb');
  const pgCtl = pgBin('pg_ctl');
  if (!initdb || !pgCtl) throw new Error(pgUnavailable() ?? 'no postgresql');
  const dir = mkdtempSync(join(tmpdir(), 'aoe-pg-'));
  if (isRoot()) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  const port = await freePort();
  runAsOwner(initdb, ['-D', data, '-A', 'trust', '-U', 'aoe', '--no-sync', '-E', 'UTF8']);
  const start = () =>
    runAsOwner(pgCtl, [
      '-D',
      data,
      '-w',
      '-l',
      join(dir, 'log'),
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`,
      'start',
    ]);
  const stop = () => runAsOwner(pgCtl, ['-D', data, '-w', '-m', 'fast', 'stop']);
  start();
  return serverAt(
    `postgres://aoe@127.0.0.1:${port}/postgres`,
    async () => {
      try {
        stop();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    async () => {
      stop();
      start();
    },
  );
}

function serverAt(
  adminUrl: string,
  stop: () => Promise<void>,
  restart: (() => Promise<void>) | null,
): PgServer {
  return {
    async newDatabase() {
      const name = `aoe_test_${randomBytes(6).toString('hex')}`;
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      const u = new URL(adminUrl);
      u.pathname = `/${name}`;
      return u.toString();
    },
    stop,
    restart,
  };
}
