// Where the workspace lives in IndexedDB. Shared by the page (entries, removals, restore) and the
// ingest worker (which saves each imported file itself, so a 100 MB table is not cloned on the
// page's main thread).
//
// Every file has its own records and nothing lists them all, so no tab ever rewrites another
// tab's files: `file:<id>` is the imported file (a file is in the workspace while this record
// exists) and `entry:<id>` is what the page knows about it (when it was added, demo or not, and
// for a report the profiles linked to it). Both are written in one transaction and deleted in one.
import { createStore, promisifyRequest, type UseStore } from 'idb-keyval';
import type { ImportedFile } from '../../core/formats/types.ts';

export const DB_NAME = 'aoe-dashboard';
export const STORE_NAME = 'workspace';
/** The whole-workspace record of the first layout (version 1), migrated on first load. */
export const META_KEY = 'meta';
/** `true` once the user cleared the workspace or the demo: the demo is not loaded by itself. */
export const CLEARED_KEY = 'cleared';
export const FILE_KEY_PREFIX = 'file:';
export const ENTRY_KEY_PREFIX = 'entry:';

let store: UseStore | null = null;

/** Opened on first use, so merely importing this module touches no database. */
export function workspaceStore(): UseStore {
  store ??= createStore(DB_NAME, STORE_NAME);
  return store;
}

export function fileKey(id: string): string {
  return `${FILE_KEY_PREFIX}${id}`;
}

export function entryKey(id: string): string {
  return `${ENTRY_KEY_PREFIX}${id}`;
}

export interface FileEntry {
  readonly version: 2;
  /** Epoch ms when the file was added; the workspace lists files in this order. */
  readonly addedAt: number;
  readonly demo: boolean;
  /** For a report: the ids of the profiles linked to it. */
  readonly links: readonly string[];
  /**
   * Written by the ingest worker with the file, so that a reload before the page has placed the
   * file still restores it; the page then sets its place in the list.
   */
  readonly provisional?: true;
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

/** Reads an entry defensively: a damaged one counts as absent. */
export function parseEntry(value: unknown): FileEntry | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (v.version !== 2 || typeof v.addedAt !== 'number' || !isStringArray(v.links)) return null;
  return {
    version: 2,
    addedAt: v.addedAt,
    demo: v.demo === true,
    links: v.links,
    ...(v.provisional === true ? { provisional: true as const } : {}),
  };
}

/**
 * Saves a file and its entry in one transaction: the file record unless it is already stored
 * (same id = same bytes), and the entry `entryFor` makes of the stored one (null when none).
 * Rejects, storing neither, when IndexedDB refuses (quota).
 */
export function storeFileRecords(
  db: UseStore,
  file: ImportedFile,
  entryFor: (stored: FileEntry | null) => FileEntry,
): Promise<void> {
  return db('readwrite', (objects) => {
    const present = objects.count(fileKey(file.id));
    present.onsuccess = () => {
      if (present.result === 0) objects.put(file, fileKey(file.id));
    };
    const stored = objects.get(entryKey(file.id));
    stored.onsuccess = () => {
      objects.put(entryFor(parseEntry(stored.result)), entryKey(file.id));
    };
    return promisifyRequest(objects.transaction);
  });
}
