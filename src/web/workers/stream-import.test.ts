// The worker's streaming import against the core's whole-buffer import: the same files cut into
// chunks of every awkward size (one byte, a cut inside a quoted cell, across the detection head)
// give the same ImportedFile, id included; and the incremental hash equals Web Crypto's.
import { describe, expect, test } from 'vitest';
import { HEAD_BYTES, importBytes, sha256Hex } from '../../core/formats/index.ts';
import { hashHere } from './file-hash.ts';
import { sha256HexOfChunks } from './sha256-stream.ts';
import { importStream } from './stream-import.ts';
import { profileOf } from '../../core/formats/content.ts';

const fixtures = import.meta.glob<string>(
  [
    '../../core/formats/kernel-details/fixtures/**/*.csv',
    '../../core/formats/aoe-opat/fixtures/*.json',
  ],
  { query: '?raw', import: 'default', eager: true },
);
const fixture = (path: string): Uint8Array => {
  const text = fixtures[`../../core/formats/${path}`];
  if (text === undefined) throw new Error(`no fixture ${path}`);
  return new TextEncoder().encode(text);
};

/** `bytes` cut every `size` bytes, with an empty chunk in between now and then. */
function cut(bytes: Uint8Array, size: number): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += size) {
    chunks.push(bytes.subarray(at, at + size));
    if (chunks.length % 5 === 0) chunks.push(new Uint8Array(0));
  }
  return chunks;
}

async function* each(chunks: readonly Uint8Array[]): AsyncGenerator<Uint8Array> {
  for (const chunk of chunks) yield chunk;
}

function streamed(path: string, bytes: Uint8Array, size: number) {
  const chunks = cut(bytes, size);
  return importStream(path, bytes.length, each(chunks), () => sha256HexOfChunks(each(chunks)));
}

/** A kernel_details table larger than the detection head, with quoted multi-line cells. */
function bigTable(rows: number): Uint8Array {
  const quirks = new TextDecoder().decode(
    fixture('kernel-details/fixtures/quirks/kernel_details.csv'),
  );
  const newline = quirks.indexOf('\n');
  const header = quirks.slice(0, newline + 1);
  const body = quirks.slice(newline + 1);
  return new TextEncoder().encode(header + body.repeat(Math.ceil(rows / 4)));
}

const cases: readonly (readonly [string, string])[] = [
  ['kernel_details.csv', 'kernel-details/fixtures/quirks/kernel_details.csv'],
  ['kernel_details.csv', 'kernel-details/fixtures/torch_npu-level1-2025.06/kernel_details.csv'],
  ['aoe_result_opat_1.json', 'aoe-opat/fixtures/cann63rc2-array.json'],
  ['aoe_result_opat_2.json', 'aoe-opat/fixtures/truncated-mid-operator.json'],
  ['aoe_result_opat_3.json', 'aoe-opat/fixtures/chinese-name.json'],
  ['aoe_result_opat_4.json', 'aoe-opat/fixtures/not-json.json'],
  ['aoe_result_opat_5.json', 'aoe-opat/fixtures/empty.json'],
];

describe('chunked import == whole import', () => {
  test.each(cases)('%s (%s)', async (name, path) => {
    const bytes = fixture(path);
    const whole = await importBytes(name, bytes);
    for (const size of [1, 7, 4096, 1 << 20]) {
      expect(await streamed(name, bytes, size)).toEqual(whole);
    }
  });

  test('a table larger than the detection head, cut at odd places', async () => {
    const bytes = bigTable(4000);
    expect(bytes.length).toBeGreaterThan(2 * HEAD_BYTES);
    const whole = await importBytes('PROF_1/kernel_details.csv', bytes);
    expect(profileOf(whole)?.table?.rowCount).toBeGreaterThan(1000);
    for (const size of [997, 65_536, HEAD_BYTES + 1]) {
      expect(await streamed('PROF_1/kernel_details.csv', bytes, size)).toEqual(whole);
    }
  });

  test('files that are not a format we read, or not text, say so as the whole import does', async () => {
    const samples: [string, Uint8Array][] = [
      ['notes.csv', new TextEncoder().encode('just,some\ncells,here\n')],
      ['binary.csv', new Uint8Array([0x41, 0, 0x42, 0x43])],
      ['gbk.json', new Uint8Array([0x7b, 0xc4, 0xe3, 0x7d])],
      ['empty.csv', new Uint8Array(0)],
    ];
    for (const [name, bytes] of samples) {
      expect(await streamed(name, bytes, 2)).toEqual(await importBytes(name, bytes));
    }
  });

  test('progress counts the bytes read, up to the whole file', async () => {
    const bytes = bigTable(400);
    const seen: number[] = [];
    const chunks = cut(bytes, 10_000);
    await importStream('kernel_details.csv', bytes.length, each(chunks), () => sha256Hex(bytes), {
      onProgress: (done) => seen.push(done),
    });
    expect(seen.at(-1)).toBe(bytes.length);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
  });
});

describe('the incremental hash', () => {
  test('of chunks equals the digest of the whole', async () => {
    const bytes = bigTable(400);
    for (const size of [1, 63, 64, 65, 4096, bytes.length]) {
      expect(await sha256HexOfChunks(each(cut(bytes, size)))).toBe(await sha256Hex(bytes));
    }
    expect(await sha256HexOfChunks(each([]))).toBe(await sha256Hex(new Uint8Array(0)));
  });

  test('of a file streamed (larger than read whole) equals the digest of its bytes', async () => {
    const bytes = new Uint8Array(3_000_123);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 2654435761) >>> 24;
    // Read whole up to 1 MB here: this file is streamed, a smaller one is not.
    const streamed = await hashHere(new Blob([bytes]), { wholeMax: 1_000_000 });
    expect(streamed).toEqual({ hex: await sha256Hex(bytes), path: 'wasm' });
    const small = bytes.subarray(0, 1000);
    const whole = await hashHere(new Blob([small]), { wholeMax: 1_000_000 });
    expect(whole).toEqual({ hex: await sha256Hex(small), path: 'native' });
  });
});
