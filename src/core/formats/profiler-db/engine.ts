// The SQL engine the .db reader is handed. Core never loads WebAssembly itself: each host
// initialises the engine once and passes it in. The shape is the part of sql.js
// (SQLite compiled to WebAssembly, the library this project pins) that the reader uses:
// - Node (CLI, launcher, tests): `const SQL = await initSqlJs()` finds sql-wasm.wasm beside the
//   package's own script;
// - the browser ingest worker: `import wasmUrl from 'sql.js/dist/sql-wasm.wasm?url'` (Vite), then
//   `await initSqlJs({ locateFile: () => wasmUrl })`, once per worker.

export interface SqlStatement {
  step(): boolean;
  get(): unknown[];
  free(): unknown;
}

export interface SqlDatabase {
  exec(sql: string): { columns: string[]; values: unknown[][] }[];
  prepare(sql: string): SqlStatement;
  close(): void;
}

export interface SqlEngine {
  readonly Database: new (data: Uint8Array) => SqlDatabase;
}
