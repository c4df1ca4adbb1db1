// A worker thread of `parallel-csv.ts`: reads one byte range of a kernel table from the file,
// streaming, and posts the range's columns back (their buffers moved, not copied).
import { open } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { createRangeReader, type RangeSpec } from '../../core/formats/csv/ranges.ts';

export interface RangeJob {
  readonly path: string;
  readonly fileName: string;
  readonly start: number;
  readonly end: number;
  readonly chunkSize: number;
  readonly spec: RangeSpec;
}

async function readRange(job: RangeJob) {
  const reader = createRangeReader({ fileName: job.fileName, id: '' }, job.spec);
  const file = await open(job.path, 'r');
  try {
    const chunk = new Uint8Array(job.chunkSize);
    for (let at = job.start; at < job.end;) {
      const want = Math.min(chunk.length, job.end - at);
      const { bytesRead } = await file.read(chunk, 0, want, at);
      if (bytesRead === 0) break;
      reader.push(chunk.subarray(0, bytesRead));
      at += bytesRead;
    }
  } finally {
    await file.close();
  }
  return reader.finish();
}

const port = parentPort;
if (port) {
  const part = await readRange(workerData as RangeJob);
  const c = part.columns;
  const buffers = [c.name, c.type, c.coreType, c.inputShapes, c.durationUs, c.waitUs, c.startUs];
  port.postMessage(part, [...new Set(buffers.map((b) => b.buffer as ArrayBuffer))]);
}
