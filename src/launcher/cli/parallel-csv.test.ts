// Reading a kernel table in byte ranges on worker threads gives what one reading of the whole
// file gives (importBytes): rows, dictionary, start offsets, issues with their lines, id. On the
// richest fixtures split in many ranges, and on a generated file whose quoted cells run over
// lines across range boundaries.
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { importBytes } from '../../core/formats/index.ts';
import { createHash } from 'node:crypto';
import { bundleWorker, hashOnThread, importFile } from './parallel-csv.ts';
import { profileOf } from '../../core/formats/content.ts';

const FIXTURES = join(import.meta.dirname, '../../core/formats');

function fixture(dir: string): string {
  const folder = join(FIXTURES, dir);
  const name = readdirSync(folder).find((f) => f.endsWith('.csv'));
  if (!name) throw new Error(`no CSV in ${dir}`);
  return join(folder, name);
}

async function expectSameAsWhole(
  path: string,
  workers: number,
  workerCode: 'bundle' | 'tsx' = 'bundle',
): Promise<void> {
  const whole = await importBytes(path, new Uint8Array(readFileSync(path)));
  const ranged = await importFile(path, {
    workers,
    minParallelBytes: 0,
    chunkSize: 4096,
    workerCode,
  });
  // The precision digest is read with the whole file's bytes only (a file too small to split is
  // read whole and has one); `advise` digests a table it read in ranges apart (cli/advise.ts).
  // Everything else is the same.
  const noDigest = (f: typeof whole): typeof whole =>
    f.content?.kind === 'profile' && f.content.precision
      ? { ...f, content: { ...f.content, precision: undefined } }
      : f;
  expect(noDigest(ranged)).toEqual(noDigest(whole));
  expect(profileOf(ranged)?.table?.rowCount).toBe(profileOf(whole)?.table?.rowCount);
}

describe('a kernel table read in ranges equals the whole reading', () => {
  test.each([
    'kernel-details/fixtures/torch_npu-level1-2025.06',
    'kernel-details/fixtures/torch_npu-level1-2023',
    'kernel-details/fixtures/quirks',
    'kernel-details/fixtures/invalid',
    'op-summary/fixtures/msprof-8.x',
    'op-summary/fixtures/msprof-legacy',
  ])('%s, in 2 and 5 ranges', async (dir) => {
    const folder = join(FIXTURES, dir);
    for (const name of readdirSync(folder).filter((f) => f.endsWith('.csv'))) {
      await expectSameAsWhole(join(folder, name), 2);
      await expectSameAsWhole(join(folder, name), 5);
    }
    expect(fixture(dir)).toMatch(/\.csv$/);
  });

  test('quoted cells running over lines across range boundaries, bad rows on late lines', async () => {
    const header = 'Name,Type,Accelerator Core,Start Time(us),Duration(us),Wait Time(us)\r\n';
    const rows: string[] = [];
    for (let r = 0; r < 3000; r++) {
      const start = `1764246877${String(100000 + r * 7).padStart(6, '0')}.${r % 1000}\t`;
      // Every 7th name is quoted and spans several lines, with an escaped quote in it.
      const name = r % 7 === 0 ? `"op ""${r}""\n${'x\n'.repeat(r % 5)}end"` : `Op_${r % 41}`;
      const duration = r % 613 === 5 ? 'oops' : (1 + (r % 17) / 8).toFixed(3);
      rows.push(`${name},T${r % 5},AI_CORE,${start},${duration},0`);
    }
    const dir = mkdtempSync(join(tmpdir(), 'aoe-ranges-'));
    const path = join(dir, 'kernel_details.csv');
    writeFileSync(path, header + rows.join('\r\n'));
    for (const workers of [2, 3, 7, 16]) await expectSameAsWhole(path, workers);
    // Workers started from the TypeScript modules through tsx (the fallback) read the same.
    await expectSameAsWhole(path, 3, 'tsx');
    const whole = await importFile(path, { workers: 1 });
    expect(whole.issues.some((i) => i.code === 'BAD_ROW' && (i.line ?? 0) > 1000)).toBe(true);
  });

  test('the workers start from one bundled script, not through tsx', async () => {
    const code = await bundleWorker();
    expect(code).toEqual(expect.any(String));
    // The worker's own modules are inside; nothing is loaded through tsx's loader.
    expect(code).toContain('parentPort');
    expect(code).toContain('// src/core/formats/csv/tokenizer.ts');
    expect(code).not.toMatch(/tsx\/esm\/api|register\(\)/);
  });

  test('the hash thread gives the SHA-256 of the bytes up to the size read, in any chunk size', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aoe-hash-'));
    const path = join(dir, 'kernel_details.csv');
    const bytes = Buffer.from(Array.from({ length: 70_001 }, (_, i) => (i * 31 + 7) % 251));
    writeFileSync(path, bytes);
    const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
    expect(await hashOnThread(path, bytes.length, 4096)).toBe(sha(bytes));
    expect(await hashOnThread(path, bytes.length, 1 << 20)).toBe(sha(bytes));
    // A file that grew after it was measured: the bytes the ranges were planned on.
    expect(await hashOnThread(path, 65_536, 4096)).toBe(sha(bytes.subarray(0, 65_536)));
    await expect(hashOnThread(join(dir, 'missing.csv'), 10, 4096)).rejects.toThrow();
  });
});
