// The routes of the dashboard. Each page comes from its owner's feature folder, loaded lazily
// (its code is fetched on first visit) and wrapped in its own error boundary. A shared session
// (a link's or a permalink's runs, read-only) spans the pages: its bar sits above every page, and
// an address naming a share the tab has not opened yet opens it first.
import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes, useLocation } from 'react-router';
import { HomePage } from '../features/home/home-page.tsx';
import { SharedSessionBar } from '../features/shared-view/session-bar.tsx';
import { useAppStore } from '../store/index.ts';
import { sameSource, sourceFromHash } from '../store/slices/shared-session.ts';
import { FeatureBoundary, type FeatureName } from './error-boundary.tsx';
import { PendingView } from './ready-state.tsx';
import { SHELL_NS } from './strings.ts';

function page<K extends string>(
  load: () => Promise<Record<K, ComponentType>>,
  name: K,
): ComponentType {
  const Lazy = lazy(async (): Promise<{ default: ComponentType }> => ({
    default: (await load())[name],
  }));
  return function LazyPage() {
    return <Lazy />;
  };
}

const RunPage = page(() => import('../features/run/run-page.tsx'), 'RunPage');
const ProfilePage = page(() => import('../features/profile/profile-page.tsx'), 'ProfilePage');
const ProfileComparePage = page(
  () => import('../features/profile/profile-compare-page.tsx'),
  'ProfileComparePage',
);
const ComparePage = page(() => import('../features/compare/compare-page.tsx'), 'ComparePage');
const LaunchPage = page(() => import('../features/launch/launch-page.tsx'), 'LaunchPage');
const HistoryPage = page(() => import('../features/history/history-page.tsx'), 'HistoryPage');
const SharedView = page(() => import('../features/shared-view/shared-view.tsx'), 'SharedView');

function Feature({ name, children }: { readonly name: FeatureName; readonly children: ReactNode }) {
  const { t } = useTranslation(SHELL_NS);
  const location = useLocation();
  // Keyed by the path: navigating away from a failed page gives the next one a fresh boundary.
  return (
    <FeatureBoundary key={`${name}:${location.pathname}`} feature={name}>
      <Suspense fallback={<PendingView label={t('loadingPage')} />}>{children}</Suspense>
    </FeatureBoundary>
  );
}

function NotFound() {
  const { t } = useTranslation(SHELL_NS);
  const { pathname } = useLocation();
  return (
    <section className="not-found card">
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound.body', { path: pathname })}</p>
      <Link className="button primary" to="/">
        {t('backToWorkspace')}
      </Link>
    </section>
  );
}

export function AppRoutes() {
  return (
    <>
      <Feature name="shared">
        <SharedSessionBar />
      </Feature>
      <Pages />
    </>
  );
}

function Pages() {
  const { hash } = useLocation();
  const session = useAppStore((s) => s.shared);
  // A share link carries its bundle (or a permalink its id) in the fragment, whatever the path;
  // once the tab has it open, the path's own page shows it.
  const source = sourceFromHash(hash);
  if (source !== null && !sameSource(source, session?.source ?? null)) {
    return (
      <Feature name="shared">
        <SharedView />
      </Feature>
    );
  }
  return (
    <Routes>
      <Route
        index
        element={
          <Feature name="home">
            <HomePage />
          </Feature>
        }
      />
      <Route
        path="run/:fileId/:task"
        element={
          <Feature name="run">
            <RunPage />
          </Feature>
        }
      />
      <Route
        path="profile/:fileId"
        element={
          <Feature name="profile">
            <ProfilePage />
          </Feature>
        }
      />
      <Route
        path="profiles/compare"
        element={
          <Feature name="profile">
            <ProfileComparePage />
          </Feature>
        }
      />
      <Route
        path="compare"
        element={
          <Feature name="compare">
            <ComparePage />
          </Feature>
        }
      />
      <Route
        path="launch"
        element={
          <Feature name="launch">
            <LaunchPage />
          </Feature>
        }
      />
      <Route
        path="history"
        element={
          <Feature name="history">
            <HistoryPage />
          </Feature>
        }
      />
      <Route
        path="r/:permalinkId"
        element={
          <Feature name="shared">
            <SharedView />
          </Feature>
        }
      />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
