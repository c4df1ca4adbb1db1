// Keeps the workspace in IndexedDB and in step across tabs: a reload, coming back tomorrow, or
// a second tab shows the same files. Each change this page makes is written as a change to the
// records of the files it touches (persist-records.ts); other tabs hear of it on a
// BroadcastChannel and read those records. Typed arrays survive IndexedDB's structured clone, so
// tables come back as they were.
//
// A file the ingest worker read is stored by that worker, after the page has it (the page never
// clones a large table into IndexedDB): the page writes only its entry, hears from the store's
// `savingIds` when the worker is done, and only then tells other tabs the file is there. A file
// the worker could not store stays in the workspace for the session, marked unsaved.
//
// All persistence state (pending writes, the channel, the page's clock for list positions) lives
// in the object `persistWorkspace` returns: the page starts one at start-up.
import { getMany, type UseStore } from 'idb-keyval';
import type { StoreApi } from 'zustand';
import type { ImportedFile } from '../../core/formats/types.ts';
import { workspaceStore } from './persist-keys.ts';
import {
  latestAddedAt,
  readFiles,
  readWorkspace,
  removeFileRecords,
  saveAddedEntry,
  saveAddedFile,
  saveCleared,
  updateEntries,
  type EntryChange,
  type RecordLoader,
} from './persist-records.ts';
import type { WorkspaceState } from './slices/workspace.ts';
import { useAppStore, type AppState } from './index.ts';

export type { RecordLoader } from './persist-records.ts';

export const WORKSPACE_CHANNEL = 'aoe-dashboard-workspace';

type Link = readonly [reportId: string, profileId: string];

/** What one workspace change did, file by file. */
export interface WorkspaceDelta {
  readonly added: readonly {
    readonly file: ImportedFile;
    readonly demo: boolean;
    readonly links: readonly string[];
  }[];
  readonly removed: readonly string[];
  /** Files already listed that became demo files. */
  readonly demoMarked: readonly string[];
  readonly linked: readonly Link[];
  readonly unlinked: readonly Link[];
  /** The workspace (or the demo) was cleared: the demo is not loaded by itself again. */
  readonly cleared: boolean;
}

function pairs(links: WorkspaceState['links'], minus: WorkspaceState['links']): Link[] {
  const out: Link[] = [];
  for (const [reportId, ids] of Object.entries(links)) {
    const other = minus[reportId] ?? [];
    for (const id of ids) if (!other.includes(id)) out.push([reportId, id]);
  }
  return out;
}

/** The change from `prev` to `next`, or null when the saved part of the workspace is the same. */
export function workspaceDelta(prev: WorkspaceState, next: WorkspaceState): WorkspaceDelta | null {
  if (
    prev.files === next.files &&
    prev.order === next.order &&
    prev.links === next.links &&
    prev.demoIds === next.demoIds &&
    prev.cleared === next.cleared
  ) {
    return null;
  }
  const removed = prev.order.filter((id) => !Object.hasOwn(next.files, id));
  const gone = new Set(removed);
  const added = next.order.flatMap((id) => {
    const file = next.files[id];
    if (!file || Object.hasOwn(prev.files, id)) return [];
    return [{ file, demo: next.demoIds.includes(id), links: next.links[id] ?? [] }];
  });
  return {
    added,
    removed,
    demoMarked: next.demoIds.filter(
      (id) => Object.hasOwn(prev.files, id) && !prev.demoIds.includes(id),
    ),
    linked: pairs(next.links, prev.links),
    // A removed report's entry goes with it; its links need no update.
    unlinked: pairs(prev.links, next.links).filter(([reportId]) => !gone.has(reportId)),
    cleared: next.cleared && !prev.cleared,
  };
}

/** True when the change adds, links or marks demo files only (the demo being loaded). */
export function demoOnly(delta: WorkspaceDelta, demoIds: readonly string[]): boolean {
  const demo = (id: string) => demoIds.includes(id);
  return (
    delta.added.every((a) => a.demo) &&
    delta.removed.length === 0 &&
    !delta.cleared &&
    delta.demoMarked.every(demo) &&
    [...delta.linked, ...delta.unlinked].every(([r, p]) => demo(r) && demo(p))
  );
}

/**
 * Whether a reload (or closing the tab) now would lose what the user did: one of their files
 * still being read or stored, a change of theirs not written yet, a dropped folder being looked
 * through. The demo files loading and being stored are not counted.
 */
export function reloadWouldLose(
  state: Pick<AppState, 'jobs' | 'savingIds' | 'demoIds' | 'scanning'>,
  unsavedMine: number,
): boolean {
  const reading = state.jobs.some(
    (j) => j.demo !== true && (j.state === 'queued' || j.state === 'reading'),
  );
  const storing = state.savingIds.some((id) => !state.demoIds.includes(id));
  return unsavedMine > 0 || reading || storing || state.scanning;
}

