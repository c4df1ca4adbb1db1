// A large kernel table read in the browser as byte ranges of the File (`Blob.slice`), each in a
// range worker of a small pool sized to the cores, planned, checked and merged by the core
// (core/formats/csv/range-plan.ts) exactly as the command line does it: the same rows, ids and
// issues as one reading of the file. Each range also digests the precision columns (Input Data
// Types, OP State) with the file's header before its bytes; the digests are merged in file order.
import {
  mergePrecisionDigests,
  PrecisionDigester,
  type PrecisionDigest,
} from '../../core/advisor/precision-digest.ts';
import type { FileContent, ParseResult } from '../../core/formats/types.ts';
import { mapResult } from '../../core/formats/content.ts';
import { readKernelRanges, type RangeHost } from '../../core/formats/csv/range-plan.ts';
import {
  createRangeReader,
  type RangePart,
  type RangeSpec,
} from '../../core/formats/csv/ranges.ts';

/** A range's table part and the digest of its precision columns. */
export interface BlobRangePart extends RangePart {
  readonly precision: PrecisionDigest;
}

/** One range to read: crosses to a range worker (a Blob is cloned without its bytes). */
export interface RangeRequest {
  readonly file: Blob;
  readonly fileName: string;
  readonly start: number;
  readonly end: number;
  readonly spec: RangeSpec;
}

/** Reads bytes [start, end) of the file as `spec` says, streaming; `onBytes` gets bytes so far. */
export async function readBlobRange(
  request: RangeRequest,
  onBytes?: (done: number) => void,
): Promise<BlobRangePart> {
  const { file, fileName, start, end, spec } = request;
  // The digest reads the records the range's parser tokenizes (the file's header first).
  const digester = new PrecisionDigester('', fileName);
  const reader = createRangeReader({ fileName, id: '' }, spec, digester.tap);
  const stream = file.slice(start, end).stream().getReader();
  let done = 0;
  try {
    for (;;) {
      const next = await stream.read();
      if (next.done) break;
      reader.push(next.value);
      done += next.value.length;
      onBytes?.(done);
    }
  } finally {
    stream.releaseLock();
  }
  // The parser first: its last record (no final line end) reaches the digest too.
  const part = reader.finish();
  return { ...part, precision: digester.finish() };
}

/** Runs one range somewhere (a range worker; in tests, this thread). */
export type RangeRunner = (
  request: RangeRequest,
  onBytes: (done: number) => void,
) => Promise<BlobRangePart>;

/** Files from this size on are read in ranges (below, starting workers costs what it saves). */
export const MIN_RANGED_BYTES = 24 << 20;

/**
 * The content one reading of the file gives (profile and precision digest, the id left empty),
 * or null when the file is not fit for ranges and is read as one stream instead.
 */
export async function readFileInRanges(
  file: Blob,
  fileName: string,
  format: RangeSpec['format'],
  ranges: number,
  run: RangeRunner,
  onProgress?: (done: number) => void,
): Promise<ParseResult<FileContent> | null> {
  const progress: number[] = [];
  const host: RangeHost<BlobRangePart> = {
    size: file.size,
    readAt: async (position, length) =>
      new Uint8Array(await file.slice(position, position + length).arrayBuffer()),
    readRange: (start, end, spec) => {
      const slot = progress.push(0) - 1;
      return run({ file, fileName, start, end, spec }, (done) => {
        progress[slot] = done;
        // A range read again counts its bytes twice: the figure is capped at the file.
        onProgress?.(
          Math.min(
            file.size,
            progress.reduce((a, b) => a + b, 0),
          ),
        );
      });
    },
  };
  const read = await readKernelRanges({ fileName, id: '' }, format, host, ranges);
  if (!read) return null;
  const precision = mergePrecisionDigests(read.parts.map((p) => p.precision));
  const keep = precision !== null && (precision.hasDataTypes || precision.hasOpState);
  return mapResult(read.result, (profile) => ({
    kind: 'profile',
    profile,
    ...(keep ? { precision } : {}),
  }));
}
