// The SQL engine the .db reader is handed. Core never loads WebAssembly itself: each host
// initialises the engine once and passes it in. The shape is the part of sql.js that the reader
// uses.
//
// Why sql.js (pinned): SQLite compiled to WebAssembly by Emscripten, MIT, maintained for a decade,
// no native module (better-sqlite3 cannot run in a browser), one JS file plus one .wasm that run
// unchanged in Node and in a browser Web Worker, and a synchronous API over an in-memory copy of
// the bytes — exactly what an ingest of a dropped file has. The official @sqlite.org/sqlite-wasm
// is built around OPFS persistence and an asynchronous worker proxy, which we do not need.
//
// - Node (CLI, launcher, tests): `const SQL = await initSqlJs()` finds sql-wasm.wasm beside the
//   package's own script;
// - the browser ingest worker: Vite resolves `sql.js` to its browser build; import the binary's
//   URL with `import wasmUrl from 'sql.js/dist/sql-wasm-browser.wasm?url'`, then
//   `await initSqlJs({ locateFile: () => wasmUrl })`, once per worker, and pass the result.

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
