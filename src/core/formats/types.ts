// The contract between the format modules, the registry and every host (ingest worker, CLI,
// launcher). Bad input never throws: every problem is an ImportIssue. Exceptions are for bugs.
import type { ProfileData, TuningReport } from '../model/types.ts';

export type FormatId =
  'aoe-opat' | 'aoe-sgat' | 'op-summary' | 'kernel-details' | 'op-statistic' | 'unknown';

export type IssueCode =
  | 'UNREADABLE' // could not be read at all (I/O)
  | 'EMPTY' // zero bytes or only whitespace
  | 'BINARY' // NUL bytes / not text
  | 'NOT_UTF8' // invalid UTF-8 sequences
  | 'NOT_JSON' // JSON syntax error that is not a truncation
  | 'TRUNCATED' // JSON ended early (AOE still writing): `offset` says where
  | 'UNKNOWN_FORMAT' // no module recognised the content
  | 'WRONG_FORMAT' // the name says one format, the content is another known one (`otherFormat`)
  | 'SCHEMA_MISMATCH' // a value is not what the schema allows: `path` is the JSON pointer
  | 'UNSUPPORTED_VERSION'
  | 'INCONSISTENT' // cross-check failed (stated % vs times, repo_summary vs lists): warnings
  | 'UNKNOWN_FIELD' // field not in the known key set, kept verbatim: warnings
  | 'MISSING_COLUMN' // a CSV lacks a column its format needs
  | 'BAD_ROW' // a CSV row could not be read (wrong cell count, unparseable number)
  | 'NUMBER_OUT_OF_RANGE' // a number beyond a 64-bit float (`1e309`): the value is left out
  | 'NEGATIVE_TIME' // a duration or latency below zero: the value is left out
  | 'TOO_LARGE';

export type Severity = 'error' | 'warning';

export interface ImportIssue {
  readonly code: IssueCode;
  readonly severity: Severity;
  /** English text for logs and the CLI; the UI renders a localized text from code + fields. */
  readonly message: string;
  /** JSON pointer of the offending value (JSON formats). */
  readonly path?: string;
  /** 1-based line (CSV formats, and JSON syntax errors). */
  readonly line?: number;
  /** 1-based column with `line`: the CSV cell, or the character in a JSON line (UTF-16 units). */
  readonly column?: number;
  /** Byte offset (TRUNCATED, NOT_JSON). */
  readonly offset?: number;
  /** What was expected and what was found, short, for the localized message. */
  readonly expected?: string;
  readonly found?: string;
  /** When the content is another known format: which (for the hint "this is a … file"). */
  readonly otherFormat?: FormatId;
}

export type ParseResult<T> =
  | { readonly ok: true; readonly value: T; readonly warnings: readonly ImportIssue[] }
  | { readonly ok: false; readonly errors: readonly ImportIssue[]; readonly partial?: T };

/** What detection sees: the name, and the first bytes decoded as text (BOM stripped). */
export interface SniffInput {
  readonly fileName: string;
  readonly head: string;
}

/** 0: not this format; 1: only the name fits; 2: the content fits; 3: content and name fit. */
export type SniffScore = 0 | 1 | 2 | 3;

export interface ParseContext {
  readonly fileName: string;
  /** sha-256 hex of the whole file. */
  readonly id: string;
}

/** An incremental parser for large tables: fed UTF-8 chunks, then finished once. */
export interface StreamParser<T> {
  push(chunk: Uint8Array): void;
  finish(): ParseResult<T>;
}

interface FormatModuleBase {
  readonly id: Exclude<FormatId, 'unknown'>;
  /** Cheap, never throws. */
  sniff(input: SniffInput): SniffScore;
}

/** Whole-document formats (AOE JSON). */
export interface DocumentFormatModule extends FormatModuleBase {
  readonly kind: 'aoe';
  parse(text: string, ctx: ParseContext): ParseResult<TuningReport>;
}

/** Streaming table formats (profiler CSV). */
export interface TableFormatModule extends FormatModuleBase {
  readonly kind: 'profile';
  createParser(ctx: ParseContext): StreamParser<ProfileData>;
}

export type FormatModule = DocumentFormatModule | TableFormatModule;

/** The result of importing one file, whatever happened. */
export interface ImportedFile {
  readonly id: string;
  readonly fileName: string;
  readonly size: number;
  readonly format: FormatId;
  /** False when any issue has severity `error`, even when part of the file was salvaged. */
  readonly ok: boolean;
  readonly issues: readonly ImportIssue[];
  readonly report: TuningReport | null;
  readonly profile: ProfileData | null;
}
