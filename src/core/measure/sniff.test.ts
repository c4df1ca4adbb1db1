import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import type { SniffInput } from '../formats/types.ts';
import { detectMeasureFormat, MEASURE_SNIFFERS, type MeasureFormatId } from './sniff.ts';
import { MEASUREMENT_READERS, readLayerProfile } from './readers.ts';
import { baseName, fixture, fixtureNames } from './test-helpers.ts';

// The report and profiler fixtures of the format modules: no measurement sniffer may claim them.
const others = import.meta.glob<string>('../formats/**/fixtures/**/*.{json,csv}', {
  query: '?raw',
  import: 'default',
  eager: true,
});

const HEAD = 64 * 1024;
const input = (fileName: string, text: string): SniffInput => ({
  fileName,
  head: (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).slice(0, HEAD),
});

/** What each fixture is, by folder and name; null for the ones no content test can tell. */
function expectedFormat(name: string): MeasureFormatId | null {
  if (name === 'trtexec/10.3/times-empty.json') return null; // `[]` says nothing
  if (name.startsWith('ais_bench/') && name.endsWith('.json')) return 'ais_bench-summary';
  if (name.startsWith('ais_bench/')) return 'ais_bench-stdout';
  if (name.startsWith('benchmark/')) return 'benchmark-perf';
  if (name.startsWith('mindspore-lite/')) return 'mindspore-lite-stdout';
  if (name.includes('/times')) return 'trtexec-times';
  if (name.includes('/profile')) return 'trtexec-profile';
  return 'trtexec-stdout';
}

describe('detection by content alone', () => {
  test.each(fixtureNames().filter((n) => !n.includes('not-json') && !n.includes('unescaped')))(
    '%s',
    (name) => {
      const text = fixture(name);
      const want = expectedFormat(name);
      // Under a neutral name: content decides.
      expect(detectMeasureFormat(input('upload.bin', text))).toBe(want);
      // No other sniffer claims the content.
      for (const [id, sniff] of Object.entries(MEASURE_SNIFFERS)) {
        if (id !== want) expect(sniff(input('upload.bin', text)), id).toBeLessThan(2);
      }
    },
  );

  test('the tool names of the files raise the score to 3', () => {
    const cases: [MeasureFormatId, string, string][] = [
      [
        'ais_bench-summary',
        'ais_bench/summary-json/2024_03_01-10_15_42_summary.json',
        '2024_03_01-10_15_42_summary.json',
      ],
      ['ais_bench-summary', 'ais_bench/ais_infer/sumary.json', 'sumary.json'],
      [
        'benchmark-perf',
        'benchmark/perf_vision_batchsize_1_device_0.txt',
        'perf_vision_batchsize_1_device_0.txt',
      ],
    ];
    for (const [id, name, fileName] of cases) {
      expect(MEASURE_SNIFFERS[id](input(fileName, fixture(name)))).toBe(3);
      expect(MEASURE_SNIFFERS[id](input(fileName, 'unrelated'))).toBe(1);
    }
  });

  test('a summary.json whose head holds only a long filesinfo still fits', () => {
    const files = Object.fromEntries(
      Array.from({ length: 3000 }, (_, i) => [
        String(i),
        { infiles: [`prep/img_${i}.bin`], outfiles: [`out/img_${i}_0.bin`] },
      ]),
    );
    const text = JSON.stringify({ filesinfo: files, NPU_compute_time: {} });
    expect(text.indexOf('NPU_compute_time')).toBeGreaterThan(HEAD);
    expect(detectMeasureFormat(input('run.json', text))).toBe('ais_bench-summary');
  });

  test.each(Object.keys(others))('report / profiler fixture %s is no measurement', (key) => {
    const text = others[key] as string;
    const name = baseName(key);
    expect(detectMeasureFormat(input(name, text))).toBeNull();
    for (const sniff of Object.values(MEASURE_SNIFFERS))
      expect(sniff(input(name, text))).toBeLessThan(2);
  });
});

describe('robustness', () => {
  const readers = [...Object.values(MEASUREMENT_READERS), readLayerProfile];

  test('no reader throws, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), fc.string({ maxLength: 20 }), (text, name) => {
        for (const read of readers) {
          const r = read(text, name);
          expect(r.ok === false ? r.issues.some((i) => i.severity === 'error') : true).toBe(true);
        }
      }),
    );
  });

  test('no reader throws on any prefix of any fixture (files cut anywhere)', () => {
    for (const name of fixtureNames()) {
      const text = fixture(name);
      const step = Math.max(1, Math.floor(text.length / 20));
      for (let end = 0; end <= text.length; end += step) {
        for (const read of readers)
          expect(() => read(text.slice(0, end), baseName(name))).not.toThrow();
      }
    }
  });

  test('no sniffer throws or claims arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        for (const sniff of Object.values(MEASURE_SNIFFERS)) {
          expect(sniff(input('x', text))).toBeLessThanOrEqual(2);
        }
      }),
    );
  });
});
