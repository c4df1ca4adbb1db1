// Loading files into the workspace: each file goes through the ingest worker pool, shows its
// progress, and joins the workspace as soon as it is parsed (the worker stores it afterwards) (a slow 100 MB profile does not hold
// back the reports dropped with it). When the whole drop has settled, reports and profiles that
// came together — in one drop of loose files, or from one dropped folder — are linked.
import type { ImportedFile, ImportIssue } from '../../core/formats/types.ts';
import { useAppStore } from '../store/index.ts';
import { autoLinks } from './auto-links.ts';
import { IngestPool, type IngestProgress } from './ingest-pool.ts';
import type { IngestTiming } from './protocol.ts';

export interface IngestEntry {
  readonly file: File;
  /** Path inside a dropped folder (`PROF_x/device_0/summary/op_summary_0.csv`) or the name. */
  readonly path: string;
}

export interface IngestOptions {
  readonly demo?: boolean;
  /**
   * Files already in the workspace that belong with these (the demo files stored before a reload
   * cut the demo short): candidates for the links made once these are loaded.
   */
  readonly alongside?: readonly { readonly path: string; readonly file: ImportedFile }[];
}

const POOL_SIZE = Math.max(1, Math.min(3, (globalThis.navigator?.hardwareConcurrency ?? 2) - 1));
let pool: IngestPool | null = null;
let nextJob = 0;

function getPool(): IngestPool {
  pool ??= new IngestPool(POOL_SIZE);
  return pool;
}

/** Starts a worker ahead of the first drop. */
export function warmIngest(): void {
  getPool().warm();
}

export function cancelIngest(jobId: string): void {
  getPool().cancel(jobId);
}

/** Reads saved workspace records in a worker (their tables arrive transferred, not cloned). */
export function restoreRecords(keys: readonly string[]): Promise<readonly unknown[]> {
  return getPool().restore(keys);
}

/** Stops every file being read or waiting (clearing the workspace must not be undone by them). */
export function cancelAllIngest(): void {
  pool?.cancelAll();
}

/**
 * The largest file one tab loads: the worker holds the bytes and the parsed table at once, and
 * browsers refuse (or crash) well before a few GB. Larger tables are for the command line.
 */
export const MAX_FILE_BYTES = 1.5 * 1024 ** 3;

function tooLarge(entry: IngestEntry): ImportedFile {
  return notImported(entry, {
    code: 'TOO_LARGE',
    severity: 'error',
    message: `The file is ${entry.file.size} bytes, more than a browser tab can load (${MAX_FILE_BYTES}); read it with \`aoe-dashboard inspect\` on the command line.`,
    expected: `≤ ${MAX_FILE_BYTES} bytes`,
    found: `${entry.file.size} bytes`,
  });
}

/**
 * A file that could not be imported at all (too large, or the worker crashed on it): still
 * listed, with its one error, never a silent loss. Its id is random: there is no hash of it.
 */
function notImported(entry: IngestEntry, issue: ImportIssue): ImportedFile {
  return {
    id: `failed-${randomId()}`,
    fileName: entry.path,
    size: entry.file.size,
    format: 'unknown',
    ok: false,
    issues: [issue],
    content: null,
  };
}

/**
 * 128 random bits, hex. Not `crypto.randomUUID`: it exists only in secure contexts, and teams open
 * the launcher over plain http from other machines (`getRandomValues` is there everywhere).
 */
function randomId(): string {
  const bits = globalThis.crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bits, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * How the worker read a file, as a performance mark (`ingest <path>`, its detail the timing, the
 * steps in the page's clock): what the bench reports and a profile of a slow load shows.
 */
function markTiming(path: string, timing: IngestTiming | undefined): void {
  if (!timing || typeof performance.mark !== 'function') return;
  const steps: Record<string, number> = {};
  for (const [name, at] of Object.entries(timing.marks)) steps[name] = at - performance.timeOrigin;
  try {
    performance.mark(`ingest ${path}`, { detail: { hash: timing.hash, steps } });
  } catch {
    // A mark is only a help: never a reason for a load to fail.
  }
}

async function ingestOne(entry: IngestEntry, options: IngestOptions): Promise<ImportedFile | null> {
  const store = useAppStore.getState();
  if (entry.file.size > MAX_FILE_BYTES) {
    const file = tooLarge(entry);
    store.addFiles([file], options);
    return file;
  }
  const jobId = `job-${++nextJob}`;
  const base = {
    id: jobId,
    path: entry.path,
    size: entry.file.size,
    ...(options.demo === true ? { demo: true } : {}),
  };
  store.upsertJob({ ...base, phase: 'reading', done: 0, state: 'queued' });
  const onProgress = (p: IngestProgress) =>
    useAppStore.getState().upsertJob({ ...base, phase: p.phase, done: p.done, state: 'reading' });
  const outcome = await getPool().run(
    jobId,
    entry.file,
    entry.path,
    onProgress,
    options.demo === true,
  );
  const after = useAppStore.getState();
  if (outcome.kind === 'canceled') {
    after.upsertJob({ ...base, phase: 'reading', done: 0, state: 'canceled' });
    return null;
  }
  const file =
    outcome.kind === 'done'
      ? outcome.file
      : notImported(entry, { code: 'UNREADABLE', severity: 'error', message: outcome.message });
  if (outcome.kind === 'done') {
    markTiming(entry.path, outcome.timing);
    // The worker stores the file now that the page has it; until it says so, the page writes
    // only the file's place in the workspace.
    after.fileSaving(file.id);
    void outcome.stored.then((ok) => useAppStore.getState().fileStored(file.id, ok));
  }
  after.addFiles([file], options);
  after.upsertJob({
    ...base,
    phase: 'parsing',
    done: entry.file.size,
    state: outcome.kind === 'done' ? 'done' : 'failed',
  });
  return file;
}

/** Loads the entries into the workspace; resolves with what was loaded (canceled ones left out). */
export async function ingestFiles(
  entries: readonly IngestEntry[],
  options: IngestOptions = {},
): Promise<ImportedFile[]> {
  const results = await Promise.all(entries.map((e) => ingestOne(e, options)));
  const imported = results.flatMap((file, i) => {
    const entry = entries[i];
    return file && entry ? [{ path: entry.path, file }] : [];
  });
  const store = useAppStore.getState();
  const candidates = [...(options.alongside ?? []), ...imported];
  for (const [reportId, profileId] of autoLinks(candidates)) store.linkProfile(reportId, profileId);
  store.pruneJobs();
  return imported.map((i) => i.file);
}
