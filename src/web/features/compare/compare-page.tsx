// The compare page (`/compare`): the workspace's runs, or — when opened from a share link or a
// permalink, which the shared view hands over in the history state — the shared runs, read-only,
// with "add to my workspace". The view state is in the URL search params either way.
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { useShallow } from 'zustand/react/shallow';
import { fromBundle } from '../../../core/share/bundle.ts';
import { decodeData } from '../../../core/share/codec.ts';
import { viewFromParams, viewToParams, type ViewState } from '../../../core/share/view-state.ts';
import { useAppStore } from '../../store/index.ts';
import { CompareView } from './compare-view.tsx';
import { COMPARE_NS } from './strings.ts';
import { addedRunIds, filesFromShared, workspaceRuns } from './view-model.ts';
import './compare.css';

/** What the shared view puts in the history state for this page. */
export interface SharedState {
  readonly shareBundle: unknown;
}

/**
 * The view state lives in the URL search params: read from them, written back on every change.
 * Router updates apply at once (the app's router runs without transitions), so the location
 * already holds the previous write when several changes follow each other in one event.
 */
function useViewState(): [ViewState, (patch: Partial<ViewState>) => void] {
  const [params, setParams] = useSearchParams();
  const text = params.toString();
  const view = useMemo(() => viewFromParams(new URLSearchParams(text)), [text]);
  const update = useCallback(
    (patch: Partial<ViewState>) => {
      const latest = viewFromParams(new URLSearchParams(window.location.search));
      setParams(viewToParams({ ...latest, ...patch }), { replace: true, preventScrollReset: true });
    },
    [setParams],
  );
  return [view, update];
}

function useSharedRuns() {
  const location = useLocation();
  const state = location.state as Partial<SharedState> | null;
  return useMemo(() => {
    if (!state || state.shareBundle === undefined) return null;
    // Validated again: history state survives reloads and is only as trustworthy as the page.
    const decoded = decodeData(state.shareBundle);
    return decoded.ok ? fromBundle(decoded.bundle).runs : null;
  }, [state]);
}

export function ComparePage() {
  const { t } = useTranslation(COMPARE_NS);
  const navigate = useNavigate();
  const [view, update] = useViewState();
  const shared = useSharedRuns();
  const ws = useAppStore(useShallow((s) => ({ files: s.files, order: s.order, links: s.links })));
  const addFiles = useAppStore((s) => s.addFiles);
  const [added, setAdded] = useState(false);
  const available = useMemo(() => shared ?? workspaceRuns(ws), [shared, ws]);

  const addToWorkspace = () => {
    if (!shared) return;
    // A report the viewer already has keeps its own tasks; only new reports are added.
    const fresh = shared.filter((r) => !ws.files[r.reportId]);
    addFiles(filesFromShared(fresh));
    const renamed = addedRunIds(fresh);
    const runs = view.runs.map((id) => renamed.get(id) ?? id);
    const baseline = renamed.get(view.baseline) ?? view.baseline;
    setAdded(true);
    void navigate(`/compare?${viewToParams({ ...view, runs, baseline }).toString()}`, {
      replace: true,
      state: null,
    });
  };

  return (
    <section
      className="compare-page"
      data-testid="compare-page"
      data-mode={shared ? 'shared' : 'workspace'}
    >
      <header className="compare-head">
        <div>
          <h1>{shared ? t('sharedTitle') : t('title')}</h1>
          <p className="muted">{shared ? t('sharedNote') : t('intro')}</p>
        </div>
        {shared ? (
          <button type="button" className="primary" onClick={addToWorkspace}>
            {t('addToWorkspace')}
          </button>
        ) : null}
      </header>
      {added ? <p role="status">{t('added')}</p> : null}
      {available.length === 0 ? (
        <div className="card compare-empty">
          <p>{t('empty')}</p>
          <Link className="button primary" to="/">
            {t('toWorkspace')}
          </Link>
        </div>
      ) : (
        <CompareView available={available} view={view} update={update} readOnly={shared !== null} />
      )}
    </section>
  );
}
