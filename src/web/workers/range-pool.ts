// The range workers of an ingest worker: started on the first large table and kept for the next
// one, as many as the ranges read at once. Each reads one range at a time. A range worker that
// fails rejects its range (the ingest worker then reads the file as one stream); it is not reused.
// Terminating the ingest worker (a canceled file) ends its range workers with it.
import type { BlobRangePart, RangeRequest, RangeRunner } from './range-read.ts';

export interface ToRangeWorker {
  readonly requestId: number;
  readonly request: RangeRequest;
}

export type FromRangeWorker =
  | { readonly type: 'progress'; readonly requestId: number; readonly done: number }
  | { readonly type: 'part'; readonly requestId: number; readonly part: BlobRangePart }
  | { readonly type: 'failed'; readonly requestId: number; readonly message: string };

interface Waiting {
  readonly request: RangeRequest;
  readonly onBytes: (done: number) => void;
  readonly resolve: (part: BlobRangePart) => void;
  readonly reject: (error: Error) => void;
}

/** Whether this thread can start workers (dedicated workers can in current browsers). */
export function canStartWorkers(): boolean {
  return typeof Worker === 'function';
}

export class RangePool {
  private readonly idle: Worker[] = [];
  private busy = 0;
  private queue: Waiting[] = [];
  private requests = 0;

  constructor(private readonly size: number) {}

  /** Starts the pool's workers now, so that the first ranges do not wait for their code. */
  warm(): void {
    while (this.idle.length + this.busy < this.size) this.idle.push(spawn());
  }

  readonly run: RangeRunner = (request, onBytes) =>
    new Promise((resolve, reject) => {
      this.queue.push({ request, onBytes, resolve, reject });
      this.pump();
    });

  private pump(): void {
    while (this.queue.length > 0 && this.busy < this.size) {
      const job = this.queue.shift();
      if (!job) return;
      this.start(this.idle.pop() ?? spawn(), job);
    }
  }

  private start(worker: Worker, job: Waiting): void {
    const requestId = ++this.requests;
    this.busy++;
    const settle = (reuse: boolean) => {
      worker.onmessage = null;
      worker.onerror = null;
      this.busy--;
      if (reuse) this.idle.push(worker);
      else worker.terminate();
      this.pump();
    };
    worker.onmessage = (event: MessageEvent<FromRangeWorker>) => {
      const message = event.data;
      if (message.requestId !== requestId) return;
      if (message.type === 'progress') {
        job.onBytes(message.done);
      } else if (message.type === 'part') {
        settle(true);
        job.resolve(message.part);
      } else {
        settle(false);
        job.reject(new Error(message.message));
      }
    };
    worker.onerror = (event: ErrorEvent) => {
      event.preventDefault();
      settle(false);
      job.reject(new Error(event.message || 'a range worker stopped'));
    };
    worker.postMessage({ requestId, request: job.request } satisfies ToRangeWorker);
  }
}

function spawn(): Worker {
  return new Worker(new URL('./range.worker.ts', import.meta.url), {
    type: 'module',
    name: 'ingest-range',
  });
}
