// Start-up: restore the saved workspace, keep it saved (and in step with other tabs) from then on,
// and on the very first start (nothing saved, never cleared) load the demo reports through the
// same worker path as a drop; a demo load a reload cut short is finished on the next start.
import { useAppStore } from '../store/index.ts';
import { persistWorkspace } from '../store/persist.ts';
import { persistDismissals } from '../store/persist-dismissals.ts';
import { persistMeasureChoices } from '../store/persist-measure-choices.ts';
import { restoreRecords, warmIngest } from '../workers/ingest.ts';
import { demoPending, loadDemo } from '../workers/demo.ts';

export async function startWorkspace(): Promise<void> {
  warmIngest();
  // The Advice panel's dismissals: small records beside the workspace's, restored alongside.
  void persistDismissals().restored;
  // Roles and batch sizes set by hand on measurement files, likewise.
  void persistMeasureChoices().restored;
  await persistWorkspace({ load: restoreRecords }).restored;
  const state = useAppStore.getState();
  if (state.cleared) return;
  // A demo load cut short by a reload goes on where it stopped, unless the user added files since.
  const onlyDemo = state.order.every((id) => state.demoIds.includes(id));
  if (state.order.length === 0 || (onlyDemo && demoPending())) await loadDemo();
}
