// The contract between the format modules, the registry and every host (ingest worker, CLI,
// launcher). Bad input never throws: every problem is an ImportIssue. Exceptions are for bugs.
import type { ProfileData, TuningReport } from '../model/types.ts';
import type { OperatorTotal, TimeBreakdown } from '../model/profile-compare.ts';
import type { Measurement } from '../measure/model.ts';
import type { TimelineSummary } from './timeline/summarize.ts';
import type { StepTrace } from './step-trace/parse.ts';
import type { KnownFormatId } from './registry.ts';
import type { SqlEngine } from './profiler-db/engine.ts';
import type { PrecisionDigest } from '../advisor/precision-digest.ts';

/** The id of a registered format (derived from the registry), or `unknown`. */
export type FormatId = KnownFormatId | 'unknown';

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
  /** The file's size, when the host knows it (lets a table parser size its columns once). */
  sizeHint?(bytes: number): void;
}

/** What a file holds once read; one kind per format. Extensible: a new kind is a new member. */
export type FileContent = ReportContent | ProfileContent | MeasurementContent;
export type ContentKind = FileContent['kind'];

export interface ReportContent {
  readonly kind: 'report';
  readonly report: TuningReport;
}

/** What the profiler (or TensorRT's per-layer profile) wrote. */
export interface ProfileContent {
  readonly kind: 'profile';
  /** Per-kernel / per-type table: the CSV tables, the profiler .db, trtexec layers. */
  readonly profile: ProfileData | null;
  /** Step time split into compute / communication / free: step_trace_time, timelines, .db. */
  readonly breakdown?: TimeBreakdown | null;
  readonly stepTrace?: StepTrace;
  readonly timeline?: TimelineSummary;
  /** Profiler database facts: which tables each figure comes from. */
  readonly db?: ProfileDbFacts;
  /**
   * The kernel table's `Input Data Types` and `OP State` columns, digested while the file is read
   * (op_summary, kernel_details): the profile model keeps neither, the advisor needs both.
   */
  readonly precision?: PrecisionDigest;
  /**
   * Per-operator totals standing in for the rows: a profile added from a shared comparison
   * carries these (its rows stayed with the sender), so comparing it gives the sender's figures.
   */
  readonly operators?: readonly OperatorTotal[];
}

export interface ProfileDbFacts {
  readonly source: 'torch_npu' | 'msprof';
  readonly tables: readonly string[];
  readonly computeTasks: number;
  readonly communicationOps: number;
  readonly typeless: boolean;
  readonly rowSources: { readonly compute: string; readonly communication: string | null };
}

export interface MeasurementContent {
  readonly kind: 'measurement';
  readonly measurements: readonly Measurement[];
  /**
   * Set when the launcher measured the model in a pipeline: the step that measured and the role
   * that step gives the model (before any tuning step: baseline; after one: tuned).
   */
  readonly origin?: MeasurementOrigin;
}

export interface MeasurementOrigin {
  readonly role: 'baseline' | 'tuned';
  /** The step's index in its job (0-based). */
  readonly step: number;
  readonly tool: string;
}

/** The format's name in each language of the UI, and an English phrase for the CLI's sentences. */
export interface FormatNames {
  readonly en: string;
  readonly 'zh-CN': string;
  /** "an AOE operator-tuning result": reads after "this is". */
  readonly phrase: string;
}

/** What hosts hand to formats that need more than the bytes (the SQLite engine for .db). */
export interface FormatHost {
  readonly sqlEngine?: () => Promise<SqlEngine>;
}

interface FormatModuleBase<Id extends string = string> {
  readonly id: Id;
  readonly names: FormatNames;
  /** File name endings the drop zone and folder walks accept (lower case, with the dot). */
  readonly extensions: readonly string[];
  /** The content kind `parse` yields. */
  readonly yields: ContentKind;
  /**
   * Cheap, never throws. Text formats get the head decoded as UTF-8; `binary` formats get the
   * first bytes one character per byte (Latin-1), before the NUL / UTF-8 checks.
   */
  sniff(input: SniffInput): SniffScore;
}

/** Whole-document formats: AOE JSON, benchmark outputs. */
export interface DocumentFormatModule<Id extends string = string> extends FormatModuleBase<Id> {
  readonly kind: 'document';
  parse(text: string, ctx: ParseContext): ParseResult<FileContent>;
}

/** Streaming formats: profiler CSV tables, timelines of hundreds of MB. */
export interface StreamFormatModule<Id extends string = string> extends FormatModuleBase<Id> {
  readonly kind: 'stream';
  createParser(ctx: ParseContext): StreamParser<FileContent>;
}

/** Binary formats read whole from their bytes (SQLite). */
export interface BinaryFormatModule<Id extends string = string> extends FormatModuleBase<Id> {
  readonly kind: 'binary';
  read(bytes: Uint8Array, ctx: ParseContext, host: FormatHost): Promise<ParseResult<FileContent>>;
}

export type FormatModule<Id extends string = string> =
  DocumentFormatModule<Id> | StreamFormatModule<Id> | BinaryFormatModule<Id>;

/** The result of importing one file, whatever happened. */
export interface ImportedFile {
  readonly id: string;
  readonly fileName: string;
  readonly size: number;
  readonly format: FormatId;
  /** False when any issue has severity `error`, even when part of the file was salvaged. */
  readonly ok: boolean;
  readonly issues: readonly ImportIssue[];
  /** What was read (or salvaged); null when nothing was. */
  readonly content: FileContent | null;
}
