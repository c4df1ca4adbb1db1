// Reading a large kernel table in byte ranges, whatever the host: the plan (the file's header and
// first start time from its first bytes — 16 KiB, else up to a megabyte — range bounds just after line ends), the reading of
// every range at once by the host's workers, the check that each range really started a record —
// a boundary inside a quoted cell that runs over lines is caught by the parser's quote state at
// the end of the range before it — with such a pair read again as one range, and the merge
// (ranges.ts). The command line reads ranges with worker threads from a file handle, the browser
// with Web Workers from `Blob.slice`; both come here, so both read a file the same way.
import type { ParseContext, ParseResult } from '../types.ts';
import type { ProfileData } from '../../model/types.ts';
import { KernelTableParser } from './kernel-table.ts';
import {
  checkRanges,
  mergeRanges,
  mergeRangesReleasing,
  type RangePart,
  type RangeSpec,
} from './ranges.ts';

/** What a host gives: the file's size, its bytes at an offset, and a worker reading a range. */
export interface RangeHost<P extends RangePart = RangePart> {
  readonly size: number;
  /** Up to `length` bytes from `position` (fewer at the end of the file). */
  readAt(position: number, length: number): Promise<Uint8Array>;
  /** Reads bytes [start, end) of the file as `spec` says (in a worker), with its own reader. */
  readRange(start: number, end: number, spec: RangeSpec): Promise<P>;
  /**
   * Frees the buffers of the parts' columns the merge has copied, before it copies the next
   * (a host that can free a buffer without a garbage collection keeps the peak at the parts
   * plus one column); without it the merge drops them for the garbage collector.
   */
  release?(buffers: ArrayBufferLike[]): Promise<void>;
}

/** Bytes read at the start of the file for its header and first start time, at most. */
export const PROBE_BYTES = 1 << 20;
/**
 * Bytes read first: a header and a first row fit in far less, and parsing a whole megabyte on a
 * parser not yet optimized cost ~70–120 ms before any range could start. The rest of PROBE_BYTES
 * is read only when these bytes do not hold both.
 */
export const FIRST_PROBE_BYTES = 16 << 10;
/** Bytes read at each range boundary to find the next line end. */
export const BOUNDARY_WINDOW = 1 << 16;

/** The merged table, and the parts it was merged from (their columns released; the rest kept). */
export interface RangesRead<P extends RangePart> {
  readonly result: ParseResult<ProfileData>;
  readonly parts: readonly P[];
}

/**
 * Reads a kernel table in up to `ranges` ranges; null when the file is not fit for it (no
 * accepted header or no start time in its first megabyte, or one line only), and the caller reads
 * it as one stream. Otherwise the result is the one a single reading of the file gives.
 */
export async function readKernelRanges<P extends RangePart>(
  ctx: ParseContext,
  format: RangeSpec['format'],
  host: RangeHost<P>,
  ranges: number,
): Promise<RangesRead<P> | null> {
  const { size } = host;
  const probe = new KernelTableParser(ctx, format);
  const first = await host.readAt(0, Math.min(size, FIRST_PROBE_BYTES));
  probe.push(first);
  if ((!probe.readingRows || probe.startBase === null) && size > first.length) {
    probe.push(await host.readAt(first.length, Math.min(size, PROBE_BYTES) - first.length));
  }
  const base = probe.startBase;
  if (!probe.readingRows || base === null || probe.headerBytes >= size) return null;
  // The header was in the first bytes read (rows were read after it): a copy, not another read.
  const header =
    probe.headerBytes <= first.length
      ? first.slice(0, probe.headerBytes)
      : await host.readAt(0, probe.headerBytes);
  const bounds = [0, ...(await lineStarts(host, probe.headerBytes, ranges)), size];
  if (bounds.length < 3) return null;
  const read = (from: number, to: number): Promise<P> => {
    const start = bounds[from] as number;
    const end = bounds[to] as number;
    return host.readRange(start, end, {
      format,
      header: start === 0 ? new Uint8Array(0) : header,
      base,
      bytes: end - start,
      last: end === size,
    });
  };
  const parts: P[] = await Promise.all(
    Array.from({ length: bounds.length - 1 }, (_, k) => read(k, k + 1)),
  );
  // A range that did not start a record is read again together with the range before it.
  const firstBound = parts.map((_, k) => k);
  for (let bad = checkRanges(parts); bad > 0; bad = checkRanges(parts)) {
    const from = firstBound[bad - 1] as number;
    const to = firstBound[bad + 1] ?? bounds.length - 1;
    parts.splice(bad - 1, 2, await read(from, to));
    firstBound.splice(bad, 1);
  }
  const result = host.release
    ? await mergeRangesReleasing(
        probe.describe(),
        parts,
        (b) => host.release?.(b) ?? Promise.resolve(),
      )
    : mergeRanges(probe.describe(), parts);
  return { result, parts };
}

/** Up to `n - 1` offsets after `from`, each just after a line end, increasing, below the size. */
export async function lineStarts(
  host: Pick<RangeHost, 'size' | 'readAt'>,
  from: number,
  n: number,
): Promise<number[]> {
  const { size } = host;
  const out: number[] = [];
  for (let k = 1; k < n; k++) {
    const target = Math.max(from + Math.floor(((size - from) * k) / n), out.at(-1) ?? from);
    const window = await host.readAt(target, Math.min(BOUNDARY_WINDOW, size - target));
    const lf = window.indexOf(10);
    if (lf < 0) continue;
    const at = target + lf + 1;
    if (at < size && at > (out.at(-1) ?? from)) out.push(at);
  }
  return out;
}
