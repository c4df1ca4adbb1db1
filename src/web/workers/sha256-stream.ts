// Incremental SHA-256 over a stream's chunks (Web Crypto digests only whole buffers). Kept apart
// from the formats so that the hash worker loads nothing else.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

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

/** sha-256 (hex) of the bytes of `chunks`, taken in order, without gathering them. */
export async function sha256HexOfChunks(chunks: AsyncIterable<Uint8Array>): Promise<string> {
  const hash = sha256.create();
  for await (const chunk of chunks) hash.update(chunk);
  return bytesToHex(hash.digest());
}
