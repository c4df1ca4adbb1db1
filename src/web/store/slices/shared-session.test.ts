import { describe, expect, test } from 'vitest';
import { create } from 'zustand';
import { toBundle } from '../../../core/share/bundle.ts';
import { encodeBundle } from '../../../core/share/codec.ts';
import { sampleSharedRun } from '../../../core/share/sample-runs.ts';
import { DEFAULT_VIEW } from '../../../core/share/view-state.ts';
import { reportFile } from '../../../core/formats/test-files.ts';
import {
  SESSION_KEY,
  makeSharedSessionSlice,
  readSavedSession,
  sameSource,
  sourceFromHash,
  sourceHash,
  type SessionStore,
  type SharedSessionSlice,
  type SharedSource,
} from './shared-session.ts';
import { createWorkspaceSlice, type WorkspaceSlice } from './workspace.ts';
import { createMeasureChoicesSlice, type MeasureChoicesSlice } from './measure-choices.ts';
import { linkedMeasurements } from '../../../core/model/run.ts';
import { fromBundle } from '../../../core/share/bundle.ts';
import { NO_STATS } from '../../../core/measure/model.ts';
import { reportOf } from '../../../core/formats/content.ts';

/** sessionStorage as a map (one browser tab). */
function tabStore(): SessionStore & { readonly items: Map<string, string> } {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (k) => items.get(k) ?? null,
    setItem: (k, v) => void items.set(k, v),
    removeItem: (k) => void items.delete(k),
  };
}

/** A store as the app builds it, over the given tab storage (a "page load" of that tab). */
function load(storage: SessionStore | null) {
  return create<WorkspaceSlice & SharedSessionSlice & MeasureChoicesSlice>()((...a) => ({
    ...createWorkspaceSlice(...a),
    ...makeSharedSessionSlice(() => storage)(...a),
    ...createMeasureChoicesSlice(...a),
  }));
}

const a = sampleSharedRun('a'.repeat(64) + ':0', 3, 1);
const b = { ...sampleSharedRun('b'.repeat(64) + ':1', 3, 2), taskIndex: 1 };
const bundle = toBundle([a, b], {
  ...DEFAULT_VIEW,
  runs: [a.run.id, b.run.id],
  baseline: b.run.id,
  tab: 'model',
});
const encoded = encodeBundle(bundle);
const fragment = encoded.ok ? encoded.fragment : '';
const link: SharedSource = { kind: 'link', fragment };

describe('the shared session', () => {
  test('opens a bundle read-only, beside an untouched workspace', () => {
    const store = load(tabStore());
    store.getState().addFiles([reportFile('mine')]);
    store.getState().openShared(bundle, link);
    const session = store.getState().shared;
    expect(session?.runs.map((r) => r.run.id)).toEqual([a.run.id, b.run.id]);
    expect(session?.view).toMatchObject({ baseline: b.run.id, tab: 'model' });
    expect(store.getState().order).toEqual(['mine']);
  });

  test('a reload of the tab finds it again; another tab (its own storage) does not', () => {
    const tab = tabStore();
    load(tab).getState().openShared(bundle, link);
    const reloaded = load(tab).getState().shared;
    expect(reloaded?.source).toEqual(link);
    expect(reloaded?.runs.map((r) => r.run.id)).toEqual([a.run.id, b.run.id]);
    expect(load(tabStore()).getState().shared).toBeNull();
  });

  test('leaving it forgets it for the tab', () => {
    const tab = tabStore();
    const store = load(tab);
    store.getState().openShared(bundle, { kind: 'permalink', id: 'AbCdEfGhIjKlMnOpQrStUvWx' });
    store.getState().leaveShared();
    expect(store.getState().shared).toBeNull();
    expect(tab.items.has(SESSION_KEY)).toBe(false);
    expect(load(tab).getState().shared).toBeNull();
  });

  test('adding it to the workspace copies the runs in, under their workspace ids, and ends it', () => {
    const store = load(tabStore());
    store.getState().openShared(bundle, link);
    const renamed = store.getState().saveShared();
    expect(store.getState().shared).toBeNull();
    expect(store.getState().order).toEqual([a.reportId, b.reportId]);
    // b was task 1 of its report; added alone, it is task 0 of the file it becomes.
    expect([...renamed]).toEqual([
      [a.run.id, `${a.reportId}:0`],
      [b.run.id, `${b.reportId}:0`],
    ]);
    expect(reportOf(store.getState().files[b.reportId])?.tasks[0]?.name).toBe('resnet50');
  });

  test('a report the workspace already has keeps its own tasks and ids', () => {
    const store = load(tabStore());
    store.getState().addFiles([reportFile(a.reportId)]);
    const before = store.getState().files[a.reportId];
    store.getState().openShared(bundle, link);
    const renamed = store.getState().saveShared();
    expect(store.getState().files[a.reportId]).toBe(before);
    expect(renamed.get(a.run.id)).toBe(a.run.id);
  });

  test('a shared profile comparison: added, its profiles are workspace files with their totals', () => {
    const summary = {
      rows: 3,
      totalDurationUs: 30,
      byType: [{ type: 'Conv2D', count: 3, totalUs: 30, meanUs: 10, share: 1 }],
      topOperators: [
        {
          name: 'conv1',
          type: 'Conv2D',
          count: 3,
          totalUs: 30,
          meanUs: 10,
          share: 1,
          inputShapes: '1,3',
        },
      ],
    };
    const profile = (id: string, us: number) => ({
      id,
      fileName: `${id}/kernel_details.csv`,
      format: 'kernel-details' as const,
      table: {
        format: 'kernel-details' as const,
        headerSet: 'torch_npu-level1',
        summary: { ...summary, totalDurationUs: us },
        operators: [
          { name: 'conv1', type: 'Conv2D', shape: '1,3', count: 3, timed: 3, totalUs: us },
        ],
      },
      breakdown: null,
    });
    const view = { ...DEFAULT_VIEW, page: 'profiles' as const, runs: [], baseline: '' };
    const pb = toBundle([], view, undefined, [profile('before', 30), profile('after', 24)]);
    const store = load(tabStore());
    store.getState().addFiles([reportFile('mine')]);
    store.getState().openShared(pb, link);
    expect(store.getState().shared?.profiles.map((p) => p.id)).toEqual(['before', 'after']);
    expect(store.getState().shared?.runs).toEqual([]);
    store.getState().saveShared();
    expect(store.getState().order).toEqual(['mine', 'before', 'after']);
    const after = store.getState().files['after'];
    expect(after?.format).toBe('kernel-details');
    const content = after?.content;
    expect(content?.kind === 'profile' ? content.operators?.[0]?.totalUs : null).toBe(24);
  });

  test('works without storage (storage disabled): the session lives in the page only', () => {
    const store = load(null);
    store.getState().openShared(bundle, link);
    expect(store.getState().shared).not.toBeNull();
  });
});

