// Files being read right now (progress, cancel) and the files a drop skipped, with the reason.
// Transient: none of this is persisted.
import type { StateCreator } from 'zustand';
import type { ImportIssue } from '../../../core/formats/types.ts';

export type IngestJobState = 'queued' | 'reading' | 'done' | 'canceled' | 'failed';

export interface IngestJob {
  readonly id: string;
  /** Path inside a dropped folder, or the file name. */
  readonly path: string;
  readonly size: number;
  /** Reading the bytes, then parsing them (both measured in bytes of the file). */
  readonly phase: 'reading' | 'parsing';
  readonly done: number;
  readonly state: IngestJobState;
  /** One of the demo files: a reload while it loads loses nothing the user made. */
  readonly demo?: boolean;
}

/**
 * Why a file of a dropped folder was not loaded: not a .json/.csv file; a .json/.csv whose
 * content is not a format we read (`issue` says what it is when known); a folder entry that
 * could not be read.
 */
export type SkipReason = 'unsupported-type' | 'not-recognised' | 'unreadable';

export interface SkippedFile {
  /** The path inside the dropped folder, or the file name. */
  readonly path: string;
  readonly reason: SkipReason;
  /** What detection said about a file it did not recognise (`not-recognised`). */
  readonly issue?: ImportIssue;
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
  /** A dropped folder is being walked (before its files reach the workers). */
  readonly scanning: boolean;
  /** Drops and picks fully settled so far: lets tests wait for *their* drop, not an earlier one. */
  readonly settledDrops: number;
  /** Files the ingest worker is storing in IndexedDB (after the page got them). */
  readonly savingIds: readonly string[];
  /** Files IndexedDB refused to store (quota): kept for this session, gone after a reload. */
  readonly unsavedIds: readonly string[];
  /** IndexedDB cannot be opened at all (private mode, blocked storage). */
  readonly storageUnavailable: boolean;
  upsertJob(job: IngestJob): void;
  /** Drops finished, canceled and failed jobs from the progress list. */
  pruneJobs(): void;
  setSkipped(skipped: readonly SkippedFile[]): void;
  setHydrated(hydrated: boolean): void;
  setDemoLoading(loading: boolean): void;
  viewPending(delta: 1 | -1): void;
  setScanning(scanning: boolean): void;
  dropSettled(): void;
  markUnsaved(id: string): void;
  /** The ingest worker started storing a file the page now has. */
  fileSaving(id: string): void;
  /** The ingest worker stored the file (`ok`) or could not. */
  fileStored(id: string, ok: boolean): void;
  setStorageUnavailable(unavailable: boolean): void;
}

export const createIngestSlice: StateCreator<IngestSlice, [], [], IngestSlice> = (set) => ({
  jobs: [],
  skipped: [],
  hydrated: false,
  demoLoading: false,
  pendingViews: 0,
  scanning: false,
  settledDrops: 0,
  savingIds: [],
  unsavedIds: [],
  storageUnavailable: false,
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
  setScanning: (scanning) => set({ scanning }),
  markUnsaved: (id) =>
    set((state) =>
      state.unsavedIds.includes(id) ? {} : { unsavedIds: [...state.unsavedIds, id] },
    ),
  fileSaving: (id) =>
    set((state) => (state.savingIds.includes(id) ? {} : { savingIds: [...state.savingIds, id] })),
  fileStored: (id, ok) =>
    set((state) => ({
      savingIds: state.savingIds.filter((s) => s !== id),
      ...(ok || state.unsavedIds.includes(id) ? {} : { unsavedIds: [...state.unsavedIds, id] }),
    })),
  setStorageUnavailable: (storageUnavailable) => set({ storageUnavailable }),
  dropSettled: () => set((state) => ({ settledDrops: state.settledDrops + 1 })),
  viewPending: (delta) =>
    set((state) => ({ pendingViews: Math.max(0, state.pendingViews + delta) })),
});
