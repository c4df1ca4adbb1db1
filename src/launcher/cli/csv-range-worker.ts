// A worker thread of `parallel-csv.ts`: reads one byte range of a kernel table from the file,
// streaming, and posts the range's columns back (their buffers moved, not copied). No top-level
// await: the file is bundled into one CommonJS script for the worker (parallel-csv.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { partBuffers } from '../../core/formats/csv/ranges.ts';
import { readRange, type RangeJob } from './csv-range-read.ts';

const port = parentPort;
if (port) {
  void readRange(workerData as RangeJob).then((part) => {
    port.postMessage(part, partBuffers(part));
  });
}
