// The compare page (`/compare`): the workspace's runs, or — while the tab has a shared session open
// (a share link or a permalink) — the shared runs, read-only. The view state is in the URL search
// params either way; a shared session's address also keeps its fragment, so the address bar
// reopens this view in any browser.
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useShallow } from 'zustand/react/shallow';
import { viewFromParams, viewToParams, type ViewState } from '../../../core/share/view-state.ts';
import { useAppStore } from '../../store/index.ts';
import { workspaceRuns } from '../../../core/model/run.ts';
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
