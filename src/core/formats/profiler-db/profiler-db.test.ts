// Profiler databases built in the test with sql.js from SQL scripts modeled on the real schema;
// every expected row worked out by hand from the scripts.
import { beforeAll, describe, expect, test } from 'vitest';
import initSqlJs from 'sql.js';
import type { ParseResult } from '../types.ts';
import type { SqlEngine } from './engine.ts';
import { profilerDbReader } from './index.ts';
import type { ProfilerDbData } from './read.ts';

const scripts = import.meta.glob<string>('./fixtures/*.sql', {
  query: '?raw',
  import: 'default',
  eager: true,
});

/** The Node-side host: initialise sql.js once (it finds its .wasm beside its own script). */
let engine: SqlEngine;
let build: (sql: string) => Uint8Array;
beforeAll(async () => {
  const SQL = await initSqlJs();
  engine = SQL;
  build = (sql) => {
    const db = new SQL.Database();
    db.run(sql);
    const bytes = db.export();
    db.close();
    return bytes;
  };
});

const script = (name: string): string => {
  const text = scripts[`./fixtures/${name}`];
  if (text === undefined) throw new Error(`no fixture ${name}`);
  return text;
};
const read = (bytes: Uint8Array): ParseResult<ProfilerDbData> =>
  profilerDbReader.read(bytes, engine, { fileName: 'ascend_pytorch_profiler_0.db', id: 'test' });
const ok = (r: ParseResult<ProfilerDbData>): ProfilerDbData => {
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
};
const rowsOf = (d: ProfilerDbData) =>
  Array.from({ length: d.table.rowCount }, (_, i) => {
    const t = d.table;
    const s = (id: number | undefined) => t.dict[id ?? 0] ?? '';
    return [
      s(t.name[i]),
      s(t.type[i]),
      s(t.coreType[i]),
      s(t.inputShapes[i]),
      t.startUs[i],
      t.durationUs[i],
      t.waitUs[i],
    ];
  });

describe('torch_npu ascend_pytorch_profiler_<rank>.db', () => {
  test('compute tasks and communication ops as one table, in start order, in µs', () => {
    const d = ok(read(build(script('torch_npu-level1.sql'))));
    expect(d.source).toBe('torch_npu');
    expect([d.computeTasks, d.communicationOps, d.table.rowCount]).toEqual([3, 1, 4]);
    // Relative to the first start, 1700000000000001000 ns; the EVENT_RECORD task has no
    // COMPUTE_TASK_INFO row and is not a kernel.
    expect(d.table.startBaseUs).toBe('1700000000000001.000');
    expect(rowsOf(d)).toEqual([
      ['MatMul1', 'MatMulV2', 'AI_CORE', '2,2;2,2', 0, 10.5, 0],
      ['Add1', 'Add', 'AI_VECTOR_CORE', '', 19, 5, 2.5],
      ['hcom_allReduce__1_0_1', 'hcom_allReduce_', 'COMMUNICATION', '', 21, 30, 0.5],
      ['MatMul1', 'MatMulV2', 'AI_CORE', '2,2;2,2', 39, 20, 1],
    ]);
    expect(d.summary.totalDurationUs).toBe(65.5);
    expect(d.summary.byType.map((t) => [t.type, t.count, t.totalUs])).toEqual([
      ['MatMulV2', 2, 30.5],
      ['hcom_allReduce_', 1, 30],
      ['Add', 1, 5],
    ]);
    expect(d.typeless).toBe(false);
    expect(d.rowSources).toEqual({
      compute: 'TASK ⋈ COMPUTE_TASK_INFO (globalTaskId)',
      communication: 'COMMUNICATION_OP',
    });
  });

  test('the step split from OVERLAP_ANALYSIS and STEP_TIME', () => {
    const d = ok(read(build(script('torch_npu-level1.sql'))));
    // computing 10.5 + 5 + 20, communication 30 of which 12 not overlapped, free 8
    expect(d.breakdown).toMatchObject({
      steps: 1,
      computingUs: 35.5,
      communicationUs: 30,
      communicationNotOverlappedUs: 12,
      overlappedUs: 18,
      freeUs: 8,
      totalUs: 55.5,
      meanStepUs: 55.5,
    });
  });

  test('Level0-like: no type anywhere → typeless', () => {
    const sql = `${script('torch_npu-level1.sql')}
      UPDATE COMPUTE_TASK_INFO SET opType = 8; UPDATE COMMUNICATION_OP SET opType = 8;`;
    const d = ok(read(build(sql)));
    expect(d.typeless).toBe(true);
  });
});

