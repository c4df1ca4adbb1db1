// A full disk is a state the launcher lives through, not a crash. AOE's workspace takes 2–10 GB a
// run (AOE-CLI.md, resource sizing), so the data dir's disk does fill up. Two reserves keep the
// writes that matter possible then (a job's final state, deleting runs to free space):
// - a file of RESERVE_FILE_BYTES in the data dir, whose removal gives the file system room for
//   the database's write-ahead log;
// - a table of padding rows inside the database, whose removal gives SQLite free pages when the
//   database itself cannot grow.
// Both are given up only when a write that matters fails, and taken back once there is room.
import { closeSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import type { Db } from './db.ts';

export const RESERVE_FILE = 'launcher.reserve';
export const RESERVE_FILE_BYTES = 2 * 1024 * 1024;
export const RESERVE_ROWS = 16;
const RESERVE_ROW_BYTES = 3000;

/** SQLITE_FULL, or ENOSPC / EDQUOT from a file write: no room left. */
export function isDiskFull(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const code = (err as { code?: unknown }).code;
  return code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT';
}

/** Disk full or another failure of the storage under the launcher (I/O error, read-only, …). */
export function isStorageError(err: unknown): boolean {
  if (isDiskFull(err)) return true;
  if (typeof err !== 'object' || err === null) return false;
  const code = (err as { code?: unknown }).code;
  return (
    typeof code === 'string' &&
    (/^SQLITE_(IOERR|READONLY|CANTOPEN|CORRUPT|NOTADB)/.test(code) ||
      code === 'EIO' ||
      code === 'EROFS')
  );
}

/** Thrown by a write that matters when even the reserves did not make room for it. */
export class StoreFullError extends Error {
  readonly code = 'DISK_FULL';
  constructor(cause: unknown) {
    super(`no space left for the launcher's data: ${String(cause)}`);
    this.name = 'StoreFullError';
  }
}

export interface Reserve {
  /** Gives up both reserves; true when anything was freed. */
  release(): boolean;
  /** Takes both back where there is room again; never throws. */
  replenish(): void;
}

/** The reserve of a database; the file lies beside the database's own (none for one in memory). */
export function createReserve(db: Db): Reserve {
  const file = isAbsolute(db.name) ? join(dirname(db.name), RESERVE_FILE) : null;
  const count = db.prepare('SELECT COUNT(*) AS n FROM reserve');
  const add = db.prepare('INSERT INTO reserve (pad) VALUES (zeroblob(?))');
  const clear = db.prepare('DELETE FROM reserve');

  const fileSize = () => {
    if (file === null) return RESERVE_FILE_BYTES;
    try {
      return statSync(file).size;
    } catch {
      return 0;
    }
  };

  return {
    release(): boolean {
      let freed = false;
      if (file !== null && fileSize() > 0) {
        rmSync(file, { force: true });
        freed = true;
      }
      try {
        freed = clear.run().changes > 0 || freed;
      } catch {
        // The database cannot even record the deletion; the file above was the last resort.
      }
      return freed;
    },
    replenish(): void {
      // The file first: it is what lets the database write anything at all on a full disk.
      if (file !== null && fileSize() < RESERVE_FILE_BYTES) {
        let fd: number | null = null;
        try {
          // Real blocks, not a sparse file: zeros written out.
          fd = openSync(file, 'w', 0o600);
          const chunk = Buffer.alloc(64 * 1024);
          for (let n = 0; n < RESERVE_FILE_BYTES; n += chunk.length) writeSync(fd, chunk);
        } catch {
          if (fd !== null) closeSync(fd);
          fd = null;
          rmSync(file, { force: true });
          return;
        }
        closeSync(fd);
      }
      try {
        const have = (count.get() as { n: number }).n;
        if (have < RESERVE_ROWS) {
          db.transaction(() => {
            for (let i = have; i < RESERVE_ROWS; i++) add.run(RESERVE_ROW_BYTES);
          })();
        }
      } catch {
        // No room yet; the next replenish tries again.
      }
    },
  };
}
