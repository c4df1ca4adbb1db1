// A small pool of ingest workers on the page's side. Files queue up and run a few at a time;
// canceling a file terminates the worker reading it (the only way to stop a parse mid-way) and a
// fresh worker takes its place. One worker is started ahead of time so a drop does not wait for
// the worker's code to load. A worker is free for the next file as soon as it has sent a file to
// the page; it stores that file meanwhile, and its answer settles the file's `stored` promise.
import type { ImportedFile } from '../../core/formats/types.ts';
import { isFromWorker, type FromWorker, type IngestPhase, type IngestTiming } from './protocol.ts';

export interface IngestProgress {
  readonly phase: IngestPhase;
  readonly done: number;
  readonly total: number;
}

export type IngestOutcome =
  | {
      readonly kind: 'done';
      readonly file: ImportedFile;
      /** Whether the worker stored the file in IndexedDB (false: kept for this session only). */
      readonly stored: Promise<boolean>;
      readonly timing?: IngestTiming;
    }
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

/** One worker, what it is reading, and the stores and restores it has yet to answer. */
interface Slot {
  readonly worker: Worker;
  job: Pending | null;
  retired: boolean;
  readonly stores: Map<string, (ok: boolean) => void>;
  readonly restores: Map<string, (records: readonly unknown[]) => void>;
}

function spawn(): Worker {
  return new Worker(new URL('./ingest.worker.ts', import.meta.url), {
    type: 'module',
    name: 'ingest',
  });
}

export class IngestPool {
  private readonly idle: Slot[] = [];
  private readonly running = new Map<string, Slot>();
  private queue: Pending[] = [];
  private restoreCount = 0;

  constructor(private readonly size: number) {}

  /** Starts one worker now so that the first drop finds it loaded. */
  warm(): void {
    if (this.idle.length === 0 && this.running.size === 0) this.idle.push(this.slot());
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
    const slot = this.running.get(jobId);
    if (!slot) return;
    this.running.delete(jobId);
    slot.job?.resolve({ kind: 'canceled' });
    slot.job = null;
    this.retire(slot);
    this.pump();
  }

  cancelAll(): void {
    for (const job of this.queue) job.resolve({ kind: 'canceled' });
    this.queue = [];
    for (const jobId of [...this.running.keys()]) this.cancel(jobId);
  }

  /** Reads saved records in a worker; resolves with one entry per key (undefined when absent). */
  restore(keys: readonly string[]): Promise<readonly unknown[]> {
    const slot = this.idle.pop() ?? this.slot();
    const requestId = `restore-${++this.restoreCount}`;
    return new Promise((resolve) => {
      slot.restores.set(requestId, (records) => {
        slot.restores.delete(requestId);
        if (!slot.retired && !slot.job && !this.idle.includes(slot)) this.idle.push(slot);
        resolve(records);
        this.pump();
      });
      slot.worker.postMessage({ type: 'restore', requestId, keys });
    });
  }

  private slot(): Slot {
    const slot: Slot = {
      worker: spawn(),
      job: null,
      retired: false,
      stores: new Map(),
      restores: new Map(),
    };
    slot.worker.onmessage = (event: MessageEvent<unknown>) => {
      if (isFromWorker(event.data)) this.handle(slot, event.data);
    };
    slot.worker.onerror = (event: ErrorEvent) => {
      event.preventDefault();
      const job = slot.job;
      if (job) this.running.delete(job.jobId);
      slot.job = null;
      job?.resolve({ kind: 'failed', message: event.message || 'The ingest worker stopped.' });
      this.retire(slot);
      this.pump();
    };
    return slot;
  }

  /** Ends a worker: what it was still storing is not stored, what it was restoring is empty. */
  private retire(slot: Slot): void {
    slot.retired = true;
    slot.worker.onmessage = null;
    slot.worker.onerror = null;
    slot.worker.terminate();
    const at = this.idle.indexOf(slot);
    if (at >= 0) this.idle.splice(at, 1);
    for (const settle of [...slot.stores.values()]) settle(false);
    for (const settle of [...slot.restores.values()]) settle([]);
  }

  private pump(): void {
    while (this.queue.length > 0 && this.running.size < this.size) {
      const job = this.queue.shift();
      if (!job) break;
      const slot = this.idle.pop() ?? this.slot();
      slot.job = job;
      this.running.set(job.jobId, slot);
      slot.worker.postMessage({
        type: 'import',
        jobId: job.jobId,
        file: job.file,
        path: job.path,
        demo: job.demo,
      });
    }
  }

  private handle(slot: Slot, message: FromWorker): void {
    if (message.type === 'restored') {
      slot.restores.get(message.requestId)?.(message.records);
      return;
    }
    if (message.type === 'stored') {
      slot.stores.get(message.jobId)?.(message.ok);
      return;
    }
    const job = slot.job;
    if (!job || message.jobId !== job.jobId) return;
    switch (message.type) {
      case 'progress':
        job.onProgress({ phase: message.phase, done: message.done, total: message.total });
        break;
      case 'done': {
        const stored = new Promise<boolean>((resolve) => {
          slot.stores.set(job.jobId, (ok) => {
            slot.stores.delete(job.jobId);
            resolve(ok);
          });
        });
        this.free(slot, job);
        job.resolve({
          kind: 'done',
          file: message.file,
          stored,
          ...(message.timing ? { timing: message.timing } : {}),
        });
        break;
      }
      case 'failed':
        // A worker that hit a bug is not reused.
        this.running.delete(job.jobId);
        slot.job = null;
        job.resolve({ kind: 'failed', message: message.message });
        this.retire(slot);
        this.pump();
        break;
    }
  }

  private free(slot: Slot, job: Pending): void {
    this.running.delete(job.jobId);
    slot.job = null;
    this.idle.push(slot);
    this.pump();
  }
}
