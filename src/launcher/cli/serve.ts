// `aoe-dashboard serve`: the launcher on the device host. Serves the built dashboard and the API,
// runs AOE jobs. Loopback by default; any other address is announced with a warning because the
// token is then the only thing between the network and the tuner.
import type { Command } from 'commander';
import { mkdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sourceSetEnv } from '../jobs/env.ts';
import { DEFAULT_KEEP_WORKDIRS } from '../jobs/retention.ts';
import { build } from '../server/app.ts';
import { readOrCreateToken } from '../server/auth.ts';
import { privateDataDir } from '../store/db.ts';
import { SchemaTooNewError } from '../store/history.ts';
import { isPostgresUrl, redactUrl } from '../store/history-pg.ts';
import { DataDirLockedError } from '../store/lock.ts';
import type { CliIo, SetExit } from './io.ts';

interface ServeFlags {
  readonly host: string;
  readonly port: string;
  readonly dataDir?: string;
  readonly aoeBin: string;
  readonly setEnv?: string;
  readonly modelsRoot?: string;
  readonly demo?: boolean;
  readonly allowedHost: string[];
  readonly keepWorkdirs: string;
  readonly db?: string;
  readonly publishTo?: string;
  readonly publishTokenFile?: string;
}

/** A team token kept in a file (first line), or a message saying what is wrong with it. */
export function readTokenFile(file: string): string | { error: string } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    return { error: `cannot read the token file ${file}: ${(err as Error).message}` };
  }
  const token = text.split(/\r?\n/)[0]?.trim() ?? '';
  if (!/^[A-Za-z0-9_-]{20,200}$/.test(token)) {
    return { error: `the token file ${file} does not hold a token on its first line` };
  }
  return token;
}

/** An http(s) base URL without credentials, query or fragment, or an error message. */
export function teamUrl(text: string, option: string): URL | { error: string } {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { error: `${option} must be a URL such as https://team-server:8080, got "${text}"` };
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password) {
    return { error: `${option} must be an http or https URL without a user or password` };
  }
  return url;
}

/** 127.0.0.0/8, ::1 and localhost: reachable from this host only. */
export function isLoopback(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127(?:\.\d{1,3}){3}$/.test(h);
}

function baseEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  return env;
}

