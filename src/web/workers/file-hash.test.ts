// Every way a file's id is hashed gives the SHA-256 of its bytes — FIPS 180-2's own test vectors,
// and Node's (OpenSSL, through Web Crypto) for the rest: Web Crypto on the whole file, the
// WebAssembly and the JS incremental hashes over chunks cut at every awkward place (empty, one
// byte, the 64-byte block edges, the stream's chunk edges, many chunks). And where the page has no
// Web Crypto (a launcher opened over plain http from another machine), files still hash.
import { afterEach, describe, expect, test, vi } from 'vitest';
import { sha256Hex } from '../../core/formats/index.ts';
import { hashFile, hashHere, hashesHere, HASH_HERE_MAX_BYTES } from './file-hash.ts';
import { sha256OfChunks, type IncrementalPath } from './sha256-stream.ts';

const text = (s: string) => new TextEncoder().encode(s) as Uint8Array<ArrayBuffer>;

/** FIPS 180-2, appendix B: messages and their digests. */
const VECTORS: ReadonlyMap<string, string> = new Map([
  ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
  ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
  [
    'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq',
    '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
  ],
  ['a'.repeat(1_000_000), 'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0'],
]);

/** The expected digest: the standard's where it gives one, else Node's. */
async function nodeSha256(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const known = VECTORS.get(new TextDecoder().decode(bytes));
  return known ?? sha256Hex(bytes);
}

/** Deterministic bytes that are not one repeated value. */
function bytesOf(length: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = (i * 2654435761) >>> 24;
  return bytes;
}

async function* each(chunks: readonly Uint8Array[]): AsyncGenerator<Uint8Array> {
  for (const chunk of chunks) yield chunk;
}

function cut(bytes: Uint8Array, size: number): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += size) chunks.push(bytes.subarray(at, at + size));
  return chunks;
}

const inputs: readonly (readonly [string, Uint8Array<ArrayBuffer>])[] = [
  ['empty', text('')],
  ['one byte', new Uint8Array([0x61])],
  ['"abc"', text('abc')],
  ['the 448-bit vector', text('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')],
  ['a million "a"', text('a'.repeat(1_000_000))],
  ['55 bytes (the longest one-block message)', bytesOf(55)],
  ['56 bytes (the length spills into a second block)', bytesOf(56)],
  ['63 bytes', bytesOf(63)],
  ['64 bytes (one block)', bytesOf(64)],
  ['65 bytes', bytesOf(65)],
  ['a chunk of 64 KiB, and one byte more', bytesOf(65_537)],
  ['many chunks (3 MB)', bytesOf(3_000_123)],
];

const paths: readonly IncrementalPath[] = ['wasm', 'js'];

describe.each(paths)('the incremental hash (%s)', (path) => {
  test.each(inputs)('%s, whole and in chunks, equals Node’s', async (_, bytes) => {
    const expected = await nodeSha256(bytes);
    const sizes = [bytes.length || 1, 1, 63, 64, 65, 65_536];
    for (const size of bytes.length > 100_000 ? [65_536, 1 << 20, 999_983] : sizes) {
      const digest = await sha256OfChunks(each(cut(bytes, size)), [path]);
      expect(digest).toEqual({ hex: expected, path });
    }
    // Empty chunks between others change nothing.
    const withEmpty = cut(bytes, 64).flatMap((c) => [new Uint8Array(0), c]);
    expect((await sha256OfChunks(each(withEmpty), [path])).hex).toBe(expected);
  });

  test('of a file read as a stream equals Node’s', async () => {
    const bytes = bytesOf(3_000_123);
    const digest = await hashHere(new Blob([bytes]), { native: false, paths: [path] });
    expect(digest).toEqual({ hex: await nodeSha256(bytes), path });
  });
});

describe('the native hash (Web Crypto, the whole file)', () => {
  test.each(inputs)('%s equals Node’s', async (_, bytes) => {
    expect(await hashHere(new Blob([bytes]))).toEqual({
      hex: await nodeSha256(bytes),
      path: 'native',
    });
  });

  test('a file larger than what is read whole streams through the incremental hash', async () => {
    const bytes = bytesOf(300_001);
    const digest = await hashHere(new Blob([bytes]), { wholeMax: 100_000 });
    expect(digest).toEqual({ hex: await nodeSha256(bytes), path: 'wasm' });
  });
});

describe('without Web Crypto (a page over plain http from another machine)', () => {
  afterEach(() => vi.unstubAllGlobals());

  const real = globalThis.crypto;
  const insecure = () =>
    vi.stubGlobal('crypto', {
      getRandomValues: (array: Uint8Array<ArrayBuffer>) => real.getRandomValues(array),
    });

  test('files hash incrementally, to the same digest', async () => {
    const bytes = bytesOf(70_001);
    const expected = await nodeSha256(bytes);
    insecure();
    expect(globalThis.crypto.subtle).toBeUndefined();
    expect(await hashHere(new Blob([bytes]))).toEqual({ hex: expected, path: 'wasm' });
    // Small files on this thread, larger ones in the hash worker (none here: this thread).
    expect(hashesHere(HASH_HERE_MAX_BYTES)).toBe(true);
    expect(await hashFile(new Blob([bytes]))).toEqual({ hex: expected, path: 'wasm' });
  });

  test('where WebAssembly is refused too, the JS hash gives the same digest', async () => {
    const bytes = bytesOf(70_001);
    const expected = await nodeSha256(bytes);
    insecure();
    vi.stubGlobal('WebAssembly', undefined);
    expect(await hashHere(new Blob([bytes]))).toEqual({ hex: expected, path: 'js' });
  });
});
