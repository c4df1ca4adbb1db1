// The browser ingest worker's SQL engine for the profiler .db: sql.js and its WebAssembly binary
// (served by Vite as a file, fetched by URL) are loaded on the first .db, once per worker.
import type { FormatHost } from '../../core/formats/types.ts';
import type { SqlEngine } from '../../core/formats/profiler-db/engine.ts';
import wasmUrl from 'sql.js/dist/sql-wasm-browser.wasm?url';

let engine: Promise<SqlEngine> | null = null;

async function start(): Promise<SqlEngine> {
  const { default: initSqlJs } = await import('sql.js');
  return initSqlJs({ locateFile: () => wasmUrl });
}

export const browserFormatHost: FormatHost = {
  sqlEngine: () => (engine ??= start()),
};
