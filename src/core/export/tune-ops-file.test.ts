import { describe, expect, it } from 'vitest';
import { buildTuneOpsFile, tuneOpsFileText } from './tune-ops-file.ts';

const entries = [
  { name: 'Conv_3', type: 'Conv2D' },
  { name: ' Conv_3 ', type: 'Conv2D' },
  { name: 'trans_TransData_1', type: 'TransData' },
  { name: '', type: 'Add' },
  { name: '卷积/"quoted"', type: 'Conv2D' },
];

describe('buildTuneOpsFile', () => {
  it.each([
    {
      name: 'names only by default',
      options: {},
      expected: {
        tune_ops_name: ['Conv_3', 'trans_TransData_1', '卷积/"quoted"'],
        tune_ops_type: [],
      },
    },
    {
      name: 'types on request, deduplicated',
      options: { includeTypes: true },
      expected: {
        tune_ops_name: ['Conv_3', 'trans_TransData_1', '卷积/"quoted"'],
        tune_ops_type: ['Conv2D', 'TransData', 'Add'],
      },
    },
  ])('$name', ({ options, expected }) => {
    expect(buildTuneOpsFile(entries, options)).toEqual(expected);
  });

  it('writes JSON that AOE reads back to the same lists', () => {
    const text = tuneOpsFileText(entries);
    expect(text.endsWith('\n')).toBe(true);
    expect(JSON.parse(text)).toEqual({
      tune_ops_name: ['Conv_3', 'trans_TransData_1', '卷积/"quoted"'],
      tune_ops_type: [],
    });
  });

  it('writes both keys for an empty list', () => {
    expect(JSON.parse(tuneOpsFileText([]))).toEqual({ tune_ops_name: [], tune_ops_type: [] });
  });
});
