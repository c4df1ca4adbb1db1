// Detection: by content first, the file name is a hint. Reads only the head of the file.
import type { FormatId, ImportIssue, SniffScore } from './types.ts';
import { FORMATS, formatById, type KnownFormat } from './registry.ts';
import { recognizeOther } from './other-known.ts';

/** How much of a file detection looks at. */
export const HEAD_BYTES = 64 * 1024;

export type Detection =
  | {
      readonly kind: 'module';
      readonly module: KnownFormat;
      readonly issues: readonly ImportIssue[];
    }
  | { readonly kind: 'none'; readonly issues: readonly ImportIssue[] };

export type HeadCheck =
  | { readonly ok: true; readonly head: string }
  | { readonly ok: false; readonly issue: ImportIssue };

/** Empty, binary and non-UTF-8 checks on the first bytes; returns the decoded head without BOM. */
export function checkHead(bytes: Uint8Array, totalSize: number): HeadCheck {
  const head = bytes.subarray(0, HEAD_BYTES);
  if (totalSize === 0) {
    return { ok: false, issue: error('EMPTY', 'The file is empty (0 bytes).') };
  }
  if (head.indexOf(0) !== -1) {
    return {
      ok: false,
      issue: {
        ...error('BINARY', 'The file is binary, not text (it contains NUL bytes).'),
        offset: head.indexOf(0),
      },
    };
  }
  let text: string;
  try {
    // `stream: true` tolerates a multi-byte character cut at the end of the head, or at the end
    // of a file AOE is still writing.
    text = new TextDecoder('utf-8', { fatal: true }).decode(head, {
      stream: true,
    });
  } catch {
    return {
      ok: false,
      issue: {
        ...error(
          'NOT_UTF8',
          'The file is not valid UTF-8 text (save it as UTF-8; GBK is not read).',
        ),
        offset: firstInvalidUtf8(head),
      },
    };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '' && totalSize <= HEAD_BYTES) {
    return { ok: false, issue: error('EMPTY', 'The file contains only white space.') };
  }
  return { ok: true, head: text };
}

/** How much of a file binary formats see in `sniff` (one character per byte). */
const BINARY_HEAD = 100;

/**
 * Detection from the first bytes of a file: binary formats (SQLite) look at the raw bytes first;
 * then the empty / binary / UTF-8 checks; then the text formats look at the decoded head.
 */
export function detectBytes(fileName: string, head: Uint8Array, totalSize: number): Detection {
  const latin1 = String.fromCharCode(...head.subarray(0, BINARY_HEAD));
  const input = { fileName: baseName(fileName), head: latin1 };
  for (const m of FORMATS) {
    if (m.kind === 'binary' && safeSniff(m, input) >= 2) {
      return { kind: 'module', module: m, issues: [] };
    }
  }
  const checked = checkHead(head, totalSize);
  if (!checked.ok) return { kind: 'none', issues: [checked.issue] };
  return detect(fileName, checked.head);
}

/** Picks the module for a text head: the best content match; the name decides only between equals. */
export function detect(fileName: string, head: string): Detection {
  const input = { fileName: baseName(fileName), head };
  let best: KnownFormat | null = null;
  let bestScore: SniffScore = 0;
  let byName: KnownFormat | null = null;
  for (const m of FORMATS) {
    const score = safeSniff(m, input);
    if (score === 1 && byName === null) byName = m;
    if (score >= 2 && score > bestScore && m.kind !== 'binary') {
      best = m;
      bestScore = score;
    }
  }
  if (best) {
    const issues: ImportIssue[] = [];
    if (byName && byName.id !== best.id) {
      issues.push({
        code: 'WRONG_FORMAT',
        severity: 'warning',
        message: `The name suggests ${label(byName.id)}, but the content is ${label(best.id)}; it was read as ${label(best.id)}.`,
        expected: byName.id,
        found: best.id,
        otherFormat: best.id,
      });
    }
    return { kind: 'module', module: best, issues };
  }
  const other = recognizeOther(input.fileName, head);
  if (byName && !other) return { kind: 'module', module: byName, issues: [] };
  if (other) {
    return {
      kind: 'none',
      issues: [
        {
          ...error(
            byName ? 'WRONG_FORMAT' : 'UNKNOWN_FORMAT',
            `This is ${other.label}, which the dashboard does not read${byName ? `, not ${label(byName.id)}` : ''}.`,
          ),
          found: other.kind,
          ...(byName ? { expected: byName.id } : {}),
        },
      ],
    };
  }
  return {
    kind: 'none',
    issues: [
      error(
        'UNKNOWN_FORMAT',
        `Not a format the dashboard reads: expected ${FORMATS.map((m) => m.names.phrase).join(', ')}.`,
      ),
    ],
  };
}

/** The format's English phrase for the CLI's sentences ("an msprof op_summary table"). */
export function label(id: FormatId): string {
  return formatById(id)?.names.phrase ?? 'an unknown file';
}

function safeSniff(m: KnownFormat, input: { fileName: string; head: string }): SniffScore {
  try {
    return m.sniff(input);
  } catch {
    // A sniffer must never throw; if one does, it simply does not claim the file.
    return 0;
  }
}

export function baseName(path: string): string {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return i === -1 ? path : path.slice(i + 1);
}

function error(code: ImportIssue['code'], message: string): ImportIssue {
  return { code, severity: 'error', message };
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  let lo = 0;
  let hi = bytes.length;
  // Binary search for the shortest prefix that fails to decode.
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    try {
      // A fresh decoder each time: a streaming decoder keeps state between calls.
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid + 1), {
        stream: true,
      });
      lo = mid + 1;
    } catch {
      hi = mid;
    }
  }
  return lo;
}
