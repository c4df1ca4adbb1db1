// A worker thread of `parallel-csv.ts`: reads one byte range of a kernel table from the file,
// streaming, and posts the range's columns back (their buffers moved, not copied). No top-level
// await: the file is bundled into one CommonJS script for the worker (parallel-csv.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { readRange, type RangeJob } from './csv-range-read.ts';

const port = parentPort;
if (port) {
  void readRange(workerData as RangeJob).then((part) => {
    const c = part.columns;
    // Every column moved, the utilisation ones too (copied, they were ~24 MB per range of 1 GB).
    const buffers: ArrayBufferView[] = [
      c.name,
      c.type,
      c.coreType,
      c.inputShapes,
      c.durationUs,
      c.waitUs,
      c.startUs,
    ];
    for (const m of c.metrics ?? []) buffers.push(m.values);
    port.postMessage(part, [...new Set(buffers.map((b) => b.buffer as ArrayBuffer))]);
  });
}
