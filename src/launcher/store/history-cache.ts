// The history's answers as the routes send them (JSON bytes), cached by the history's write
// version. Fifty people reading a team's history ask the same few questions (a model's points,
// the facets, the first pages of the run list) far more often than a run arrives, and one model's
// points are a megabyte of JSON that the driver has to build row by row: so each distinct
// question is asked of the database once per version, while it is being asked the other readers
// wait for the same answer, and every later reader gets the stored bytes after one cheap version
// check. A run stored by this process or any other server on the database moves the version on
// (for a model's points, that model's version only), so nothing stale is ever served; least
// recently used answers go first past a byte budget.
import type { HistoryFilter, HistoryStore } from './history.ts';

export interface HistoryReader {
  /** `{"points":[…]}` for one model, as HistoryStore.history answers it. */
  points(filter: HistoryFilter & { readonly model: string }): Promise<Buffer>;
  /** `{"rows":[…],"total":n}`, as HistoryStore.listRuns answers it. */
  runs(filter: HistoryFilter, limit: number, offset: number): Promise<Buffer>;
  facets(): Promise<Buffer>;
  /** What the cache holds and how often the database was asked (for tests and the bench). */
  stats(): { hits: number; loads: number; entries: number; bytes: number };
}

/** Large enough for every model's points of a 100,000-run history several times over. */
export const DEFAULT_CACHE_BYTES = 128 * 1024 * 1024;

interface Entry {
  /** The history's version when the answer was last known current. */
  global: number;
  /** The version the answer was read at: the model's own for points, else the history's. */
  readonly version: number;
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
    if (old && old.version > entry.version) return;
    drop(key);
    if (entry.body.length > maxBytes) return;
    entries.set(key, entry);
    bytes += entry.body.length;
    for (const k of entries.keys()) {
      if (bytes <= maxBytes) break;
      drop(k);
    }
  };

  async function answer(
    key: string,
    scoped: (() => Promise<number>) | null,
    load: () => Promise<unknown>,
  ): Promise<Buffer> {
    // Versions are read before the answer is loaded: the answer is then at least as new as them.
    // The history's version first: one cheap query all readers share. While it has not moved,
    // nothing has been stored and every answer is current.
    const global = await store.version();
    const hit = entries.get(key);
    const fresh = (e: Entry) => {
      entries.delete(key);
      entries.set(key, e);
      hits++;
      return e.body;
    };
    if (hit && hit.global === global) return fresh(hit);
    // It moved: a model's points are still current if that model got no run.
    const version = scoped ? await scoped() : global;
    if (hit && hit.version === version) {
      hit.global = Math.max(hit.global, global);
      return fresh(hit);
    }
    const flight = `${version}\n${key}`;
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
      keep(key, { global, version, body });
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
        () => store.version({ model: filter.model, soc: filter.soc, batchSize: filter.batchSize }),
        async () => ({ points: await store.history(filter) }),
      ),
    runs: (filter, limit, offset) =>
      answer(keyOf('runs', filter, [limit, offset]), null, () =>
        store.listRuns(filter, limit, offset),
      ),
    facets: () => answer('facets', null, () => store.facets()),
    stats: () => ({ hits, loads, entries: entries.size, bytes }),
  };
}
