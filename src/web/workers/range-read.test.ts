// A kernel table read in byte ranges of a Blob (what the ingest worker's range workers do, here
// run on this thread) against one reading of the whole file: the same ImportedFile — rows, ids,
// dictionary, start offsets, issues with their lines, metrics — and the same precision digest
// (counts exactly, times summed range by range). Boundaries fall inside quoted cells that run
// over lines (those ranges are read again with the one before), and a range worker that fails
// leaves the stream to read the file.
import { describe, expect, test } from 'vitest';
import { importBytes, sha256Hex } from '../../core/formats/index.ts';
import { profileContentOf, profileOf } from '../../core/formats/content.ts';
import type { ImportedFile } from '../../core/formats/types.ts';
import { importStream } from './stream-import.ts';
import { readBlobRange, readFileInRanges, type RangeRunner } from './range-read.ts';

const fixtures = import.meta.glob<string>(
  [
    '../../core/formats/kernel-details/fixtures/**/*.csv',
    '../../core/formats/op-summary/fixtures/**/*.csv',
  ],
  { query: '?raw', import: 'default', eager: true },
);

async function* chunksOf(bytes: Uint8Array, size = 65_536): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

/** Ranges read here, one after the other, counting how many were read. */
function counting(): { run: RangeRunner; reads: () => number } {
  let reads = 0;
  return {
    run: (request, onBytes) => {
      reads++;
      return readBlobRange(request, onBytes);
    },
    reads: () => reads,
  };
}

async function ranged(name: string, bytes: Uint8Array, ranges: number, run: RangeRunner) {
  const file = new Blob([bytes as Uint8Array<ArrayBuffer>]);
  return importStream(name, bytes.length, chunksOf(bytes), () => sha256Hex(bytes), {
    readRanges: (format, fileName) => readFileInRanges(file, fileName, format, ranges, run),
  });
}

/** The precision digest's times rounded (they are summed range by range); the rest as is. */
function roundedTimes(file: ImportedFile): ImportedFile {
  const content = profileContentOf(file);
  const p = content?.precision;
  if (!content || !p) return file;
  const r = (x: number) => Math.round(x * 1e6) / 1e6;
  return {
    ...file,
    content: {
      ...content,
      precision: {
        ...p,
        aiCoreUs: r(p.aiCoreUs),
        fp32Us: r(p.fp32Us),
        halfUs: r(p.halfUs),
        dynamicUs: r(p.dynamicUs),
        totalUs: r(p.totalUs),
        fp32ByType: p.fp32ByType.map((t) => ({ ...t, fp32Us: r(t.fp32Us) })),
      },
    },
  };
}

async function expectSameAsWhole(name: string, bytes: Uint8Array, ranges: number) {
  const whole = await importBytes(name, bytes);
  const { run, reads } = counting();
  const read = await ranged(name, bytes, ranges, run);
  expect(roundedTimes(read)).toEqual(roundedTimes(whole));
  expect(profileOf(read)?.table?.rowCount).toBe(profileOf(whole)?.table?.rowCount);
  return { whole, read, reads: reads() };
}

/** A kernel_details table with every 7th name quoted over lines, bad rows late on. */
function quotedTable(rows: number): Uint8Array {
  const header =
    'Step Id,Name,Type,OP State,Accelerator Core,Start Time(us),Duration(us),Wait Time(us),' +
    'Input Shapes,Input Data Types,aic_mac_ratio\r\n';
  const lines: string[] = [];
  for (let r = 0; r < rows; r++) {
    const start = `1764246877${String(100000 + r * 7).padStart(6, '0')}.${r % 1000}\t`;
    // Long lines inside the quotes, so that range boundaries land there too.
    const inner = `${'x'.repeat(80)},\n`.repeat(r % 5);
    const name = r % 7 === 0 ? `"op ""${r}""\n${inner}end"` : `Op_${r % 41}`;
    const duration = r % 613 === 5 ? 'oops' : (1 + (r % 17) / 8).toFixed(3);
    const dtype = r % 3 === 0 ? 'FLOAT;FLOAT' : '"FLOAT16;INT64"';
    const state = r % 11 === 0 ? 'dynamic' : 'static';
    lines.push(
      `1,${name},T${r % 5},${state},AI_CORE,${start},${duration},0.5,"1,2;3",${dtype},0.${r % 10}`,
    );
  }
  return new TextEncoder().encode(header + lines.join('\r\n'));
}

