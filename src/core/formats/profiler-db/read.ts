// Reads the SQLite export of the Ascend profiler — torch_npu `ascend_pytorch_profiler_<rank>.db`
// (export_type=db) and msprof `msprof_<ts>.db` (CANN 8.x `--type=db`) — into the same columnar
// ProfileTable the kernel_details / op_summary CSV reader produces: one row per compute task
// (TASK joined with COMPUTE_TASK_INFO on globalTaskId) and one per communication op
// (COMMUNICATION_OP), in start order, names resolved through STRING_IDS, ns turned into µs.
//
// Each figure keeps the table it comes from. The two exports time communication differently:
// COMMUNICATION_OP spans the whole collective (first to last task of the op, 88.75 ms for an
// allReduce), while kernel_details.csv writes the op's device span (79.09 ms for the same one):
// the .db's own figures are kept, and `rowSources` says which table each kind of row is from.
// The step split, when the export has one, comes from OVERLAP_ANALYSIS (type 0 computing,
// 1 communication, 2 communication not overlapped, 3 free) and STEP_TIME.
import type { ProfileSummary, ProfileTable } from '../../model/types.ts';
import { summarizeTable } from '../../model/profile-aggregate.ts';
import { breakdownOf, isTypeless, type TimeBreakdown } from '../../model/profile-compare.ts';
import type { ImportIssue, ParseContext, ParseResult } from '../types.ts';
import type { SqlDatabase, SqlEngine } from './engine.ts';
import { has, readSchema, schemaIssue, type DbSchema } from './schema.ts';

export interface ProfilerDbData {
  readonly id: string;
  readonly fileName: string;
  /** torch_npu when the export has its framework tables (PYTORCH_API), else msprof. */
  readonly source: 'torch_npu' | 'msprof';
  readonly tables: readonly string[];
  readonly table: ProfileTable;
  readonly summary: ProfileSummary;
  /** Every row's type is missing (Level0): the UI says so once and groups by name. */
  readonly typeless: boolean;
  readonly computeTasks: number;
  readonly communicationOps: number;
  readonly rowSources: { readonly compute: string; readonly communication: string | null };
  /** From OVERLAP_ANALYSIS and STEP_TIME, when present. */
  readonly breakdown: TimeBreakdown | null;
}

const SQLITE_MAGIC = 'SQLite format 3\u0000';
const COMMUNICATION_CORE = 'COMMUNICATION';

/** The first 16 bytes must be SQLite's magic; the header's page count says the full size. */
function headerIssue(bytes: Uint8Array): ImportIssue | null {
  if (bytes.length === 0) return { code: 'EMPTY', severity: 'error', message: 'the file is empty' };
  let magic = '';
  for (let i = 0; i < Math.min(16, bytes.length); i++)
    magic += String.fromCharCode(bytes[i] as number);
  if (magic !== SQLITE_MAGIC) {
    return {
      code: 'UNKNOWN_FORMAT',
      severity: 'error',
      message: 'not an SQLite database: the file does not start with "SQLite format 3"',
      offset: 0,
      expected: 'SQLite format 3',
      found: magic.replace(/[^\x20-\x7e]/g, '.'),
    };
  }
  if (bytes.length < 100) return truncated(bytes.length, 100);
  const raw = ((bytes[16] as number) << 8) | (bytes[17] as number);
  const pageSize = raw === 1 ? 65536 : raw;
  const pages =
    (((bytes[28] as number) << 24) |
      ((bytes[29] as number) << 16) |
      ((bytes[30] as number) << 8) |
      (bytes[31] as number)) >>>
    0;
  const size = pageSize * pages;
  return size > bytes.length ? truncated(bytes.length, size) : null;
}

const truncated = (have: number, want: number): ImportIssue => ({
  code: 'TRUNCATED',
  severity: 'error',
  message: `the database is cut short: ${have} bytes of the ${want} its header announces`,
  offset: have,
  expected: String(want),
  found: String(have),
});

/** `1736410576404465400` (ns) → `1736410576404465.400` (µs), exactly. */
function nsTextToUs(ns: string): string {
  const neg = ns.startsWith('-');
  const digits = (neg ? ns.slice(1) : ns).padStart(4, '0');
  return `${neg ? '-' : ''}${digits.slice(0, -3)}.${digits.slice(-3)}`;
}

