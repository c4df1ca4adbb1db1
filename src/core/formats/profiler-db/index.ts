// The profiler's SQLite exports — torch_npu `ascend_pytorch_profiler_<rank>.db` and msprof
// `msprof_<ts>.db` — read with the SQL engine the host provides (engine.ts), into the columnar
// profile the CSV tables produce, with the tables each figure comes from.
import type { ProfileData } from '../../model/types.ts';
import type { BinaryFormatModule, FileContent, ImportIssue } from '../types.ts';
import { mapResult } from '../content.ts';
import { readProfilerDb, type ProfilerDbData } from './read.ts';
import { sniffProfilerDb } from './sniff.ts';

function toContent(d: ProfilerDbData): FileContent {
  const profile: ProfileData = {
    id: d.id,
    fileName: d.fileName,
    format: 'profiler-db',
    headerSet: `${d.source}-db`,
    columns: d.tables,
    table: d.table,
    summary: d.summary,
  };
  return {
    kind: 'profile',
    profile,
    breakdown: d.breakdown,
    db: {
      source: d.source,
      tables: d.tables,
      computeTasks: d.computeTasks,
      communicationOps: d.communicationOps,
      typeless: d.typeless,
      rowSources: d.rowSources,
    },
  };
}

const noEngine: ImportIssue = {
  code: 'UNREADABLE',
  severity: 'error',
  message: 'This host cannot open SQLite databases (no SQL engine was loaded).',
};

export const profilerDbFormat: BinaryFormatModule<'profiler-db'> = {
  id: 'profiler-db',
  names: {
    en: 'profiler database (.db)',
    'zh-CN': 'Profiling 数据库（.db）',
    phrase: 'a profiler SQLite export (.db)',
  },
  extensions: ['.db'],
  yields: 'profile',
  kind: 'binary',
  sniff: sniffProfilerDb,
  async read(bytes, ctx, host) {
    if (!host.sqlEngine) return { ok: false, errors: [noEngine] };
    let engine;
    try {
      engine = await host.sqlEngine();
    } catch (e) {
      return {
        ok: false,
        errors: [{ ...noEngine, message: `The SQL engine could not start: ${String(e)}` }],
      };
    }
    return mapResult(readProfilerDb(bytes, engine, ctx), toContent);
  },
};

/** The reader by itself, for hosts and tests that hold an engine. */
export const profilerDbReader = {
  id: 'profiler-db',
  sniff: sniffProfilerDb,
  read: readProfilerDb,
} as const;
