// One file, read as it streams in: its head decides the format (once, here), then a profile
// table's chunks go to the format's parser as they arrive — no file-sized buffer — while the id
// (the sha-256 of the bytes) is computed beside it. A report (a JSON document, parsed whole) is
// gathered and parsed at the end. Same results as the core's `importBytes`; it never throws on
// bad input either.
import { checkHead, detect, HEAD_BYTES } from '../../core/formats/index.ts';
import { baseName } from '../../core/formats/detect.ts';
import type { ProfileData, TuningReport } from '../../core/model/types.ts';
import type { FormatId, ImportedFile, ImportIssue, ParseResult } from '../../core/formats/types.ts';

export interface StreamImportOptions {
  /** Called as bytes are read and parsed (bytes so far). */
  readonly onProgress?: (done: number) => void;
}

/** Reads a file in chunks; `id` resolves to the sha-256 of the same bytes. */
export async function importStream(
  path: string,
  size: number,
  chunks: AsyncIterator<Uint8Array>,
  id: Promise<string>,
  options: StreamImportOptions = {},
): Promise<ImportedFile> {
  const reading = new ChunkReader(chunks);
  // Awaited below on every path; a failed read must not leave its rejection unhandled meanwhile.
  id.catch(() => undefined);
  try {
    return await readAndParse(path, size, reading, id, options);
  } finally {
    // A file refused on its head is not read further.
    await chunks.return?.();
  }
}

async function readAndParse(
  path: string,
  size: number,
  reading: ChunkReader,
  id: Promise<string>,
  options: StreamImportOptions,
): Promise<ImportedFile> {
  const head = await reading.head(HEAD_BYTES);
  const base = async () => ({ id: await id, fileName: path, size });

  const checked = checkHead(head, Math.max(size, reading.read));
  if (!checked.ok) return finish(await base(), 'unknown', [checked.issue], null, null);
  const detection = detect(path, checked.head);
  if (detection.kind === 'none')
    return finish(await base(), 'unknown', detection.issues, null, null);
  const { module } = detection;
  const fileName = baseName(path);

  if (module.kind === 'aoe') {
    const bytes = await reading.rest(head, size);
    options.onProgress?.(bytes.length);
    const text = decodeDocument(bytes);
    const known = await base();
    if (text === null) {
      return finish(known, module.id, [...detection.issues, notUtf8()], null, null);
    }
    const result = module.parse(text, { fileName, id: known.id });
    return fromResult(
      { ...known, size: bytes.length },
      module.id,
      detection.issues,
      result,
      'report',
    );
  }

  // The id is not known before the last byte: the parser gets a placeholder, the result the id.
  const parser = module.createParser({ fileName, id: '' });
  parser.push(head);
  options.onProgress?.(reading.read);
  for (;;) {
    const chunk = await reading.next();
    if (!chunk) break;
    parser.push(chunk);
    options.onProgress?.(reading.read);
  }
  const known = { ...(await base()), size: reading.read };
  const result = parser.finish();
  const withId = (p: ProfileData): ProfileData => ({ ...p, id: known.id });
  const stamped: ParseResult<ProfileData> = result.ok
    ? { ...result, value: withId(result.value) }
    : { ...result, ...(result.partial ? { partial: withId(result.partial) } : {}) };
  return fromResult(known, module.id, detection.issues, stamped, 'profile');
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

/**
 * The text of a report, or null when it is not UTF-8. `stream: true` drops a multi-byte character
 * cut at the very end (AOE was still writing): the parser then reports TRUNCATED and salvages.
 * The BOM is kept so that the parser's byte offsets are offsets in the file.
 */
function decodeDocument(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes, {
      stream: true,
    });
  } catch {
    return null;
  }
}

function notUtf8(): ImportIssue {
  return {
    code: 'NOT_UTF8',
    severity: 'error',
    message: 'The file is not valid UTF-8 text (save it as UTF-8; GBK is not read).',
  };
}

type Base = Pick<ImportedFile, 'id' | 'fileName' | 'size'>;

function fromResult<T extends TuningReport | ProfileData>(
  base: Base,
  format: FormatId,
  detectionIssues: readonly ImportIssue[],
  result: ParseResult<T>,
  slot: 'report' | 'profile',
): ImportedFile {
  const issues = result.ok
    ? [...detectionIssues, ...result.warnings]
    : [...detectionIssues, ...result.errors];
  const value = result.ok ? result.value : (result.partial ?? null);
  return slot === 'report'
    ? finish(base, format, issues, value as TuningReport | null, null)
    : finish(base, format, issues, null, value as ProfileData | null);
}

function finish(
  base: Base,
  format: FormatId,
  issues: readonly ImportIssue[],
  report: TuningReport | null,
  profile: ProfileData | null,
): ImportedFile {
  return {
    ...base,
    format,
    ok: !issues.some((i) => i.severity === 'error'),
    issues,
    report,
    profile,
  };
}
