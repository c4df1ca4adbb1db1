// The typed messages between the page and the ingest worker. The page sends File handles (cheap
// to clone: the bytes are not copied); the worker answers with progress and the ImportedFile,
// transferring the profile table's typed arrays instead of copying them, then says whether it
// could store the file in IndexedDB (which it does after the page has the file).
import type { ImportedFile, ProfileContent } from '../../core/formats/types.ts';
import { profileOf } from '../../core/formats/content.ts';

export type ToWorker =
  | {
      readonly type: 'import';
      readonly jobId: string;
      readonly file: File;
      /** Path inside a dropped folder (for messages), or the file name. */
      readonly path: string;
      /** The file is a bundled demo report (saved with it, so a reload keeps the label). */
      readonly demo: boolean;
    }
  | {
      /** Read saved files from IndexedDB here, so their tables are not cloned on the page. */
      readonly type: 'restore';
      readonly requestId: string;
      readonly keys: readonly string[];
    };

export type IngestPhase = 'reading' | 'parsing';

/**
 * How the ingest worker read a file: the hash's path (native Web Crypto, WebAssembly or JS) and
 * when each step ended, in ms since the epoch (`performance.timeOrigin + performance.now()`, so
 * that the page can place them on its own clock).
 */
export interface IngestTiming {
  readonly hash: 'native' | 'wasm' | 'js' | null;
  readonly marks: Readonly<Record<string, number>>;
}

export type FromWorker =
  | {
      readonly type: 'progress';
      readonly jobId: string;
      readonly phase: IngestPhase;
      readonly done: number;
      readonly total: number;
    }
  | {
      readonly type: 'done';
      readonly jobId: string;
      readonly file: ImportedFile;
      /** How the file was read: for the bench and for looking into a slow load. */
      readonly timing?: IngestTiming;
    }
  | {
      /** After `done`: the file and its entry are in IndexedDB (`ok`), or storing failed. */
      readonly type: 'stored';
      readonly jobId: string;
      readonly ok: boolean;
    }
  | { readonly type: 'failed'; readonly jobId: string; readonly message: string }
  | {
      readonly type: 'restored';
      readonly requestId: string;
      /** One per key, as stored (unchecked: the page validates them), undefined when absent. */
      readonly records: readonly unknown[];
    };

export function isFromWorker(data: unknown): data is FromWorker {
  if (typeof data !== 'object' || data === null) return false;
  const type = (data as { type?: unknown }).type;
  return (
    type === 'progress' ||
    type === 'done' ||
    type === 'stored' ||
    type === 'failed' ||
    type === 'restored'
  );
}

/**
 * The file with its own copy of the profile table's columns: one copy is transferred to the
 * page while the worker stores the other (a transferred buffer is gone from the sender).
 */
export function withTableCopy(file: ImportedFile): ImportedFile {
  const profile = profileOf(file);
  const table = profile?.table;
  if (!profile || !table) return file;
  return {
    ...file,
    content: {
      ...(file.content as ProfileContent),
      profile: {
        ...profile,
        table: {
          ...table,
          name: table.name.slice(),
          type: table.type.slice(),
          coreType: table.coreType.slice(),
          inputShapes: table.inputShapes.slice(),
          durationUs: table.durationUs.slice(),
          waitUs: table.waitUs.slice(),
          startUs: table.startUs.slice(),
          ...(table.metrics
            ? {
                metrics: table.metrics.map((m) => ({ column: m.column, values: m.values.slice() })),
              }
            : {}),
        },
      },
    },
  };
}

/**
 * The buffers behind a profile table's columns, deduplicated (two columns may share one buffer,
 * and transferring a buffer twice is an error).
 */
export function tableTransferables(file: ImportedFile): ArrayBuffer[] {
  const table = profileOf(file)?.table;
  if (!table) return [];
  const buffers = new Set<ArrayBuffer>();
  for (const column of [
    table.name,
    table.type,
    table.coreType,
    table.inputShapes,
    table.durationUs,
    table.waitUs,
    table.startUs,
    ...(table.metrics ?? []).map((m) => m.values),
  ]) {
    if (column.buffer instanceof ArrayBuffer) buffers.add(column.buffer);
  }
  return [...buffers];
}

/** The same, for records read back from storage, whose shape is not trusted. */
export function recordTransferables(records: readonly unknown[]): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const record of records) {
    const table: unknown = (record as { profile?: { table?: unknown } } | null)?.profile?.table;
    if (typeof table !== 'object' || table === null) continue;
    const metrics: unknown = (table as { metrics?: unknown }).metrics;
    const metricColumns = Array.isArray(metrics)
      ? metrics.map((m: unknown) => (m as { values?: unknown } | null)?.values)
      : [];
    for (const column of [...Object.values(table), ...metricColumns]) {
      if (ArrayBuffer.isView(column) && column.buffer instanceof ArrayBuffer) {
        buffers.add(column.buffer);
      }
    }
  }
  return [...buffers];
}
