// The one import path used by every host: the ingest worker, the CLI and the launcher.
// file bytes → detect (content sniff, name as a hint) → parse → validate → normalize.
// It never throws on bad input: every problem is an ImportIssue on the result.
import type { FormatId, ImportedFile, ImportIssue, ParseResult } from './types.ts';
import type { ProfileData, TuningReport } from '../model/types.ts';
import { checkHead, detect, baseName } from './detect.ts';

export { FORMATS } from './registry.ts';
export { detect, checkHead, HEAD_BYTES, label as formatLabel } from './detect.ts';

export interface ImportOptions {
  /** Called as table parsing advances (bytes parsed, total bytes). */
  readonly onProgress?: (done: number, total: number) => void;
  /** Stops a long import between chunks; the result then carries an UNREADABLE issue. */
  readonly signal?: AbortSignal;
  /** Size of the pieces table parsers are fed with. */
  readonly chunkSize?: number;
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
  const head = checkHead(bytes, bytes.length);
  if (!head.ok) return finish(base, 'unknown', [head.issue], null, null);

  const detection = detect(fileName, head.head);
  if (detection.kind === 'none') return finish(base, 'unknown', detection.issues, null, null);
  const { module } = detection;
  const ctx = { fileName: baseName(fileName), id };

  if (module.kind === 'aoe') {
    let text: string;
    try {
      // `stream: true` drops a multi-byte character cut at the very end (AOE was still writing):
      // the parser then reports TRUNCATED and salvages, instead of the file being "not UTF-8".
      // The BOM is kept so that the parser's byte offsets are offsets in the file.
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes, {
        stream: true,
      });
    } catch {
      const issue: ImportIssue = {
        code: 'NOT_UTF8',
        severity: 'error',
        message: 'The file is not valid UTF-8 text (save it as UTF-8; GBK is not read).',
      };
      return finish(base, module.id, [...detection.issues, issue], null, null);
    }
    const result = module.parse(text, ctx);
    return fromResult(base, module.id, detection.issues, result, 'report');
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
      return finish(base, module.id, [...detection.issues, issue], null, null);
    }
    parser.push(bytes.subarray(at, Math.min(bytes.length, at + chunk)));
    options.onProgress?.(Math.min(bytes.length, at + chunk), bytes.length);
  }
  return fromResult(base, module.id, detection.issues, parser.finish(), 'profile');
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
