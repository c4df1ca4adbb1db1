// A file's id is the sha-256 of its bytes. Web Crypto only digests one whole buffer, so a large
// file would have to sit in memory once more just to be hashed: instead its bytes are streamed
// through an incremental SHA-256, in a worker of its own, which reads the file beside the parse
// instead of after it. Small files (reports) are hashed at once with Web Crypto.
import { sha256Hex } from '../../core/formats/index.ts';
import { chunksOf, sha256HexOfChunks } from './sha256-stream.ts';

/** Files up to this size are read whole and hashed with Web Crypto. */
export const WHOLE_HASH_MAX_BYTES = 8 * 1024 * 1024;

/** sha-256 (hex) of a file's bytes, on this thread. */
export async function hashHere(file: Blob): Promise<string> {
  if (file.size <= WHOLE_HASH_MAX_BYTES) {
    return sha256Hex(new Uint8Array(await file.arrayBuffer()));
  }
  return sha256HexOfChunks(chunksOf(file.stream()));
}

/** What the page-side of the hash worker sends and receives. */
export interface HashRequest {
  readonly requestId: number;
  readonly file: Blob;
}
export type HashAnswer =
  | { readonly requestId: number; readonly hex: string }
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
 * sha-256 (hex) of a file's bytes: large files in the hash worker (beside the parse), small
 * ones here. Where workers cannot start workers, or the hash worker fails, it is done here.
 */
export function hashFile(file: Blob): Promise<string> {
  if (file.size <= WHOLE_HASH_MAX_BYTES || typeof Worker !== 'function') return hashHere(file);
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
  }).then((answer) => ('hex' in answer ? answer.hex : hashHere(file)));
}
