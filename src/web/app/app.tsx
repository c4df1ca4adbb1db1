// The application: router, header, the routed page, and the root's ready signal.
import { useEffect, useRef } from 'react';
import { BrowserRouter, useLocation } from 'react-router';
import { FeatureBoundary } from './error-boundary.tsx';
import { Header } from './header.tsx';
import { ReadyState } from './ready-state.tsx';
import { AppRoutes } from './routes.tsx';
import './strings.ts';
import './app.css';

/**
 * A file dropped outside the drop zone would make the browser open it in place of the app (and
 * lose the page): outside the zone, drops are refused.
 */
function useRefuseStrayDrops(): void {
  useEffect(() => {
    const refuse = (event: DragEvent) => {
      if (event.defaultPrevented) return; // the drop zone took it
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'none';
    };
    window.addEventListener('dragover', refuse);
    window.addEventListener('drop', refuse);
    return () => {
      window.removeEventListener('dragover', refuse);
      window.removeEventListener('drop', refuse);
    };
  }, []);
}

/**
 * After navigating to another page, keyboard and screen-reader users start at its content rather
 * than at the top of the header. Not on the first render (the page just loaded).
 */
function FocusOnNavigation() {
  const { pathname } = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    document.getElementById('content')?.focus({ preventScroll: true });
  }, [pathname]);
  return null;
}

export function App({ rootId }: { readonly rootId: string }) {
  useRefuseStrayDrops();
  return (
    // View state (tabs, filters, sort, column visibility) lives in the URL and drives controlled
    // inputs; applied in a transition, a checkbox would snap back until the transition commits.
    // Heavy work that follows a change is deferred where it runs (useDeferredValue).
    <BrowserRouter useTransitions={false}>
      <ReadyState rootId={rootId} />
      <FocusOnNavigation />
      {/* The last resort, should the header itself fail: still a message and a way back. */}
      <FeatureBoundary feature="app">
        <Header />
        <div id="content" className="app-content" tabIndex={-1}>
          <AppRoutes />
        </div>
      </FeatureBoundary>
    </BrowserRouter>
  );
}
