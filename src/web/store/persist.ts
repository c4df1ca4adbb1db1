// Keeps the workspace in IndexedDB: a reload, or coming back tomorrow, restores it. The metadata
// (order, links, demo, cleared) is one record; each file is its own record, written once (by the
// ingest worker when it imported the file, else here) and deleted when the file leaves the
// workspace. Typed arrays survive IndexedDB's structured clone, so tables come back as they were.
import { del, delMany, get, getMany, keys, set } from 'idb-keyval';
import type { ImportedFile } from '../../core/formats/types.ts';
import { FILE_KEY_PREFIX, META_KEY, fileKey, workspaceStore } from './persist-keys.ts';
import { useAppStore, type AppState } from './index.ts';

interface SavedMeta {
  readonly version: 1;
  readonly order: readonly string[];
  readonly links: Readonly<Record<string, readonly string[]>>;
  readonly demoIds: readonly string[];
  readonly cleared: boolean;
}

const persisted = new Set<string>();

/** The file is already in IndexedDB (the ingest worker saved it). */
export function markPersisted(id: string): void {
  persisted.add(id);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

/** Reads the saved metadata defensively: a damaged record restores nothing rather than throwing. */
function parseMeta(value: unknown): SavedMeta | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (v.version !== 1 || !isStringArray(v.order) || !isStringArray(v.demoIds)) return null;
  const links: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  if (typeof v.links === 'object' && v.links !== null) {
    for (const [k, ids] of Object.entries(v.links)) if (isStringArray(ids)) links[k] = ids;
  }
  return { version: 1, order: v.order, links, demoIds: v.demoIds, cleared: v.cleared === true };
}

function isImportedFile(value: unknown): value is ImportedFile {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.id === 'string' && typeof v.fileName === 'string' && Array.isArray(v.issues);
}

/** Reads saved file records by key; the page passes one that reads them in the ingest worker. */
export type RecordLoader = (keys: readonly string[]) => Promise<readonly unknown[]>;

const loadOnThisThread: RecordLoader = (keys) => getMany([...keys], workspaceStore());

export async function hydrateWorkspace(load: RecordLoader = loadOnThisThread): Promise<void> {
  const store = workspaceStore();
  try {
    const meta = parseMeta(await get(META_KEY, store));
    if (meta) {
      const loaded = meta.order.length > 0 ? await load(meta.order.map(fileKey)) : [];
      const files: Record<string, ImportedFile> = Object.create(null) as Record<
        string,
        ImportedFile
      >;
      for (const file of loaded) if (isImportedFile(file)) files[file.id] = file;
      const order = meta.order.filter((id) => Object.hasOwn(files, id));
      for (const id of order) persisted.add(id);
      const demoIds = meta.demoIds.filter((id) => Object.hasOwn(files, id));
      const links: Record<string, readonly string[]> = {};
      for (const [reportId, ids] of Object.entries(meta.links)) {
        const kept = ids.filter((id) => Object.hasOwn(files, id));
        if (Object.hasOwn(files, reportId) && kept.length > 0) links[reportId] = kept;
      }
      useAppStore.getState().restoreWorkspace({
        files,
        order,
        links,
        demoIds,
        demo: demoIds.length > 0,
        cleared: meta.cleared,
      });
    }
    // Records the page never got to list (a reload while a file was being added) are dropped —
    // unless a file is being loaded right now, whose record may not be listed yet.
    const allKeys = await keys(store);
    const now = useAppStore.getState();
    if (now.jobs.length === 0 && now.settledDrops === 0 && !now.scanning) {
      const known = new Set(now.order.map(fileKey));
      const orphans = allKeys.filter(
        (k) => typeof k === 'string' && k.startsWith(FILE_KEY_PREFIX) && !known.has(k),
      );
      if (orphans.length > 0) await delMany(orphans, store);
    }
  } catch {
    // No IndexedDB (private mode, blocked storage): the workspace lives for this page only.
    useAppStore.getState().setStorageUnavailable(true);
  } finally {
    useAppStore.getState().setHydrated(true);
  }
}

function metaOf(state: AppState): SavedMeta {
  return {
    version: 1,
    order: state.order,
    links: state.links,
    demoIds: state.demoIds,
    cleared: state.cleared,
  };
}

async function sync(state: AppState): Promise<void> {
  const store = workspaceStore();
  const writes: Promise<void>[] = [set(META_KEY, metaOf(state), store)];
  for (const id of state.order) {
    const file = state.files[id];
    if (!file || persisted.has(id)) continue;
    persisted.add(id);
    writes.push(
      set(fileKey(id), file, store).catch(() => {
        // Quota exceeded or storage blocked: say so on the file rather than lose it silently.
        persisted.delete(id);
        useAppStore.getState().markUnsaved(id);
      }),
    );
  }
  for (const id of [...persisted]) {
    if (Object.hasOwn(state.files, id)) continue;
    persisted.delete(id);
    writes.push(del(fileKey(id), store));
  }
  await Promise.all(writes);
}

/**
 * `<html data-saved>` is "false" while a workspace change is still being written to IndexedDB
 * and "true" once everything is stored: a reload before that would bring back the older state.
 */
function markSaved(saved: boolean): void {
  if (typeof document !== 'undefined') document.documentElement.dataset.saved = String(saved);
}

/** Saves every workspace change from now on; returns the unsubscribe. */
export function startPersisting(): () => void {
  let chain: Promise<void> = Promise.resolve();
  let pending = 0;
  markSaved(true);
  return useAppStore.subscribe((state, previous) => {
    if (
      state.files === previous.files &&
      state.order === previous.order &&
      state.links === previous.links &&
      state.demoIds === previous.demoIds &&
      state.cleared === previous.cleared
    ) {
      return;
    }
    // Serialized, so a removal never races ahead of the write it undoes.
    pending += 1;
    markSaved(false);
    chain = chain
      .then(() => sync(useAppStore.getState()))
      .catch(() => undefined)
      .finally(() => {
        pending -= 1;
        if (pending === 0) markSaved(true);
      });
  });
}