describe('msprof msprof_<ts>.db', () => {
  test('no framework tables, no communication, no wait column', () => {
    const d = ok(read(build(script('msprof-minimal.sql'))));
    expect(d.source).toBe('msprof');
    expect(d.rowSources.communication).toBeNull();
    expect(d.breakdown).toBeNull();
    expect(d.table.startBaseUs).toBe('5.000');
    expect(rowsOf(d)).toEqual([
      ['Cast1', 'Cast', 'AI_VECTOR_CORE', '16', 0, 2.25, NaN],
      ['Cast1', 'Cast', 'AI_VECTOR_CORE', '16', 4, 0.5, NaN],
    ]);
  });
});

describe('what is not a profiler database: a located error, nothing thrown', () => {
  test('another SQLite database names the tables expected and found', () => {
    const r = read(build('CREATE TABLE runs (id INTEGER); CREATE TABLE jobs (id INTEGER);'));
    expect(r.ok ? [] : r.errors.map((i) => [i.code, i.path, i.expected, i.found])).toEqual([
      ['SCHEMA_MISMATCH', '/TASK', 'TASK, COMPUTE_TASK_INFO, STRING_IDS', 'jobs, runs'],
    ]);
  });

  test('a needed column missing', () => {
    const sql = script('msprof-minimal.sql')
      .replace('endNs INTEGER,', '')
      .replace(/INSERT[^;]*;/g, '');
    const r = read(build(sql));
    expect(r.ok ? [] : r.errors.map((i) => [i.code, i.path])).toEqual([
      ['MISSING_COLUMN', '/TASK/endNs'],
    ]);
  });

  test('cut short, not SQLite, empty, damaged pages', () => {
    const whole = build(script('torch_npu-level1.sql'));
    const cut = read(whole.slice(0, 3000));
    expect(cut.ok ? [] : cut.errors.map((i) => [i.code, i.offset, i.expected])).toEqual([
      ['TRUNCATED', 3000, String(whole.length)],
    ]);
    const text = read(new TextEncoder().encode('Step,Computing\n1,2\n'));
    expect(text.ok ? [] : text.errors.map((i) => [i.code, i.offset])).toEqual([
      ['UNKNOWN_FORMAT', 0],
    ]);
    const empty = read(new Uint8Array(0));
    expect(empty.ok ? [] : empty.errors.map((i) => i.code)).toEqual(['EMPTY']);
    const damaged = whole.slice();
    damaged.fill(0xab, 100);
    const r = read(damaged);
    expect(r.ok ? [] : r.errors.map((i) => i.code)).toEqual(['UNREADABLE']);
  });

  test('detection: SQLite header and the export names', () => {
    const head = new TextDecoder('latin1').decode(build('CREATE TABLE x (a);').subarray(0, 64));
    expect(profilerDbReader.sniff({ fileName: 'ascend_pytorch_profiler_0.db', head })).toBe(3);
    expect(profilerDbReader.sniff({ fileName: 'msprof_20260605161734.db', head })).toBe(3);
    expect(profilerDbReader.sniff({ fileName: 'other.db', head })).toBe(2);
    expect(profilerDbReader.sniff({ fileName: 'msprof_1.db', head: 'text' })).toBe(1);
    expect(profilerDbReader.sniff({ fileName: 'a.csv', head: 'text' })).toBe(0);
  });
});
