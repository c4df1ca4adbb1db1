// A file's id is the sha-256 of its bytes, computed while the file is parsed, not after. Web Crypto
// (native, about twice as fast as the incremental SHA-256 in JS, measured in the web bench) only
// digests one whole buffer: files up to WHOLE_HASH_MAX_BYTES are read whole for it, beside the
// parse. Larger files would sit in memory once more just to be hashed: their bytes are streamed
// through the incremental SHA-256 in a worker of its own, which reads the file beside the parse.
import { sha256Hex } from '../../core/formats/index.ts';
import { chunksOf, sha256HexOfChunks } from './sha256-stream.ts';

/** Files up to this size are read whole and hashed with Web Crypto. */
export const WHOLE_HASH_MAX_BYTES = 256 * 1024 * 1024;

/** sha-256 (hex) of a file's bytes, on this thread. */
export async function hashHere(file: Blob, wholeMax = WHOLE_HASH_MAX_BYTES): Promise<string> {
  if (file.size <= wholeMax) {
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
