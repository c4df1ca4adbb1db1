// The bar every page shows while the tab has a shared session open: what is shown is shared and
// read-only, and the ways out — add the runs to my workspace, or go back to it. It also keeps the
// session's fragment in the address bar on every page (links inside the app and the tables'
// own URL updates drop it), so the address always reopens what the page shows.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { useAppStore } from '../../store/index.ts';
import { sourceFromHash, sourceHash } from '../../store/slices/shared-session.ts';
import { PROFILE_COMPARE_PATH, sharedPage, workspaceAddress } from './addresses.ts';
import { SHARED_NS } from './strings.ts';
import './shared-view.css';

export function SharedSessionBar() {
  const { t } = useTranslation(SHARED_NS);
  const session = useAppStore((s) => s.shared);
  const leaveShared = useAppStore((s) => s.leaveShared);
  const saveShared = useAppStore((s) => s.saveShared);
  const { pathname, search, hash } = useLocation();
  const navigate = useNavigate();
  /** The page where "added to your workspace" is said, once. */
  const [savedAt, setSavedAt] = useState<string | null>(null);

  useEffect(() => {
    // A share fragment of its own (another link being opened) or a permalink route is left alone.
    if (!session || sourceFromHash(hash) !== null || pathname.startsWith('/r/')) return;
    void navigate(
      { pathname, search, hash: sourceHash(session.source) },
      { replace: true, preventScrollReset: true },
    );
  }, [session, pathname, search, hash, navigate]);

  if (!session) {
    return savedAt === pathname ? (
      <p className="shared-saved" role="status" data-testid="shared-saved">
        {t('session.saved')}
      </p>
    ) : null;
  }

  const page = sharedPage(session.bundle);
  const profiles = session.profiles.length > 0;
  const single = session.view.page === 'profile';
  const onSharedPage = single
    ? pathname === page.pathname
    : profiles
      ? pathname === PROFILE_COMPARE_PATH
      : pathname === '/compare' || pathname.startsWith('/run/');
  const what = single ? 'Profile' : profiles ? 'Profiles' : '';
  const save = () => {
    const view = session.view;
    const renamed = saveShared();
    const next = workspaceAddress({ pathname, search }, view, renamed);
    setSavedAt(next.pathname);
    void navigate(next, { replace: true });
  };
  const leave = () => {
    leaveShared();
    void navigate('/');
  };

  return (
    <section
      className="shared-session"
      aria-label={t('session.label')}
      data-testid="shared-session"
      data-source={session.source.kind}
    >
      <p className="shared-session-text">
        <strong>{t('session.title')}</strong>{' '}
        <span>
          {t(
            session.source.kind === 'link'
              ? `session.fromLink${what}`
              : `session.fromPermalink${what}`,
            { count: session.runs.length },
          )}
        </span>
      </p>
      <div className="shared-session-actions">
        {onSharedPage ? null : (
          <Link className="button" to={{ ...page, hash: sourceHash(session.source) }}>
            {t(`session.show${what}`)}
          </Link>
        )}
        <button type="button" className="primary" onClick={save}>
          {t('session.save')}
        </button>
        <button type="button" onClick={leave}>
          {t('session.leave')}
        </button>
      </div>
    </section>
  );
}
