// The one import path used by every host: the ingest worker, the CLI and the launcher.
// file bytes → detect (content sniff, name as a hint) → parse → validate → normalize.
// It never throws on bad input: every problem is an ImportIssue on the result.
import type {
  FileContent,
  FormatHost,
  FormatId,
  ImportedFile,
  ImportIssue,
  ParseResult,
} from './types.ts';
import { baseName, detectBytes, HEAD_BYTES } from './detect.ts';

export { FORMATS, FORMAT_IDS, ACCEPTED_EXTENSIONS, formatById, isFormatId } from './registry.ts';
export { detect, detectBytes, checkHead, HEAD_BYTES, label as formatLabel } from './detect.ts';
export { reportOf, profileOf, profileContentOf, measurementsOf, withContentId } from './content.ts';

export interface ImportOptions {
  /** Called as table parsing advances (bytes parsed, total bytes). */
  readonly onProgress?: (done: number, total: number) => void;
  /** Stops a long import between chunks; the result then carries an UNREADABLE issue. */
  readonly signal?: AbortSignal;
  /** Size of the pieces table parsers are fed with. */
  readonly chunkSize?: number;
  /** What formats that need more than bytes get from the host (the SQL engine for .db). */
  readonly host?: FormatHost;
}

const DEFAULT_CHUNK = 1 << 20;

/** sha-256 of the bytes, hex: the id of reports and profiles (Web Crypto, in browsers and Node). */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

export async function importBytes(
  fileName: string,
  bytes: Uint8Array,
  options: ImportOptions = {},
): Promise<ImportedFile> {
  const id = await sha256Hex(bytes);
  const base = { id, fileName, size: bytes.length };
  const detection = detectBytes(fileName, bytes.subarray(0, HEAD_BYTES + 4), bytes.length);
  if (detection.kind === 'none') return finish(base, 'unknown', detection.issues, null);
  const { module } = detection;
  const ctx = { fileName: baseName(fileName), id };

  if (module.kind === 'binary') {
    const result = await module.read(bytes, ctx, options.host ?? {});
    return fromResult(base, module.id, detection.issues, result);
  }

  if (module.kind === 'document') {
    const text = decodeDocument(bytes);
    if (text === null) return finish(base, module.id, [...detection.issues, notUtf8Issue()], null);
    return fromResult(base, module.id, detection.issues, module.parse(text, ctx));
  }

  const parser = module.createParser(ctx);
  const chunk = options.chunkSize ?? DEFAULT_CHUNK;
  for (let at = 0; at < bytes.length; at += chunk) {
    if (options.signal?.aborted) {
      const issue: ImportIssue = {
        code: 'UNREADABLE',
        severity: 'error',
        message: 'The import was canceled.',
        offset: at,
      };
      return finish(base, module.id, [...detection.issues, issue], null);
    }
    parser.push(bytes.subarray(at, Math.min(bytes.length, at + chunk)));
    options.onProgress?.(Math.min(bytes.length, at + chunk), bytes.length);
  }
  return fromResult(base, module.id, detection.issues, parser.finish());
}

/**
 * The text of a whole document, or null when it is not UTF-8. `stream: true` drops a multi-byte
 * character cut at the very end (AOE was still writing): the parser then reports TRUNCATED and
 * salvages, instead of the file being "not UTF-8". The BOM is kept so that the parser's byte
 * offsets are offsets in the file.
 */
export function decodeDocument(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes, {
      stream: true,
    });
  } catch {
    return null;
  }
}

export function notUtf8Issue(): ImportIssue {
  return {
    code: 'NOT_UTF8',
    severity: 'error',
    message: 'The file is not valid UTF-8 text (save it as UTF-8; GBK is not read).',
  };
}

/**
 * Incremental form for hosts that read a file in pieces (the browser's `file.stream()`): the
 * pieces are gathered into one buffer of the announced size, then imported as a whole.
 */
export function createImport(fileName: string, size: number, options: ImportOptions = {}) {
  let buffer = new Uint8Array(size);
  let length = 0;
  return {
    push(chunk: Uint8Array): void {
      if (length + chunk.length > buffer.length) {
        const grown = new Uint8Array(Math.max(buffer.length * 2, length + chunk.length));
        grown.set(buffer.subarray(0, length));
        buffer = grown;
      }
      buffer.set(chunk, length);
      length += chunk.length;
    },
    finish(): Promise<ImportedFile> {
      return importBytes(fileName, buffer.subarray(0, length), options);
    },
  };
}

export type FileBase = Pick<ImportedFile, 'id' | 'fileName' | 'size'>;

/** The ImportedFile for a parse result: its issues after detection's, what was read or salvaged. */
export function fromResult(
  base: FileBase,
  format: FormatId,
  detectionIssues: readonly ImportIssue[],
  result: ParseResult<FileContent>,
): ImportedFile {
  const issues = result.ok
    ? [...detectionIssues, ...result.warnings]
    : [...detectionIssues, ...result.errors];
  const value = result.ok ? result.value : (result.partial ?? null);
  return finish(base, format, issues, value);
}

export function finish(
  base: FileBase,
  format: FormatId,
  issues: readonly ImportIssue[],
  content: FileContent | null,
): ImportedFile {
  return {
    ...base,
    format,
    ok: !issues.some((i) => i.severity === 'error'),
    issues,
    content,
  };
}
