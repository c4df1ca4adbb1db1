// No input makes a profiler-table parser throw: random bytes, and real-shaped fixtures mutated
// (bytes replaced, inserted, cut), fed in random chunk sizes. Whatever comes back is a result.
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import type { StreamFormatModule } from '../types.ts';
import { kernelDetailsFormat } from '../kernel-details/index.ts';
import { opStatisticFormat } from '../op-statistic/index.ts';
import { opSummaryFormat } from '../op-summary/index.ts';
import { bytesOf, parseWith } from './test-helpers.ts';

const fixtures = import.meta.glob<string>('../*/fixtures/**/*.csv', {
  query: '?raw',
  import: 'default',
  eager: true,
});
const samples = Object.values(fixtures).map(bytesOf);
const modules: readonly StreamFormatModule[] = [
  kernelDetailsFormat,
  opSummaryFormat,
  opStatisticFormat,
];

/** Applies edits (position, byte, kind) to a copy of `base`. */
function mutate(base: Uint8Array, edits: readonly [number, number, number][]): Uint8Array {
  let out = Array.from(base);
  for (const [at, byte, kind] of edits) {
    const i = out.length === 0 ? 0 : at % out.length;
    if (kind === 0) out[i] = byte;
    else if (kind === 1) out.splice(i, 0, byte);
    else out = out.slice(0, i);
  }
  return new Uint8Array(out);
}

const structural = fc.constantFrom(0x22, 0x2c, 0x0a, 0x0d, 0x09, 0x00, 0xff, 0xe5, 0x41, 0x30);
const edit = fc.tuple(
  fc.nat(),
  fc.oneof(structural, fc.integer({ min: 0, max: 255 })),
  fc.integer({ min: 0, max: 2 }),
);
const chunks = fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 6 });

function expectResult(module: StreamFormatModule, bytes: Uint8Array, sizes: readonly number[]) {
  const result = parseWith(module, 'x.csv', bytes, sizes);
  if (result.ok) {
    const table = result.value.table;
    if (table) {
      expect(table.name).toHaveLength(table.rowCount);
      for (const col of [table.name, table.type, table.coreType, table.inputShapes]) {
        for (const id of col) expect(id).toBeLessThan(table.dict.length);
      }
    }
  } else expect(result.errors.length).toBeGreaterThan(0);
}

describe('profiler parsers never throw', () => {
  test('random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), chunks, (bytes, sizes) => {
        for (const m of modules) expectResult(m, bytes, sizes);
      }),
      { numRuns: 300 },
    );
  });

  test('mutated fixtures', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: samples.length - 1 }),
        fc.array(edit, { minLength: 1, maxLength: 8 }),
        chunks,
        (which, edits, sizes) => {
          const bytes = mutate(samples[which] ?? new Uint8Array(0), edits);
          for (const m of modules) expectResult(m, bytes, sizes);
        },
      ),
      { numRuns: 300 },
    );
  });
});
