// A range worker: reads one byte range of a large kernel table (range-read.ts) for the ingest
// worker that started it, tells it how far it got, and sends the range's columns back with their
// buffers transferred. It reads the next range it is given; the ingest worker keeps a few.
import { partBuffers } from '../../core/formats/csv/ranges.ts';
import { readBlobRange } from './range-read.ts';
import type { FromRangeWorker, ToRangeWorker } from './range-pool.ts';

const scope = globalThis as unknown as {
  postMessage(message: FromRangeWorker, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<ToRangeWorker>) => void): void;
};

const PROGRESS_INTERVAL_MS = 50;

scope.addEventListener('message', (event) => {
  const { requestId, request } = event.data;
  let last = 0;
  readBlobRange(request, (done) => {
    const now = performance.now();
    if (now - last < PROGRESS_INTERVAL_MS) return;
    last = now;
    scope.postMessage({ type: 'progress', requestId, done });
  }).then(
    (part) => scope.postMessage({ type: 'part', requestId, part }, partBuffers(part)),
    (error: unknown) => scope.postMessage({ type: 'failed', requestId, message: String(error) }),
  );
});
