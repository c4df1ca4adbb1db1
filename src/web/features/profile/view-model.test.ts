import { describe, expect, it } from 'vitest';
import type { ProfileData, ProfileTable } from '../../../core/model/types.ts';
import { operatorColumns, typeBars, typeColumns } from './view-model.ts';

const byType = [
  { type: 'Relu', count: 3, totalUs: 30, meanUs: 10, share: 0.1 },
  { type: 'Conv2D', count: 2, totalUs: 240, meanUs: 120, share: 0.8 },
  { type: 'Add', count: 6, totalUs: 30, meanUs: 5, share: 0.1 },
];

const profile = (table: ProfileTable | null): ProfileData => ({
  id: 'p',
  fileName: 'op_summary_1.csv',
  format: 'op-summary',
  headerSet: 'msprof-8.x',
  columns: [],
  table,
  summary: {
    rows: 2,
    totalDurationUs: 300,
    byType,
    topOperators: [
      {
        name: 'Conv_0',
        type: 'Conv2D',
        count: 2,
        totalUs: 240,
        meanUs: 120,
        share: 0.8,
        inputShapes: null,
      },
    ],
  },
});

describe('profile view model', () => {
  it('charts the types with the most time first, as percentages, up to the limit', () => {
    expect(typeBars(byType, '(none)', 2)).toEqual([
      { type: 'Conv2D', sharePct: 80, totalUs: 240 },
      { type: 'Relu', sharePct: 10, totalUs: 30 },
    ]);
  });

  it('labels the missing type of a Level0 profile (N/A) instead of leaving it blank', () => {
    const level0 = [{ type: 'N/A', count: 9, totalUs: 90, meanUs: 10, share: 1 }];
    expect(typeBars(level0, '(no type)')[0]?.type).toBe('(no type)');
    const col = typeColumns(level0, '(no type)').columns.type;
    expect(col?.kind === 'text' ? col.dict[col.codes[0] ?? 0] : null).toBe('(no type)');
  });

  it('shows kernel rows straight from the columnar table when there is one', () => {
    const dict = ['Conv_0', 'Conv2D', 'AI_CORE', '1,3'];
    const ops = operatorColumns(
      profile({
        rowCount: 2,
        dict,
        name: Uint32Array.of(0, 0),
        type: Uint32Array.of(1, 1),
        coreType: Uint32Array.of(2, 2),
        inputShapes: Uint32Array.of(3, 3),
        durationUs: Float64Array.of(100, 140),
        waitUs: Float64Array.of(NaN, 1),
        startUs: Float64Array.of(0, 200),
        startBaseUs: null,
      }),
      '(no type)',
    );
    expect(ops.kind).toBe('rows');
    expect(ops.data.rowCount).toBe(2);
    expect(ops.data.columns.durationUs).toEqual({
      kind: 'number',
      values: Float64Array.of(100, 140),
    });
    expect(ops.data.columns.name).toMatchObject({ kind: 'text', dict });
  });

  it('falls back to the per-operator aggregates (share as a percentage)', () => {
    const ops = operatorColumns(profile(null), '(no type)');
    expect(ops.kind).toBe('aggregates');
    expect(ops.data.columns.share).toEqual({ kind: 'number', values: Float64Array.of(80) });
    expect(ops.data.columns.inputShapes).toMatchObject({ kind: 'text', dict: [''] });
  });
});
