// Dismissed findings kept with the workspace: two tabs (stores) over one IndexedDB
// (fake-indexeddb), a reload being a new store reading the same database.
import 'fake-indexeddb/auto';
import { get, set } from 'idb-keyval';
import { afterEach, describe, expect, test } from 'vitest';
import { DISMISSAL_KEY_PREFIX, persistDismissals } from './persist-dismissals.ts';
import { tabs, until } from '../test/tabs.ts';

const { freshDatabase, openTab, startTab, closeAll } = tabs({
  name: 'dismissals',
  persist: (args) => persistDismissals(args),
});

afterEach(closeAll);

describe('dismissed findings', () => {
  test('stay dismissed, with their reason, after a reload; a restored one comes back', async () => {
    const db = freshDatabase();
    const first = await openTab(db);
    first.state().dismissFinding('ai-cpu|p|16 %', 'NMS stays on the CPU\nby design');
    first.state().dismissFinding('tune-next|r|x', '');
    await first.persistence.settled();
    first.persistence.stop();

    const reloaded = await openTab(db);
    expect(Object.keys(reloaded.state().dismissals).sort()).toEqual([
      'ai-cpu|p|16 %',
      'tune-next|r|x',
    ]);
    expect(reloaded.state().dismissals['ai-cpu|p|16 %']?.reason).toBe(
      'NMS stays on the CPU by design',
    );
    reloaded.state().restoreFinding('tune-next|r|x');
    await reloaded.persistence.settled();
    expect(await get(`${DISMISSAL_KEY_PREFIX}tune-next|r|x`, db)).toBeUndefined();
    reloaded.persistence.stop();

    const again = await openTab(db);
    expect(Object.keys(again.state().dismissals)).toEqual(['ai-cpu|p|16 %']);
  });

  test('reach the other tabs, both ways', async () => {
    const db = freshDatabase();
    const a = await openTab(db, 'pair');
    const b = await openTab(db, 'pair');
    a.state().dismissFinding('k1', 'seen');
    await until(b, (s) => s.dismissals['k1']?.reason === 'seen');
    b.state().restoreFinding('k1');
    await until(a, (s) => !Object.hasOwn(s.dismissals, 'k1'));
  });

  test('ignore damaged records and keys like __proto__ stay data', async () => {
    const db = freshDatabase();
    await set(`${DISMISSAL_KEY_PREFIX}broken`, { reason: 3 }, db);
    await set(`${DISMISSAL_KEY_PREFIX}__proto__`, { reason: 'r', at: 'now' }, db);
    await set('file:abc', { id: 'abc' }, db);
    const tab = await openTab(db);
    expect(Object.keys(tab.state().dismissals)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>)['reason']).toBeUndefined();
    expect(Object.getPrototypeOf(tab.state().dismissals)).toBeNull();
  });

  test('a dismissal made while the saved ones are read is kept', async () => {
    const db = freshDatabase();
    await set(`${DISMISSAL_KEY_PREFIX}old`, { reason: 'old', at: 'then' }, db);
    const { store, persistence } = startTab(db, 'early');
    store.getState().dismissFinding('old', 'new reason');
    await persistence.restored;
    await persistence.settled();
    expect(store.getState().dismissals['old']?.reason).toBe('new reason');
    expect((await get<{ reason: string }>(`${DISMISSAL_KEY_PREFIX}old`, db))?.reason).toBe(
      'new reason',
    );
  });
});
