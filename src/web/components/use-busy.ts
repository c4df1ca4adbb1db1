// Lets a page hold the app's `data-state` at "loading" while it does asynchronous work of its own
// (decoding a share link, fetching from the launcher), so tests and the bench wait for it too:
// `useBusy(decoding)`.
import { useEffect } from 'react';
import { useAppStore } from '../store/index.ts';

export function useBusy(busy: boolean): void {
  const viewPending = useAppStore((s) => s.viewPending);
  useEffect(() => {
    if (!busy) return;
    viewPending(1);
    return () => viewPending(-1);
  }, [busy, viewPending]);
}
