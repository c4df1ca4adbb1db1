// Profile → what the profile page shows: per-type chart rows and the columns of its two tables.
// A per-kernel table (op_summary, kernel_details) is shown row by row straight from its columnar
// arrays; op_statistic has only aggregates.
import { isNoType, type NameAggregate } from '../../../core/model/profile-by-name.ts';
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

/** A type as shown: Level0 profiles have none (`N/A`), which gets a label instead of a blank. */
export const typeLabel = (type: string, noType: string): string => (isNoType(type) ? noType : type);

/** The `limit` types with the most time (byType is sorted by total time already). */
export function typeBars(byType: readonly TypeAggregate[], noType: string, limit = 15): TypeBar[] {
  return [...byType]
    .sort((a, b) => b.totalUs - a.totalUs)
    .slice(0, limit)
    .map((t) => ({ type: typeLabel(t.type, noType), sharePct: t.share * 100, totalUs: t.totalUs }));
}

export function typeColumns(byType: readonly TypeAggregate[], noType: string): ColumnarData {
  return fromRows(byType, {
    type: (t) => typeLabel(t.type, noType),
    count: (t) => t.count,
    totalUs: (t) => t.totalUs,
    meanUs: (t) => t.meanUs,
    share: (t) => t.share * 100,
  });
}

export type OperatorTableKind = 'rows' | 'aggregates';

/** A utilisation column as the table shows it: a fraction (0–1) or already a percentage. */
export interface MetricColumn {
  /** Column id in the table (`m:` + the file's column name). */
  readonly id: string;
  readonly column: string;
  readonly unit: 'fraction' | 'percent';
}

export function metricColumns(profile: ProfileData): MetricColumn[] {
  return (profile.table?.metrics ?? []).map((m) => ({
    id: `m:${m.column}`,
    column: m.column,
    unit: m.column.endsWith('(%)') ? 'percent' : 'fraction',
  }));
}

export function operatorColumns(
  profile: ProfileData,
  noType: string,
): {
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
          // Its own dictionary, so a blank type is labeled here and nowhere else.
          type: textColumn(
            table.dict.map((d) => typeLabel(d, noType)),
            table.type,
          ),
          coreType: textColumn(table.dict, table.coreType),
          inputShapes: textColumn(table.dict, table.inputShapes),
          durationUs: numberColumn(table.durationUs),
          waitUs: numberColumn(table.waitUs),
          startUs: numberColumn(table.startUs),
          ...Object.fromEntries(
            // The table's sort and filter work on Float64 columns: widened while the page shows them.
            (table.metrics ?? []).map((m) => [
              `m:${m.column}`,
              numberColumn(Float64Array.from(m.values)),
            ]),
          ),
        },
      },
    };
  }
  return {
    kind: 'aggregates',
    data: fromRows(profile.summary.topOperators, {
      name: (o) => o.name,
      type: (o) => typeLabel(o.type, noType),
      count: (o) => o.count,
      totalUs: (o) => o.totalUs,
      meanUs: (o) => o.meanUs,
      share: (o) => o.share * 100,
      inputShapes: (o) => o.inputShapes ?? '',
    }),
  };
}

/** The per-name groups as table columns. */
export function nameColumns(groups: readonly NameAggregate[], noType: string): ColumnarData {
  return fromRows(groups, {
    name: (g) => g.name,
    type: (g) => typeLabel(g.type, noType),
    count: (g) => g.count,
    totalUs: (g) => g.totalUs,
    meanUs: (g) => g.meanUs ?? NaN,
    maxUs: (g) => g.maxUs ?? NaN,
    share: (g) => g.share * 100,
  });
}