describe('what comes back from storage is untrusted', () => {
  const saved = (value: unknown) => {
    const tab = tabStore();
    tab.setItem(SESSION_KEY, typeof value === 'string' ? value : JSON.stringify(value));
    return readSavedSession(tab);
  };
  const good = { version: 1, source: link, bundle };

  test('a valid record restores', () => {
    expect(saved(good)?.runs).toHaveLength(2);
  });

  test.each([
    ['not JSON', '{"version":1,'],
    ['not an object', '"text"'],
    ['another version', { ...good, version: 2 }],
    ['no source', { ...good, source: null }],
    ['a source of another kind', { ...good, source: { kind: 'file', fragment } }],
    ['a link source without a link', { ...good, source: { kind: 'link', fragment: 'x=1' } }],
    ['a permalink id with a path in it', { ...good, source: { kind: 'permalink', id: '../x' } }],
    ['a bundle that fails its schema', { ...good, bundle: { ...bundle, runs: 'x' } }],
    [
      'a bundle whose view names a run it lacks',
      { ...good, bundle: { ...bundle, view: { ...bundle.view, baseline: 'nope' } } },
    ],
    ['a bundle of a newer version', { ...good, bundle: { ...bundle, v: 2 } }],
  ])('%s restores nothing', (_, value) => {
    expect(saved(value)).toBeNull();
  });

  test('a storage that throws restores nothing', () => {
    const refusing: SessionStore = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => undefined,
      removeItem: () => undefined,
    };
    expect(readSavedSession(refusing)).toBeNull();
  });
});

describe('the fragment that names a session', () => {
  test.each([
    [`#${fragment}`, link],
    ['#r=AbCdEfGhIjKlMnOpQrStUvWx', { kind: 'permalink', id: 'AbCdEfGhIjKlMnOpQrStUvWx' }],
    ['#r=../../etc', null],
    ['#r=', null],
    ['#token=abc', null],
    ['', null],
  ])('%s', (hash, expected) => {
    expect(sourceFromHash(hash)).toEqual(expected);
  });

  test('round-trips and compares by what it names', () => {
    const permalink: SharedSource = { kind: 'permalink', id: 'abc' };
    expect(sourceFromHash(sourceHash(permalink))).toEqual(permalink);
    expect(sameSource(link, sourceFromHash(`#${fragment}`))).toBe(true);
    expect(sameSource(link, permalink)).toBe(false);
    expect(sameSource(link, null)).toBe(false);
  });
});

describe('adding a shared run with measurements to the workspace', () => {
  test('brings its measurement files, their links and the roles set by hand along', () => {
    const measurement = {
      tool: 'ais_bench' as const,
      source: 'ais_bench-summary-json' as const,
      toolVersion: null,
      batchSize: 1,
      latencyMs: { ...NO_STATS, count: 3, mean: 9.5 },
      throughputPerS: null,
      throughputUnit: null,
      iterationsMs: Float64Array.from([9.4, 9.5, 9.6]),
      model: null,
      device: null,
      derived: [],
    };
    const withMeasured = {
      ...a,
      measurements: [
        {
          id: 'c'.repeat(64),
          path: 'resnet50_run_summary.json',
          measurement,
          role: 'baseline' as const,
          reason: { kind: 'hand' as const },
          evidence: { role: null, reason: { kind: 'none' as const } },
        },
      ],
    };
    // Through a bundle, as a link brings it.
    const shared = fromBundle(toBundle([withMeasured], { ...DEFAULT_VIEW, runs: [a.run.id] }));
    const store = load(tabStore());
    store.getState().openShared(toBundle(shared.runs, { ...DEFAULT_VIEW, runs: [a.run.id] }), link);
    store.getState().saveShared();
    const state = store.getState();
    const [l] = linkedMeasurements(state, a.reportId);
    expect(l?.path).toBe('resnet50_run_summary.json');
    expect(l?.measurement.latencyMs.mean).toBe(9.5);
    expect([...(l?.measurement.iterationsMs ?? [])]).toEqual([9.4, 9.5, 9.6]);
    expect(l?.role).toBe('baseline');
    expect(l?.reason.kind).toBe('hand');
    expect(state.files['c'.repeat(64)]?.format).toBe('ais_bench-summary');
  });
});
