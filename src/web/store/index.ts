// The dashboard's one store, built from slices (zustand 5). Feature pages read it with selectors
// (`useShallow` for arrays and objects) and never keep copies of model data in their own state.
import { create } from 'zustand';
import { createAdviceSlice, type AdviceSlice } from './slices/advice.ts';
import { createIngestSlice, type IngestSlice } from './slices/ingest.ts';
import { createMeasureChoicesSlice, type MeasureChoicesSlice } from './slices/measure-choices.ts';
import { createSharedSessionSlice, type SharedSessionSlice } from './slices/shared-session.ts';
import { createWorkspaceSlice, type WorkspaceSlice } from './slices/workspace.ts';

export type AppState = WorkspaceSlice &
  IngestSlice &
  SharedSessionSlice &
  AdviceSlice &
  MeasureChoicesSlice;

/** A store of its own: the page has one (`useAppStore`); tests make one per simulated tab. */
export function createAppStore() {
  return create<AppState>()((...args) => ({
    ...createWorkspaceSlice(...args),
    ...createIngestSlice(...args),
    ...createSharedSessionSlice(...args),
    ...createAdviceSlice(...args),
    ...createMeasureChoicesSlice(...args),
  }));
}

export const useAppStore = createAppStore();

/** Back to the state of a fresh page (tests reset the store between cases). */
export function resetAppStore(): void {
  useAppStore.setState(useAppStore.getInitialState(), true);
}

export type { ImportedFile } from '../../core/formats/types.ts';
export type { AddFilesOptions, WorkspaceState } from './slices/workspace.ts';
export type { IngestJob, SkippedFile, SkipReason } from './slices/ingest.ts';
export type { SharedSession, SharedSource } from './slices/shared-session.ts';
