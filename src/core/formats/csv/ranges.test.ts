// Merging byte ranges while handing each copied column's buffers to the host to free
// (`mergeRangesReleasing`) gives the table `mergeRanges` gives, and every buffer of every part
// is handed over exactly once, after it was copied: freeing it at once loses nothing.
import { describe, expect, test } from 'vitest';
import { KernelTableParser } from './kernel-table.ts';
import {
  checkRanges,
  createRangeReader,
  mergeRanges,
  mergeRangesReleasing,
  type RangePart,
} from './ranges.ts';

const fixtures = import.meta.glob<string>('../kernel-details/fixtures/torch_npu-level1-*/*.csv', {
  query: '?raw',
  import: 'default',
  eager: true,
});

/** The file read in `n` ranges split after line ends, as a host with threads reads it. */
function readInRanges(bytes: Uint8Array, n: number) {
  const ctx = { fileName: 'kernel_details.csv', id: '' };
  const probe = new KernelTableParser(ctx, 'kernel-details');
  probe.push(bytes);
  const base = probe.startBase;
  if (base === null) throw new Error('no start time');
  const header = bytes.subarray(0, probe.headerBytes);
  const bounds = [0];
  for (let k = 1; k < n; k++) {
    const target = Math.floor((bytes.length * k) / n);
    const lf = bytes.indexOf(10, Math.max(target, probe.headerBytes));
    if (lf >= 0 && lf + 1 < bytes.length && lf + 1 > (bounds.at(-1) ?? 0)) bounds.push(lf + 1);
  }
  bounds.push(bytes.length);
  const parts = () =>
    bounds.slice(1).map((end, k): RangePart => {
      const start = bounds[k] as number;
      const reader = createRangeReader(ctx, {
        format: 'kernel-details',
        header: start === 0 ? new Uint8Array(0) : header,
        base,
        bytes: end - start,
        last: end === bytes.length,
      });
      reader.push(bytes.slice(start, end));
      return reader.finish();
    });
  return { info: probe.describe(), parts };
}

describe('merging ranges and freeing what was copied', () => {
  test.each(Object.keys(fixtures))('%s in 3 ranges', async (path) => {
    const bytes = new TextEncoder().encode(fixtures[path] ?? '');
    const { info, parts } = readInRanges(bytes, 3);
    const plain = parts();
    expect(plain.length).toBeGreaterThan(1);
    expect(checkRanges(plain)).toBe(-1);
    const want = mergeRanges(info, plain);

    const released = parts();
    const owned = new Set<ArrayBufferLike>();
    for (const p of released) {
      const c = p.columns;
      for (const a of [
        c.name,
        c.type,
        c.coreType,
        c.inputShapes,
        c.durationUs,
        c.waitUs,
        c.startUs,
      ])
        owned.add(a.buffer);
      for (const m of c.metrics ?? []) owned.add(m.values.buffer);
    }
    const handed: ArrayBufferLike[] = [];
    const got = await mergeRangesReleasing(info, released, async (buffers) => {
      handed.push(...buffers);
      // Detach them, as a host that frees them does: a later read of one would see nothing.
      const own = buffers.filter((b): b is ArrayBuffer => b instanceof ArrayBuffer);
      structuredClone(own, { transfer: own });
    });
    expect(got).toEqual(want);
    expect(got.ok && got.value.table?.rowCount).toBeGreaterThan(2);
    expect(handed.length).toBe(owned.size);
    expect(new Set(handed)).toEqual(owned);
  });
});
