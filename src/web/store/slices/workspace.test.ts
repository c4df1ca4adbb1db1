import { beforeEach, describe, expect, test } from 'vitest';
import { failedFile, profileFile, reportFile } from '../../../core/formats/test-files.ts';
import { resetAppStore, useAppStore } from '../index.ts';
import { selectLinkedProfiles, selectReady } from '../selectors.ts';

const state = () => useAppStore.getState();

beforeEach(() => resetAppStore());

describe('workspace', () => {
  test('adds files in order and replaces a file of the same id in place', () => {
    state().addFiles([reportFile('a'), profileFile('b')]);
    state().addFiles([failedFile('c', { code: 'EMPTY', severity: 'error', message: 'empty' })]);
    state().addFiles([{ ...reportFile('a'), fileName: 'renamed.json' }]);
    expect(state().order).toEqual(['a', 'b', 'c']);
    expect(state().files.a?.fileName).toBe('renamed.json');
  });

  test('a file with errors sits beside the loaded ones without touching them', () => {
    state().addFiles([reportFile('a')]);
    const before = state().files.a;
    state().addFiles([failedFile('x', { code: 'NOT_JSON', severity: 'error', message: 'bad' })]);
    expect(state().files.a).toBe(before);
    expect(state().order).toEqual(['a', 'x']);
  });

  test('links a report to profiles only, once each', () => {
    state().addFiles([reportFile('r'), profileFile('p'), reportFile('r2')]);
    state().linkProfile('r', 'p');
    state().linkProfile('r', 'p');
    state().linkProfile('r', 'r2'); // a report is not a profile
    state().linkProfile('p', 'r'); // nor the other way round
    state().linkProfile('missing', 'p');
    expect(state().links).toEqual({ r: ['p'] });
    expect(selectLinkedProfiles(state(), 'r').map((f) => f.id)).toEqual(['p']);
  });

  test('a removed file comes back at its place with its links and demo mark', () => {
    state().addFiles([reportFile('r'), profileFile('p'), reportFile('r2')]);
    state().addFiles([profileFile('d')], { demo: true });
    state().linkProfile('r', 'p');
    state().linkProfile('r2', 'p');
    state().linkProfile('r', 'd');
    const profile = state().takeOut('p');
    expect(state().order).toEqual(['r', 'r2', 'd']);
    expect(state().links).toEqual({ r: ['d'] });
    const report = state().takeOut('r');
    expect(state().links).toEqual({});
    expect(state().takeOut('missing')).toBeNull();

    state().putBack(report!);
    state().putBack(profile!);
    expect(state().order).toEqual(['r', 'p', 'r2', 'd']);
    expect(state().links).toEqual({ r: ['d', 'p'], r2: ['p'] });
    expect(state().demoIds).toEqual(['d']);

    const demo = state().takeOut('d');
    expect(state().demo).toBe(false);
    state().putBack(demo!);
    expect(state().demo).toBe(true);
    expect(state().links.r).toEqual(['p', 'd']);
    // A second undo of the same removal changes nothing.
    state().putBack(demo!);
    expect(state().order).toEqual(['r', 'p', 'r2', 'd']);
  });

  test('unlinking the last profile removes the entry', () => {
    state().addFiles([reportFile('r'), profileFile('p'), profileFile('q')]);
    state().linkProfile('r', 'p');
    state().linkProfile('r', 'q');
    state().unlinkProfile('r', 'p');
    expect(state().links).toEqual({ r: ['q'] });
    state().unlinkProfile('r', 'q');
    expect(state().links).toEqual({});
  });

  test('removing a file removes it from the order, the demo set and every link', () => {
    state().addFiles([reportFile('r'), profileFile('p')], { demo: true });
    state().addFiles([profileFile('q')]);
    state().linkProfile('r', 'p');
    state().linkProfile('r', 'q');
    state().removeFile('p');
    expect(state().order).toEqual(['r', 'q']);
    expect(state().links).toEqual({ r: ['q'] });
    expect(state().demoIds).toEqual(['r']);
    state().removeFile('r');
    expect(state().links).toEqual({});
    expect(state().demo).toBe(false);
  });

  test('clearing the demo keeps the user files and remembers the choice', () => {
    state().addFiles([reportFile('demo-r'), profileFile('demo-p')], { demo: true });
    state().addFiles([reportFile('mine')]);
    expect(state().demo).toBe(true);
    state().clearDemo();
    expect(state().order).toEqual(['mine']);
    expect(state().demo).toBe(false);
    expect(state().cleared).toBe(true);
  });

  test('clearing the workspace empties it and remembers that it was cleared', () => {
    state().addFiles([reportFile('r'), profileFile('p')], { demo: true });
    state().linkProfile('r', 'p');
    state().clearWorkspace();
    expect(state()).toMatchObject({ order: [], files: {}, links: {}, demoIds: [], demo: false });
    expect(state().cleared).toBe(true);
  });

  test('a file id such as __proto__ is an ordinary key', () => {
    state().addFiles([reportFile('__proto__')]);
    expect(state().order).toEqual(['__proto__']);
    expect(Object.keys(state().files)).toEqual(['__proto__']);
    state().removeFile('__proto__');
    expect(state().order).toEqual([]);
    expect(({} as Record<string, unknown>).id).toBeUndefined();
  });
});

describe('ready', () => {
  test('needs the workspace restored, no job running, no demo or page loading, no folder scan', () => {
    expect(selectReady(state())).toBe(false);
    state().setHydrated(true);
    expect(selectReady(state())).toBe(true);
    const job = { id: 'j', path: 'a.json', size: 1, phase: 'reading', done: 0 } as const;
    state().upsertJob({ ...job, state: 'reading' });
    expect(selectReady(state())).toBe(false);
    state().upsertJob({ ...job, state: 'done' });
    expect(selectReady(state())).toBe(true);
    state().setDemoLoading(true);
    expect(selectReady(state())).toBe(false);
    state().setDemoLoading(false);
    state().viewPending(1);
    expect(selectReady(state())).toBe(false);
    state().viewPending(-1);
    state().setScanning(true);
    expect(selectReady(state())).toBe(false);
    state().setScanning(false);
    expect(selectReady(state())).toBe(true);
  });
});

describe('restoring the saved workspace', () => {
  test('puts the saved files first and keeps files dropped while it was being read', () => {
    state().addFiles([reportFile('dropped')]);
    state().restoreWorkspace({
      files: { saved: reportFile('saved'), p: profileFile('p') },
      order: ['saved', 'p'],
      links: { saved: ['p'] },
      demoIds: ['p'],
      demo: true,
      cleared: true,
    });
    expect(state().order).toEqual(['saved', 'p', 'dropped']);
    expect(state().links).toEqual({ saved: ['p'] });
    expect(state()).toMatchObject({ demoIds: ['p'], demo: true, cleared: true });
    expect(Object.keys(state().files).sort()).toEqual(['dropped', 'p', 'saved']);
  });
});
