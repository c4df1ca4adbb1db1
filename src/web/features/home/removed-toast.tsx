// Remove with undo: removing a file card keeps what is needed to put it back (its place, demo
// mark and links) and offers Undo in a toast until the next removal or a dismissal. Undo puts
// the file back and moves focus to its card.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { create } from 'zustand';
import type { RemovedFile } from '../../store/slices/workspace.ts';
import { useAppStore } from '../../store/index.ts';
import { HOME_NS } from './strings.ts';

interface UndoState {
  readonly removed: RemovedFile | null;
  offer(removed: RemovedFile): void;
  dismiss(): void;
}

const useUndo = create<UndoState>((set) => ({
  removed: null,
  offer: (removed) => set({ removed }),
  dismiss: () => set({ removed: null }),
}));

/** Removes a file from the workspace and offers to undo it. */
export function useRemoveWithUndo(): (id: string) => void {
  const takeOut = useAppStore((s) => s.takeOut);
  const offer = useUndo((s) => s.offer);
  return (id) => {
    const removed = takeOut(id);
    if (removed) offer(removed);
  };
}

/** Scrolls a file card into view and focuses it (cards take focus programmatically only). */
export function focusFileCard(id: string): void {
  requestAnimationFrame(() => {
    const card = document.querySelector<HTMLElement>(
      `[data-testid="file-card"][data-file-id="${CSS.escape(id)}"]`,
    );
    if (!card) return;
    card.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    card.focus({ preventScroll: true });
  });
}

export function RemovedToast() {
  const { t } = useTranslation(HOME_NS);
  const removed = useUndo((s) => s.removed);
  const dismiss = useUndo((s) => s.dismiss);
  const putBack = useAppStore((s) => s.putBack);
  const undoRef = useRef<HTMLButtonElement>(null);
  // Leaving the page drops the offer: an undo later, elsewhere, would surprise.
  useEffect(() => dismiss, [dismiss]);
  if (!removed) return null;
  return (
    <div className="removed-toast card" role="status" data-testid="removed-toast">
      <span>{t('file.removed', { name: removed.file.fileName })}</span>
      <button
        ref={undoRef}
        type="button"
        onClick={() => {
          putBack(removed);
          dismiss();
          focusFileCard(removed.file.id);
        }}
      >
        {t('file.undo')}
      </button>
      <button
        type="button"
        className="removed-toast-close"
        onClick={dismiss}
        aria-label={t('file.dismissUndo')}
      >
        ×
      </button>
    </div>
  );
}