describe('a kernel table read in Blob ranges equals one reading of the file', () => {
  test.each(Object.keys(fixtures).filter((p) => !p.includes('header-only')))(
    '%s, in 2, 3 and 5 ranges',
    async (path) => {
      const bytes = new TextEncoder().encode(fixtures[path]);
      const name = path.split('/').at(-1) as string;
      for (const ranges of [2, 3, 5]) await expectSameAsWhole(name, bytes, ranges);
    },
  );

  test('quoted cells over lines across boundaries: those ranges are read again, lines kept', async () => {
    const bytes = quotedTable(3000);
    let rereads = 0;
    for (const ranges of [2, 3, 4, 7, 16]) {
      const { read, reads } = await expectSameAsWhole('kernel_details.csv', bytes, ranges);
      rereads += reads - ranges;
      expect(read.issues.some((i) => i.code === 'BAD_ROW' && (i.line ?? 0) > 1000)).toBe(true);
      expect(profileContentOf(read)?.precision?.dynamicRows).toBe(Math.ceil(3000 / 11));
    }
    // At least one boundary fell inside a quoted cell and was read again.
    expect(rereads).toBeGreaterThan(0);
  });

  test('a range reader that fails leaves the file to the stream, with the same result', async () => {
    const bytes = quotedTable(500);
    const failing: RangeRunner = () => Promise.reject(new Error('no worker'));
    const read = await ranged('kernel_details.csv', bytes, 3, failing);
    expect(read).toEqual(await importBytes('kernel_details.csv', bytes));
  });

  test('a file unfit for ranges (header only, no start time) is read as one stream', async () => {
    const { run, reads } = counting();
    for (const text of [
      'Name,Type,Accelerator Core,Start Time(us),Duration(us),Wait Time(us)\n',
      'Name,Type,Accelerator Core,Start Time(us),Duration(us),Wait Time(us)\nA,B,AI_CORE,,1,0\n',
    ]) {
      const bytes = new TextEncoder().encode(text);
      const read = await ranged('kernel_details.csv', bytes, 4, run);
      expect(read).toEqual(await importBytes('kernel_details.csv', bytes));
    }
    expect(reads()).toBe(0);
  });

  test('the plan reads 16 KiB for the header and first start time, and more only when they are not there', async () => {
    const header = 'Name,Type,Accelerator Core,Start Time(us),Duration(us),Wait Time(us)\r\n';
    const row = (r: number, start: string) => `Op_${r % 13},Conv2D,AI_CORE,${start},1.5,0\r\n`;
    const timed = (from: number, n: number) =>
      Array.from({ length: n }, (_, k) => row(from + k, `17642468770${from + k}.5\t`)).join('');
    // The first start time at the top, then ~40 KiB into the file (rows before it have none).
    const early = new TextEncoder().encode(header + timed(0, 4000));
    const late = new TextEncoder().encode(
      header + Array.from({ length: 1500 }, (_, r) => row(r, '')).join('') + timed(1500, 4000),
    );
    for (const [bytes, probes] of [
      [early, [[0, 16 << 10]]],
      [
        late,
        [
          [0, 16 << 10],
          [16 << 10, late.length - (16 << 10)],
        ],
      ],
    ] as const) {
      const file = new Blob([bytes as Uint8Array<ArrayBuffer>]);
      const asked: [number, number][] = [];
      const spy = {
        size: file.size,
        slice: (start: number, end: number) => {
          asked.push([start, end - start]);
          return file.slice(start, end);
        },
      } as unknown as Blob;
      const { run, reads } = counting();
      const read = await readFileInRanges(spy, 'kernel_details.csv', 'kernel-details', 3, run);
      // The probe's reads come first; the two boundary windows follow.
      expect(asked.slice(0, probes.length)).toEqual(probes);
      expect(reads()).toBe(3);
      const whole = profileOf(await importBytes('kernel_details.csv', bytes));
      const content = read?.ok ? read.value : null;
      expect(content?.kind === 'profile' ? content.profile?.table?.rowCount : -1).toBe(
        whole?.table?.rowCount,
      );
      expect(whole?.table?.rowCount).toBe(bytes === early ? 4000 : 5500);
    }
  });

  test('the id is computed once, after the ranges are planned, or beside the stream without them', async () => {
    const bytes = quotedTable(800);
    const file = new Blob([bytes as Uint8Array<ArrayBuffer>]);
    const whole = await importBytes('kernel_details.csv', bytes);
    const events: string[] = [];
    const id = () => {
      events.push('id');
      return sha256Hex(bytes);
    };
    const read = await importStream('kernel_details.csv', bytes.length, chunksOf(bytes), id, {
      readRanges: (format, fileName, startId) => {
        events.push('plan');
        const run: RangeRunner = (request, onBytes) => {
          events.push('range');
          startId();
          return readBlobRange(request, onBytes);
        };
        return readFileInRanges(file, fileName, format, 3, run);
      },
    });
    expect(roundedTimes(read)).toEqual(roundedTimes(whole));
    // Not before the plan (its small reads do not wait behind the hash's), and only once.
    expect(events.slice(0, 3)).toEqual(['plan', 'range', 'id']);
    expect(events.filter((e) => e === 'id')).toHaveLength(1);

    // A range reader that declines: the id is computed for the stream, still once.
    events.length = 0;
    const streamed = await importStream('kernel_details.csv', bytes.length, chunksOf(bytes), id, {
      readRanges: () => {
        events.push('plan');
        return Promise.resolve(null);
      },
    });
    expect(streamed).toEqual(whole);
    expect(events).toEqual(['plan', 'id']);
  });

  test('progress reaches the file size and never passes it', async () => {
    const bytes = quotedTable(2000);
    const seen: number[] = [];
    const { run } = counting();
    const file = new Blob([bytes as Uint8Array<ArrayBuffer>]);
    await readFileInRanges(file, 'kernel_details.csv', 'kernel-details', 4, run, (done) =>
      seen.push(done),
    );
    expect(Math.max(...seen)).toBe(bytes.length);
    expect(seen.every((d) => d <= bytes.length)).toBe(true);
  });
});
