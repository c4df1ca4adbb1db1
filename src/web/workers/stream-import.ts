// One file, read as it streams in: its head decides the format (once, here), then a profile
// table's chunks go to the format's parser as they arrive — no file-sized buffer — while the id
// (the sha-256 of the bytes) is computed beside it (a table read in ranges starts the id once its
// ranges are planned: the plan's small reads do not queue behind the hash's). A report (a JSON document, parsed whole) is
// gathered and parsed at the end. Same results as the core's `importBytes`; it never throws on
// bad input either.
import {
  decodeDocument,
  detectBytes,
  finish,
  fromResult,
  HEAD_BYTES,
  notUtf8Issue,
} from '../../core/formats/index.ts';
import { baseName } from '../../core/formats/detect.ts';
import { withContentId } from '../../core/formats/content.ts';
import type {
  FileContent,
  FormatHost,
  ImportedFile,
  ParseResult,
} from '../../core/formats/types.ts';

export interface StreamImportOptions {
  /** Called as bytes are read and parsed (bytes so far). */
  readonly onProgress?: (done: number) => void;
  /** What formats that need more than bytes get (the SQL engine for .db). */
  readonly host?: FormatHost;
  /**
   * Reads a large kernel table (op_summary, kernel_details) in byte ranges instead of this
   * stream: its content (id left empty), or null to read the stream. A range reader that fails
   * (a worker that could not start) falls back to the stream as well. It calls `startId` once
   * its ranges are planned, so the id is computed beside the ranges (and not before the plan).
   */
  readonly readRanges?: (
    format: RangeFormat,
    fileName: string,
    startId: () => void,
  ) => Promise<ParseResult<FileContent> | null>;
}

type RangeFormat = 'kernel-details' | 'op-summary';

/**
 * Reads a file in chunks; `id` starts computing the sha-256 of the same bytes (called once, when
 * the reading needs it: after the head for most files, after the plan for ranges).
 */
export async function importStream(
  path: string,
  size: number,
  chunks: AsyncIterator<Uint8Array>,
  id: () => Promise<string>,
  options: StreamImportOptions = {},
): Promise<ImportedFile> {
  const reading = new ChunkReader(chunks);
  let started: Promise<string> | null = null;
  const startId = (): Promise<string> => {
    if (started) return started;
    started = id();
    // Awaited below on every path; a failed read must not leave its rejection unhandled meanwhile.
    started.catch(() => undefined);
    return started;
  };
  try {
    return await readAndParse(path, size, reading, startId, options);
  } finally {
    // A file refused on its head is not read further.
    await chunks.return?.();
  }
}

async function readAndParse(
  path: string,
  size: number,
  reading: ChunkReader,
  startId: () => Promise<string>,
  options: StreamImportOptions,
): Promise<ImportedFile> {
  const head = await reading.head(HEAD_BYTES);
  const base = async () => ({ id: await startId(), fileName: path, size });

  const detection = detectBytes(path, head, Math.max(size, reading.read));
  if (detection.kind === 'none') return finish(await base(), 'unknown', detection.issues, null);
  const { module } = detection;
  const fileName = baseName(path);
  const ranged =
    options.readRanges !== undefined &&
    (module.id === 'kernel-details' || module.id === 'op-summary');
  // The id is computed beside the reading; a ranged reading starts it once its plan is read.
  if (!ranged) void startId().catch(() => undefined);

  if (module.kind !== 'stream') {
    // Documents are parsed whole, a database is opened from its bytes.
    const bytes = await reading.rest(head, size);
    options.onProgress?.(bytes.length);
    const known = { ...(await base()), size: bytes.length };
    const ctx = { fileName, id: known.id };
    if (module.kind === 'binary') {
      const result = await module.read(bytes, ctx, options.host ?? {});
      return fromResult(known, module.id, detection.issues, result);
    }
    const text = decodeDocument(bytes);
    if (text === null) return finish(known, module.id, [...detection.issues, notUtf8Issue()], null);
    return fromResult(known, module.id, detection.issues, module.parse(text, ctx));
  }

  if (ranged && options.readRanges && module.kind === 'stream') {
    const read = await options
      .readRanges(module.id as RangeFormat, fileName, () => void startId())
      .catch(() => null);
    if (read) {
      const known = { ...(await base()), size };
      return fromResult(known, module.id, detection.issues, stampId(read, known.id));
    }
    // Read as one stream instead, the id beside it.
    void startId();
  }

  // The id is not known before the last byte: the parser gets a placeholder, the result the id.
  const parser = module.createParser({ fileName, id: '' });
  parser.sizeHint?.(size);
  parser.push(head);
  options.onProgress?.(reading.read);
  for (;;) {
    const chunk = await reading.next();
    if (!chunk) break;
    parser.push(chunk);
    options.onProgress?.(reading.read);
  }
  const known = { ...(await base()), size: reading.read };
  return fromResult(known, module.id, detection.issues, stampId(parser.finish(), known.id));
}

function stampId(result: ParseResult<FileContent>, id: string): ParseResult<FileContent> {
  return result.ok
    ? { ...result, value: withContentId(result.value, id) }
    : { ...result, ...(result.partial ? { partial: withContentId(result.partial, id) } : {}) };
}

/** Pulls chunks; keeps count of the bytes read. */
class ChunkReader {
  read = 0;
  constructor(private readonly chunks: AsyncIterator<Uint8Array>) {}

  async next(): Promise<Uint8Array | null> {
    const { done, value } = await this.chunks.next();
    if (done) return null;
    this.read += value.length;
    return value;
  }

  /** The first `bytes` bytes (fewer for a shorter file), or more when a chunk ends past them. */
  async head(bytes: number): Promise<Uint8Array> {
    const parts: Uint8Array[] = [];
    while (this.read < bytes) {
      const chunk = await this.next();
      if (!chunk) break;
      parts.push(chunk);
    }
    return concat(parts, this.read);
  }

  /** `head` and everything after it, in one buffer (the announced size, grown if need be). */
  async rest(head: Uint8Array, size: number): Promise<Uint8Array> {
    let buffer = new Uint8Array(Math.max(size, head.length));
    buffer.set(head);
    let length = head.length;
    for (;;) {
      const chunk = await this.next();
      if (!chunk) break;
      if (length + chunk.length > buffer.length) {
        const grown = new Uint8Array(Math.max(buffer.length * 2, length + chunk.length));
        grown.set(buffer.subarray(0, length));
        buffer = grown;
      }
      buffer.set(chunk, length);
      length += chunk.length;
    }
    return buffer.subarray(0, length);
  }
}

function concat(parts: readonly Uint8Array[], length: number): Uint8Array {
  if (parts.length === 1 && parts[0]) return parts[0];
  const out = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