/** What a tab tells the others once its change is stored. */
interface WorkspaceMessage {
  readonly type: 'workspace-changed';
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly linked: readonly Link[];
  readonly unlinked: readonly Link[];
}

function isLinkList(value: unknown): value is Link[] {
  return (
    Array.isArray(value) &&
    value.every(
      (l) =>
        Array.isArray(l) && l.length === 2 && typeof l[0] === 'string' && typeof l[1] === 'string',
    )
  );
}

function parseMessage(data: unknown): WorkspaceMessage | null {
  if (typeof data !== 'object' || data === null) return null;
  const m = data as Record<string, unknown>;
  const strings = (v: unknown): v is string[] =>
    Array.isArray(v) && v.every((s) => typeof s === 'string');
  if (m.type !== 'workspace-changed' || !strings(m.added) || !strings(m.removed)) return null;
  if (!isLinkList(m.linked) || !isLinkList(m.unlinked)) return null;
  return {
    type: m.type,
    added: m.added,
    removed: m.removed,
    linked: m.linked,
    unlinked: m.unlinked,
  };
}

function entryChanges(delta: WorkspaceDelta): Map<string, EntryChange> {
  const changes = new Map<string, { linked: string[]; unlinked: string[]; demo?: boolean }>();
  const of = (id: string) => {
    const change = changes.get(id) ?? { linked: [], unlinked: [] };
    changes.set(id, change);
    return change;
  };
  const placed = new Set(delta.added.map((a) => a.file.id));
  // A file added by this change is saved with its links already.
  for (const [r, p] of delta.linked) if (!placed.has(r)) of(r).linked.push(p);
  for (const [r, p] of delta.unlinked) of(r).unlinked.push(p);
  for (const id of delta.demoMarked) of(id).demo = true;
  return changes;
}

/**
 * `<html data-saved>` is "false" while a workspace change is still being written to IndexedDB
 * and "true" once everything is stored: a reload before that would bring back the older state.
 */
function markSaved(saved: boolean): void {
  if (typeof document !== 'undefined') document.documentElement.dataset.saved = String(saved);
}

export interface PersistOptions {
  readonly store?: StoreApi<AppState>;
  readonly db?: UseStore;
  /** How file records are read (the page reads them in the ingest worker). */
  readonly load?: RecordLoader;
  readonly channelName?: string;
}

export interface WorkspacePersistence {
  /** Settles once the saved workspace is back in the store (or could not be read). */
  readonly restored: Promise<void>;
  /** Settles once every change made or heard of so far is handled. */
  settled(): Promise<void>;
  stop(): void;
}

/**
 * Restores the saved workspace into the store, then saves every change made there and takes in
 * the changes other tabs make.
 */
