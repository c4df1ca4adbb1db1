// Roles and batch sizes set by hand, kept with the workspace: two tabs (stores) over one
// IndexedDB (fake-indexeddb), a reload being a new store reading the same database.
import 'fake-indexeddb/auto';
import { set } from 'idb-keyval';
import { afterEach, describe, expect, test } from 'vitest';
import { MEASURE_CHOICE_KEY_PREFIX, persistMeasureChoices } from './persist-measure-choices.ts';
import { tabs, until } from '../test/tabs.ts';

const { freshDatabase, openTab, closeAll } = tabs({
  name: 'choices',
  persist: (args) => persistMeasureChoices(args),
});

afterEach(closeAll);

describe('measurement roles and batch sizes set by hand', () => {
  test('hold after a reload; a cleared one is gone', async () => {
    const db = freshDatabase();
    const first = await openTab(db);
    first.state().setMeasureRole('aaa', 'baseline');
    first.state().setMeasureBatch('aaa', 8);
    first.state().setMeasureRole('bbb', 'gpu');
    await first.persistence.settled();
    first.state().setMeasureRole('bbb', null);
    await first.persistence.settled();
    first.persistence.stop();

    const reloaded = await openTab(db);
    expect({ ...reloaded.state().measureChoices }).toEqual({
      aaa: { role: 'baseline', batchSize: 8 },
    });
  });

  test('another tab hears of a choice', async () => {
    const db = freshDatabase();
    const a = await openTab(db, 'shared-channel');
    const b = await openTab(db, 'shared-channel');
    a.state().setMeasureRole('ccc', 'tuned');
    await until(b, (st) => st.measureChoices['ccc']?.role === 'tuned');
    expect(b.state().measureChoices['ccc']).toEqual({ role: 'tuned' });
  });

  test('a damaged record, a bad role, a __proto__ id or a silly batch size count as absent', async () => {
    const db = freshDatabase();
    await set(`${MEASURE_CHOICE_KEY_PREFIX}bad`, { role: 'cpu', batchSize: -1 }, db);
    await set(`${MEASURE_CHOICE_KEY_PREFIX}junk`, 'tuned', db);
    await set(`${MEASURE_CHOICE_KEY_PREFIX}__proto__`, { role: 'tuned' }, db);
    await set(`${MEASURE_CHOICE_KEY_PREFIX}big`, { batchSize: 1e9 }, db);
    await set(`${MEASURE_CHOICE_KEY_PREFIX}ok`, { batchSize: 4, extra: '<img>' }, db);
    const tab = await openTab(db);
    const choices = tab.state().measureChoices;
    expect(Object.keys(choices).sort()).toEqual(['__proto__', 'ok']);
    expect(choices['ok']).toEqual({ batchSize: 4 });
    expect(Object.getPrototypeOf(choices)).toBeNull();
  });
});
