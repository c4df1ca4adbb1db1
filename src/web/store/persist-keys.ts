// Where the workspace lives in IndexedDB. Shared by the page (metadata, removals, restore) and the
// ingest worker (which saves each imported file itself, so a 100 MB table is not cloned on the
// page's main thread).
import { createStore, type UseStore } from 'idb-keyval';

export const DB_NAME = 'aoe-dashboard';
export const STORE_NAME = 'workspace';
export const META_KEY = 'meta';
export const FILE_KEY_PREFIX = 'file:';

let store: UseStore | null = null;

/** Opened on first use, so merely importing this module touches no database. */
export function workspaceStore(): UseStore {
  store ??= createStore(DB_NAME, STORE_NAME);
  return store;
}

export function fileKey(id: string): string {
  return `${FILE_KEY_PREFIX}${id}`;
}
