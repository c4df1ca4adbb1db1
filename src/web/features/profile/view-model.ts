// Profile → what the profile page shows: per-type chart rows and the columns of its two tables.
// A per-kernel table (op_summary, kernel_details) is shown row by row straight from its columnar
// arrays; op_statistic has only aggregates.
import type { ProfileData, TypeAggregate } from '../../../core/model/types.ts';
import {
  fromRows,
  numberColumn,
  textColumn,
  type ColumnarData,
} from '../../components/data-table/columnar.ts';

export interface TypeBar {
  readonly type: string;
  readonly sharePct: number;
  readonly totalUs: number;
}

/** The `limit` types with the most time (byType is sorted by total time already). */
export function typeBars(byType: readonly TypeAggregate[], limit = 15): TypeBar[] {
  return [...byType]
    .sort((a, b) => b.totalUs - a.totalUs)
    .slice(0, limit)
    .map((t) => ({ type: t.type, sharePct: t.share * 100, totalUs: t.totalUs }));
}

export function typeColumns(byType: readonly TypeAggregate[]): ColumnarData {
  return fromRows(byType, {
    type: (t) => t.type,
    count: (t) => t.count,
    totalUs: (t) => t.totalUs,
    meanUs: (t) => t.meanUs,
    share: (t) => t.share * 100,
  });
}

export type OperatorTableKind = 'rows' | 'aggregates';

export function operatorColumns(profile: ProfileData): {
  kind: OperatorTableKind;
  data: ColumnarData;
} {
  const table = profile.table;
  if (table) {
    return {
      kind: 'rows',
      data: {
        rowCount: table.rowCount,
        columns: {
          name: textColumn(table.dict, table.name),
          type: textColumn(table.dict, table.type),
          coreType: textColumn(table.dict, table.coreType),
          inputShapes: textColumn(table.dict, table.inputShapes),
          durationUs: numberColumn(table.durationUs),
          waitUs: numberColumn(table.waitUs),
          startUs: numberColumn(table.startUs),
        },
      },
    };
  }
  return {
    kind: 'aggregates',
    data: fromRows(profile.summary.topOperators, {
      name: (o) => o.name,
      type: (o) => o.type,
      count: (o) => o.count,
      totalUs: (o) => o.totalUs,
      meanUs: (o) => o.meanUs,
      share: (o) => o.share * 100,
      inputShapes: (o) => o.inputShapes ?? '',
    }),
  };
}
