// The row view of one index of a columnar ProfileTable, in the normalized shape that
// schemas/profile-row.schema.json describes: for previews, exports and the schema test. Missing
// cells are null.
import type { ProfileTable } from '../../model/types.ts';
import type { ProfileRow } from '../../validation/generated/profile-row.ts';
import { MISSING } from './cells.ts';

const text = (table: ProfileTable, id: number | undefined): string | null =>
  id === undefined || id === MISSING ? null : (table.dict[id] ?? null);
const num = (v: number | undefined): number | null =>
  v === undefined || Number.isNaN(v) ? null : v;

export function rowAt(table: ProfileTable, i: number): ProfileRow | null {
  if (!(i >= 0 && i < table.rowCount)) return null;
  return {
    op_name: text(table, table.name[i]),
    op_type: text(table, table.type[i]),
    core_type: text(table, table.coreType[i]),
    start_offset_us: num(table.startUs[i]),
    duration_us: num(table.durationUs[i]),
    wait_us: num(table.waitUs[i]),
    input_shapes: text(table, table.inputShapes[i]),
  };
}
