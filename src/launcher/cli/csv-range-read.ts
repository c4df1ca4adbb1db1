// Reading one byte range of a kernel table from the file, streaming: what a worker thread of
// `parallel-csv.ts` does (csv-range-worker.ts), and what the calling thread does for the first
// range.
import { open } from 'node:fs/promises';
import {
  createRangeReader,
  type RangePart,
  type RangeSpec,
} from '../../core/formats/csv/ranges.ts';

export interface RangeJob {
  readonly path: string;
  readonly fileName: string;
  readonly start: number;
  readonly end: number;
  readonly chunkSize: number;
  readonly spec: RangeSpec;
}

/** Reads the job's byte range of the file through a range reader . */
export async function readRange(job: RangeJob): Promise<RangePart> {
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
