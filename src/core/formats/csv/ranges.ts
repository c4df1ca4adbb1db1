// Reading a large kernel table (op_summary, kernel_details) as byte ranges read apart — in
// parallel by a host that has threads — and merged into the table one reading of the whole file
// gives, value for value: the same rows, dictionary, start offsets and issues.
//
// How a range is read: the file's header record first (so the columns are known), then the
// range's bytes as starting a record. Every range measures start times from the file's first
// start time (`presetBase`), so offsets are exact. A range is only right if it really starts a
// record: the reading of the range before it must end exactly at a record's end
// (`atRecordStart`). A boundary inside a quoted cell that runs over lines fails that check; the
// host then reads the two ranges as one (`checkRanges` says which).
import type { CsvProfileFormat } from './header.ts';
import type { ParseResult, ParseContext } from '../types.ts';
import type { ProfileData, ProfileMetric } from '../../model/types.ts';
import type { ImportIssue } from '../types.ts';
import { RowIssues, type RowIssueSnapshot } from './issues.ts';
import {
  KernelTableParser,
  kernelProfile,
  type KernelColumns,
  type KernelFileInfo,
} from './kernel-table.ts';

/** What reading one range gives: plain data and typed arrays (it crosses a worker boundary). */
export interface RangePart {
  columns: KernelColumns;
  readonly issues: RowIssueSnapshot;
  /** The line the range's first byte was read as, and the line after its last byte. */
  readonly firstLine: number;
  readonly nextLine: number;
  /** The range ended exactly at a record's end. */
  readonly atRecordStart: boolean;
  /** A fatal issue (only possible for the range that holds the header). */
  readonly fatal: ImportIssue | null;
}

export interface RangeSpec {
  readonly format: Extract<CsvProfileFormat, 'op-summary' | 'kernel-details'>;
  /** The file's header record with its line end; empty for the range that starts the file. */
  readonly header: Uint8Array;
  /** The file's first start time (`KernelTableParser.startBase`). */
  readonly base: string;
  /** Bytes in the range (to size the columns). */
  readonly bytes: number;
  /** The range ends the file: a last record without a line end is read. */
  readonly last: boolean;
}

/** Reads one range: feed it the range's bytes in order, then `finish`. */
export function createRangeReader(ctx: ParseContext, spec: RangeSpec) {
  const parser = new KernelTableParser(ctx, spec.format);
  parser.sizeHint(spec.bytes + spec.header.length);
  if (spec.header.length > 0) parser.startRange(spec.header);
  parser.presetBase(spec.base);
  const firstLine = spec.header.length > 0 ? parser.position.nextLine : 1;
  return {
    push(chunk: Uint8Array): void {
      parser.push(chunk);
    },
    finish(): RangePart {
      const atRecordStart = parser.position.atRecordStart;
      if (spec.last) parser.endOfInput();
      return {
        columns: parser.columnsRead(),
        issues: parser.rowIssues.snapshot(),
        firstLine,
        nextLine: parser.position.nextLine,
        atRecordStart: spec.last || atRecordStart,
        fatal: parser.fatalIssue,
      };
    },
  };
}

/** The index of the first range whose predecessor did not end at a record's end, or -1. */
export function checkRanges(parts: readonly RangePart[]): number {
  for (let k = 1; k < parts.length; k++) if (!(parts[k - 1] as RangePart).atRecordStart) return k;
  return -1;
}

const EMPTY_U32 = new Uint32Array(0);
const EMPTY_F64 = new Float64Array(0);

/**
 * Merges the parts of ranges that `checkRanges` accepted, in file order. The parts' columns are
 * released one by one as they are copied, so memory holds the parts plus one merged column.
 */
export function mergeRanges(info: KernelFileInfo, parts: RangePart[]): ParseResult<ProfileData> {
  const fatal = parts[0]?.fatal;
  if (fatal) return { ok: false, errors: [fatal] };
  // One dictionary: each part's texts in its order of first appearance, so the merged ids are the
  // ones a reading of the whole file gives.
  const dict: string[] = [''];
  const ids = new Map<string, number>([['', 0]]);
  const remaps = parts.map((p) => {
    const remap = new Uint32Array(p.columns.dict.length);
    p.columns.dict.forEach((text, i) => {
      let id = ids.get(text);
      if (id === undefined) {
        id = dict.length;
        dict.push(text);
        ids.set(text, id);
      }
      remap[i] = id;
    });
    return remap;
  });
  const rows = parts.reduce((n, p) => n + p.columns.rowCount, 0);
  const text = (key: 'name' | 'type' | 'coreType' | 'inputShapes'): Uint32Array => {
    const out = new Uint32Array(rows);
    let at = 0;
    parts.forEach((p, k) => {
      const src = p.columns[key];
      const remap = remaps[k] as Uint32Array;
      for (let i = 0; i < src.length; i++) out[at + i] = remap[src[i] as number] as number;
      at += src.length;
      p.columns = { ...p.columns, [key]: EMPTY_U32 };
    });
    return out;
  };
  const num = (key: 'durationUs' | 'waitUs' | 'startUs'): Float64Array => {
    const out = new Float64Array(rows);
    let at = 0;
    for (const p of parts) {
      out.set(p.columns[key], at);
      at += p.columns[key].length;
      p.columns = { ...p.columns, [key]: EMPTY_F64 };
    }
    return out;
  };
  const columns: KernelColumns = {
    rowCount: rows,
    dict,
    name: text('name'),
    type: text('type'),
    coreType: text('coreType'),
    inputShapes: text('inputShapes'),
    durationUs: num('durationUs'),
    waitUs: num('waitUs'),
    startUs: num('startUs'),
    startBaseUs: parts[0]?.columns.startBaseUs ?? null,
    ...metricsOf(
      parts.map((p) => p.columns),
      rows,
    ),
    invalidUtf8: parts.some((p) => p.columns.invalidUtf8),
  };
  // Lines: a range read as starting on `firstLine` really starts where the one before it ended.
  let line = 1;
  const issues = RowIssues.merged(
    parts.map((p) => {
      const lineShift = line - p.firstLine;
      line = p.nextLine + lineShift;
      return { snapshot: p.issues, lineShift };
    }),
  );
  return kernelProfile(info, columns, issues.issues());
}

/** The utilisation columns of the ranges, joined in order (every range has the file's header). */
function metricsOf(
  parts: readonly { readonly rowCount: number; readonly metrics?: readonly ProfileMetric[] }[],
  rows: number,
): { metrics?: ProfileMetric[] } {
  const first = parts[0]?.metrics;
  if (!first || first.length === 0) return {};
  return {
    metrics: first.map((m, k) => {
      const values = new Float32Array(rows).fill(NaN);
      let at = 0;
      for (const p of parts) {
        const src = p.metrics?.[k]?.values;
        if (src) values.set(src.subarray(0, p.rowCount), at);
        at += p.rowCount;
      }
      return { column: m.column, values };
    }),
  };
}
