// Cells a profiler table cannot mean: `1e309` overflows to Infinity ("Infinity ms (NaN %)" in a
// summary), and a negative duration is no duration. The row is kept with the value missing, and a
// located warning (line, column, the text found) says so.
import { describe, expect, test } from 'vitest';
import { kernelDetailsFormat } from '../kernel-details/index.ts';
import { opStatisticFormat } from '../op-statistic/index.ts';
import { bytesOf, parseWith, profileOf, rowsOf } from './test-helpers.ts';

const HEAD = 'Name,Type,Accelerator Core,Start Time(us),Duration(us),Wait Time(us)\n';

describe('kernel tables', () => {
  test('a duration of 1e309 keeps the row with the duration missing, and a NUMBER_OUT_OF_RANGE warning at line and column', () => {
    const csv =
      HEAD + 'Conv_0,Conv2D,AI_CORE,100.0,1e309,0\nRelu_1,Relu,AI_VECTOR_CORE,200.0,3,0\n';
    const p = profileOf(parseWith(kernelDetailsFormat, 'kernel_details.csv', bytesOf(csv)));
    const result = parseWith(kernelDetailsFormat, 'kernel_details.csv', bytesOf(csv));
    expect(result.ok && result.warnings).toEqual([
      {
        code: 'NUMBER_OUT_OF_RANGE',
        severity: 'warning',
        message:
          'line 2, column 5 (Duration(us)): the number 1e309 is out of range (it does not fit a 64-bit float); the cell is read as missing.',
        line: 2,
        column: 5,
        found: '1e309',
      },
    ]);
    expect(rowsOf(p).map((r) => r?.duration_us)).toEqual([null, 3]);
    expect(p.summary.totalDurationUs).toBe(3);
    expect(Number.isFinite(p.summary.byType[0]?.share)).toBe(true);
  });

  test('a negative duration keeps the row with the duration missing, and a NEGATIVE_TIME warning', () => {
    const csv =
      HEAD + 'Conv_0,Conv2D,AI_CORE,100.0,-12.5,0\nRelu_1,Relu,AI_VECTOR_CORE,200.0,3,-1\n';
    const result = parseWith(kernelDetailsFormat, 'kernel_details.csv', bytesOf(csv));
    expect(result.ok && result.warnings.map((i) => [i.code, i.line, i.column, i.found])).toEqual([
      ['NEGATIVE_TIME', 2, 5, '-12.5'],
      ['NEGATIVE_TIME', 3, 6, '-1'],
    ]);
    const p = profileOf(result);
    expect(rowsOf(p).map((r) => [r?.duration_us, r?.wait_us])).toEqual([
      [null, 0],
      [3, null],
    ]);
    expect(p.summary.totalDurationUs).toBe(3);
  });
});

describe('op_statistic', () => {
  const head = 'OP Type,Core Type,Count,Total Time(us)\n';

  test('a total of 1e309 or below zero is reported at line and column, and left out of the sums', () => {
    const csv = head + 'Conv2D,AI_CORE,1,1e309\nRelu,AI_VECTOR_CORE,2,-4\nAdd,AI_VECTOR_CORE,3,6\n';
    const result = parseWith(opStatisticFormat, 'op_statistic.csv', bytesOf(csv));
    expect(result.ok && result.warnings.map((i) => [i.code, i.line, i.column, i.found])).toEqual([
      ['NUMBER_OUT_OF_RANGE', 2, 4, '1e309'],
      ['NEGATIVE_TIME', 3, 4, '-4'],
    ]);
    expect(profileOf(result).summary.totalDurationUs).toBe(6);
  });
});
