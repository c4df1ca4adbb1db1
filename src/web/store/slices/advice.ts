// Findings the user dismissed on the Advice panel, with the reason, by finding key
// (core/advisor/dismissals.ts). Kept with the workspace in IndexedDB (persist-dismissals.ts), so a
// dismissal holds after a reload and in every tab.
import type { StateCreator } from 'zustand';
import { cleanReason, type Dismissal } from '../../../core/advisor/dismissals.ts';

export interface AdviceSlice {
  readonly dismissals: Readonly<Record<string, Dismissal>>;
  dismissFinding(key: string, reason: string): void;
  /** Shows a dismissed finding again. */
  restoreFinding(key: string): void;
  /** Puts dismissals read from storage or heard from another tab in place (no write back). */
  applyDismissals(set: readonly (readonly [string, Dismissal])[], removed: readonly string[]): void;
}

const copy = (d: Readonly<Record<string, Dismissal>>): Record<string, Dismissal> =>
  Object.assign(Object.create(null) as Record<string, Dismissal>, d);

export const createAdviceSlice: StateCreator<AdviceSlice, [], [], AdviceSlice> = (set) => ({
  dismissals: Object.create(null) as Record<string, Dismissal>,

  dismissFinding: (key, reason) =>
    set((state) => {
      const next = copy(state.dismissals);
      next[key] = { reason: cleanReason(reason), at: new Date().toISOString() };
      return { dismissals: next };
    }),

  restoreFinding: (key) =>
    set((state) => {
      if (!Object.hasOwn(state.dismissals, key)) return {};
      const next = copy(state.dismissals);
      delete next[key];
      return { dismissals: next };
    }),

  applyDismissals: (entries, removed) =>
    set((state) => {
      if (entries.length === 0 && removed.length === 0) return {};
      const next = copy(state.dismissals);
      for (const k of removed) delete next[k];
      for (const [k, d] of entries) next[k] = d;
      return { dismissals: next };
    }),
});
