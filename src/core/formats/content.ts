// Helpers over `ImportedFile.content`: the one place that knows how each content kind is
// reached, so a page asks for "the report of this file" without switching on kinds itself.
import type { ProfileData, TuningReport } from '../model/types.ts';
import type { Measurement } from '../measure/model.ts';
import { PrecisionDigester } from '../advisor/precision-digest.ts';
import type { RecordTap } from './csv/record-sink.ts';
import type {
  FileContent,
  ImportedFile,
  ParseResult,
  ProfileContent,
  StreamParser,
} from './types.ts';

type WithContent = Pick<ImportedFile, 'content'> | null | undefined;

export function reportOf(file: WithContent): TuningReport | null {
  return file?.content?.kind === 'report' ? file.content.report : null;
}

/** The per-kernel / per-type table of a profile file, or null (timelines have none). */
export function profileOf(file: WithContent): ProfileData | null {
  return file?.content?.kind === 'profile' ? file.content.profile : null;
}

export function profileContentOf(file: WithContent): ProfileContent | null {
  return file?.content?.kind === 'profile' ? file.content : null;
}

export function measurementsOf(file: WithContent): readonly Measurement[] {
  return file?.content?.kind === 'measurement' ? file.content.measurements : [];
}

export function mapResult<T, U>(result: ParseResult<T>, f: (value: T) => U): ParseResult<U> {
  if (result.ok) return { ok: true, value: f(result.value), warnings: result.warnings };
  return result.partial === undefined
    ? { ok: false, errors: result.errors }
    : { ok: false, errors: result.errors, partial: f(result.partial) };
}

/**
 * A kernel table's parser (op_summary, kernel_details) whose content also carries the precision
 * digest of the same bytes (core/advisor/precision-digest.ts), when the table has an `Input Data
 * Types` or `OP State` column. The digest reads the records the parser tokenizes (one scan of
 * the bytes), or is pushed the bytes itself when the parser cannot share them.
 */
export function profileWithPrecision(
  parser: StreamParser<ProfileData> & { attachTap?(tap: RecordTap): void },
  ctx: { readonly id: string; readonly fileName: string },
): StreamParser<FileContent> {
  const digester = new PrecisionDigester(ctx.id, ctx.fileName);
  const shared = parser.attachTap !== undefined;
  if (parser.attachTap) parser.attachTap(digester.tap);
  return {
    push: (chunk) => {
      parser.push(chunk);
      if (!shared) digester.push(chunk);
    },
    finish: () => {
      // The parser first: its last record (no final line end) reaches the digest too.
      const result = parser.finish();
      const precision = digester.finish();
      const keep = precision.hasDataTypes || precision.hasOpState;
      return mapResult(result, (profile) => ({
        kind: 'profile',
        profile,
        ...(keep ? { precision } : {}),
      }));
    },
    sizeHint: (bytes) => parser.sizeHint?.(bytes),
  };
}

/** A stream parser whose result is turned into content; the size hint is passed on. */
export function mapParser<T, U>(parser: StreamParser<T>, f: (value: T) => U): StreamParser<U> {
  return {
    push: (chunk) => parser.push(chunk),
    finish: () => mapResult(parser.finish(), f),
    sizeHint: (bytes) => parser.sizeHint?.(bytes),
  };
}

/**
 * The content with its file id set: hosts that stream a file learn the id (the sha-256 of the
 * bytes) only after the last byte, when the parser has already named its result.
 */
export function withContentId(content: FileContent, id: string): FileContent {
  switch (content.kind) {
    case 'report':
      return { ...content, report: { ...content.report, id } };
    case 'profile':
      return {
        ...content,
        profile: content.profile ? { ...content.profile, id } : null,
        ...(content.precision ? { precision: { ...content.precision, fileId: id } } : {}),
        ...(content.timeline ? { timeline: { ...content.timeline, id } } : {}),
        ...(content.stepTrace ? { stepTrace: { ...content.stepTrace, id } } : {}),
      };
    case 'measurement':
      return content;
  }
}
