// Through the registry, as every host imports a file: detection by content alone (the name
// "unknown"), the AOE name as a hint, and another known format under an AOE name. Fixture keys are
// as Vite resolves them: `./fixtures/…` for this folder, `../aoe-sgat/fixtures/…` for the other.
import { describe, expect, test } from 'vitest';
import { importBytes } from '../index.ts';
import { reportOf } from '../content.ts';

const fixtures = import.meta.glob<string>('../aoe-*/fixtures/**/*.json', {
  query: '?raw',
  import: 'default',
  eager: true,
});
const bytes = (key: string) => new TextEncoder().encode(fixtures[key] ?? '');
const aoeFixtures = Object.keys(fixtures).filter(
  (k) => !k.endsWith('/empty.json') && !k.includes('/renamed/'),
);

describe('detected without the file name', () => {
  test.each(aoeFixtures)('%s', async (key) => {
    const file = await importBytes('unknown', bytes(key));
    expect(file.format).toBe(key.includes('aoe-sgat') ? 'aoe-sgat' : 'aoe-opat');
    expect(file.issues.some((i) => i.code === 'UNKNOWN_FORMAT' || i.code === 'WRONG_FORMAT')).toBe(
      false,
    );
    const named = await importBytes(
      `logs/aoe_result_${file.format.slice(4)}_1_pid2.json`,
      bytes(key),
    );
    expect(named.format).toBe(file.format);
    // The name given by the host (directories stripped) is the report's file name.
    const report = reportOf(named);
    if (report) expect(report.fileName).toBe(`aoe_result_${file.format.slice(4)}_1_pid2.json`);
  });
});

test('the report id is the sha-256 of the bytes', async () => {
  const file = await importBytes('a.json', new TextEncoder().encode('[{"OPAT":{}}]'));
  expect(reportOf(file)?.id).toBe(file.id);
  expect(file.id).toMatch(/^[0-9a-f]{64}$/);
});

test('a kernel_details table renamed aoe_result_opat_x.json is named as what it is', async () => {
  const file = await importBytes(
    'aoe_result_opat_x.json',
    bytes('./fixtures/renamed/aoe_result_opat_x.json'),
  );
  expect(file.format).toBe('kernel-details');
  const wrong = file.issues.find((i) => i.code === 'WRONG_FORMAT');
  expect([wrong?.otherFormat, wrong?.expected]).toEqual(['kernel-details', 'aoe-opat']);
});

test('a truncated report keeps its salvage and byte offset through the registry', async () => {
  const file = await importBytes(
    'aoe_result_opat_1_pid2.json',
    bytes('./fixtures/truncated-mid-operator.json'),
  );
  expect(file.ok).toBe(false);
  expect(file.issues.map((i) => [i.code, i.offset])).toEqual([['TRUNCATED', 1757]]);
  expect([reportOf(file)?.incomplete, reportOf(file)?.tasks[0]?.operators.length]).toEqual([
    true,
    3,
  ]);
});