class Strings {
  readonly dict: string[] = [''];
  private readonly byText = new Map<string, number>([
    ['', 0],
    ['N/A', 0],
  ]);
  private readonly byId = new Map<number, number>();
  private readonly shapeById = new Map<number, number>();

  constructor(private readonly ids: ReadonlyMap<number, string>) {}

  text(s: string): number {
    let id = this.byText.get(s);
    if (id === undefined) {
      id = this.dict.push(s) - 1;
      this.byText.set(s, id);
    }
    return id;
  }

  /** A STRING_IDS id → dictionary index; `shape` strips the literal quotes shapes carry. */
  of(v: unknown, shape = false): number {
    if (typeof v !== 'number') return 0;
    const cache = shape ? this.shapeById : this.byId;
    let id = cache.get(v);
    if (id === undefined) {
      let s = (this.ids.get(v) ?? '').trim();
      if (shape && s.length >= 2 && s.startsWith('"') && s.endsWith('"')) s = s.slice(1, -1);
      id = this.text(s);
      cache.set(v, id);
    }
    return id;
  }
}

function rows(db: SqlDatabase, sql: string, each: (row: unknown[]) => void): void {
  const st = db.prepare(sql);
  try {
    while (st.step()) each(st.get());
  } finally {
    st.free();
  }
}

const numOr = (v: unknown, scale: number): number =>
  typeof v === 'number' ? v / scale : typeof v === 'bigint' ? Number(v) / scale : NaN;

function readTable(
  db: SqlDatabase,
  schema: DbSchema,
): { table: ProfileTable; compute: number; comm: number } {
  const ids = new Map<number, string>();
  rows(db, 'SELECT id, value FROM STRING_IDS', (r) => {
    if (typeof r[0] === 'number') ids.set(r[0], r[1] === null ? '' : String(r[1]));
  });
  const strings = new Strings(ids);
  const withComm = schema.tables.includes('COMMUNICATION_OP');
  const opt = (t: string, c: string, alias: string) =>
    has(schema, t, c) ? `${alias}.${c}` : 'NULL';
  const join = 'COMPUTE_TASK_INFO c JOIN TASK t ON t.globalTaskId = c.globalTaskId';
  const baseRow = db.exec(
    `SELECT CAST(min(s) AS TEXT) FROM (SELECT min(t.startNs) AS s FROM ${join}` +
      (withComm ? ' UNION ALL SELECT min(startNs) FROM COMMUNICATION_OP' : '') +
      ')',
  )[0]?.values[0]?.[0];
  const base = typeof baseRow === 'string' && /^-?\d+$/.test(baseRow) ? baseRow : null;
  let n = 0;
  let cap = 4096;
  let name = new Uint32Array(cap);
  let type = new Uint32Array(cap);
  let core = new Uint32Array(cap);
  let shapes = new Uint32Array(cap);
  let dur = new Float64Array(cap);
  let wait = new Float64Array(cap);
  let start = new Float64Array(cap);
  const grow = () => {
    cap *= 2;
    const u = (a: Uint32Array) => {
      const b = new Uint32Array(cap);
      b.set(a);
      return b;
    };
    const f = (a: Float64Array) => {
      const b = new Float64Array(cap);
      b.set(a);
      return b;
    };
    [name, type, core, shapes] = [u(name), u(type), u(core), u(shapes)];
    [dur, wait, start] = [f(dur), f(wait), f(start)];
  };
  let compute = 0;
  let comm = 0;
  if (base !== null) {
    const commCore = strings.text(COMMUNICATION_CORE);
    // Integer arithmetic in SQLite stays exact; the differences fit a double.
    const sql =
      `SELECT 0, t.startNs - ${base}, t.endNs - t.startNs, c.name, c.opType, c.taskType, ` +
      `${opt('COMPUTE_TASK_INFO', 'inputShapes', 'c')}, ${opt('COMPUTE_TASK_INFO', 'waitNs', 'c')} FROM ${join}` +
      (withComm
        ? ` UNION ALL SELECT 1, o.startNs - ${base}, o.endNs - o.startNs, o.opName, ` +
          `${opt('COMMUNICATION_OP', 'opType', 'o')}, NULL, NULL, ${opt('COMMUNICATION_OP', 'waitNs', 'o')} ` +
          'FROM COMMUNICATION_OP o'
        : '') +
      ' ORDER BY 2, 1';
    rows(db, sql, (r) => {
      if (n === cap) grow();
      const isComm = r[0] === 1;
      if (isComm) comm++;
      else compute++;
      start[n] = numOr(r[1], 1000);
      const d = numOr(r[2], 1000);
      dur[n] = d >= 0 ? d : NaN;
      name[n] = strings.of(r[3]);
      type[n] = strings.of(r[4]);
      core[n] = isComm ? commCore : strings.of(r[5]);
      shapes[n] = strings.of(r[6], true);
      wait[n] = numOr(r[7], 1000);
      n++;
    });
  }
  return {
    table: {
      rowCount: n,
      dict: strings.dict,
      name: name.slice(0, n),
      type: type.slice(0, n),
      coreType: core.slice(0, n),
      inputShapes: shapes.slice(0, n),
      durationUs: dur.slice(0, n),
      waitUs: wait.slice(0, n),
      startUs: start.slice(0, n),
      startBaseUs: base === null ? null : nsTextToUs(base),
    },
    compute,
    comm,
  };
}

