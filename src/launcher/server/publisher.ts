// The launcher's publisher: every run of an ended job goes into this launcher's history and, with
// `serve --publish-to`, to the team server. A run is first written to the on-disk queue
// (`<data-dir>/publish-queue/<run id>.json`, written whole then renamed into place), then marked
// recorded; the queue is sent oldest first and a file leaves it only when the team server has
// the run (201 created, or 200: it had it already — publishing is idempotent by run id). While
// the server is down or failing, each run is retried with exponential back-off (1 s doubling to
// 5 min, with jitter); the queue is read again at start, so neither side's restart loses a run.
// A run the server refuses for what it is (400, 413) moves to `publish-queue/refused/` with the
// server's answer beside it, so one bad file does not hold up the others.
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { hostname, userInfo } from 'node:os';
import { join } from 'node:path';
import type { LauncherPublishRequest } from '../../core/validation/generated/launcher-publish-request.ts';
import type { HistoryStore } from '../store/history.ts';
import type { Repo, RunRow } from '../store/repo.ts';
import { intake } from './publish-intake.ts';

export interface PublishTarget {
  /** The team server's base URL (`https://team.example:8080`). */
  readonly url: string;
  readonly token: string;
}

export interface PublisherOptions {
  readonly repo: Repo;
  readonly history: HistoryStore;
  readonly dataDir: string;
  readonly target: PublishTarget | null;
  readonly pollMs?: number;
  /** Back-off before the n-th retry (n from 1); exponential with jitter by default. */
  readonly backoffMs?: (attempt: number) => number;
  readonly fetch?: typeof fetch;
  readonly log?: (line: string) => void;
}

export const QUEUE_DIR = 'publish-queue';
const MAX_BACKOFF_MS = 5 * 60_000;

export function defaultBackoff(attempt: number): number {
  const base = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.min(attempt - 1, 20));
  return base / 2 + Math.random() * (base / 2);
}

function currentUser(): string {
  try {
    return userInfo().username || 'unknown';
  } catch {
    return 'unknown';
  }
}

/** The request body that publishes one stored run. */
export function payloadOf(run: RunRow, raw: Buffer, manifests: unknown[]): LauncherPublishRequest {
  return {
    id: run.id,
    fileName: run.file_name,
    raw: raw.toString('base64'),
    createdAt: new Date(run.created_at).toISOString(),
    source: { host: hostname() || 'unknown', user: currentUser() },
    manifests: manifests.filter(
      (m): m is Record<string, unknown> => typeof m === 'object' && m !== null,
    ),
  };
}

/** Sends the queued payload files of `dir` (`*.json`) to `target`, oldest first. */
export class PublishQueue {
  private readonly retries = new Map<string, { attempt: number; dueAt: number }>();
  /** Aborts a send in flight when the launcher stops (the run stays queued). */
  readonly stopping = new AbortController();

