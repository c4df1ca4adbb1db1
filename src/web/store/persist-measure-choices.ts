// Keeps the roles and batch sizes set by hand on measurement files with the workspace: one
// IndexedDB record a file (`measure-choice:<file id>`, in the workspace's store), written when the
// user sets or clears a choice, read back at start-up, and announced to other tabs on a
// BroadcastChannel. A record that does not parse counts as absent. A file's id is the hash of its
// bytes, so a file dropped again later finds the choice made for it.
import { delMany, getMany, keys, setMany, type UseStore } from 'idb-keyval';
import type { StoreApi } from 'zustand';
import type { MeasureChoice } from '../../core/model/run.ts';
import { workspaceStore } from './persist-keys.ts';
import { parseMeasureChoice } from './slices/measure-choices.ts';
import { useAppStore, type AppState } from './index.ts';

export const MEASURE_CHOICE_KEY_PREFIX = 'measure-choice:';
export const MEASURE_CHOICES_CHANNEL = 'aoe-dashboard-measure-choices';
/** File ids are sha-256 hex; anything much longer is not ours. */
const MAX_ID_LENGTH = 256;

type Entry = readonly [string, MeasureChoice];

interface ChoicesMessage {
  readonly type: 'measure-choices-changed';
  readonly set: readonly Entry[];
  readonly removed: readonly string[];
}

const isId = (v: unknown): v is string => typeof v === 'string' && v.length <= MAX_ID_LENGTH;

function parseMessage(data: unknown): ChoicesMessage | null {
  if (typeof data !== 'object' || data === null) return null;
  const m = data as Record<string, unknown>;
  if (m.type !== 'measure-choices-changed' || !Array.isArray(m.set) || !Array.isArray(m.removed))
    return null;
  const set: Entry[] = [];
  for (const e of m.set as unknown[]) {
    if (!Array.isArray(e) || !isId(e[0])) return null;
    const c = parseMeasureChoice(e[1]);
    if (!c) return null;
    set.push([e[0], c]);
  }
  if (!m.removed.every(isId)) return null;
  return { type: 'measure-choices-changed', set, removed: m.removed as string[] };
}

/** The change from one choices record to the next. */
export function measureChoicesDelta(
  prev: Readonly<Record<string, MeasureChoice>>,
  next: Readonly<Record<string, MeasureChoice>>,
): { readonly set: Entry[]; readonly removed: string[] } {
  const set: Entry[] = [];
  for (const [k, c] of Object.entries(next)) if (prev[k] !== c) set.push([k, c]);
  const removed = Object.keys(prev).filter((k) => !Object.hasOwn(next, k));
  return { set, removed };
}

export interface MeasureChoicesOptions {
  readonly store?: StoreApi<AppState>;
  readonly db?: UseStore;
  readonly channelName?: string;
}

export interface MeasureChoicesPersistence {
  readonly restored: Promise<void>;
  /** Settles once every change made so far is written. */
  settled(): Promise<void>;
  stop(): void;
}

/**
 * `<html data-choices-saved>` is "false" while a choice is being written and "true" once it is
 * stored (a reload before that would show the evidence's role again).
 */
function markSaved(saved: boolean): void {
  if (typeof document !== 'undefined')
    document.documentElement.dataset.choicesSaved = String(saved);
}

export function persistMeasureChoices(
  options: MeasureChoicesOptions = {},
): MeasureChoicesPersistence {
  const store = options.store ?? useAppStore;
  const db = options.db ?? workspaceStore();
  const channel =
    typeof BroadcastChannel === 'function'
      ? new BroadcastChannel(options.channelName ?? MEASURE_CHOICES_CHANNEL)
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
      store.getState().applyMeasureChoices(set, removed);
    } finally {
      takingIn = false;
    }
  };

  const restored = enqueue(async () => {
    // Keys first, then only the choice records: file records (whole tables) stay unread.
    const names = (await keys(db)).filter(
      (k): k is string =>
        typeof k === 'string' &&
        k.startsWith(MEASURE_CHOICE_KEY_PREFIX) &&
        k.length <= MEASURE_CHOICE_KEY_PREFIX.length + MAX_ID_LENGTH,
    );
    const values = await getMany(names, db);
    const saved: Entry[] = [];
    names.forEach((k, i) => {
      const c = parseMeasureChoice(values[i]);
      if (c) saved.push([k.slice(MEASURE_CHOICE_KEY_PREFIX.length), c]);
    });
    // Chosen before the records were read (a quick click at start-up): those stay.
    const own = store.getState().measureChoices;
    takeIn(
      saved.filter(([k]) => !Object.hasOwn(own, k)),
      [],
    );
  });

  const unsubscribe = store.subscribe((state, previous) => {
    if (takingIn || state.measureChoices === previous.measureChoices) return;
    const { set, removed } = measureChoicesDelta(previous.measureChoices, state.measureChoices);
    if (set.length === 0 && removed.length === 0) return;
    pending += 1;
    markSaved(false);
    void enqueue(async () => {
      await setMany(
        set.map(([k, c]) => [`${MEASURE_CHOICE_KEY_PREFIX}${k}`, { ...c }]),
        db,
      );
      await delMany(
        removed.map((k) => `${MEASURE_CHOICE_KEY_PREFIX}${k}`),
        db,
      );
      const message: ChoicesMessage = { type: 'measure-choices-changed', set, removed };
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
