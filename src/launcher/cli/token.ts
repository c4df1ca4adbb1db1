// `aoe-dashboard token create|list|revoke`: the team's access tokens, in the history's database
// (`--db postgres://…` for a team server, else the data dir's SQLite). A token is printed once,
// on stdout, when it is made; only its hash is kept.
import type { Command } from 'commander';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { openDbUnlocked } from '../store/db.ts';
import type { HistoryStore } from '../store/history.ts';
import { isPostgresUrl, openPgHistory, redactUrl } from '../store/history-pg.ts';
import { sqliteHistory } from '../store/history-sqlite.ts';
import { createToken, isRole, tokenVerifier } from '../server/tokens.ts';
import type { CliIo, SetExit } from './io.ts';

interface StoreFlags {
  readonly db?: string;
  readonly dataDir?: string;
}

async function openStore(flags: StoreFlags): Promise<HistoryStore> {
  if (flags.db !== undefined) {
    if (!isPostgresUrl(flags.db)) {
      throw new Error(`--db must be a postgres:// URL, got "${redactUrl(flags.db)}"`);
    }
    return openPgHistory(flags.db, { max: 2 });
  }
  const dataDir = resolve(flags.dataDir ?? join(homedir(), '.aoe-dashboard'));
  return sqliteHistory(openDbUnlocked(dataDir), { closeDb: true });
}

export function registerToken(program: Command, io: CliIo, setExit: SetExit): void {
  const token = program
    .command('token')
    .description('Create, list and revoke team access tokens (roles: read, publish, admin)');
  const withStore = (c: Command) =>
    c
      .option('--db <url>', "the team server's PostgreSQL database (postgres://…)")
      .option('--data-dir <dir>', "the launcher's data dir, when the history is in SQLite");
  const run = async (flags: StoreFlags, work: (store: HistoryStore) => Promise<void>) => {
    let store: HistoryStore;
    try {
      store = await openStore(flags);
    } catch (err) {
      io.stderr(`error: ${(err as Error).message}\n`);
      setExit(1);
      return;
    }
    try {
      await work(store);
    } finally {
      await store.close();
    }
  };

  withStore(token.command('create'))
    .requiredOption('--role <role>', 'read, publish or admin')
    .requiredOption('--name <name>', 'who or what holds it (a person, a host, a CI job)')
    .action(async (flags: StoreFlags & { role: string; name: string }) => {
      if (!isRole(flags.role)) {
        io.stderr(`error: --role must be read, publish or admin, got "${flags.role}"\n`);
        setExit(2);
        return;
      }
      const hasControl = [...flags.name].some((c) => c.charCodeAt(0) < 0x20);
      if (flags.name.length === 0 || flags.name.length > 100 || hasControl) {
        io.stderr('error: --name must be 1 to 100 characters without control characters\n');
        setExit(2);
        return;
      }
      const role = flags.role;
      await run(flags, async (store) => {
        const made = await createToken(store, flags.name, role);
        io.stderr(
          `token ${made.info.id} (${role}) for ${JSON.stringify(flags.name)}; it is shown once:\n`,
        );
        io.stdout(`${made.token}\n`);
      });
    });

  withStore(token.command('list')).action(async (flags: StoreFlags) => {
    await run(flags, async (store) => {
      for (const t of await store.listTokens()) {
        const state = t.revokedAt ? `revoked ${t.revokedAt}` : 'active';
        io.stdout(
          `${t.id}  ${t.role.padEnd(7)}  ${t.createdAt}  ${state}  ${JSON.stringify(t.name)}\n`,
        );
      }
    });
  });

  withStore(token.command('revoke'))
    .argument('<id>', "the token's id (as `token list` shows it)")
    .action(async (id: string, flags: StoreFlags) => {
      await run(flags, async (store) => {
        if (await tokenVerifier(store).revoke(id)) {
          io.stdout(`revoked ${id}\n`);
        } else {
          io.stderr(`error: no active token ${JSON.stringify(id)}\n`);
          setExit(1);
        }
      });
    });
}
