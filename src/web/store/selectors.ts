// Derived views of the workspace that several pages need. Plain functions of the state, used as
// `useAppStore(useShallow((s) => selectReports(s)))` so components re-render only on change.
import type { ImportedFile } from '../../core/formats/types.ts';
import type { AppState } from './index.ts';
import { profileOf, reportOf } from '../../core/formats/content.ts';

export function selectOrderedFiles(state: AppState): ImportedFile[] {
  const out: ImportedFile[] = [];
  for (const id of state.order) {
    const file = state.files[id];
    if (file) out.push(file);
  }
  return out;
}

export function selectReports(state: AppState): ImportedFile[] {
  return selectOrderedFiles(state).filter((f) => reportOf(f) !== null);
}

export function selectProfiles(state: AppState): ImportedFile[] {
  return selectOrderedFiles(state).filter((f) => profileOf(f) !== null);
}

/** The profiles linked to a report, in workspace order. */
export function selectLinkedProfiles(state: AppState, reportId: string): ImportedFile[] {
  const ids = state.links[reportId] ?? [];
  return ids.flatMap((id) => {
    const file = state.files[id];
    return file && profileOf(file) ? [file] : [];
  });
}

/** Imports are settled: the saved workspace is restored and no file or demo is being read. */
export function selectReady(state: AppState): boolean {
  return (
    state.hydrated &&
    !state.demoLoading &&
    state.pendingViews === 0 &&
    !state.scanning &&
    state.jobs.every((j) => j.state !== 'queued' && j.state !== 'reading')
  );
}
