// The ingest worker: reads a File in chunks (`file.stream()`) and parses them as they arrive
// while the file's id is hashed beside it (stream-import.ts, file-hash.ts) — a large kernel table
// is read instead as byte ranges by range workers of its own, one per core (range-read.ts) —
// sends the result to the page with the table's buffers transferred, then saves it in IndexedDB
// (the file record and a provisional entry, in one transaction, so a reload from then on keeps
// it) and tells the page whether that worked. Only this worker writes file records: a large table
// is never cloned on the page's main thread. Parsing here keeps the page responsive; canceling
// terminates this worker (and its range workers). At start-up it also reads the saved workspace
// back, for the same reason.
import { getMany } from 'idb-keyval';
import { storeFileRecords, workspaceStore } from '../store/persist-keys.ts';
import { hashFile, warmHashWorker } from './file-hash.ts';
import { chunksOf } from './sha256-stream.ts';
import { importStream } from './stream-import.ts';
import { browserFormatHost } from './sql-host.ts';
import { MIN_RANGED_BYTES, readFileInRanges, type RangeRunner } from './range-read.ts';
import { canStartWorkers, RangePool } from './range-pool.ts';
import {
  recordTransferables,
  tableTransferables,
  withTableCopy,
  type FromWorker,
  type IngestPhase,
  type IngestTiming,
  type ToWorker,
} from './protocol.ts';

// A worker module's global scope; typed narrowly so the DOM lib's `postMessage` is not used.
const scope = globalThis as unknown as {
  postMessage(message: FromWorker, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<ToWorker>) => void): void;
};

const PROGRESS_INTERVAL_MS = 50;
/** Byte ranges of a large kernel table read at once: one per core, 2 to 4. */
const RANGES = Math.max(2, Math.min(4, globalThis.navigator?.hardwareConcurrency ?? 2));
let rangePool: RangePool | null = null;

function progressReporter(jobId: string, total: number) {
  let last = 0;
  return (phase: IngestPhase, done: number, force = false) => {
    const now = performance.now();
    if (!force && now - last < PROGRESS_INTERVAL_MS) return;
    last = now;
    scope.postMessage({ type: 'progress', jobId, phase, done, total });
  };
}

async function importFile(message: Extract<ToWorker, { type: 'import' }>): Promise<void> {
  const { jobId, file, path, demo } = message;
  const report = progressReporter(jobId, file.size);
  const onProgress = (done: number) => report('parsing', done);
  // Reading starts now: the page shows the file as being read, not as waiting for a worker.
  report('parsing', 0, true);
  const marks: Record<string, number> = {};
  const mark = (name: string) => (marks[name] = performance.timeOrigin + performance.now());
  mark('start');
  // A file hashed in the hash worker: that worker loads while the head and plan are read. So do
  // the range workers for a table large enough to be read in ranges (a CSV: the tables read in
  // ranges are; the head decides).
  warmHashWorker(file.size);
  if (file.size >= MIN_RANGED_BYTES && /\.csv$/i.test(path) && canStartWorkers()) {
    (rangePool ??= new RangePool(RANGES)).warm();
  }
  let hash: IngestTiming['hash'] = null;
  const id = () => {
    mark('hashStart');
    return hashFile(file).then((digest) => {
      mark('hashEnd');
      hash = digest.path;
      return digest.hex;
    });
  };
  const imported = await importStream(path, file.size, chunksOf(file.stream()), id, {
    onProgress,
    host: browserFormatHost,
    readRanges: (format, fileName, startId) => {
      if (file.size < MIN_RANGED_BYTES || !canStartWorkers()) return Promise.resolve(null);
      const pool = (rangePool ??= new RangePool(RANGES));
      // The range workers load their code while the plan is read, not after it.
      pool.warm();
      const run: RangeRunner = (request, onBytes) => {
        // The plan is read: the hash may read the file now, beside the ranges.
        startId();
        const firstBytes = (done: number) => {
          if (marks.rangeBytes === undefined) mark('rangeBytes');
          onBytes(done);
        };
        return pool.run(request, firstBytes).then((part) => {
          mark('rangesRead');
          return part;
        });
      };
      const read = readFileInRanges(file, fileName, format, RANGES, run, onProgress);
      return read.finally(() => mark('rangesMerged'));
    },
  });
  mark('imported');
  // The page has the file first; storing it (seconds for a large table) follows.
  const forPage = withTableCopy(imported);
  mark('posted');
  scope.postMessage(
    { type: 'done', jobId, file: forPage, timing: { hash, marks } },
    tableTransferables(forPage),
  );
  let ok = true;
  try {
    // An entry already there (the page placed the file, or it was loaded before in another tab)
    // is kept; otherwise a provisional one, which the page replaces when it places the file.
    await storeFileRecords(
      workspaceStore(),
      imported,
      (stored) => stored ?? { version: 2, addedAt: Date.now(), demo, links: [], provisional: true },
    );
  } catch {
    // IndexedDB unavailable or full: the page keeps the file for this session and says so.
    ok = false;
  }
  scope.postMessage({ type: 'stored', jobId, ok });
}

async function restore(requestId: string, keys: readonly string[]): Promise<void> {
  let records: unknown[] = [];
  try {
    records = await getMany([...keys], workspaceStore());
  } catch {
    // Storage unreadable: nothing comes back, and the page starts with an empty workspace.
  }
  scope.postMessage({ type: 'restored', requestId, records }, recordTransferables(records));
}

scope.addEventListener('message', (event) => {
  const message = event.data;
  if (message.type === 'restore') {
    void restore(message.requestId, message.keys);
    return;
  }
  if (message.type !== 'import') return;
  importFile(message).catch((error: unknown) => {
    // Only a bug gets here (importers return issues, never throw): report it as such.
    const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    scope.postMessage({ type: 'failed', jobId: message.jobId, message: text });
  });
});
