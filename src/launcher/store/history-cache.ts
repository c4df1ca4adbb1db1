// The history's answers as the routes send them (JSON bytes), cached. Fifty people reading a
// team's history ask the same few questions (a model's points, the facets, the first pages of the
// run list) far more often than a run arrives, and one model's points are a megabyte of JSON that
// the driver has to build row by row: so each distinct question is asked of the database once,
// while it is being asked the other readers wait for the same answer, and later readers get the
// stored bytes until a run that bears on it is stored.
//
// Which runs were stored is heard from the store's watch (HistoryStore.watch): on SQLite every
// run this launcher stores; on PostgreSQL, in addition, every run any server on the database
// stores (LISTEN/NOTIFY, the notice sent in the insert's transaction). While the watch is live a
// cached answer is served with no question to the database at all, and a run of one model leaves
// the other models' points cached. A run stored by another server is heard of as soon as its
// notice arrives (milliseconds after its commit); this server's own runs at once. When the watch
// is not live (the listening connection is down, or its heartbeat has not answered lately),
// every answer is checked against the history's write version instead (one shared one-row
// query, and a model's run count when it moved), as it was before the watch. Least recently
// used answers go first past a byte budget.
import type { HistoryFilter, HistoryStore } from './history.ts';

export interface HistoryReader {
  /** `{"points":[…]}` for one model, as HistoryStore.history answers it. */
  points(filter: HistoryFilter & { readonly model: string }): Promise<Buffer>;
  /** `{"rows":[…],"total":n}`, as HistoryStore.listRuns answers it. */
  runs(filter: HistoryFilter, limit: number, offset: number): Promise<Buffer>;
  facets(): Promise<Buffer>;
  /** What the cache holds and how often the database was asked (for tests and the bench). */
  stats(): { hits: number; loads: number; entries: number; bytes: number; live: boolean };
  /** Stops hearing of stored runs. */
  close(): Promise<void>;
}

/** Large enough for every model's points of a 100,000-run history several times over. */
export const DEFAULT_CACHE_BYTES = 128 * 1024 * 1024;

interface Entry {
  /** The history's version when the answer was last known current (-1: not read). */
  global: number;
  /** The version the answer was read at: the model's own for points, else the history's. */
  readonly version: number;
  /** What had been heard of stored runs when it was last known current (the watch's counters). */
  heard: number;
  readonly body: Buffer;
}

/** The same question whatever order its hosts and users were named in. */
function keyOf(kind: string, filter: HistoryFilter, extra: readonly number[] = []): string {
  const sorted = (v: readonly string[] | undefined) => (v ? [...v].sort() : null);
  return JSON.stringify([
    kind,
    filter.model ?? null,
    filter.soc === undefined ? 'any' : filter.soc,
    filter.batchSize === undefined ? 'any' : filter.batchSize,
    sorted(filter.hosts),
    sorted(filter.users),
    filter.from ?? null,
    filter.to ?? null,
    ...extra,
  ]);
}

