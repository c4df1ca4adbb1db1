// The saved workspace with two tabs sharing one IndexedDB (fake-indexeddb): each tab is a store of
// its own with its own persistence, as two pages of one browser profile are. Tabs that should
// not hear each other get different channels; a "reload" is a new store reading the same database.
import 'fake-indexeddb/auto';
import { get, keys, set, type UseStore } from 'idb-keyval';
import { afterEach, describe, expect, test } from 'vitest';
import type { ImportedFile } from '../../core/formats/types.ts';
import { profileFile, reportFile } from '../../core/formats/test-files.ts';
import { tabs, until } from '../test/tabs.ts';
import { demoOnly, persistWorkspace, reloadWouldLose, workspaceDelta } from './persist.ts';
import { CLEARED_KEY, META_KEY, entryKey, fileKey, storeFileRecords } from './persist-keys.ts';
import { emptyWorkspace } from './slices/workspace.ts';

const { freshDatabase, openTab, startTab, closeAll } = tabs({
  name: 'test',
  persist: (args) => persistWorkspace(args),
});

async function storedKeys(db: UseStore): Promise<string[]> {
  return (await keys(db)).map(String).sort();
}

afterEach(closeAll);

describe('two tabs', () => {
  test('each adds a file; reopening either shows both', async () => {
    const db = freshDatabase();
    // Separate channels: the tabs never hear of each other, storage alone must keep both.
    const a = await openTab(db, 'a');
    const b = await openTab(db, 'b');
    a.state().addFiles([reportFile('from-a')]);
    await a.persistence.settled();
    b.state().addFiles([profileFile('from-b')]);
    await b.persistence.settled();

    const reopenedA = await openTab(db, 'a2');
    const reopenedB = await openTab(db, 'b2');
    expect(reopenedA.state().order).toEqual(['from-a', 'from-b']);
    expect(reopenedB.state().order).toEqual(['from-a', 'from-b']);
  });

  test('a tab shows what another tab adds, links and removes, without reopening', async () => {
    const db = freshDatabase();
    const a = await openTab(db);
    const b = await openTab(db);
    a.state().addFiles([reportFile('r'), profileFile('p')]);
    a.state().linkProfile('r', 'p');
    await until(b, (s) => s.links.r?.includes('p') === true);
    expect(b.state().order).toEqual(['r', 'p']);

    b.state().addFiles([profileFile('q')], { demo: true });
    b.state().linkProfile('r', 'q');
    await until(a, (s) => s.links.r?.length === 2);
    expect(a.state().demoIds).toEqual(['q']);

    a.state().removeFile('p');
    await until(b, (s) => !Object.hasOwn(s.files, 'p'));
    expect(b.state().links).toEqual({ r: ['q'] });

    // What a tab heard is already stored: the reopened workspace is the same.
    await a.persistence.settled();
    await b.persistence.settled();
    const reopened = await openTab(db, 'other');
    expect(reopened.state()).toMatchObject({ order: ['r', 'q'], links: { r: ['q'] } });
    expect(reopened.state().demoIds).toEqual(['q']);
  });

  test('links made in two tabs on one report are both kept', async () => {
    const db = freshDatabase();
    const first = await openTab(db, 'setup');
    first.state().addFiles([reportFile('r'), profileFile('p1'), profileFile('p2')]);
    await first.persistence.settled();
    const a = await openTab(db, 'a');
    const b = await openTab(db, 'b');
    a.state().linkProfile('r', 'p1');
    b.state().linkProfile('r', 'p2');
    await a.persistence.settled();
    await b.persistence.settled();
    const reopened = await openTab(db, 'c');
    expect(reopened.state().links).toEqual({ r: ['p1', 'p2'] });
  });
});

describe('what is deleted', () => {
  test('removing or clearing deletes the records of those files, and only theirs', async () => {
    const db = freshDatabase();
    const a = await openTab(db, 'a');
    const b = await openTab(db, 'b');
    a.state().addFiles([reportFile('x'), reportFile('y')]);
    await a.persistence.settled();
    b.state().addFiles([reportFile('z')]); // a never heard of z
    await b.persistence.settled();

    a.state().removeFile('x');
    await a.persistence.settled();
    expect(await storedKeys(db)).toEqual(['entry:y', 'entry:z', 'file:y', 'file:z']);

    a.state().clearWorkspace();
    await a.persistence.settled();
    expect(await storedKeys(db)).toEqual([CLEARED_KEY, 'entry:z', 'file:z']);
    const reopened = await openTab(db, 'c');
    expect(reopened.state()).toMatchObject({ order: ['z'], cleared: true });
  });

  test('restoring deletes nothing: a file just stored by an import is listed', async () => {
    const db = freshDatabase();
    // As the ingest worker leaves it when the page reloads before placing the file.
    await storeFileRecords(db, reportFile('new'), () => ({
      version: 2,
      addedAt: 5,
      demo: true,
      links: [],
      provisional: true,
    }));
    // A file record with no entry at all (stored before entries existed).
    await set(fileKey('bare'), reportFile('bare'), db);
    const tab = await openTab(db);
    expect(tab.state().order).toEqual(['new', 'bare']);
    expect(tab.state().demoIds).toEqual(['new']);
    expect(await storedKeys(db)).toEqual(['entry:new', 'file:bare', 'file:new']);
  });

  test('a file dropped while the saved workspace is being read is saved too', async () => {
    const db = freshDatabase();
    const saved = await openTab(db, 'saved');
    saved.state().addFiles([reportFile('saved')]);
    await saved.persistence.settled();

    const { store, persistence } = startTab(db, 'dropping');
    store.getState().addFiles([reportFile('dropped')]);
    await persistence.restored;
    expect(store.getState().order).toEqual(['saved', 'dropped']);
    await persistence.settled();
    expect((await openTab(db, 'later')).state().order).toEqual(['saved', 'dropped']);
  });
});

