import { describe, expect, it } from 'vitest';
import { toBundle } from '../../../core/share/bundle.ts';
import { sampleSharedRun } from '../../../core/share/sample-runs.ts';
import { DEFAULT_VIEW, runPageView } from '../../../core/share/view-state.ts';
import { sharedPage, workspaceAddress } from './addresses.ts';

const a = sampleSharedRun('aaa:0', 2, 1);
const b = { ...sampleSharedRun('bbb:2', 2, 2), taskIndex: 2 };

describe('the page a bundle shows', () => {
  it('is the compare page with the shared view', () => {
    const view = { ...DEFAULT_VIEW, runs: [a.run.id, b.run.id], baseline: b.run.id, tab: 'gate' };
    const page = sharedPage(toBundle([a, b], { ...view, tab: 'gate' }));
    expect(page.pathname).toBe('/compare');
    const params = new URLSearchParams(page.search);
    expect(params.get('runs')).toBe('aaa:0,bbb:2');
    expect(params.get('base')).toBe('bbb:2');
    expect(params.get('tab')).toBe('gate');
  });

  it('is the profile comparison of its two profiles, baseline first', () => {
    const profile = (id: string) => ({
      id,
      fileName: `${id}.json`,
      format: 'timeline' as const,
      table: null,
      breakdown: null,
    });
    const view = { ...DEFAULT_VIEW, page: 'profiles' as const, runs: [], baseline: '' };
    const page = sharedPage(toBundle([], view, undefined, [profile('p2'), profile('p1')]));
    expect(page).toEqual({ pathname: '/profiles/compare', search: '?a=p2&b=p1' });
  });

  it("is one profile's page, the id escaped as a path segment", () => {
    const view = { ...DEFAULT_VIEW, page: 'profile' as const, runs: [], baseline: '' };
    const p = {
      id: 'a/../b?c',
      fileName: 'kernel_details.csv',
      format: 'kernel-details' as const,
      table: null,
      breakdown: null,
    };
    expect(sharedPage(toBundle([], view, undefined, [p]))).toEqual({
      pathname: '/profile/a%2F..%2Fb%3Fc',
      search: '',
    });
  });

  it('is the run page of a shared run, under its own report and task number', () => {
    expect(sharedPage(toBundle([b], runPageView(b.run.id)))).toEqual({
      pathname: `/run/${b.reportId}/2`,
      search: '',
    });
  });
});

describe('a session page in the workspace, once its runs were added', () => {
  const renamed = new Map([
    ['aaa:0', 'aaa:0'],
    ['bbb:2', 'bbb:0'],
  ]);
  const shared = { ...DEFAULT_VIEW, runs: ['aaa:0', 'bbb:2'], baseline: 'bbb:2' };

  it('compare keeps its view, with the runs under their new ids', () => {
    const at = { pathname: '/compare', search: '?runs=aaa%3A0%2Cbbb%3A2&base=bbb%3A2&tab=model' };
    const next = workspaceAddress(at, shared, renamed);
    const params = new URLSearchParams(next.search);
    expect(params.get('runs')).toBe('aaa:0,bbb:0');
    expect(params.get('base')).toBe('bbb:0');
    expect(params.get('tab')).toBe('model');
  });

  it('compare without a view of its own gets the shared one', () => {
    const next = workspaceAddress({ pathname: '/compare', search: '' }, shared, renamed);
    expect(new URLSearchParams(next.search).get('base')).toBe('bbb:0');
  });

  it('a run page moves to the task number the run has now, keeping its tab', () => {
    expect(
      workspaceAddress({ pathname: '/run/bbb/2', search: '?tab=repo' }, shared, renamed),
    ).toEqual({ pathname: '/run/bbb/0', search: '?tab=repo' });
  });

  it('other pages stay where they are', () => {
    for (const at of [
      { pathname: '/', search: '' },
      { pathname: '/run/zzz/0', search: '' },
      { pathname: '/run/%E0%A4%A/0', search: '' },
    ]) {
      expect(workspaceAddress(at, shared, renamed)).toEqual(at);
    }
  });
});
