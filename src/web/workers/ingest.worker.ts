// The ingest worker: reads one File at a time in chunks (`file.stream()`), feeds the core import,
// saves the result in IndexedDB (the file record and a provisional entry, in one transaction, so
// a reload from now on keeps it) and sends it to the page with the table's buffers transferred.
// Parsing a 100 MB profile here keeps the page responsive; canceling terminates this worker.
// At start-up it also reads the saved workspace back, for the same reason.
import { getMany } from 'idb-keyval';
import { createImport } from '../../core/formats/index.ts';
import { storeFileRecords, workspaceStore } from '../store/persist-keys.ts';
import {
  recordTransferables,
  tableTransferables,
  type FromWorker,
  type IngestPhase,
  type ToWorker,
} from './protocol.ts';

// A worker module's global scope; typed narrowly so the DOM lib's `postMessage` is not used.
const scope = globalThis as unknown as {
  postMessage(message: FromWorker, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<ToWorker>) => void): void;
};

const PROGRESS_INTERVAL_MS = 50;

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
  const importer = createImport(path, file.size, {
    onProgress: (done) => report('parsing', done),
  });
  const reader = file.stream().getReader();
  let read = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    importer.push(value);
    read += value.byteLength;
    report('reading', read);
  }
  report('parsing', 0, true);
  const imported = await importer.finish();
  try {
    // An entry already there (the same file, loaded before here or in another tab) is kept.
    await storeFileRecords(
      workspaceStore(),
      imported,
      (stored) => stored ?? { version: 2, addedAt: Date.now(), demo, links: [], provisional: true },
    );
  } catch {
    // IndexedDB unavailable or full: the page tries again and otherwise keeps it in memory.
  }
  scope.postMessage({ type: 'done', jobId, file: imported }, tableTransferables(imported));
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
