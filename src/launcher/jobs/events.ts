// Job events: stored with a per-job sequence number before anyone hears of them, so a viewer that
// connects late (or reconnects with Last-Event-ID) replays exactly what a live viewer saw.
import { isStorageError, StoreFullError } from '../store/disk-full.ts';
import type { Repo } from '../store/repo.ts';

export type JobEventType = 'state' | 'step' | 'phase' | 'log' | 'progress' | 'result';

export interface JobEvent {
  readonly seq: number;
  readonly type: JobEventType;
  readonly data: unknown;
  readonly at: string;
}

type Listener = (event: JobEvent) => void;

/** Told when an event could not be stored (disk full, I/O error): the job cannot go on. */
export type StoreFailure = (jobId: string, err: unknown) => void;

export class JobEvents {
  private readonly seqs = new Map<string, number>();
  private readonly listeners = new Map<string, Set<Listener>>();

  constructor(
    private readonly repo: Repo,
    private readonly now: () => Date = () => new Date(),
    private readonly onStoreFailure: StoreFailure = () => {},
  ) {}

  /**
   * Stores the event, then tells the live viewers. An event that cannot be stored is told to no
   * one (a viewer never sees what a replay would not): `null`, and `onStoreFailure` hears why.
   * State changes are essential writes: they may use the space reserve.
   */
  append(jobId: string, type: JobEventType, data: unknown): JobEvent | null {
    const seq = (this.seqs.get(jobId) ?? this.repo.maxSeq(jobId)) + 1;
    const at = this.now().toISOString();
    const insert = () => this.repo.insertEvent(jobId, seq, type, JSON.stringify(data), at);
    try {
      if (type === 'state') this.repo.essential(insert);
      else insert();
    } catch (err) {
      if (!(err instanceof StoreFullError) && !isStorageError(err)) throw err;
      this.onStoreFailure(jobId, err);
      return null;
    }
    this.seqs.set(jobId, seq);
    const event: JobEvent = { seq, type, data, at };
    for (const fn of this.listeners.get(jobId) ?? []) fn(event);
    return event;
  }

  /** Stored events after `seq`, oldest first. */
  replay(jobId: string, afterSeq: number): JobEvent[] {
    return this.repo.eventsAfter(jobId, afterSeq).map((r) => ({
      seq: r.seq,
      type: r.type as JobEventType,
      data: JSON.parse(r.data) as unknown,
      at: r.at,
    }));
  }

  subscribe(jobId: string, fn: Listener): () => void {
    let set = this.listeners.get(jobId);
    if (!set) {
      set = new Set();
      this.listeners.set(jobId, set);
    }
    set.add(fn);
    return () => {
      set.delete(fn);
      if (set.size === 0) this.listeners.delete(jobId);
    };
  }
}
