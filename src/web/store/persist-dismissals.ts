// Keeps the Advice panel's dismissals with the workspace: one IndexedDB record a dismissed
// finding (`dismissal:<finding key>`, in the workspace's store), written when the user dismisses
// or restores a finding, read back at start-up, and announced to other tabs on a BroadcastChannel
// so that every tab shows the same findings. A record that does not parse counts as absent.
import { delMany, getMany, keys, setMany, type UseStore } from 'idb-keyval';
import type { StoreApi } from 'zustand';
import { parseDismissal, type Dismissal } from '../../core/advisor/dismissals.ts';
import { workspaceStore } from './persist-keys.ts';
import { useAppStore, type AppState } from './index.ts';

export const DISMISSAL_KEY_PREFIX = 'dismissal:';
export const DISMISSALS_CHANNEL = 'aoe-dashboard-dismissals';
/** Finding keys are rule|files|title: far below this; anything longer is not ours. */
const MAX_KEY_LENGTH = 4096;

type Entry = readonly [string, Dismissal];

interface DismissalsMessage {
  readonly type: 'dismissals-changed';
  readonly set: readonly Entry[];
  readonly removed: readonly string[];
}

function parseEntries(value: unknown): Entry[] | null {
  if (!Array.isArray(value)) return null;
  const out: Entry[] = [];
  for (const e of value) {
    if (!Array.isArray(e) || typeof e[0] !== 'string' || e[0].length > MAX_KEY_LENGTH) return null;
    const d = parseDismissal(e[1]);
    if (!d) return null;
    out.push([e[0], d]);
  }
  return out;
}

function parseMessage(data: unknown): DismissalsMessage | null {
  if (typeof data !== 'object' || data === null) return null;
  const m = data as Record<string, unknown>;
  if (m.type !== 'dismissals-changed') return null;
  const set = parseEntries(m.set);
  const removed = m.removed;
  if (!set || !Array.isArray(removed) || !removed.every((k) => typeof k === 'string')) return null;
  return { type: 'dismissals-changed', set, removed: removed as string[] };
}

/** The change from one dismissals record to the next. */
export function dismissalsDelta(
  prev: Readonly<Record<string, Dismissal>>,
  next: Readonly<Record<string, Dismissal>>,
): { readonly set: Entry[]; readonly removed: string[] } {
  const set: Entry[] = [];
  for (const [k, d] of Object.entries(next)) if (prev[k] !== d) set.push([k, d]);
  const removed = Object.keys(prev).filter((k) => !Object.hasOwn(next, k));
  return { set, removed };
}

export interface DismissalsOptions {
  readonly store?: StoreApi<AppState>;
  readonly db?: UseStore;
  readonly channelName?: string;
}

export interface DismissalsPersistence {
  readonly restored: Promise<void>;
  /** Settles once every change made so far is written. */
  settled(): Promise<void>;
  stop(): void;
}

/**
 * `<html data-dismissals-saved>` is "false" while a dismissal is being written and "true" once it
 * is stored (a reload before that would show the finding again).
 */
function markSaved(saved: boolean): void {
  if (typeof document !== 'undefined')
    document.documentElement.dataset.dismissalsSaved = String(saved);
}

export function persistDismissals(options: DismissalsOptions = {}): DismissalsPersistence {
  const store = options.store ?? useAppStore;
  const db = options.db ?? workspaceStore();
  const channel =
    typeof BroadcastChannel === 'function'
      ? new BroadcastChannel(options.channelName ?? DISMISSALS_CHANNEL)
      : null;
  let queue: Promise<void> = Promise.resolve();
  const enqueue = (task: () => Promise<void>): Promise<void> => {
    queue = queue.then(task).catch(() => undefined);
    return queue;
  };
  let takingIn = false;
  let pending = 0;
  markSaved(true);
  const takeIn = (set: readonly Entry[], removed: readonly string[]) => {
    takingIn = true;
    try {
      store.getState().applyDismissals(set, removed);
    } finally {
      takingIn = false;
    }
  };

  const restored = enqueue(async () => {
    // Keys first, then only the dismissal records: file records (whole tables) stay unread.
    const names = (await keys(db)).filter(
      (k): k is string =>
        typeof k === 'string' &&
        k.startsWith(DISMISSAL_KEY_PREFIX) &&
        k.length <= DISMISSAL_KEY_PREFIX.length + MAX_KEY_LENGTH,
    );
    const values = await getMany(names, db);
    const saved: Entry[] = [];
    names.forEach((k, i) => {
      const d = parseDismissal(values[i]);
      if (d) saved.push([k.slice(DISMISSAL_KEY_PREFIX.length), d]);
    });
    // Dismissed before the records were read (a quick click at start-up): those stay.
    const own = store.getState().dismissals;
    takeIn(
      saved.filter(([k]) => !Object.hasOwn(own, k)),
      [],
    );
  });

  const unsubscribe = store.subscribe((state, previous) => {
    if (takingIn || state.dismissals === previous.dismissals) return;
    const { set, removed } = dismissalsDelta(previous.dismissals, state.dismissals);
    if (set.length === 0 && removed.length === 0) return;
    pending += 1;
    markSaved(false);
    void enqueue(async () => {
      await setMany(
        set.map(([k, d]) => [`${DISMISSAL_KEY_PREFIX}${k}`, { reason: d.reason, at: d.at }]),
        db,
      );
      await delMany(
        removed.map((k) => `${DISMISSAL_KEY_PREFIX}${k}`),
        db,
      );
      const message: DismissalsMessage = { type: 'dismissals-changed', set, removed };
      channel?.postMessage(message);
    }).finally(() => {
      pending -= 1;
      if (pending === 0) markSaved(true);
    });
  });

  if (channel) {
    channel.onmessage = (event: MessageEvent<unknown>) => {
      const message = parseMessage(event.data);
      if (message) takeIn(message.set, message.removed);
    };
  }

  return {
    restored,
    settled: () => enqueue(() => Promise.resolve()),
    stop: () => {
      unsubscribe();
      channel?.close();
    },
  };
}