export function registerServe(program: Command, io: CliIo, setExit: SetExit): void {
  program
    .command('serve')
    .description('Serve the dashboard and run AOE tuning jobs on this host')
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .option('--port <port>', 'port to listen on (0: any free port)', '8080')
    .option(
      '--data-dir <dir>',
      'where runs, jobs and the token are kept (default ~/.aoe-dashboard)',
    )
    .option('--aoe-bin <path>', 'the aoe program', 'aoe')
    .option('--set-env <file>', "CANN's set_env.sh, sourced once for every job")
    .option('--models-root <dir>', 'jobs may only name models under it (default <data-dir>/models)')
    .option('--demo', 'offer the demo reports in the dashboard')
    .option(
      '--allowed-host <name>',
      'also answer to this host name (NAME or NAME:PORT), e.g. the name a reverse proxy forwards; repeatable',
      (name: string, names: string[]) => [...names, name],
      [] as string[],
    )
    .option(
      '--keep-workdirs <n>',
      "keep the working dirs (AOE's aoe_workspace: 2-10 GB each) of the n newest ended jobs",
      String(DEFAULT_KEEP_WORKDIRS),
    )
    .option(
      '--db <url>',
      'keep the run history and team tokens in PostgreSQL (postgres://user@host:5432/db) instead of the data dir',
    )
    .option('--publish-to <url>', 'send every finished run to this team server')
    .option(
      '--publish-token-file <file>',
      'the publish token for --publish-to (first line of the file)',
    )
    .action(async (flags: ServeFlags) => {
      const port = Number(flags.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        io.stderr(`error: --port must be an integer from 0 to 65535, got "${flags.port}"\n`);
        setExit(2);
        return;
      }
      const keepWorkDirs = Number(flags.keepWorkdirs);
      if (!/^\d+$/.test(flags.keepWorkdirs) || !Number.isSafeInteger(keepWorkDirs)) {
        io.stderr(
          `error: --keep-workdirs must be a whole number of 0 or more, got "${flags.keepWorkdirs}"\n`,
        );
        setExit(2);
        return;
      }
      if (flags.db !== undefined && !isPostgresUrl(flags.db)) {
        io.stderr(
          `error: --db must be a postgres:// or postgresql:// URL, got "${redactUrl(flags.db)}"\n`,
        );
        setExit(2);
        return;
      }
      let publishTo: { url: string; token: string } | undefined;
      if (flags.publishTo !== undefined || flags.publishTokenFile !== undefined) {
        if (flags.publishTo === undefined || flags.publishTokenFile === undefined) {
          io.stderr('error: --publish-to and --publish-token-file go together\n');
          setExit(2);
          return;
        }
        const url = teamUrl(flags.publishTo, '--publish-to');
        const token = readTokenFile(resolve(flags.publishTokenFile));
        for (const bad of [url, token]) {
          if (typeof bad === 'object' && 'error' in bad) {
            io.stderr(`error: ${bad.error}\n`);
            setExit(2);
            return;
          }
        }
        publishTo = { url: String(url), token: token as string };
      }
      const dataDir = resolve(flags.dataDir ?? join(homedir(), '.aoe-dashboard'));
      const modelsRoot = resolve(flags.modelsRoot ?? join(dataDir, 'models'));
      privateDataDir(dataDir);
      mkdirSync(modelsRoot, { recursive: true });
      let env = baseEnv();
      if (flags.setEnv) {
        try {
          env = await sourceSetEnv(resolve(flags.setEnv), env);
        } catch (err) {
          io.stderr(`error: ${err instanceof Error ? err.message : String(err)}\n`);
          setExit(1);
          return;
        }
      }
      const aoeBin = flags.aoeBin.includes('/') ? resolve(flags.aoeBin) : flags.aoeBin;
      const token = readOrCreateToken(dataDir);
      const distDir = fileURLToPath(new URL('../../../dist', import.meta.url));
      // build() locks the data dir before it opens the database: a second launcher stops here,
      // before start-up recovery could touch the first one's jobs.
      const app = await build({
        dataDir,
        modelsRoot,
        aoeBin,
        env,
        setEnvFile: flags.setEnv ? resolve(flags.setEnv) : null,
        token,
        distDir,
        demo: flags.demo === true,
        allowedHosts: flags.allowedHost,
        keepWorkDirs,
        ...(flags.db !== undefined && { db: flags.db }),
        ...(publishTo && { publishTo }),
      }).catch((err: unknown) => {
        if (err instanceof DataDirLockedError || err instanceof SchemaTooNewError) return err;
        if (flags.db !== undefined && !(err instanceof TypeError)) {
          return new Error(
            `cannot use the database ${redactUrl(flags.db)}: ${err instanceof Error ? err.message : String(err)}`,
          );
        }
        throw err;
      });
      if (app instanceof Error) {
        io.stderr(`error: ${app.message}\n`);
        setExit(1);
        return;
      }
      if (!isLoopback(flags.host)) {
        io.stderr(
          `warning: listening on ${flags.host}, not loopback: anyone who can reach this address ` +
            'and has the token can start tuning jobs on this host\n',
        );
      }
      let address: string;
      try {
        address = await app.listen({ host: flags.host, port });
      } catch (err) {
        io.stderr(`error: cannot listen on ${flags.host}:${port}: ${String(err)}\n`);
        await app.close();
        setExit(1);
        return;
      }
      const url = address.replace('[::1]', 'localhost');
      // The token once, on stderr; stdout, which service logs keep, never carries it.
      io.stderr(`token: ${token}\n`);
      io.stdout(`aoe-dashboard launcher at ${url}/\n`);
      io.stdout(
        `Launch page: ${url}/launch (sign in with the token kept in ${join(dataDir, 'token')})\n`,
      );
      io.stdout(`models root: ${modelsRoot}\n`);
      io.stdout(`history: ${flags.db ? redactUrl(flags.db) : 'the data dir (SQLite)'}\n`);
      if (publishTo) io.stdout(`publishing finished runs to ${publishTo.url}\n`);
      // Stop cleanly: running jobs are interrupted (their log kept), the database closed.
      await new Promise<void>((done) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          void app.close().then(done, done);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
    });
}
