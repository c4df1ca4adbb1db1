// `aoe-dashboard serve`: the launcher on the device host. Serves the built dashboard and the API,
// runs AOE jobs. Loopback by default; any other address is announced with a warning because the
// token is then the only thing between the network and the tuner.
import type { Command } from 'commander';
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sourceSetEnv } from '../jobs/env.ts';
import { DEFAULT_KEEP_WORKDIRS } from '../jobs/retention.ts';
import { build } from '../server/app.ts';
import { readOrCreateToken } from '../server/auth.ts';
import { privateDataDir } from '../store/db.ts';
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
      }).catch((err: unknown) => {
        if (err instanceof DataDirLockedError) return err;
        throw err;
      });
      if (app instanceof DataDirLockedError) {
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
