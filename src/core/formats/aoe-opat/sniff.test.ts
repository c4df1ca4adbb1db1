// Detection by content alone (no file name), the name as a hint, and files of other kinds.
import { describe, expect, test } from 'vitest';
import { sniffOpat } from './sniff.ts';
import { opatFixture, opatFixtureNames } from './test-helpers.ts';

const AOE_NAME = 'aoe_result_opat_20261102093015123_pid41873.json';
const head = (text: string) => text.replace(/^\ufeff/, '').slice(0, 64 * 1024);
const NOT_AOE = new Set(['empty.json', 'renamed/aoe_result_opat_x.json']);

describe('every AOE fixture is detected by content', () => {
  const files = opatFixtureNames().filter((f) => !NOT_AOE.has(f));

  test('the fixture set is all there', () => {
    expect(files.length).toBe(17);
  });

  test.each(files)('%s', (file) => {
    const text = head(opatFixture(file));
    expect(sniffOpat({ fileName: '', head: text })).toBe(2);
    expect(sniffOpat({ fileName: 'unknown', head: text })).toBe(2);
    expect(sniffOpat({ fileName: AOE_NAME, head: text })).toBe(3);
  });
});

describe('content decides, the name only hints', () => {
  test('a kernel_details table named like an AOE result: only the name fits', () => {
    const csv = opatFixture('renamed/aoe_result_opat_x.json');
    expect(sniffOpat({ fileName: 'aoe_result_opat_x.json', head: csv })).toBe(1);
    expect(sniffOpat({ fileName: 'kernel_details.csv', head: csv })).toBe(0);
  });

  test.each([
    ['an empty head', ''],
    ['a Chrome trace', '[{"name":"Conv_0","ph":"X","ts":1,"dur":2,"pid":1,"tid":1}]'],
    ['a share bundle', '{"version":1,"runs":[]}'],
    ['text mentioning OPAT', 'the "OPAT": section is described in the manual'],
  ])('%s is not AOE', (_label, text) => {
    expect(sniffOpat({ fileName: 'x.json', head: text })).toBe(0);
    expect(sniffOpat({ fileName: AOE_NAME, head: text })).toBe(1);
  });

  test('only the keys every AOE file has: operator tuning, unless it says subgraph', () => {
    const common = '{"report_20250312083015001_7781": [{"basic": {"tuning_name": "x"';
    expect(sniffOpat({ fileName: '', head: common })).toBe(2);
    expect(sniffOpat({ fileName: 'aoe_result_sgat_1_pid2.json', head: common })).toBe(0);
    expect(sniffOpat({ fileName: '', head: `${common}}}, {"SGAT": {` })).toBe(0);
  });

  test('the name match ignores case and directories are stripped by the registry', () => {
    const text = head(opatFixture('cann63rc2-array.json'));
    expect(sniffOpat({ fileName: 'AOE_RESULT_OPAT_1_pid2.JSON', head: text })).toBe(3);
  });

  test('a head cut in the middle (the registry reads 64 KiB) still fits', () => {
    const text = opatFixture('cann63rc2-array.json').slice(0, 120);
    expect(sniffOpat({ fileName: '', head: text })).toBe(2);
  });
});
