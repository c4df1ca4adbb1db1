// `aoe-dashboard publish FILES...`: uploads AOE result files from a laptop or a CI job to a team
// server. Each file's run id is its sha-256, so publishing a file again changes nothing. A server
// that is down or failing is retried with back-off a few times before the file counts as not sent.
// Exit codes: 0 every file is on the server, 1 some file is not, 2 usage.
import type { Command } from 'commander';
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import { basename, resolve } from 'node:path';
import type { LauncherPublishRequest } from '../../core/validation/generated/launcher-publish-request.ts';
import { readTokenFile, teamUrl } from './serve.ts';
import type { CliIo, SetExit } from './io.ts';

interface PublishFlags {
  readonly to: string;
  readonly tokenFile: string;
  readonly model?: string;
  readonly soc?: string;
  readonly batchSize?: string;
  readonly cannVersion?: string;
  readonly measuredMs?: string;
  readonly verdict?: string;
  readonly host?: string;
  readonly user?: string;
  readonly tries: string;
}

/** The largest file sent (the server takes 48 MiB of base64). */
export const MAX_FILE_BYTES = 32 * 1024 * 1024;

export interface PublishDeps {
  readonly fetch?: typeof fetch;
  readonly sleep?: (ms: number) => Promise<void>;
}

export function registerPublish(
  program: Command,
  io: CliIo,
  setExit: SetExit,
  deps: PublishDeps = {},
): void {
  program
    .command('publish')
    .description("Upload AOE result files to a team server's history")
    .argument('<files...>', 'aoe_result_opat_*.json / aoe_result_sgat_*.json files')
    .requiredOption('--to <url>', 'the team server (https://team-server:8080)')
    .requiredOption('--token-file <file>', 'a file whose first line is a publish token')
    .option('--model <name>', "the model's name (default: from the file)")
    .option('--soc <name>', 'the SoC it ran on, e.g. Ascend910B3')
    .option('--batch-size <n>', 'the batch size')
    .option('--cann-version <v>', 'the CANN version, e.g. 8.0.RC1')
    .option('--measured-ms <ms>', 'the model latency measured on the device (ms)')
    .option('--verdict <v>', "the gate's verdict: accept, reject or insufficient")
    .option('--host <name>', 'the host it ran on (default: this host)')
    .option('--user <name>', 'who ran it (default: this user)')
    .option('--tries <n>', 'attempts per file while the server is down', '5')
    .action(async (files: string[], flags: PublishFlags) => {
      const usage = (message: string) => {
        io.stderr(`error: ${message}\n`);
        setExit(2);
      };
      const url = teamUrl(flags.to, '--to');
      if ('error' in url) return usage(url.error);
      const token = readTokenFile(resolve(flags.tokenFile));
      if (typeof token !== 'string') return usage(token.error);
      const meta: NonNullable<LauncherPublishRequest['meta']> = {};
      if (flags.model) meta.model = flags.model;
      if (flags.soc) meta.soc = flags.soc;
      if (flags.cannVersion) meta.cannVersion = flags.cannVersion;
      if (flags.batchSize !== undefined) {
        if (!/^\d{1,7}$/.test(flags.batchSize) || Number(flags.batchSize) < 1) {
          return usage(
            `--batch-size must be a whole number of 1 or more, got "${flags.batchSize}"`,
          );
        }
        meta.batchSize = Number(flags.batchSize);
      }
      if (flags.measuredMs !== undefined) {
        const ms = Number(flags.measuredMs);
        if (!Number.isFinite(ms) || ms < 0) {
          return usage(`--measured-ms must be a number of 0 or more, got "${flags.measuredMs}"`);
        }
        meta.measuredMs = ms;
      }
      if (flags.verdict !== undefined) {
        if (!['accept', 'reject', 'insufficient'].includes(flags.verdict)) {
          return usage(`--verdict must be accept, reject or insufficient, got "${flags.verdict}"`);
        }
        meta.verdict = flags.verdict as 'accept' | 'reject' | 'insufficient';
      }
      const tries = Number(flags.tries);
      if (!/^\d{1,2}$/.test(flags.tries) || tries < 1) {
        return usage(`--tries must be a whole number from 1 to 99, got "${flags.tries}"`);
      }
      const sleep = deps.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));
      let failed = 0;
      for (const file of files) {
        let bytes: Buffer;
        try {
          if (statSync(file).size > MAX_FILE_BYTES) {
            io.stderr(`${file}: not sent: larger than ${MAX_FILE_BYTES / 2 ** 20} MiB\n`);
            failed += 1;
            continue;
          }
          bytes = readFileSync(file);
        } catch (err) {
          io.stderr(`${file}: not sent: ${(err as Error).message}\n`);
          failed += 1;
          continue;
        }
        const body: LauncherPublishRequest = {
          id: createHash('sha256').update(bytes).digest('base64url'),
          fileName: basename(file),
          raw: bytes.toString('base64'),
          createdAt: statSync(file).mtime.toISOString(),
          source: { host: flags.host ?? hostname(), user: flags.user ?? userInfo().username },
          ...(Object.keys(meta).length > 0 && { meta }),
        };
        let outcome = '';
        for (let attempt = 1; attempt <= tries; attempt++) {
          let status = 0;
          let answer = '';
          try {
            const res = await (deps.fetch ?? fetch)(new URL('/api/history/runs', url), {
              method: 'POST',
              headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
              body: JSON.stringify(body),
              signal: AbortSignal.timeout(120_000),
            });
            status = res.status;
            answer = await res.text();
          } catch (err) {
            answer = (err as Error).message;
          }
          if (status === 201 || status === 200) {
            outcome = status === 201 ? 'published' : 'already published';
            break;
          }
          outcome = `not sent (${status || 'no answer'}): ${messageOf(answer)}`;
          if (status !== 0 && status < 500 && status !== 429) break;
          if (attempt < tries) await sleep(1000 * 2 ** (attempt - 1));
        }
        const ok = outcome === 'published' || outcome === 'already published';
        if (!ok) failed += 1;
        (ok ? io.stdout : io.stderr)(`${file}: ${outcome} as ${body.id}\n`);
      }
      if (failed > 0) setExit(1);
    });
}

function messageOf(answer: string): string {
  try {
    const body = JSON.parse(answer) as { message?: unknown };
    if (typeof body.message === 'string') return body.message;
  } catch {
    // not JSON: the text itself
  }
  return answer.slice(0, 300);
}