function readBreakdown(db: SqlDatabase, schema: DbSchema): TimeBreakdown | null {
  const cols = schema.columns.get('OVERLAP_ANALYSIS');
  if (!cols || !['type', 'startNs', 'endNs'].every((c) => cols.has(c))) return null;
  const sums = [0, 0, 0, 0];
  let any = false;
  rows(db, 'SELECT type, sum(endNs - startNs) FROM OVERLAP_ANALYSIS GROUP BY type', (r) => {
    const k = r[0];
    if (typeof k === 'number' && k >= 0 && k < 4) {
      sums[k] = numOr(r[1], 1000);
      any = true;
    }
  });
  if (!any) return null;
  const steps = schema.tables.includes('STEP_TIME')
    ? Number(db.exec('SELECT count(*) FROM STEP_TIME')[0]?.values[0]?.[0] ?? 0)
    : 0;
  const [computing, communication, notOverlapped, free] = sums as [number, number, number, number];
  return breakdownOf({
    steps,
    computingUs: computing,
    communicationNotOverlappedUs: notOverlapped,
    overlappedUs: Math.max(0, communication - notOverlapped),
    freeUs: free,
  });
}

/** Reads a profiler database from its bytes with an already initialised engine. Never throws. */
export function readProfilerDb(
  bytes: Uint8Array,
  engine: SqlEngine,
  ctx: ParseContext,
): ParseResult<ProfilerDbData> {
  const bad = headerIssue(bytes);
  if (bad) return { ok: false, errors: [bad] };
  let db: SqlDatabase | null = null;
  try {
    db = new engine.Database(bytes);
    const schema = readSchema(db);
    const wrong = schemaIssue(schema);
    if (wrong) return { ok: false, errors: [wrong] };
    const { table, compute, comm } = readTable(db, schema);
    const withComm = schema.tables.includes('COMMUNICATION_OP');
    return {
      ok: true,
      value: {
        id: ctx.id,
        fileName: ctx.fileName,
        source: schema.tables.includes('PYTORCH_API') ? 'torch_npu' : 'msprof',
        tables: schema.tables,
        table,
        summary: summarizeTable(table),
        typeless: isTypeless(table),
        computeTasks: compute,
        communicationOps: comm,
        rowSources: {
          compute: 'TASK ⋈ COMPUTE_TASK_INFO (globalTaskId)',
          communication: withComm ? 'COMMUNICATION_OP' : null,
        },
        breakdown: readBreakdown(db, schema),
      },
      warnings: [],
    };
  } catch (e) {
    return {
      ok: false,
      errors: [
        {
          code: 'UNREADABLE',
          severity: 'error',
          message: `the database could not be read: ${e instanceof Error ? e.message : String(e)}`,
        },
      ],
    };
  } finally {
    db?.close();
  }
}
