// The compare page (`/compare`): the workspace's runs, or — while the tab has a shared session open
// (a share link or a permalink) — the shared runs, read-only. The view state is in the URL search
// params either way; a shared session's address also keeps its fragment, so the address bar
// reopens this view in any browser.
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useShallow } from 'zustand/react/shallow';
import { viewFromParams, viewToParams, type ViewState } from '../../../core/share/view-state.ts';
import { useAppStore } from '../../store/index.ts';
import { workspaceRuns, type Run } from '../../../core/model/run.ts';
import { CompareView } from './compare-view.tsx';
import { COMPARE_NS } from './strings.ts';
import './compare.css';

/**
 * The view state lives in the URL search params: read from them, written back on every change
 * (keeping the fragment, which names a shared session). Router updates apply at once (the app's
 * router runs without transitions), so the location already holds the previous write when
 * several changes follow each other in one event. In a shared session, an address without a view
 * of its own (the header's Compare link) shows the view that was shared.
 */
function useViewState(shared: ViewState | null): [ViewState, (patch: Partial<ViewState>) => void] {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const text = params.toString();
  const view = useMemo(() => {
    const own = new URLSearchParams(text);
    return shared && !own.has('runs')
      ? { ...shared, page: 'compare' as const }
      : viewFromParams(own);
  }, [text, shared]);
  const update = useCallback(
    (patch: Partial<ViewState>) => {
      const own = new URLSearchParams(window.location.search);
      const latest =
        shared && !own.has('runs') ? { ...shared, page: 'compare' as const } : viewFromParams(own);
      const next = viewToParams({ ...latest, ...patch }).toString();
      void navigate(
        { search: next ? `?${next}` : '', hash: window.location.hash },
        { replace: true, preventScrollReset: true },
      );
    },
    [navigate, shared],
  );
  return [view, update];
}

const LAST_VIEW_KEY = 'aoe-dashboard.compare-view';

function tabStorage(): Storage | null {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    return null;
  }
}

/**
 * The tab's last comparison of workspace runs comes back when the page is opened without one
 * (the header's Compare link): a user who goes to the workspace to add a run returns to the runs
 * they ticked, their pinned baseline and their tab, not to an empty picker. Runs removed since
 * are left out. A comparison the user cleared on the page stays cleared.
 */
function useLastComparison(available: readonly Run[], shared: boolean): void {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const search = params.toString();
  const first = useRef(true);
  useEffect(() => {
    const arriving = first.current;
    first.current = false;
    if (shared) return;
    const store = tabStorage();
    const own = new URLSearchParams(search);
    try {
      if (own.has('runs')) {
        store?.setItem(LAST_VIEW_KEY, search);
        return;
      }
      if (!arriving) {
        store?.removeItem(LAST_VIEW_KEY);
        return;
      }
      const last = store?.getItem(LAST_VIEW_KEY);
      if (!last || own.size > 0) return;
      const view = viewFromParams(new URLSearchParams(last));
      const ids = new Set(available.map((r) => r.run.id));
      const runs = view.runs.filter((id) => ids.has(id));
      if (runs.length === 0) return;
      const baseline = runs.includes(view.baseline) ? view.baseline : (runs[0] ?? '');
      void navigate(
        { search: `?${viewToParams({ ...view, runs, baseline }).toString()}` },
        { replace: true },
      );
    } catch {
      // Storage refused (a private window's quota): the page works without the memory.
    }
  }, [search, shared, available, navigate]);
}

export function ComparePage() {
  const { t } = useTranslation(COMPARE_NS);
  const session = useAppStore((s) => s.shared);
  const [view, update] = useViewState(session?.view ?? null);
  const ws = useAppStore(
    useShallow((s) => ({
      files: s.files,
      order: s.order,
      links: s.links,
      measureChoices: s.measureChoices,
    })),
  );
  // The workspace's runs or the link's: the same Run type, measurements included, either way.
  const available = useMemo(() => session?.runs ?? workspaceRuns(ws), [session, ws]);
  useLastComparison(available, session !== null);

  return (
    <section
      className="compare-page"
      data-testid="compare-page"
      data-mode={session ? 'shared' : 'workspace'}
    >
      <header className="compare-head">
        <div>
          <h1>{session ? t('sharedTitle') : t('title')}</h1>
          <p className="muted">{session ? t('sharedNote') : t('intro')}</p>
        </div>
      </header>
      {available.length === 0 ? (
        <div className="card compare-empty">
          <p>{t('empty')}</p>
          <Link className="button primary" to="/">
            {t('toWorkspace')}
          </Link>
        </div>
      ) : (
        <CompareView
          available={available}
          view={view}
          update={update}
          readOnly={session !== null}
        />
      )}
    </section>
  );
}
