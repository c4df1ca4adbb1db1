// Imports one file from disk for `inspect` without holding the whole file in memory: profiler
// tables are streamed through their parser, and a large kernel table (op_summary,
// kernel_details) is split into byte ranges at line ends, read by a pool of worker threads sized
// to the machine's cores, and merged (core/formats/csv/ranges.ts). The result is the ImportedFile
// `importBytes` gives for the same bytes: same id (sha-256 of the file), rows, dictionary, issues.
import { createHash } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { MessageChannel, Worker } from 'node:worker_threads';
import type { ProfileData } from '../../core/model/types.ts';
import type {
  FileContent,
  ImportedFile,
  ImportIssue,
  ParseResult,
} from '../../core/formats/types.ts';
import { detectBytes, HEAD_BYTES, importBytes } from '../../core/formats/index.ts';
import { mapResult, withContentId } from '../../core/formats/content.ts';
import { nodeFormatHost } from './format-host.ts';
import { baseName } from '../../core/formats/detect.ts';
import type { RangePart, RangeSpec } from '../../core/formats/csv/ranges.ts';
import { readKernelRanges } from '../../core/formats/csv/range-plan.ts';
import { readRange, type RangeJob } from './csv-range-read.ts';

export interface FileImportOptions {
  /** Worker threads for a large kernel table; default: the machine's cores. */
  readonly workers?: number;
  /** Files below this size are read on the calling thread. */
  readonly minParallelBytes?: number;
  readonly chunkSize?: number;
  /**
   * How a worker thread loads its code: `bundle` (default), one plain script bundled once per
   * process by esbuild, or `tsx`, the TypeScript modules through tsx as the CLI runs them (what
   * is used when bundling fails).
   */
  readonly workerCode?: 'bundle' | 'tsx';
}

const CHUNK = 1 << 20;
/** Below this, starting workers costs more than it saves. */
const MIN_PARALLEL_BYTES = 64 << 20;

export async function importFile(
  path: string,
  options: FileImportOptions = {},
): Promise<ImportedFile> {
  const file = await open(path, 'r');
  try {
    const size = (await file.stat()).size;
    const head = await readAt(file, 0, Math.min(size, HEAD_BYTES + 4));
    const detection = detectBytes(path, head, size);
    if (detection.kind !== 'module' || detection.module.kind !== 'stream') {
      // Documents (AOE reports, benchmark outputs) are parsed as one text, a .db from its bytes;
      // errors need only the id: read the file whole.
      return await importBytes(path, await readAt(file, 0, size), { host: nodeFormatHost });
    }
    const { module } = detection;
    const ctx = { fileName: baseName(path), id: '' };
    const workers = options.workers ?? availableParallelism();
    const chunkSize = options.chunkSize ?? CHUNK;
    let result: ParseResult<FileContent> | null = null;
    const parallel =
      workers >= 2 &&
      size >= (options.minParallelBytes ?? MIN_PARALLEL_BYTES) &&
      (module.id === 'op-summary' || module.id === 'kernel-details');
    // The workers' code is bundled while the file is hashed and probed. When the file is read
    // in ranges, the hash has a thread of its own: hashed here, between this thread's reads of
    // its range, it was starved by the parse and finished last, after the merge (~0.3 s of a
    // 127 MB table's ~1.8 s on 2 cores).
    const code = parallel ? workerCode(options.workerCode ?? 'bundle') : null;
    const hashing = parallel
      ? hashOnThread(path, size, chunkSize).catch(() => hashFile(file, size, chunkSize))
      : hashFile(file, size, chunkSize);
    if (parallel && code) {
      const read = await readParallel(file, path, size, module.id, workers, chunkSize, code);
      if (read) result = mapResult(read, (profile) => ({ kind: 'profile', profile }));
    }
    if (result === null) {
      const parser = module.createParser(ctx);
      parser.sizeHint?.(size);
      await streamRange(file, 0, size, chunkSize, (c) => parser.push(c));
      result = parser.finish();
    }
    const id = await hashing;
    return imported(path, size, id, module.id, detection.issues, result);
  } finally {
    await file.close();
  }
}

type KernelFormat = RangeSpec['format'];

/**
 * Reads a kernel table in ranges (core/formats/csv/range-plan.ts); null when the file is not fit
 * for it, and the caller reads it on one thread.
 */
async function readParallel(
  file: FileHandle,
  path: string,
  size: number,
  format: KernelFormat,
  workers: number,
  chunkSize: number,
  code: Promise<string>,
): Promise<ParseResult<ProfileData> | null> {
  const fileName = baseName(path);
  const read = await readKernelRanges(
    { fileName, id: '' },
    format,
    {
      size,
      readAt: (position, length) => readAt(file, position, length),
      // The first range is read on this thread, between the hash's reads: one worker fewer (a
      // worker with its own copy of the modules and of tsx costs ~40 MB), and this thread would
      // otherwise only wait.
      readRange: (start, end, spec) => {
        const job: RangeJob = { path, fileName, start, end, chunkSize, spec };
        return start === 0 ? readRange(job) : code.then((c) => runWorker(c, job));
      },
      release,
    },
    workers,
  );
  return read && read.result;
}

/**
 * Frees the buffers of merged parts now, without waiting for a garbage collection: moved into a
 * message port that is closed at once, their memory goes with the port's queue on the next turn
 * of the event loop. Without this a 1 GB table's parts and its merged columns were all in memory
 * at once (peak RSS 482 MB instead of ~300).
 */
