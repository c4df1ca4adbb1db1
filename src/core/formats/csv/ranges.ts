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
import type { RecordTap } from './record-sink.ts';
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

/**
 * The buffers of a range's columns, each once, the utilisation columns too: what a range worker
 * moves (not copies) when it posts the part back (they were ~24 MB per range of 1 GB copied).
 */
export function partBuffers(part: RangePart): ArrayBuffer[] {
  const c = part.columns;
  const views: ArrayBufferView[] = [
    c.name,
    c.type,
    c.coreType,
    c.inputShapes,
    c.durationUs,
    c.waitUs,
    c.startUs,
  ];
  for (const m of c.metrics ?? []) views.push(m.values);
  const buffers = new Set<ArrayBuffer>();
  for (const v of views) if (v.buffer instanceof ArrayBuffer) buffers.add(v.buffer);
  return [...buffers];
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
export function createRangeReader(ctx: ParseContext, spec: RangeSpec, tap?: RecordTap) {
  const parser = new KernelTableParser(ctx, spec.format);
  // A second reader of the same records (the precision digest): one scan of the range for both.
  if (tap) parser.attachTap(tap);
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
 * dropped one by one as they are copied, so memory holds the parts plus one merged column once
 * the host frees what is dropped (`mergeRangesReleasing`).
 */
export function mergeRanges(info: KernelFileInfo, parts: RangePart[]): ParseResult<ProfileData> {
  const steps = mergeSteps(info, parts);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * `mergeRanges`, handing the buffers of the parts' columns to `release` as soon as they are
 * copied and waiting for it before the next column: a host that can free a buffer without a
 * garbage collection (Node: transfer it into a closed message port) keeps the peak at the parts
 * plus one column instead of the parts plus the whole merged table.
 */
export async function mergeRangesReleasing(
  info: KernelFileInfo,
  parts: RangePart[],
  release: (buffers: ArrayBufferLike[]) => Promise<void>,
): Promise<ParseResult<ProfileData>> {
  const steps = mergeSteps(info, parts);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await release(step.value);
  }
}

/** The merge, yielding after each column the buffers of the parts' columns it has copied. */
function* mergeSteps(
  info: KernelFileInfo,
  parts: RangePart[],
): Generator<ArrayBufferLike[], ParseResult<ProfileData>> {
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
  const buffersOf = (key: ColumnKey): ArrayBufferLike[] => parts.map((p) => p.columns[key].buffer);
  const merged = {} as Record<ColumnKey, Uint32Array | Float64Array>;
  for (const key of ['name', 'type', 'coreType', 'inputShapes'] as const) {
    const done = buffersOf(key);
    merged[key] = text(key);
    yield done;
  }
  for (const key of ['durationUs', 'waitUs', 'startUs'] as const) {
    const done = buffersOf(key);
    merged[key] = num(key);
    yield done;
  }
  const metrics = yield* metricsOf(parts, rows);
  const columns: KernelColumns = {
    rowCount: rows,
    dict,
    name: merged.name as Uint32Array,
    type: merged.type as Uint32Array,
    coreType: merged.coreType as Uint32Array,
    inputShapes: merged.inputShapes as Uint32Array,
    durationUs: merged.durationUs as Float64Array,
    waitUs: merged.waitUs as Float64Array,
    startUs: merged.startUs as Float64Array,
    startBaseUs: parts[0]?.columns.startBaseUs ?? null,
    ...metrics,
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

type ColumnKey = 'name' | 'type' | 'coreType' | 'inputShapes' | 'durationUs' | 'waitUs' | 'startUs';

/**
 * The utilisation columns of the ranges, joined in order (every range has the file's header);
 * yields the parts' buffers of each column once it is copied.
 */
function* metricsOf(
  parts: RangePart[],
  rows: number,
): Generator<ArrayBufferLike[], { metrics?: ProfileMetric[] }> {
  const first = parts[0]?.columns.metrics;
  if (!first || first.length === 0) return {};
  const metrics: ProfileMetric[] = [];
  for (let k = 0; k < first.length; k++) {
    const values = new Float32Array(rows).fill(NaN);
    const done: ArrayBufferLike[] = [];
    let at = 0;
    for (const p of parts) {
      const src = p.columns.metrics?.[k]?.values;
      if (src) {
        values.set(src.subarray(0, p.columns.rowCount), at);
        done.push(src.buffer);
      }
      at += p.columns.rowCount;
    }
    metrics.push({ column: (first[k] as ProfileMetric).column, values });
    yield done;
  }
  for (const p of parts) {
    const { metrics: _dropped, ...rest } = p.columns;
    p.columns = rest;
  }
  return { metrics };
}
