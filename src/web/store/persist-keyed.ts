// Keeps one keyed record map of the app state with the workspace: one IndexedDB record a key
// (`<prefix><key>`, in the workspace's store), written when the map changes, read back at
// start-up, and announced to other tabs on a BroadcastChannel so that every tab shows the same.
// A record that does not parse counts as absent; a message that does not parse is ignored.
// The Advice panel's dismissals and the measurement roles set by hand are such maps.
import { delMany, getMany, keys, setMany, type UseStore } from 'idb-keyval';
import type { StoreApi } from 'zustand';
import { workspaceStore } from './persist-keys.ts';
import { useAppStore, type AppState } from './index.ts';

export type KeyedEntry<T> = readonly [string, T];

/** What one kind of keyed record is: where it lives, how it is read, written and applied. */
export interface KeyedRecordsSpec<T> {
  /** IndexedDB key prefix, e.g. `dismissal:`. */
  readonly prefix: string;
  /** The BroadcastChannel's default name. */
  readonly channel: string;
  /** The `type` of the channel's messages. */
  readonly messageType: string;
  /** Longer keys are not ours: skipped when reading, refused in messages. */
  readonly maxKeyLength: number;
  /** The `<html data-…>` attribute (dataset name) that says "false" while a write is pending. */
  readonly savedFlag: string;
  /** A stored or received value, checked; null when it is not one. */
  parse(value: unknown): T | null;
  /** The value as stored (a plain object IndexedDB can clone). */
  toRecord(value: T): unknown;
  /** The map in the app state. */
  select(state: AppState): Readonly<Record<string, T>>;
  /** Sets and removes entries in the app state. */
  apply(state: AppState, set: readonly KeyedEntry<T>[], removed: readonly string[]): void;
}

export interface KeyedRecordsOptions {
  readonly store?: StoreApi<AppState>;
  readonly db?: UseStore;
  readonly channelName?: string;
}

export interface KeyedRecordsPersistence {
  readonly restored: Promise<void>;
  /** Settles once every change made so far is written. */
  settled(): Promise<void>;
  stop(): void;
}

/** The change from one map to the next (entries compared by identity). */
export function keyedDelta<T>(
  prev: Readonly<Record<string, T>>,
  next: Readonly<Record<string, T>>,
): { readonly set: KeyedEntry<T>[]; readonly removed: string[] } {
  const set: KeyedEntry<T>[] = [];
  for (const [k, v] of Object.entries(next)) if (prev[k] !== v) set.push([k, v]);
  const removed = Object.keys(prev).filter((k) => !Object.hasOwn(next, k));
  return { set, removed };
}

function parseMessage<T>(
  spec: KeyedRecordsSpec<T>,
  data: unknown,
): { set: KeyedEntry<T>[]; removed: string[] } | null {
  if (typeof data !== 'object' || data === null) return null;
  const m = data as Record<string, unknown>;
  if (m.type !== spec.messageType || !Array.isArray(m.set) || !Array.isArray(m.removed))
    return null;
  const isKey = (k: unknown): k is string => typeof k === 'string' && k.length <= spec.maxKeyLength;
  const set: KeyedEntry<T>[] = [];
  for (const e of m.set as unknown[]) {
    if (!Array.isArray(e) || !isKey(e[0])) return null;
    const v = spec.parse(e[1]);
    if (v === null) return null;
    set.push([e[0], v]);
  }
  if (!m.removed.every(isKey)) return null;
  return { set, removed: m.removed as string[] };
}

export function persistKeyedRecords<T>(
  spec: KeyedRecordsSpec<T>,
  options: KeyedRecordsOptions = {},
): KeyedRecordsPersistence {
  const store = options.store ?? useAppStore;
  const db = options.db ?? workspaceStore();
  const channel =
    typeof BroadcastChannel === 'function'
      ? new BroadcastChannel(options.channelName ?? spec.channel)
      : null;
  const markSaved = (saved: boolean): void => {
    if (typeof document !== 'undefined')
      document.documentElement.dataset[spec.savedFlag] = String(saved);
  };
  let queue: Promise<void> = Promise.resolve();
  const enqueue = (task: () => Promise<void>): Promise<void> => {
    queue = queue.then(task).catch(() => undefined);
    return queue;
  };
  let takingIn = false;
  let pending = 0;
  markSaved(true);
  const takeIn = (set: readonly KeyedEntry<T>[], removed: readonly string[]) => {
    takingIn = true;
    try {
      spec.apply(store.getState(), set, removed);
    } finally {
      takingIn = false;
    }
  };

  const restored = enqueue(async () => {
    // Keys first, then only this kind's records: file records (whole tables) stay unread.
    const names = (await keys(db)).filter(
      (k): k is string =>
        typeof k === 'string' &&
        k.startsWith(spec.prefix) &&
        k.length <= spec.prefix.length + spec.maxKeyLength,
    );
    const values = await getMany(names, db);
    const saved: KeyedEntry<T>[] = [];
    names.forEach((k, i) => {
      const v = spec.parse(values[i]);
      if (v !== null) saved.push([k.slice(spec.prefix.length), v]);
    });
    // Set before the records were read (a quick click at start-up): those stay.
    const own = spec.select(store.getState());
    takeIn(
      saved.filter(([k]) => !Object.hasOwn(own, k)),
      [],
    );
  });

  const unsubscribe = store.subscribe((state, previous) => {
    if (takingIn) return;
    const next = spec.select(state);
    const prev = spec.select(previous);
    if (next === prev) return;
    const { set, removed } = keyedDelta(prev, next);
    if (set.length === 0 && removed.length === 0) return;
    pending += 1;
    markSaved(false);
    void enqueue(async () => {
      await setMany(
        set.map(([k, v]) => [`${spec.prefix}${k}`, spec.toRecord(v)]),
        db,
      );
      await delMany(
        removed.map((k) => `${spec.prefix}${k}`),
        db,
      );
      channel?.postMessage({ type: spec.messageType, set, removed });
    }).finally(() => {
      pending -= 1;
      if (pending === 0) markSaved(true);
    });
  });

  if (channel) {
    channel.onmessage = (event: MessageEvent<unknown>) => {
      const message = parseMessage(spec, event.data);
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
