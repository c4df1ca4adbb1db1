// Dashboard tabs for the persistence tests: each tab its own store, persisting to one IndexedDB
// (fake-indexeddb) and hearing the other tabs on a channel; a reload is a new tab on the same
// database. Shared by the persistence tests (workspace, dismissals, measurement choices).
import { createStore, type UseStore } from 'idb-keyval';
import { createAppStore, type AppState } from '../store/index.ts';
import { STORE_NAME } from '../store/persist-keys.ts';

export type Store = ReturnType<typeof createAppStore>;

/** What a persistence module gives back: restored, settled, stopped. */
export interface Persistence {
  readonly restored: Promise<void>;
  settled(): Promise<void>;
  stop(): void;
}

export interface Tab<P extends Persistence> {
  readonly store: Store;
  readonly persistence: P;
  state(): AppState;
}

export interface Tabs<P extends Persistence> {
  /** A database no other test has used. */
  freshDatabase(): UseStore;
  /** A page of the dashboard: its own store, persisting to `db`, hearing tabs on `channel`. */
  openTab(db: UseStore, channel?: string): Promise<Tab<P>>;
  /** A page still reading the saved state (`persistence.restored` not yet settled). */
  startTab(db: UseStore, channel?: string): Tab<P>;
  /** Stops every tab opened so far (for `afterEach`). */
  closeAll(): void;
}

export function tabs<P extends Persistence>(options: {
  /** Names the test databases and the default channel apart from other test files'. */
  readonly name: string;
  readonly persist: (args: {
    readonly store: Store;
    readonly db: UseStore;
    readonly channelName: string;
  }) => P;
}): Tabs<P> {
  let databases = 0;
  const open: Tab<P>[] = [];
  const startTab = (db: UseStore, channel = `${options.name}-${databases}`): Tab<P> => {
    const store = createAppStore();
    const persistence = options.persist({ store, db, channelName: channel });
    const tab = { store, persistence, state: () => store.getState() };
    open.push(tab);
    return tab;
  };
  return {
    freshDatabase() {
      databases += 1;
      return createStore(`aoe-dashboard-${options.name}-${databases}`, STORE_NAME);
    },
    startTab,
    async openTab(db, channel) {
      const tab = startTab(db, channel);
      await tab.persistence.restored;
      return tab;
    },
    closeAll() {
      for (const tab of open.splice(0)) tab.persistence.stop();
    },
  };
}

/** Resolves once the tab's state satisfies `predicate` (changes heard arrive as events). */
export function until(
  tab: { readonly store: Store; state(): AppState },
  predicate: (state: AppState) => boolean,
): Promise<void> {
  return new Promise((resolve) => {
    if (predicate(tab.state())) return resolve();
    const unsubscribe = tab.store.subscribe((state) => {
      if (!predicate(state)) return;
      unsubscribe();
      resolve();
    });
  });
}
