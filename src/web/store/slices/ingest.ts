// Files being read right now (progress, cancel) and the files a drop skipped, with the reason.
// Transient: none of this is persisted.
import type { StateCreator } from 'zustand';

export type IngestJobState = 'queued' | 'reading' | 'done' | 'canceled' | 'failed';

export interface IngestJob {
  readonly id: string;
  readonly fileName: string;
  readonly size: number;
  readonly bytesRead: number;
  readonly state: IngestJobState;
}

export type SkipReason = 'unsupported-type' | 'unreadable' | 'empty-folder';

export interface SkippedFile {
  /** The path inside the dropped folder, or the file name. */
  readonly path: string;
  readonly reason: SkipReason;
}

export interface IngestSlice {
  readonly jobs: readonly IngestJob[];
  readonly skipped: readonly SkippedFile[];
  /** The saved workspace has been read from IndexedDB (or there was none). */
  readonly hydrated: boolean;
  /** Demo samples are being fetched. */
  readonly demoLoading: boolean;
  /** Lazily loaded pages still fetching their code (the Suspense fallbacks count themselves). */
  readonly pendingViews: number;
  upsertJob(job: IngestJob): void;
  /** Drops finished, canceled and failed jobs from the progress list. */
  pruneJobs(): void;
  setSkipped(skipped: readonly SkippedFile[]): void;
  setHydrated(hydrated: boolean): void;
  setDemoLoading(loading: boolean): void;
  viewPending(delta: 1 | -1): void;
}

export const createIngestSlice: StateCreator<IngestSlice, [], [], IngestSlice> = (set) => ({
  jobs: [],
  skipped: [],
  hydrated: false,
  demoLoading: false,
  pendingViews: 0,
  upsertJob: (job) =>
    set((state) => {
      const index = state.jobs.findIndex((j) => j.id === job.id);
      if (index < 0) return { jobs: [...state.jobs, job] };
      const jobs = [...state.jobs];
      jobs[index] = job;
      return { jobs };
    }),
  pruneJobs: () =>
    set((state) => ({
      jobs: state.jobs.filter((j) => j.state === 'queued' || j.state === 'reading'),
    })),
  setSkipped: (skipped) => set({ skipped }),
  setHydrated: (hydrated) => set({ hydrated }),
  setDemoLoading: (demoLoading) => set({ demoLoading }),
  viewPending: (delta) =>
    set((state) => ({ pendingViews: Math.max(0, state.pendingViews + delta) })),
});
