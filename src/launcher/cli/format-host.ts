// What the formats get from Node hosts (CLI, launcher): the SQL engine for the profiler .db,
// sql.js started once, on first use (it finds its .wasm beside its own script).
import initSqlJs from 'sql.js';
import type { FormatHost } from '../../core/formats/types.ts';
import type { SqlEngine } from '../../core/formats/profiler-db/engine.ts';

let engine: Promise<SqlEngine> | null = null;

export const nodeFormatHost: FormatHost = {
  sqlEngine: () => (engine ??= initSqlJs()),
};
