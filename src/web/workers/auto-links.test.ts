import { describe, expect, test } from 'vitest';
import { profileFile, reportFile } from '../test/imported-files.ts';
import { autoLinks, dropGroup } from './auto-links.ts';

describe('dropGroup', () => {
  test.each([
    ['aoe_result_opat_1.json', ''],
    ['PROF_1/device_0/summary/op_summary_0_1.csv', 'PROF_1'],
    ['run_a/aoe_result_opat_1.json', 'run_a'],
  ])('%s → %j', (path, group) => expect(dropGroup(path)).toBe(group));
});

describe('autoLinks', () => {
  test('links every report to every profile of its folder, and loose files to each other', () => {
    const pairs = autoLinks([
      { path: 'a/aoe_result_opat_1.json', file: reportFile('ra') },
      { path: 'a/PROF_1/device_0/summary/op_summary.csv', file: profileFile('pa') },
      { path: 'b/aoe_result_opat_2.json', file: reportFile('rb') },
      { path: 'b/kernel_details.csv', file: profileFile('pb1') },
      { path: 'b/op_statistic.csv', file: profileFile('pb2') },
      { path: 'loose.json', file: reportFile('rl') },
      { path: 'loose.csv', file: profileFile('pl') },
    ]);
    expect(pairs).toEqual([
      ['ra', 'pa'],
      ['rb', 'pb1'],
      ['rb', 'pb2'],
      ['rl', 'pl'],
    ]);
  });

  test('links nothing when a group has only reports or only profiles', () => {
    expect(
      autoLinks([
        { path: 'a/x.json', file: reportFile('r') },
        { path: 'b/y.csv', file: profileFile('p') },
      ]),
    ).toEqual([]);
  });
});
