// What the reader needs of the Ascend profiler database (the schema torch_npu
// `ascend_pytorch_profiler_<rank>.db` and msprof `msprof_<ts>.db` share since CANN 8.x): times
// are integer ns since the epoch, text columns are ids into STRING_IDS.
import type { ImportIssue } from '../types.ts';
import type { SqlDatabase } from './engine.ts';

export const REQUIRED_TABLES = ['TASK', 'COMPUTE_TASK_INFO', 'STRING_IDS'] as const;

/** Columns without which a table cannot be read; the others are read when present. */
export const REQUIRED_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  TASK: ['startNs', 'endNs', 'globalTaskId'],
  COMPUTE_TASK_INFO: ['globalTaskId', 'name', 'opType', 'taskType'],
  STRING_IDS: ['id', 'value'],
  COMMUNICATION_OP: ['opName', 'startNs', 'endNs'],
};

export interface DbSchema {
  readonly tables: readonly string[];
  readonly columns: ReadonlyMap<string, ReadonlySet<string>>;
}

export function readSchema(db: SqlDatabase): DbSchema {
  const rows =
    db.exec("SELECT name FROM sqlite_master WHERE type IN ('table', 'view') ORDER BY name")[0]
      ?.values ?? [];
  const tables = rows.map((r) => String(r[0]));
  const columns = new Map<string, Set<string>>();
  for (const t of tables) {
    if (!(t in REQUIRED_COLUMNS) && t !== 'OVERLAP_ANALYSIS') continue;
    const info = db.exec(`PRAGMA table_info("${t.replace(/"/g, '""')}")`)[0];
    const nameAt = info?.columns.indexOf('name') ?? -1;
    columns.set(t, new Set((info?.values ?? []).map((r) => String(r[nameAt]))));
  }
  return { tables, columns };
}

/** A located error when the database is not a profiler export, or lacks a needed column. */
export function schemaIssue(schema: DbSchema): ImportIssue | null {
  const missing = REQUIRED_TABLES.filter((t) => !schema.tables.includes(t));
  if (missing.length > 0) {
    const found = schema.tables.length > 0 ? schema.tables.join(', ') : 'no tables';
    return {
      code: 'SCHEMA_MISMATCH',
      severity: 'error',
      message:
        `not an Ascend profiler database: it lacks the table${missing.length > 1 ? 's' : ''} ` +
        `${missing.join(', ')} (expected ${REQUIRED_TABLES.join(', ')}; found ${found})`,
      path: `/${missing[0]}`,
      expected: REQUIRED_TABLES.join(', '),
      found: found.slice(0, 200),
    };
  }
  for (const [table, needed] of Object.entries(REQUIRED_COLUMNS)) {
    const have = schema.columns.get(table);
    if (have === undefined) continue;
    const lacking = needed.filter((c) => !have.has(c));
    if (lacking.length === 0) continue;
    return {
      code: 'MISSING_COLUMN',
      severity: 'error',
      message: `the table ${table} lacks the column${lacking.length > 1 ? 's' : ''} ${lacking.join(', ')}`,
      path: `/${table}/${lacking[0]}`,
      expected: needed.join(', '),
      found: [...have].join(', ').slice(0, 200),
    };
  }
  return null;
}

export const has = (schema: DbSchema, table: string, column: string): boolean =>
  schema.columns.get(table)?.has(column) ?? false;
