// A small pool of ingest workers on the page's side. Files queue up and run a few at a time;
// canceling a file terminates the worker reading it (the only way to stop a parse mid-way) and a
// fresh worker takes its place. One worker is started ahead of time so a drop does not wait for
// the worker's code to load.
import type { ImportedFile } from '../../core/formats/types.ts';
import { isFromWorker, type FromWorker, type IngestPhase } from './protocol.ts';

export interface IngestProgress {
  readonly phase: IngestPhase;
  readonly done: number;
  readonly total: number;
}

export type IngestOutcome =
  | { readonly kind: 'done'; readonly file: ImportedFile }
  | { readonly kind: 'failed'; readonly message: string }
  | { readonly kind: 'canceled' };

interface Pending {
  readonly jobId: string;
  readonly file: File;
  readonly path: string;
  readonly demo: boolean;
  readonly onProgress: (progress: IngestProgress) => void;
  readonly resolve: (outcome: IngestOutcome) => void;
}

function spawn(): Worker {
  return new Worker(new URL('./ingest.worker.ts', import.meta.url), {
    type: 'module',
    name: 'ingest',
  });
}

export class IngestPool {
  private readonly idle: Worker[] = [];
  private readonly running = new Map<string, { worker: Worker; job: Pending }>();
  private queue: Pending[] = [];
  private restores = 0;

  constructor(private readonly size: number) {}

  /** Starts one worker now so that the first drop finds it loaded. */
  warm(): void {
    if (this.idle.length === 0 && this.running.size === 0) this.idle.push(spawn());
  }

  run(
    jobId: string,
    file: File,
    path: string,
    onProgress: (progress: IngestProgress) => void,
    demo = false,
  ): Promise<IngestOutcome> {
    return new Promise((resolve) => {
      this.queue.push({ jobId, file, path, demo, onProgress, resolve });
      this.pump();
    });
  }

  cancel(jobId: string): void {
    const queued = this.queue.find((j) => j.jobId === jobId);
    if (queued) {
      this.queue = this.queue.filter((j) => j !== queued);
      queued.resolve({ kind: 'canceled' });
      return;
    }
    const active = this.running.get(jobId);
    if (!active) return;
    active.worker.terminate();
    this.running.delete(jobId);
    active.job.resolve({ kind: 'canceled' });
    this.pump();
  }

  cancelAll(): void {
    for (const job of this.queue) job.resolve({ kind: 'canceled' });
    this.queue = [];
    for (const jobId of [...this.running.keys()]) this.cancel(jobId);
  }

  private pump(): void {
    while (this.queue.length > 0 && this.running.size < this.size) {
      const job = this.queue.shift();
      if (!job) break;
      this.start(job);
    }
  }

  private start(job: Pending): void {
    const worker = this.idle.pop() ?? spawn();
    this.running.set(job.jobId, { worker, job });
    const settle = (outcome: IngestOutcome, reusable: boolean) => {
      worker.onmessage = null;
      worker.onerror = null;
      if (this.running.get(job.jobId)?.worker !== worker) return; // canceled meanwhile
      this.running.delete(job.jobId);
      if (reusable) this.idle.push(worker);
      else worker.terminate();
      job.resolve(outcome);
      this.pump();
    };
    worker.onmessage = (event: MessageEvent<unknown>) => {
      const message: unknown = event.data;
      if (!isFromWorker(message) || message.type === 'restored') return;
      if (message.jobId !== job.jobId) return;
      this.handle(message, job, settle);
    };
    worker.onerror = (event: ErrorEvent) => {
      event.preventDefault();
      settle({ kind: 'failed', message: event.message || 'The ingest worker stopped.' }, false);
    };
    worker.postMessage({
      type: 'import',
      jobId: job.jobId,
      file: job.file,
      path: job.path,
      demo: job.demo,
    });
  }

  /** Reads saved records in a worker; resolves with one entry per key (undefined when absent). */
  restore(keys: readonly string[]): Promise<readonly unknown[]> {
    const worker = this.idle.pop() ?? spawn();
    const requestId = `restore-${++this.restores}`;
    return new Promise((resolve) => {
      const done = (records: readonly unknown[]) => {
        worker.onmessage = null;
        worker.onerror = null;
        this.idle.push(worker);
        resolve(records);
        this.pump();
      };
      worker.onmessage = (event: MessageEvent<unknown>) => {
        const message: unknown = event.data;
        if (
          isFromWorker(message) &&
          message.type === 'restored' &&
          message.requestId === requestId
        ) {
          done(message.records);
        }
      };
      worker.onerror = (event: ErrorEvent) => {
        event.preventDefault();
        done([]);
      };
      worker.postMessage({ type: 'restore', requestId, keys });
    });
  }

  private handle(
    message: Exclude<FromWorker, { type: 'restored' }>,
    job: Pending,
    settle: (outcome: IngestOutcome, reusable: boolean) => void,
  ): void {
    switch (message.type) {
      case 'progress':
        job.onProgress({ phase: message.phase, done: message.done, total: message.total });
        break;
      case 'done':
        settle({ kind: 'done', file: message.file }, true);
        break;
      case 'failed':
        settle({ kind: 'failed', message: message.message }, false);
        break;
    }
  }
}
