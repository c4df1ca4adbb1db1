// A file's id is the sha-256 of its bytes, computed while the file is parsed, not after.
// - Web Crypto (native: ~1 GB/s, and the digest runs off this thread) where the page has it
//   (secure contexts: https, localhost) for files up to WHOLE_HASH_MAX_BYTES, read whole for it
//   beside the parse: it digests only whole buffers.
// - Otherwise the bytes stream through an incremental SHA-256 (sha256-stream.ts: WebAssembly, or
//   JS), in a worker of its own that reads the file beside the parse — or on this thread for
//   files so small that starting that worker would cost more than the hash.
// Every path gives the same hex digest. Which one ran is told with it (the bench reports it).
import { sha256Hex } from '../../core/formats/index.ts';
import { chunksOf, sha256OfChunks, type Digest, type IncrementalPath } from './sha256-stream.ts';

export type { Digest } from './sha256-stream.ts';

/**
 * Files up to this size are read whole and hashed natively where Web Crypto is there: a 256 MiB
 * file is then held once more while it is hashed (the tab's memory target is 1.5 × a 1 GB file,
 * which larger files keep with the incremental path, holding only a chunk at a time).
 */
export const WHOLE_HASH_MAX_BYTES = 256 * 1024 * 1024;

/** Below this size the incremental hash runs on this thread (a few ms) instead of in a worker. */
export const HASH_HERE_MAX_BYTES = 2 * 1024 * 1024;

/** Whether this thread has the native digest (Web Crypto is absent outside secure contexts). */
export function hasNativeDigest(): boolean {
  return typeof globalThis.crypto?.subtle?.digest === 'function';
}

export interface HashOptions {
  /** Files up to this size are digested natively (where the native digest is there). */
  readonly wholeMax?: number;
  /** Whether to use the native digest; by default, wherever this thread has it. */
  readonly native?: boolean;
  /** The incremental paths to try, in order. */
  readonly paths?: readonly IncrementalPath[];
}

/**
 * A file's bytes in one buffer, read as a stream (chunk by chunk into a buffer of the file's size)
 * and not with `arrayBuffer()`: in Chromium one file-sized read holds up the range workers' reads
 * of the same file (their first bytes came ~90 ms later in the web bench), chunks interleave with
 * them. Null when the file holds more bytes than its size said.
 */
async function readWhole(file: Blob): Promise<Uint8Array<ArrayBuffer> | null> {
  const bytes = new Uint8Array(file.size);
  let at = 0;
  for await (const chunk of chunksOf(file.stream())) {
    if (at + chunk.length > bytes.length) return null;
    bytes.set(chunk, at);
    at += chunk.length;
  }
  return at === bytes.length ? bytes : bytes.subarray(0, at);
}

/** sha-256 (hex) of a file's bytes, on this thread, and how it was computed. */
export async function hashHere(file: Blob, options: HashOptions = {}): Promise<Digest> {
  const native = options.native ?? hasNativeDigest();
  if (native && file.size <= (options.wholeMax ?? WHOLE_HASH_MAX_BYTES)) {
    const bytes = await readWhole(file);
    try {
      if (bytes) return { hex: await sha256Hex(bytes), path: 'native' };
    } catch {
      // A digest refused (a buffer too large for this browser): the incremental path below.
    }
  }
  return sha256OfChunks(chunksOf(file.stream()), options.paths);
}

/** Whether `hashFile` digests the file on this thread (natively, or small enough). */
export function hashesHere(size: number): boolean {
  return (
    (hasNativeDigest() && size <= WHOLE_HASH_MAX_BYTES) ||
    size <= HASH_HERE_MAX_BYTES ||
    typeof Worker !== 'function'
  );
}

/** What the page-side of the hash worker sends and receives. */
export interface HashRequest {
  readonly requestId: number;
  readonly file: Blob;
}
export type HashAnswer =
  | { readonly requestId: number; readonly digest: Digest }
  | { readonly requestId: number; readonly error: string };

type Settle = (answer: HashAnswer) => void;
let hashWorker: Worker | null = null;
let requests = 0;
const waiting = new Map<number, Settle>();

function worker(): Worker {
  if (hashWorker) return hashWorker;
  const spawned = new Worker(new URL('./hash.worker.ts', import.meta.url), {
    type: 'module',
    name: 'hash',
  });
  spawned.onmessage = (event: MessageEvent<HashAnswer>) => {
    waiting.get(event.data.requestId)?.(event.data);
  };
  spawned.onerror = (event: ErrorEvent) => {
    event.preventDefault();
    // The worker is gone: what it was hashing is hashed here instead.
    hashWorker = null;
    for (const [requestId, settle] of waiting) settle({ requestId, error: event.message });
  };
  hashWorker = spawned;
  return spawned;
}

/**
 * Starts the hash worker now for a file `hashFile` will hash there, so that the worker's code and
 * its WebAssembly are loaded while the file's head and range plan are read, not after.
 */
export function warmHashWorker(size: number): void {
  if (hashesHere(size)) return;
  try {
    worker();
  } catch {
    // Not startable here: `hashFile` hashes on this thread.
  }
}

/**
 * sha-256 of a file's bytes: natively or, for small files, incrementally on this thread; else
 * incrementally in the hash worker (beside the parse). Where workers cannot start workers, or
 * the hash worker fails, it is done here.
 */
export function hashFile(file: Blob): Promise<Digest> {
  if (hashesHere(file.size)) return hashHere(file);
  return new Promise<HashAnswer>((resolve) => {
    const requestId = ++requests;
    waiting.set(requestId, (answer) => {
      waiting.delete(requestId);
      resolve(answer);
    });
    try {
      worker().postMessage({ requestId, file } satisfies HashRequest);
    } catch (error) {
      waiting.delete(requestId);
      resolve({ requestId, error: String(error) });
    }
  }).then((answer) => ('digest' in answer ? answer.digest : hashHere(file)));
}
