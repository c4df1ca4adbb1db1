import { describe, expect, test } from 'vitest';
import { reportFile, task } from '../../core/formats/test-files.ts';
import { profilePath, runPath, taskIndexFromParam } from './paths.ts';
import { reportOf } from '../../core/formats/content.ts';

const report = reportOf(
  reportFile('f', [task('graph_a', 'report_1_1'), task('graph_b', 'report_2_1')]),
)!;

describe('paths', () => {
  test('encode ids', () => {
    expect(runPath('ab/c', 1)).toBe('/run/ab%2Fc/1');
    expect(profilePath('x y')).toBe('/profile/x%20y');
  });

  test.each([
    ['0', 0],
    ['1', 1],
    ['2', null],
    ['report_2_1', 1],
    ['graph_a', 0],
    ['nope', null],
    ['-1', null],
  ])('task param %j → %j', (param, index) => {
    expect(taskIndexFromParam(report, param)).toBe(index);
  });
});
