// The page's side of the workspace records (see persist-keys.ts for their layout): reading them
// back, migrating the first layout, and the writes a workspace change makes. Each write touches
// the records of the files it is about and nothing else: no list is rewritten, nothing unlisted
// is swept, so a tab never undoes what another tab stored.
import { delMany, getMany, keys, promisifyRequest, set, type UseStore } from 'idb-keyval';
import type { ImportedFile } from '../../core/formats/types.ts';
import {
  CLEARED_KEY,
  FILE_KEY_PREFIX,
  META_KEY,
  entryKey,
  fileKey,
  parseEntry,
  storeFileRecords,
  type FileEntry,
} from './persist-keys.ts';
import type { WorkspaceState } from './slices/workspace.ts';
import { reportOf } from '../../core/formats/content.ts';

/** Reads saved file records by key; the page passes one that reads them in the ingest worker. */
export type RecordLoader = (keys: readonly string[]) => Promise<readonly unknown[]>;

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

/**
 * A saved file record, in today's shape, or null. Records saved before file content became one
 * union had a `report` and a `profile` slot: they are read into `content`.
 */
export function readFileRecord(value: unknown): ImportedFile | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (typeof v.id !== 'string' || typeof v.fileName !== 'string' || !Array.isArray(v.issues))
    return null;
  if ('content' in v) return value as ImportedFile;
  const { report, profile, ...rest } = v;
  const content =
    report && typeof report === 'object'
      ? { kind: 'report', report }
      : profile && typeof profile === 'object'
        ? { kind: 'profile', profile }
        : null;
  return { ...rest, content } as unknown as ImportedFile;
}

interface FirstLayoutMeta {
  readonly order: readonly string[];
  readonly links: Readonly<Record<string, readonly string[]>>;
  readonly demoIds: readonly string[];
  readonly cleared: boolean;
}

/** The version 1 `meta` record (one list for the whole workspace), read defensively. */
function parseFirstLayout(value: unknown): FirstLayoutMeta | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (v.version !== 1 || !isStringArray(v.order) || !isStringArray(v.demoIds)) return null;
  const links: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  if (typeof v.links === 'object' && v.links !== null) {
    for (const [k, ids] of Object.entries(v.links)) if (isStringArray(ids)) links[k] = ids;
  }
  return { order: v.order, links, demoIds: v.demoIds, cleared: v.cleared === true };
}

/**
 * Turns a version 1 workspace into per-file entries, in one transaction, so two tabs starting
 * at once migrate it once. Listed files keep their order (their `addedAt` is their index, before
 * any file added since); the list itself is then deleted. Entries already written win.
 */
export function migrateFirstLayout(db: UseStore): Promise<void> {
  return db('readwrite', (objects) => {
    const request = objects.get(META_KEY);
    request.onsuccess = () => {
      const meta = parseFirstLayout(request.result);
      if (!meta) return;
      meta.order.forEach((id, index) => {
        const present = objects.count(fileKey(id));
        const stored = objects.get(entryKey(id));
        stored.onsuccess = () => {
          if (present.result === 0 || parseEntry(stored.result)) return;
          const entry: FileEntry = {
            version: 2,
            addedAt: index,
            demo: meta.demoIds.includes(id),
            links: meta.links[id] ?? [],
          };
          objects.put(entry, entryKey(id));
        };
      });
      if (meta.cleared) objects.put(true, CLEARED_KEY);
      objects.delete(META_KEY);
    };
    return promisifyRequest(objects.transaction);
  });
}

export interface SavedFile {
  readonly file: ImportedFile;
  readonly entry: FileEntry | null;
}

/**
 * The saved files among `ids`, in the order they were added (files without an entry last). Ids
 * whose record is gone (removed by another tab meanwhile) are left out.
 */
export async function readFiles(
  db: UseStore,
  load: RecordLoader,
  ids: readonly string[],
): Promise<SavedFile[]> {
  if (ids.length === 0) return [];
  const entries = (await getMany(ids.map(entryKey), db)).map(parseEntry);
  const records = await load(ids.map(fileKey));
  const saved: SavedFile[] = [];
  ids.forEach((id, i) => {
    const file = readFileRecord(records[i]);
    if (file && file.id === id) saved.push({ file, entry: entries[i] ?? null });
  });
  const at = (s: SavedFile) => s.entry?.addedAt ?? Number.POSITIVE_INFINITY;
  return saved.sort((a, b) => at(a) - at(b) || (a.file.id < b.file.id ? -1 : 1));
}

