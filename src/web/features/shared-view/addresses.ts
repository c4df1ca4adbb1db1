// Addresses in and out of a shared session: the page a bundle shows, and where a page of the
// session is found in the workspace once its runs were added (their ids may change: a report's
// shared tasks are renumbered from 0 in the added file).
import type { ShareBundleV1 } from '../../../core/share/bundle-types.ts';
import { fromBundle } from '../../../core/share/bundle.ts';
import { viewFromParams, viewToParams, type ViewState } from '../../../core/share/view-state.ts';
import { profilePath, runPath } from '../../components/paths.ts';

export interface Address {
  readonly pathname: string;
  readonly search: string;
}

/**
 * The page a bundle shows: compare with the shared view, the run page of its one run, the
 * profile comparison of its two profiles, or the page of its one profile.
 */
export function sharedPage(bundle: ShareBundleV1): Address {
  const { runs, view, profiles } = fromBundle(bundle);
  const [a, b] = profiles;
  if (view.page === 'profiles' && a && b) {
    const params = new URLSearchParams({ a: a.id, b: b.id });
    return { pathname: PROFILE_COMPARE_PATH, search: `?${params.toString()}` };
  }
  if (view.page === 'profile' && a) {
    return { pathname: profilePath(a.id), search: '' };
  }
  if (view.page === 'run') {
    const run = runs.find((r) => r.run.id === view.runs[0]) ?? runs[0];
    if (run) return { pathname: runPath(run.reportId, run.taskIndex), search: '' };
  }
  const params = viewToParams(view).toString();
  return { pathname: '/compare', search: params ? `?${params}` : '' };
}

export const PROFILE_COMPARE_PATH = '/profiles/compare';

const RUN_PATH = /^\/run\/([^/]+)\/(\d{1,6})$/;

/**
 * The workspace address of a session page once its runs were added: the same view, with each run
 * under its workspace id. `renamed` maps shared run ids to workspace run ids.
 */
export function workspaceAddress(
  at: Address,
  shared: ViewState,
  renamed: ReadonlyMap<string, string>,
): Address {
  const rename = (id: string) => renamed.get(id) ?? id;
  if (at.pathname === '/compare') {
    const own = new URLSearchParams(at.search);
    const view = own.has('runs') ? viewFromParams(own) : { ...shared, page: 'compare' as const };
    const params = viewToParams({
      ...view,
      runs: view.runs.map(rename),
      baseline: view.baseline === '' ? '' : rename(view.baseline),
    }).toString();
    return { pathname: '/compare', search: params ? `?${params}` : '' };
  }
  const run = RUN_PATH.exec(at.pathname);
  if (run) {
    let fileId: string;
    try {
      fileId = decodeURIComponent(run[1] ?? '');
    } catch {
      return at;
    }
    const next = renamed.get(`${fileId}:${run[2] ?? ''}`);
    const cut = next?.lastIndexOf(':') ?? -1;
    if (next !== undefined && cut > 0) {
      return {
        pathname: runPath(next.slice(0, cut), Number(next.slice(cut + 1))),
        search: at.search,
      };
    }
  }
  return at;
}
