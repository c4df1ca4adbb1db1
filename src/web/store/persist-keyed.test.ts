// The keeping shared by every keyed record map (dismissals, measurement choices): what another
// tab may send is checked like what IndexedDB gives back, and the delta says what changed.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, test } from 'vitest';
import { keyedDelta, persistKeyedRecords } from './persist-keyed.ts';
import { dismissalRecords } from './persist-dismissals.ts';
import { tabs, until } from '../test/tabs.ts';

const { freshDatabase, openTab, closeAll } = tabs({
  name: 'keyed',
  persist: (args) => persistKeyedRecords(dismissalRecords, args),
});

afterEach(closeAll);

describe('keyed records', () => {
  test('the delta names the changed and the removed keys, not the unchanged', () => {
    const same = { reason: 'a', at: 't' };
    const prev = { keep: same, change: { reason: 'b', at: 't' }, gone: same };
    const next = { keep: same, change: { reason: 'c', at: 't' }, added: same };
    const { set, removed } = keyedDelta(prev, next);
    expect(set.map(([k]) => k).sort()).toEqual(['added', 'change']);
    expect(removed).toEqual(['gone']);
  });

  test('a message from another tab that does not parse changes nothing; a good one does', async () => {
    const db = freshDatabase();
    const tab = await openTab(db, 'keyed-messages');
    const sender = new BroadcastChannel('keyed-messages');
    sender.postMessage({ type: 'dismissals-changed', set: [['k', { reason: 3 }]], removed: [] });
    sender.postMessage({
      type: 'dismissals-changed',
      set: [['x'.repeat(5000), { reason: 'r', at: 't' }]],
      removed: [],
    });
    sender.postMessage({ type: 'other', set: [['k', { reason: 'r', at: 't' }]], removed: [] });
    sender.postMessage({ type: 'dismissals-changed', set: 'k', removed: [] });
    sender.postMessage({
      type: 'dismissals-changed',
      set: [['ok', { reason: 'fine', at: 't' }]],
      removed: [],
    });
    await until(tab, (s) => Object.hasOwn(s.dismissals, 'ok'));
    expect(Object.keys(tab.state().dismissals)).toEqual(['ok']);
    sender.close();
  });
});