/** The whole saved workspace: every file record there is, whichever tab wrote it. */
export async function readWorkspace(db: UseStore, load: RecordLoader): Promise<WorkspaceState> {
  await migrateFirstLayout(db);
  const ids = (await keys(db))
    .filter((k): k is string => typeof k === 'string' && k.startsWith(FILE_KEY_PREFIX))
    .map((k) => k.slice(FILE_KEY_PREFIX.length));
  const [cleared] = await getMany([CLEARED_KEY], db);
  const saved = await readFiles(db, load, ids);
  const files: Record<string, ImportedFile> = Object.create(null) as Record<string, ImportedFile>;
  for (const { file } of saved) files[file.id] = file;
  const links: Record<string, readonly string[]> = Object.create(null) as Record<
    string,
    readonly string[]
  >;
  for (const { file, entry } of saved) {
    const kept = (entry?.links ?? []).filter((id) => Object.hasOwn(files, id));
    if (reportOf(file) && kept.length > 0) links[file.id] = kept;
  }
  const demoIds = saved.filter((s) => s.entry?.demo === true).map((s) => s.file.id);
  return {
    files,
    order: saved.map((s) => s.file.id),
    links,
    demoIds,
    demo: demoIds.length > 0,
    cleared: cleared === true,
  };
}

/** The `addedAt` of the last of `order` (listed in the order added), or 0. */
export async function latestAddedAt(db: UseStore, order: readonly string[]): Promise<number> {
  const last = order.at(-1);
  if (last === undefined) return 0;
  const [entry] = await getMany([entryKey(last)], db);
  return parseEntry(entry)?.addedAt ?? 0;
}

export interface AddedFile {
  readonly addedAt: number;
  readonly demo: boolean;
  readonly links: readonly string[];
}

/** A provisional entry, or none, takes `addedAt`; an entry another tab placed keeps its place. */
function placedEntry(stored: FileEntry | null, added: AddedFile): FileEntry {
  return {
    version: 2,
    addedAt: stored && !stored.provisional ? stored.addedAt : added.addedAt,
    demo: added.demo,
    links: [...new Set([...(stored?.links ?? []), ...added.links])],
  };
}

/**
 * Saves a file this page added that no worker stores (a file that could not be read, files of a
 * shared link: no raw table): its record unless another tab already stored it, and its entry.
 */
export function saveAddedFile(db: UseStore, file: ImportedFile, added: AddedFile): Promise<void> {
  return storeFileRecords(db, file, (stored) => placedEntry(stored, added));
}

/**
 * Saves the entry of a file the ingest worker is storing: its place in the workspace, its demo
 * mark and links. The worker writes the file record, and keeps this entry when it comes second.
 */
export function saveAddedEntry(db: UseStore, id: string, added: AddedFile): Promise<void> {
  return db('readwrite', (objects) => {
    const stored = objects.get(entryKey(id));
    stored.onsuccess = () => {
      objects.put(placedEntry(parseEntry(stored.result), added), entryKey(id));
    };
    return promisifyRequest(objects.transaction);
  });
}

export interface EntryChange {
  readonly linked?: readonly string[];
  readonly unlinked?: readonly string[];
  readonly demo?: boolean;
}

/**
 * Applies link and demo changes to stored entries, each read and written in one transaction so
 * a link another tab made meanwhile is kept. Entries that are gone stay gone.
 */
export function updateEntries(
  db: UseStore,
  changes: ReadonlyMap<string, EntryChange>,
): Promise<void> {
  if (changes.size === 0) return Promise.resolve();
  return db('readwrite', (objects) => {
    for (const [id, change] of changes) {
      const request = objects.get(entryKey(id));
      request.onsuccess = () => {
        const entry = parseEntry(request.result);
        if (!entry) return;
        const unlinked = new Set(change.unlinked ?? []);
        const links = [...new Set([...entry.links, ...(change.linked ?? [])])].filter(
          (p) => !unlinked.has(p),
        );
        objects.put({ ...entry, links, demo: change.demo ?? entry.demo }, entryKey(id));
      };
    }
    return promisifyRequest(objects.transaction);
  });
}

/** Deletes the records of files the user removed, and only theirs. */
export function removeFileRecords(db: UseStore, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return Promise.resolve();
  return delMany([...ids.map(fileKey), ...ids.map(entryKey)], db);
}

export function saveCleared(db: UseStore): Promise<void> {
  return set(CLEARED_KEY, true, db);
}
