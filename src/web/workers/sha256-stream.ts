// Incremental SHA-256 over a stream's chunks, for what Web Crypto cannot do: it digests only whole
// buffers, and only in secure contexts (https, localhost) — not on a launcher opened over plain
// http from another machine, which is how teams use it. WebAssembly (hash-wasm: ~2× the JS
// SHA-256 on the same bytes) where the page may compile it (the launcher's CSP allows
// 'wasm-unsafe-eval'), JS (@noble/hashes) where it may not. Same digest on every path. Kept apart
// from the formats so that the hash worker loads nothing else.
import { createSHA256 } from 'hash-wasm';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

/** How an incremental hash is computed: WebAssembly, or JS where WebAssembly is refused. */
export type IncrementalPath = 'wasm' | 'js';

export interface IncrementalSha256 {
  readonly path: IncrementalPath;
  update(chunk: Uint8Array): void;
  /** The digest (hex) of every chunk given, in order; the hasher is spent after it. */
  hex(): string;
}

/** The incremental paths, fastest first. */
export const INCREMENTAL_PATHS: readonly IncrementalPath[] = ['wasm', 'js'];

/** An incremental SHA-256 on the first of `paths` this thread can run. */
export async function incrementalSha256(
  paths: readonly IncrementalPath[] = INCREMENTAL_PATHS,
): Promise<IncrementalSha256> {
  for (const path of paths) {
    if (path === 'js') {
      const hash = sha256.create();
      return { path, update: (chunk) => hash.update(chunk), hex: () => bytesToHex(hash.digest()) };
    }
    try {
      const hash = await createSHA256();
      return { path, update: (chunk) => hash.update(chunk), hex: () => hash.digest('hex') };
    } catch {
      // No WebAssembly here (a CSP without 'wasm-unsafe-eval', a browser with it turned off).
    }
  }
  throw new Error(`no SHA-256 among ${paths.join(', ')}`);
}

/** The chunks of a stream, as they arrive. */
export async function* chunksOf(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

/** A file's sha-256 (hex) and how it was computed. */
export interface Digest {
  readonly hex: string;
  readonly path: 'native' | IncrementalPath;
}

/** sha-256 of the bytes of `chunks`, taken in order, without gathering them. */
export async function sha256OfChunks(
  chunks: AsyncIterable<Uint8Array>,
  paths?: readonly IncrementalPath[],
): Promise<Digest> {
  const hash = await incrementalSha256(paths);
  for await (const chunk of chunks) hash.update(chunk);
  return { hex: hash.hex(), path: hash.path };
}

/** The same, the hex digest only. */
export async function sha256HexOfChunks(
  chunks: AsyncIterable<Uint8Array>,
  paths?: readonly IncrementalPath[],
): Promise<string> {
  return (await sha256OfChunks(chunks, paths)).hex;
}
