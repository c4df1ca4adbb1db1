// The app root's `data-state`: "ready" once imports have settled (the saved workspace restored,
// no file or demo being read, no page code still loading), "loading" otherwise. End-to-end tests
// and the web bench wait on it instead of sleeping; `data-drops` counts settled drops so a test
// can wait for the one it just made.
import { useEffect } from 'react';
import { selectReady } from '../store/selectors.ts';
import { useAppStore } from '../store/index.ts';

export function ReadyState({ rootId }: { readonly rootId: string }) {
  const ready = useAppStore(selectReady);
  const drops = useAppStore((s) => s.settledDrops);
  useEffect(() => {
    const root = document.getElementById(rootId);
    if (!root) return;
    root.dataset.state = ready ? 'ready' : 'loading';
    root.dataset.drops = String(drops);
  }, [ready, drops, rootId]);
  return null;
}

/** Rendered as a Suspense fallback: counts as a pending view while it is on screen. */
export function PendingView({ label }: { readonly label: string }) {
  const viewPending = useAppStore((s) => s.viewPending);
  useEffect(() => {
    viewPending(1);
    return () => viewPending(-1);
  }, [viewPending]);
  return (
    <p className="page-loading muted" role="status">
      {label}
    </p>
  );
}