export function historyReader(
  store: HistoryStore,
  options: { maxBytes?: number } = {},
): HistoryReader {
  const maxBytes = options.maxBytes ?? DEFAULT_CACHE_BYTES;
  // A Map iterates in insertion order: re-inserting on a hit keeps the least recent first.
  const entries = new Map<string, Entry>();
  const loading = new Map<string, Promise<Buffer>>();
  let bytes = 0;
  let hits = 0;
  let loads = 0;

  const drop = (key: string) => {
    const e = entries.get(key);
    if (!e) return;
    entries.delete(key);
    bytes -= e.body.length;
  };

  const keep = (key: string, entry: Entry) => {
    const old = entries.get(key);
    // A slower load of an older version must not replace a newer answer.
    if (old && (entry.version === -1 ? old.heard > entry.heard : old.version > entry.version)) {
      return;
    }
    drop(key);
    if (entry.body.length > maxBytes) return;
    entries.set(key, entry);
    bytes += entry.body.length;
    for (const k of entries.keys()) {
      if (bytes <= maxBytes) break;
      drop(k);
    }
  };

  // What the store's watch has told: every run stored (`changes`), counted per model, per model
  // SoC and batch size, per host and per user (`counts`), and how often runs may have gone
  // unheard (`resets`: the listening connection came back).
  let changes = 0;
  let resets = 0;
  const counts = new Map<string, number>();
  const exact = (m: { model: string; soc?: string | null; batchSize?: number | null }) =>
    JSON.stringify(['m', m.model, m.soc ?? null, m.batchSize ?? null]);
  const modelKey = (model: string) => JSON.stringify(['m', model]);
  const hostKey = (host: string) => JSON.stringify(['h', host]);
  const userKey = (user: string) => JSON.stringify(['u', user]);
  const count = (k: string) => counts.set(k, (counts.get(k) ?? 0) + 1);
  const watch = store.watch((run) => {
    changes++;
    if (run === null) {
      resets++;
      return;
    }
    count(modelKey(run.model));
    count(exact(run));
    count(hostKey(run.host));
    count(userKey(run.user));
  });
  /**
   * What had been heard that bears on an answer. A run can change an answer only if it matches
   * the question's filter, so one of the filter's parts is enough to watch: the model (at its SoC
   * and batch size when the question names both), else its hosts, else its users. The facets
   * and the unfiltered run list: every run.
   */
  const heardFor = (filter: HistoryFilter | null) => {
    const sum = (keys: readonly string[]) => keys.reduce((n, k) => n + (counts.get(k) ?? 0), 0);
    let n: number;
    if (filter === null) return changes;
    if (filter.model !== undefined) {
      n = sum([
        filter.soc !== undefined && filter.batchSize !== undefined
          ? exact({ model: filter.model, soc: filter.soc, batchSize: filter.batchSize })
          : modelKey(filter.model),
      ]);
    } else if (filter.hosts?.length) n = sum(filter.hosts.map(hostKey));
    else if (filter.users?.length) n = sum(filter.users.map(userKey));
    else return changes;
    return resets * 2 ** 26 + n;
  };

  async function answer(
    key: string,
    question: HistoryFilter | null,
    scoped: (() => Promise<number>) | null,
    load: () => Promise<unknown>,
  ): Promise<Buffer> {
    const hit = entries.get(key);
    const fresh = (e: Entry) => {
      entries.delete(key);
      entries.set(key, e);
      hits++;
      return e.body;
    };
    // Heard of every run stored: an answer nothing was heard against since it was asked is
    // current, with no question to the database.
    const heard = heardFor(question);
    const live = watch.live();
    if (live && hit && hit.heard === heard) return fresh(hit);
    if (live && !(hit && hit.global >= 0)) {
      return loadOnce(key, `heard ${heard}`, { global: -1, version: -1, heard }, load);
    }
    // Otherwise the versions, read before the answer is loaded: the answer is then at least as
    // new as them. The history's version first: one cheap query all readers share. While it has
    // not moved, nothing has been stored and every answer is current (and is so for as long as
    // nothing more is heard: what is heard from here on was stored after that query).
    const global = await store.version();
    if (hit && hit.global === global) {
      hit.heard = heard;
      return fresh(hit);
    }
    // It moved: a model's points are still current if that model got no run.
    const version = scoped ? await scoped() : global;
    if (hit && hit.version === version) {
      hit.global = Math.max(hit.global, global);
      hit.heard = heard;
      return fresh(hit);
    }
    return loadOnce(key, `version ${version}`, { global, version, heard }, load);
  }

  /** Asks the database once for everyone who asks the same question at the same state. */
  async function loadOnce(
    key: string,
    state: string,
    tags: Omit<Entry, 'body'>,
    load: () => Promise<unknown>,
  ): Promise<Buffer> {
    const flight = `${state}\n${key}`;
    const pending = loading.get(flight);
    if (pending) {
      hits++;
      return pending;
    }
    loads++;
    const p = load().then((value) => Buffer.from(JSON.stringify(value)));
    loading.set(flight, p);
    try {
      const body = await p;
      keep(key, { ...tags, body });
      return body;
    } finally {
      loading.delete(flight);
    }
  }

  return {
    // A model's points change only with a run of that model: the other models' stay cached.
    points: (filter) =>
      answer(
        keyOf('points', filter),
        filter,
        () => store.version({ model: filter.model, soc: filter.soc, batchSize: filter.batchSize }),
        async () => ({ points: await store.history(filter) }),
      ),
    runs: (filter, limit, offset) =>
      answer(keyOf('runs', filter, [limit, offset]), filter, null, () =>
        store.listRuns(filter, limit, offset),
      ),
    facets: () => answer('facets', null, null, () => store.facets()),
    stats: () => ({ hits, loads, entries: entries.size, bytes, live: watch.live() }),
    close: () => watch.stop(),
  };
}