describe('files the ingest worker stores', () => {
  /** What the worker does after the page has the file: its record and a provisional entry. */
  const workerStores = (db: UseStore, file: ImportedFile) =>
    storeFileRecords(db, file, (stored) => stored ?? provisional);
  const provisional = {
    version: 2,
    addedAt: 1,
    demo: false,
    links: [],
    provisional: true,
  } as const;

  test('the page writes only the entry; other tabs hear of the file once it is stored', async () => {
    const db = freshDatabase();
    const a = await openTab(db);
    const b = await openTab(db);
    a.state().fileSaving('p');
    a.state().addFiles([profileFile('p')]);
    a.state().addFiles([reportFile('r')]);
    a.state().linkProfile('r', 'p');
    await a.persistence.settled();
    // Not stored by the page: the worker owns the record.
    expect(await get(fileKey('p'), db)).toBeUndefined();
    expect(await get(entryKey('p'), db)).toMatchObject({ version: 2, demo: false });
    expect(Object.hasOwn(b.state().files, 'p')).toBe(false);

    await workerStores(db, profileFile('p'));
    a.state().fileStored('p', true);
    await until(b, (s) => s.links.r?.includes('p') === true);
    await a.persistence.settled();
    const reopened = await openTab(db, 'reopened');
    // The page's entry won over the worker's provisional one: the order is the drop's.
    expect(reopened.state().order).toEqual(['p', 'r']);
    expect(await get(entryKey('p'), db)).not.toHaveProperty('provisional');
  });

  test('a failed store leaves the file in this tab, marked unsaved, and gone after a reload', async () => {
    const db = freshDatabase();
    const a = await openTab(db);
    a.state().fileSaving('p');
    a.state().addFiles([profileFile('p')]);
    a.state().fileStored('p', false);
    await a.persistence.settled();
    expect(a.state().order).toEqual(['p']);
    expect(a.state().unsavedIds).toEqual(['p']);
    const reopened = await openTab(db, 'reopened');
    expect(reopened.state().order).toEqual([]);
  });

  test('a file removed while the worker stores it does not come back', async () => {
    const db = freshDatabase();
    const a = await openTab(db);
    a.state().fileSaving('p');
    a.state().addFiles([profileFile('p')]);
    a.state().removeFile('p');
    await a.persistence.settled();
    await workerStores(db, profileFile('p'));
    a.state().fileStored('p', true);
    await a.persistence.settled();
    expect(await storedKeys(db)).toEqual([]);
  });
});

describe('the first layout (one list for the whole workspace)', () => {
  test('is migrated on first load: order, links, demo and cleared kept, the list removed', async () => {
    const db = freshDatabase();
    for (const file of [reportFile('r'), profileFile('p'), reportFile('s')]) {
      await set(fileKey(file.id), file, db);
    }
    await set(
      META_KEY,
      {
        version: 1,
        order: ['s', 'r', 'gone', 'p'],
        links: { r: ['p', 'gone'] },
        demoIds: ['p'],
        cleared: true,
      },
      db,
    );
    const tab = await openTab(db, 'a');
    expect(tab.state()).toMatchObject({
      order: ['s', 'r', 'p'],
      links: { r: ['p'] },
      demoIds: ['p'],
      demo: true,
      cleared: true,
    });
    expect(await get(META_KEY, db)).toBeUndefined();
    expect(await get(entryKey('gone'), db)).toBeUndefined();

    // Files added since come after the migrated ones, and a second load reads the same.
    tab.state().addFiles([reportFile('new')]);
    await tab.persistence.settled();
    expect((await openTab(db, 'b')).state().order).toEqual(['s', 'r', 'p', 'new']);
  });
});