  constructor(
    readonly dir: string,
    private readonly target: PublishTarget,
    private readonly o: Pick<PublisherOptions, 'backoffMs' | 'fetch' | 'log'> = {},
  ) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  }

  /** Writes a payload into the queue (whole, then renamed: a crash leaves no half file). */
  enqueue(payload: LauncherPublishRequest): void {
    const file = join(this.dir, `${payload.id}.json`);
    const tmp = `${file}.tmp`;
    writeFileSync(tmp, JSON.stringify(payload), { mode: 0o600 });
    renameSync(tmp, file);
  }

  pending(): string[] {
    if (!existsSync(this.dir)) return [];
    return readdirSync(this.dir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.slice(0, -'.json'.length))
      .sort();
  }

  /** One pass over the queue; returns how many runs left it (sent or refused). */
  async drain(now: () => number = Date.now): Promise<number> {
    let done = 0;
    for (const id of this.pending()) {
      if (this.stopping.signal.aborted) break;
      const retry = this.retries.get(id);
      if (retry && retry.dueAt > now()) continue;
      const file = join(this.dir, `${id}.json`);
      let status: number;
      let answer = '';
      try {
        const res = await (this.o.fetch ?? fetch)(new URL('/api/history/runs', this.target.url), {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${this.target.token}`,
          },
          body: readFileSync(file),
          signal: AbortSignal.any([AbortSignal.timeout(120_000), this.stopping.signal]),
        });
        status = res.status;
        answer = await res.text();
      } catch (err) {
        status = 0;
        answer = err instanceof Error ? err.message : String(err);
      }
      if (status === 200 || status === 201) {
        rmSync(file, { force: true });
        this.retries.delete(id);
        done += 1;
      } else if (status === 400 || status === 413) {
        const refused = join(this.dir, 'refused');
        mkdirSync(refused, { recursive: true, mode: 0o700 });
        renameSync(file, join(refused, `${id}.json`));
        writeFileSync(join(refused, `${id}.answer.txt`), `${status} ${answer}\n`, { mode: 0o600 });
        this.o.log?.(`publish: the team server refused run ${id} (${status}): ${answer}`);
        this.retries.delete(id);
        done += 1;
      } else {
        const attempt = (retry?.attempt ?? 0) + 1;
        const wait = (this.o.backoffMs ?? defaultBackoff)(attempt);
        this.retries.set(id, { attempt, dueAt: now() + wait });
        this.o.log?.(
          `publish: run ${id} not sent (${status || 'no answer'}: ${answer.slice(0, 200)}); ` +
            `retry ${attempt} in ${Math.round(wait / 1000)} s`,
        );
        // The server is down or failing: the rest of the queue waits for the next pass.
        if (status === 0 || status >= 500) break;
      }
    }
    return done;
  }
}

export class Publisher {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;
  readonly queue: PublishQueue | null;

  constructor(private readonly o: PublisherOptions) {
    this.queue = o.target
      ? new PublishQueue(join(o.dataDir, QUEUE_DIR), o.target, {
          backoffMs: o.backoffMs,
          fetch: o.fetch,
          log: o.log ?? ((line) => process.stderr.write(`${line}\n`)),
        })
      : null;
  }

  start(): void {
    const tick = () => {
      if (this.stopped) return;
      this.running = this.once()
        .catch((err: unknown) => {
          (this.o.log ?? ((line) => process.stderr.write(`${line}\n`)))(
            `publish: ${err instanceof Error ? err.message : String(err)}`,
          );
        })
        .finally(() => {
          this.running = null;
          if (!this.stopped) this.timer = setTimeout(tick, this.o.pollMs ?? 2000);
        });
    };
    this.timer = setTimeout(tick, 0);
  }

  /** Records the runs of ended jobs (and queues them for the team server), then sends the queue. */
  async once(): Promise<void> {
    await this.record();
    await this.queue?.drain();
  }

  async record(): Promise<number> {
    let n = 0;
    for (const run of this.o.repo.unrecordedRuns(50)) {
      const at = new Date().toISOString();
      let raw: Buffer;
      try {
        raw = readFileSync(run.raw_path);
      } catch {
        // The run's file is gone (deleted meanwhile): nothing to record.
        this.o.repo.markRecorded(run.id, at);
        continue;
      }
      const manifests = run.job_id ? this.o.repo.manifestsOfJob(run.job_id) : [];
      const payload = payloadOf(run, raw, manifests);
      this.queue?.enqueue(payload);
      try {
        await this.o.history.putRun(await intake(payload, payload.source.user));
      } catch (err) {
        // Not an AOE result (or unreadable): it stays out of the history, the team server decides.
        if (!(err instanceof Error && 'code' in err && err.code === 'BAD_REQUEST')) throw err;
      }
      this.o.repo.markRecorded(run.id, at);
      n += 1;
    }
    return n;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.queue?.stopping.abort();
    await this.running;
  }
}
