// A measurement reader as a format module: the reader's result becomes `measurement` content,
// its issues the file's issues. Each measurement format's folder is this call and its names.
import type {
  DocumentFormatModule,
  FormatNames,
  SniffInput,
  SniffScore,
} from '../formats/types.ts';
import type { MeasureResult } from './model.ts';

export interface MeasurementFormatSpec<Id extends string> {
  readonly id: Id;
  readonly names: FormatNames;
  readonly extensions: readonly string[];
  readonly sniff: (input: SniffInput) => SniffScore;
  readonly read: (text: string, fileName: string) => MeasureResult;
}

export function measurementFormat<Id extends string>(
  spec: MeasurementFormatSpec<Id>,
): DocumentFormatModule<Id> {
  return {
    id: spec.id,
    names: spec.names,
    extensions: spec.extensions,
    yields: 'measurement',
    kind: 'document',
    sniff: spec.sniff,
    parse(text, ctx) {
      // The reader skips a BOM itself where it matters; the document text keeps it for offsets.
      const r = spec.read(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, ctx.fileName);
      const content = { kind: 'measurement' as const, measurements: r.measurements };
      if (r.ok) return { ok: true, value: content, warnings: r.issues };
      return r.measurements.length > 0
        ? { ok: false, errors: r.issues, partial: content }
        : { ok: false, errors: r.issues };
    },
  };
}