export function persistWorkspace(options: PersistOptions = {}): WorkspacePersistence {
  const store = options.store ?? useAppStore;
  const db = options.db ?? workspaceStore();
  const load: RecordLoader = options.load ?? ((keys) => getMany([...keys], db));
  const channel =
    typeof BroadcastChannel === 'function'
      ? new BroadcastChannel(options.channelName ?? WORKSPACE_CHANNEL)
      : null;

  // One queue for writes and for changes heard from other tabs, so that a change is written
  // before a later one is read back, and a removal never races ahead of the write it undoes.
  let queue: Promise<void> = Promise.resolve();
  const enqueue = (task: () => Promise<void>): Promise<void> => {
    queue = queue.then(task).catch(() => undefined);
    return queue;
  };
  let unsavedChanges = 0;
  // Of those, the changes the user made (not the demo loading itself): a reload would lose them.
  let unsavedMine = 0;
  let lastStamp = 0;
  // Set while the store takes in what is already stored (the saved workspace, another tab's
  // change): those updates are not written back.
  let takingIn = false;
  const takeIn = (apply: (state: AppState) => void) => {
    takingIn = true;
    try {
      apply(store.getState());
    } finally {
      takingIn = false;
    }
  };

  async function write(delta: WorkspaceDelta, byWorker: ReadonlySet<string>): Promise<void> {
    const added: string[] = [];
    for (const { file, demo, links } of delta.added) {
      // Stamped in the queue, after the saved workspace is read: a file dropped meanwhile comes
      // after every saved one even when both were added within one millisecond.
      const placed = {
        addedAt: (lastStamp = Math.max(Date.now(), lastStamp + 0.001)),
        demo,
        links,
      };
      if (byWorker.has(file.id)) {
        // The worker writes the record; other tabs hear of the file once it is stored.
        await saveAddedEntry(db, file.id, placed).catch(() => undefined);
        continue;
      }
      try {
        await saveAddedFile(db, file, placed);
        added.push(file.id);
      } catch {
        // Quota exceeded or storage blocked: say so on the file rather than lose it silently.
        store.getState().markUnsaved(file.id);
      }
    }
    await updateEntries(db, entryChanges(delta)).catch(() => undefined);
    await removeFileRecords(db, delta.removed).catch(() => undefined);
    if (delta.cleared) await saveCleared(db).catch(() => undefined);
    const message: WorkspaceMessage = {
      type: 'workspace-changed',
      added,
      removed: delta.removed,
      linked: delta.linked,
      unlinked: delta.unlinked,
    };
    channel?.postMessage(message);
  }

  async function hear(message: WorkspaceMessage): Promise<void> {
    const missing = message.added.filter((id) => !Object.hasOwn(store.getState().files, id));
    const saved = await readFiles(db, load, missing);
    takeIn((state) => {
      for (const id of message.removed) state.removeFile(id);
      const demo = saved.filter((s) => s.entry?.demo === true).map((s) => s.file);
      const mine = saved.filter((s) => s.entry?.demo !== true).map((s) => s.file);
      if (demo.length > 0) state.addFiles(demo, { demo: true });
      if (mine.length > 0) state.addFiles(mine);
      for (const { file, entry } of saved) {
        for (const id of entry?.links ?? []) state.linkProfile(file.id, id);
      }
      for (const [r, p] of message.linked) state.linkProfile(r, p);
      for (const [r, p] of message.unlinked) state.unlinkProfile(r, p);
    });
  }

  const restored = enqueue(async () => {
    try {
      const saved = await readWorkspace(db, load);
      takeIn((state) => state.restoreWorkspace(saved));
      lastStamp = Math.max(lastStamp, await latestAddedAt(db, saved.order));
    } catch {
      // No IndexedDB (private mode, blocked storage): the workspace lives for this page only.
      store.getState().setStorageUnavailable(true);
    } finally {
      store.getState().setHydrated(true);
    }
  });

  const refreshSaved = () =>
    markSaved(unsavedChanges === 0 && store.getState().savingIds.length === 0);
  const track = (task: () => Promise<void>, mine: boolean) => {
    unsavedChanges += 1;
    if (mine) unsavedMine += 1;
    refreshSaved();
    void enqueue(task).finally(() => {
      unsavedChanges -= 1;
      if (mine) unsavedMine -= 1;
      refreshSaved();
    });
  };

  /** Files the worker finished storing: other tabs hear of them, unless removed meanwhile. */
  const workerStored = (state: AppState, previous: AppState) => {
    const done = previous.savingIds.filter((id) => !state.savingIds.includes(id));
    const stored = done.filter((id) => !state.unsavedIds.includes(id));
    const kept = stored.filter((id) => Object.hasOwn(state.files, id));
    const removed = stored.filter((id) => !Object.hasOwn(state.files, id));
    if (kept.length > 0) {
      const message: WorkspaceMessage = {
        type: 'workspace-changed',
        added: kept,
        removed: [],
        // Links made before it was stored were not heard of by tabs that did not have it yet.
        linked: pairs(state.links, {}).filter(([r, p]) => kept.includes(r) || kept.includes(p)),
        unlinked: [],
      };
      const mine = kept.some((id) => !state.demoIds.includes(id));
      track(() => Promise.resolve(channel?.postMessage(message)), mine);
    }
    // Removed while it was being stored: the records the worker wrote go too.
    if (removed.length > 0) {
      track(() => removeFileRecords(db, removed).catch(() => undefined), true);
    }
  };

  markSaved(true);
  const unsubscribe = store.subscribe((state, previous) => {
    if (state.savingIds !== previous.savingIds) {
      workerStored(state, previous);
      refreshSaved();
    }
    if (takingIn) return;
    const delta = workspaceDelta(previous, state);
    if (!delta) return;
    const byWorker = new Set(state.savingIds);
    track(() => write(delta, byWorker), !demoOnly(delta, state.demoIds));
  });

  if (channel) {
    channel.onmessage = (event: MessageEvent<unknown>) => {
      const message = parseMessage(event.data);
      if (message) void enqueue(() => hear(message));
    };
  }

  // A reload (or closing the tab) while a change is being written or a file is being read
  // would lose it: the browser asks first. The demo loading is not asked about: the next start
  // finishes it.
  const warnBeforeUnload = (event: Event) => {
    if (reloadWouldLose(store.getState(), unsavedMine)) event.preventDefault();
  };
  if (typeof window !== 'undefined') window.addEventListener('beforeunload', warnBeforeUnload);

  return {
    restored,
    settled: () => enqueue(() => Promise.resolve()),
    stop: () => {
      unsubscribe();
      channel?.close();
      if (typeof window !== 'undefined') {
        window.removeEventListener('beforeunload', warnBeforeUnload);
      }
    },
  };
}
