// One launcher per data dir. Two launchers on one database would each run start-up recovery over
// the other's jobs and could start two tuners on one device, so the data dir is locked before
// anything opens the database: `launcher.lock`, created atomically (written aside, then hard
// linked into place, which fails when the name exists), holds the owner's pid, its start time and
// host. A lock whose owner is gone (or whose pid now belongs to another process) is stale and is
// taken over; the lock is removed when the database is closed or the process exits.
import { linkSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { isRunning, startTicksOf } from '../jobs/proc-table.ts';

export const LOCK_FILE = 'launcher.lock';

export interface LockHolder {
  readonly pid: number;
  /** Clock ticks since boot when the holder started (null where /proc is not available). */
  readonly start: number | null;
  readonly host: string;
  readonly since: string;
}

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
  ) {
    super(
      `the data dir ${dataDir} is in use by another launcher (pid ${holder.pid} on ${holder.host}, ` +
        `since ${holder.since}); stop it first, or give this one another --data-dir`,
    );
    this.name = 'DataDirLockedError';
  }
}

export interface DataDirLock {
  readonly file: string;
  release(): void;
}

/** Data dirs this process holds: a second open of one of them is refused like any other. */
const held = new Set<string>();

function readHolder(file: string): LockHolder | null {
  try {
    const v = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockHolder>;
    if (typeof v.pid !== 'number' || typeof v.host !== 'string') return null;
    return {
      pid: v.pid,
      start: typeof v.start === 'number' ? v.start : null,
      host: v.host,
      since: typeof v.since === 'string' ? v.since : '?',
    };
  } catch {
    return null;
  }
}

/** Whether the holder still runs: same host, pid alive, and the same process (start time). */
function holderLives(h: LockHolder, file: string): boolean {
  // Another host's pid means nothing here (a data dir on a shared file system): never steal it.
  if (h.host !== hostname()) return true;
  if (h.pid === process.pid) return held.has(file);
  if (!isRunning(h.pid)) return false;
  return h.start === null || startTicksOf(h.pid) === null || startTicksOf(h.pid) === h.start;
}

export function acquireDataDirLock(dataDir: string): DataDirLock {
  const file = join(dataDir, LOCK_FILE);
  const me: LockHolder = {
    pid: process.pid,
    start: startTicksOf(process.pid),
    host: hostname(),
    since: new Date().toISOString(),
  };
  const aside = `${file}.${process.pid}.new`;
  writeFileSync(aside, `${JSON.stringify(me)}\n`, { mode: 0o600 });
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        linkSync(aside, file);
        break;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 3) throw err;
      }
      const holder = readHolder(file);
      if (holder && holderLives(holder, file)) throw new DataDirLockedError(dataDir, holder);
      // Stale (or unreadable: a writer never leaves a partial file, so it is not a live lock).
      // Move it aside before deleting, and put it back if another launcher took it meanwhile.
      const stale = `${file}.${process.pid}.stale`;
      try {
        renameSync(file, stale);
      } catch {
        continue;
      }
      const moved = readHolder(stale);
      if (moved && holderLives(moved, file)) {
        try {
          linkSync(stale, file);
        } finally {
          rmSync(stale, { force: true });
        }
        throw new DataDirLockedError(dataDir, moved);
      }
      rmSync(stale, { force: true });
    }
  } finally {
    rmSync(aside, { force: true });
  }
  held.add(file);
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off('exit', release);
    held.delete(file);
    // Only our own lock: never the one a successor took after this process was judged gone.
    if (readHolder(file)?.pid === process.pid) {
      try {
        unlinkSync(file);
      } catch {
        // already gone
      }
    }
  };
  process.on('exit', release);
  return { file, release };
}