async function release(buffers: ArrayBufferLike[]): Promise<void> {
  const owned = [...new Set(buffers)].filter((b): b is ArrayBuffer => b instanceof ArrayBuffer);
  const { port1, port2 } = new MessageChannel();
  port1.postMessage(null, owned);
  port1.close();
  port2.close();
  await new Promise((resolve) => setImmediate(resolve));
}

const tsxEntry = {
  code: null as string | null,
  /**
   * The worker's entry through tsx, like the CLI itself: the thread registers tsx before
   * importing the worker's TypeScript. Slow to start (~400 ms CPU: tsx's loader thread, each
   * module resolved and compiled), so it is the fallback.
   */
  get(): string {
    if (this.code === null) {
      const require = createRequire(import.meta.url);
      const tsx = require.resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs');
      const entry = new URL('./csv-range-worker.ts', import.meta.url).href;
      this.code =
        `import(${JSON.stringify(pathToFileURL(tsx).href)})` +
        `.then((api) => { api.register(); return import(${JSON.stringify(entry)}); });`;
    }
    return this.code;
  },
};

let bundled: Promise<string | null> | null = null;

/**
 * The worker's code as one CommonJS script, bundled once per process by esbuild (the compiler
 * tsx runs the CLI with, so the code is the same): a worker starts from it in ~50 ms instead of
 * ~400 ms through tsx, which on a 2-core machine was a third of reading a 127 MB table. Null
 * when bundling fails (the tsx entry is used).
 */
export function bundleWorker(): Promise<string | null> {
  bundled ??= (async () => {
    try {
      const { build } = await import('esbuild');
      const out = await build({
        entryPoints: [fileURLToPath(new URL('./csv-range-worker.ts', import.meta.url))],
        bundle: true,
        format: 'cjs',
        platform: 'node',
        target: `node${process.versions.node.split('.')[0]}`,
        write: false,
        logLevel: 'silent',
      });
      return out.outputFiles[0]?.text ?? null;
    } catch {
      return null;
    }
  })();
  return bundled;
}

function workerCode(how: 'bundle' | 'tsx'): Promise<string> {
  if (how === 'tsx') return Promise.resolve(tsxEntry.get());
  return bundleWorker().then((code) => code ?? tsxEntry.get());
}

function runWorker(code: string, job: RangeJob): Promise<RangePart> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(code, { eval: true, workerData: job });
    let done = false;
    worker.once('message', (part: RangePart) => {
      done = true;
      resolve(part);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (!done) reject(new Error(`a CSV range worker exited with code ${code}`));
    });
  });
}

/** Reads [start, end) of the file in pieces of `chunkSize` into `push`, streaming. */
async function streamRange(
  file: FileHandle,
  start: number,
  end: number,
  chunkSize: number,
  push: (chunk: Uint8Array) => void,
): Promise<void> {
  const chunk = new Uint8Array(chunkSize);
  for (let at = start; at < end;) {
    const { bytesRead } = await file.read(chunk, 0, Math.min(chunk.length, end - at), at);
    if (bytesRead === 0) break;
    push(chunk.subarray(0, bytesRead));
    at += bytesRead;
  }
}

async function hashFile(file: FileHandle, size: number, chunkSize: number): Promise<string> {
  const hash = createHash('sha256');
  await streamRange(file, 0, size, chunkSize, (c) => hash.update(c));
  return hash.digest('hex');
}

/**
 * The hash worker: plain CommonJS (nothing to bundle or compile), reading the first `size`
 * bytes of the file itself, so that the thread reading a range never waits for it.
 */
const HASH_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { openSync, readSync, closeSync } = require('node:fs');
const { path, size, chunkSize } = workerData;
const hash = createHash('sha256');
const chunk = Buffer.allocUnsafe(chunkSize);
const fd = openSync(path, 'r');
try {
  for (let at = 0; at < size; ) {
    const n = readSync(fd, chunk, 0, Math.min(chunkSize, size - at), at);
    if (n === 0) break;
    hash.update(chunk.subarray(0, n));
    at += n;
  }
} finally {
  closeSync(fd);
}
parentPort.postMessage(hash.digest('hex'));
`;

/** The SHA-256 of the file's first `size` bytes, hashed on a worker thread. */
export function hashOnThread(path: string, size: number, chunkSize: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(HASH_WORKER, { eval: true, workerData: { path, size, chunkSize } });
    let done = false;
    worker.once('message', (hex: unknown) => {
      done = true;
      if (typeof hex === 'string') resolve(hex);
      else reject(new Error('the hash worker sent no digest'));
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (!done) reject(new Error(`the hash worker exited with code ${code}`));
    });
  });
}

async function readAt(file: FileHandle, position: number, length: number): Promise<Uint8Array> {
  const buf = new Uint8Array(length);
  let n = 0;
  while (n < length) {
    const { bytesRead } = await file.read(buf, n, length - n, position + n);
    if (bytesRead === 0) break;
    n += bytesRead;
  }
  return buf.subarray(0, n);
}

/** The ImportedFile of a table read here, as `importBytes` builds it. */
function imported(
  path: string,
  size: number,
  id: string,
  format: ImportedFile['format'],
  detectionIssues: readonly ImportIssue[],
  result: ParseResult<FileContent>,
): ImportedFile {
  const issues = [...detectionIssues, ...(result.ok ? result.warnings : result.errors)];
  const content = result.ok ? result.value : (result.partial ?? null);
  return {
    id,
    fileName: path,
    size,
    format,
    ok: !issues.some((i) => i.severity === 'error'),
    issues,
    content: content && withContentId(content, id),
  };
}