describe('workspaceDelta', () => {
  test('says which files came and went and which links changed', () => {
    const before = {
      ...emptyWorkspace,
      files: { r: reportFile('r'), p: profileFile('p'), q: profileFile('q') },
      order: ['r', 'p', 'q'],
      links: { r: ['p'] },
    };
    const after = {
      ...before,
      files: { r: reportFile('r'), q: profileFile('q'), n: profileFile('n') },
      order: ['r', 'q', 'n'],
      links: { r: ['q'] },
      demoIds: ['n'],
    };
    const delta = workspaceDelta(before, after);
    expect(delta).toMatchObject({
      removed: ['p'],
      linked: [['r', 'q']],
      unlinked: [['r', 'p']],
      demoMarked: [],
      cleared: false,
    });
    expect(delta?.added.map((a) => [a.file.id, a.demo])).toEqual([['n', true]]);
    expect(workspaceDelta(after, { ...after })).toBeNull();
  });
});

describe('what a reload would lose', () => {
  const idle = { jobs: [], savingIds: [], demoIds: ['d'], scanning: false };
  const job = (demo: boolean, state: 'queued' | 'reading' | 'done') => ({
    id: 'job-1',
    path: 'kernel_details.csv',
    size: 1,
    phase: 'reading' as const,
    done: 0,
    state,
    ...(demo ? { demo: true } : {}),
  });

  test('the user’s file being read or stored, or a change of theirs not written, is asked about', () => {
    expect(reloadWouldLose(idle, 0)).toBe(false);
    expect(reloadWouldLose({ ...idle, jobs: [job(false, 'queued')] }, 0)).toBe(true);
    expect(reloadWouldLose({ ...idle, jobs: [job(false, 'reading')] }, 0)).toBe(true);
    expect(reloadWouldLose({ ...idle, jobs: [job(false, 'done')] }, 0)).toBe(false);
    expect(reloadWouldLose({ ...idle, savingIds: ['mine'] }, 0)).toBe(true);
    expect(reloadWouldLose({ ...idle, scanning: true }, 0)).toBe(true);
    expect(reloadWouldLose(idle, 1)).toBe(true);
  });

  test('the demo being read and stored is not', () => {
    expect(reloadWouldLose({ ...idle, jobs: [job(true, 'reading')] }, 0)).toBe(false);
    expect(reloadWouldLose({ ...idle, jobs: [job(true, 'queued')] }, 0)).toBe(false);
    expect(reloadWouldLose({ ...idle, savingIds: ['d'] }, 0)).toBe(false);
    expect(reloadWouldLose({ ...idle, savingIds: ['d', 'mine'] }, 0)).toBe(true);
  });

  test('a change is the demo’s only when it adds, marks and links demo files alone', () => {
    const before = { ...emptyWorkspace, files: { r: reportFile('r') }, order: ['r'] };
    const demo = {
      ...before,
      files: { r: reportFile('r'), d: reportFile('d'), e: profileFile('e') },
      order: ['r', 'd', 'e'],
      links: { d: ['e'] },
      demoIds: ['d', 'e'],
    };
    const demoDelta = workspaceDelta(before, demo);
    expect(demoDelta && demoOnly(demoDelta, demo.demoIds)).toBe(true);
    // The user's report linked to a demo profile is theirs.
    const linked = { ...demo, links: { d: ['e'], r: ['e'] } };
    const linkDelta = workspaceDelta(demo, linked);
    expect(linkDelta && demoOnly(linkDelta, linked.demoIds)).toBe(false);
    // A file of theirs added, or one removed, is theirs too.
    const added = {
      ...demo,
      files: { ...demo.files, m: profileFile('m') },
      order: [...demo.order, 'm'],
    };
    const addDelta = workspaceDelta(demo, added);
    expect(addDelta && demoOnly(addDelta, added.demoIds)).toBe(false);
    const removed = {
      ...demo,
      files: { d: reportFile('d'), e: profileFile('e') },
      order: ['d', 'e'],
    };
    const removeDelta = workspaceDelta(demo, removed);
    expect(removeDelta && demoOnly(removeDelta, removed.demoIds)).toBe(false);
  });
});

describe('file records saved before content became one union', () => {
  test('a record with report / profile slots is read into content', async () => {
    const { readFileRecord } = await import('./persist-records.ts');
    const base = { id: 'a', fileName: 'a.json', size: 1, format: 'aoe-opat', ok: true, issues: [] };
    const report = { id: 'a', fileName: 'a.json', tasks: [] };
    expect(readFileRecord({ ...base, report, profile: null })?.content).toEqual({
      kind: 'report',
      report,
    });
    const profile = { id: 'a', fileName: 'k.csv', summary: {} };
    expect(readFileRecord({ ...base, report: null, profile })?.content).toEqual({
      kind: 'profile',
      profile,
    });
    expect(readFileRecord({ ...base, report: null, profile: null })?.content).toBeNull();
    expect(readFileRecord({ id: 1 })).toBeNull();
  });
});
