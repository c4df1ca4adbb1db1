// Reads torch_npu `ASCEND_PROFILER_OUTPUT/step_trace_time.csv` (FORMATS.md B.10): one row per
// step, every figure in µs as the file writes it. Header generations: 2023 (no `Preparing`),
// 2024-04+ (`Preparing`), 2025-06+ (`Device_id` first); and msprof-analyze's cluster variant
// `cluster_step_trace_time.csv` (`Step,Type,Index,…`, one row per rank or stage). CRLF or LF.
// It reuses the project's streaming CSV tokenizer, so a chunk may end anywhere.
//
// Step time = Computing + Communication(Not Overlapped) + Free, the profiler's own identity (the
// `Stage` column equals it when there is no receive bubble); the summary's shares divide by it.
import type { ImportIssue, ParseContext, ParseResult, StreamParser } from '../types.ts';
import { breakdownOf, type TimeBreakdown } from '../../model/profile-compare.ts';
import type { Us } from '../../model/units.ts';
import { CsvTokenizer } from '../csv/tokenizer.ts';
import { CELL_ESCAPED, CELL_MALFORMED, type RecordSink } from '../csv/record-sink.ts';
import { cleanHeaderCell } from '../csv/header.ts';
import { NumberReader, trimEnd, trimStart } from '../csv/cells.ts';
import { binaryIssue, EMPTY_ISSUE, RowIssues } from '../csv/issues.ts';

export interface StepTraceRow {
  /** The `Step` cell as written (a number, or empty for a capture without schedule). */
  readonly step: string;
  readonly deviceId: number | null;
  /** Cluster variant only: `rank` or `stage`, and its index as written (`3`, `(0, 1, 2, 3)`). */
  readonly kind: string | null;
  readonly index: string | null;
  readonly computingUs: Us;
  readonly communicationNotOverlappedUs: Us;
  readonly overlappedUs: Us;
  readonly communicationUs: Us;
  readonly freeUs: Us;
  readonly stageUs: Us;
  readonly bubbleUs: Us;
  /** `Communication(Not Overlapped and Exclude Receive)`. */
  readonly communicationExcludeReceiveUs: Us;
  /** NaN when the file has no `Preparing` column (before 2024-04). */
  readonly preparingUs: Us;
  /** Computing + Communication(Not Overlapped) + Free. */
  readonly stepUs: Us;
}

export interface StepTrace {
  readonly id: string;
  readonly fileName: string;
  readonly columns: readonly string[];
  readonly hasDeviceId: boolean;
  readonly hasPreparing: boolean;
  /** msprof-analyze's cluster_step_trace_time.csv (`Type`, `Index` columns). */
  readonly cluster: boolean;
  readonly rows: readonly StepTraceRow[];
  /**
   * Over the rows that describe one card's step (every row, or the `rank` rows of a cluster
   * file) whose three parts are all readable: mean step time and the compute / communication /
   * free split.
   */
  readonly summary: TimeBreakdown;
}

/** Column name → field, as every generation spells it. */
const COLUMNS = {
  step: 'Step',
  deviceId: 'Device_id',
  kind: 'Type',
  index: 'Index',
  computing: 'Computing',
  notOverlapped: 'Communication(Not Overlapped)',
  overlapped: 'Overlapped',
  communication: 'Communication',
  free: 'Free',
  stage: 'Stage',
  bubble: 'Bubble',
  excludeReceive: 'Communication(Not Overlapped and Exclude Receive)',
  preparing: 'Preparing',
} as const;
type Field = keyof typeof COLUMNS;

export const REQUIRED_STEP_COLUMNS: readonly string[] = [
  COLUMNS.step,
  COLUMNS.computing,
  COLUMNS.notOverlapped,
  COLUMNS.free,
];

const decoder = new TextDecoder('utf-8');
const HEAD_BYTES = 4096;

class StepTraceParser implements StreamParser<StepTrace>, RecordSink {
  private readonly tokenizer = new CsvTokenizer(this);
  private readonly issues = new RowIssues();
  private readonly num = new NumberReader();
  private header: string[] | null = null;
  private col: Record<Field, number> | null = null;
  private width = 0;
  private needWidth = 0;
  private fatal: ImportIssue | null = null;
  private headSeen = 0;
  private readonly rows: StepTraceRow[] = [];

  constructor(private readonly ctx: ParseContext) {}

  push(chunk: Uint8Array): void {
    if (this.fatal !== null || this.tokenizer.done) return;
    if (this.headSeen < HEAD_BYTES) {
      const bad = binaryIssue(chunk.subarray(0, HEAD_BYTES - this.headSeen));
      if (bad) {
        this.fatal = { ...bad, offset: (bad.offset ?? 0) + this.headSeen };
        return;
      }
      this.headSeen += Math.min(chunk.length, HEAD_BYTES);
    }
    this.tokenizer.push(chunk);
  }

  finish(): ParseResult<StepTrace> {
    if (this.fatal === null) this.tokenizer.finish();
    if (this.fatal !== null) return { ok: false, errors: [this.fatal] };
    if (this.header === null || this.col === null) return { ok: false, errors: [EMPTY_ISSUE] };
    const col = this.col;
    const cluster = col.kind >= 0 && col.index >= 0;
    // A row with a part missing has no step time: it is listed, not summed.
    const card = this.rows.filter(
      (r) => Number.isFinite(r.stepUs) && (!cluster || r.kind === 'rank'),
    );
    const sum = (f: (r: StepTraceRow) => number) =>
      card.reduce((s, r) => {
        const v = f(r);
        return v === v ? s + v : s;
      }, 0);
    return {
      ok: true,
      value: {
        id: this.ctx.id,
        fileName: this.ctx.fileName,
        columns: this.header,
        hasDeviceId: col.deviceId >= 0,
        hasPreparing: col.preparing >= 0,
        cluster,
        rows: this.rows,
        summary: breakdownOf({
          steps: card.length,
          computingUs: sum((r) => r.computingUs),
          communicationNotOverlappedUs: sum((r) => r.communicationNotOverlappedUs),
          overlappedUs: sum((r) => r.overlappedUs),
          freeUs: sum((r) => r.freeUs),
        }),
      },
      warnings: this.issues.issues(),
    };
  }

  record(
    buf: Uint8Array,
    starts: Int32Array,
    ends: Int32Array,
    flags: Uint8Array,
    count: number,
    line: number,
    rowFlags: number,
  ): boolean {
    if (this.col !== null) return this.row(buf, starts, ends, count, line, rowFlags);
    const header: string[] = [];
    for (let i = 0; i < Math.min(count, starts.length); i++) {
      let text = decoder.decode(buf.subarray(starts[i] as number, ends[i] as number));
      if ((flags[i] as number) & CELL_ESCAPED) text = text.replace(/""/g, '"');
      header.push(cleanHeaderCell(text.replace(/^\uFEFF/, '')));
    }
    if (header.every((h) => h === '')) return true;
    this.header = header;
    this.width = count;
    const missing = REQUIRED_STEP_COLUMNS.filter((c) => !header.includes(c));
    if (missing.length > 0) {
      this.fatal = {
        code: 'MISSING_COLUMN',
        severity: 'error',
        message: `line ${line}: not a step_trace_time table, the header lacks ${missing.join(', ')}`,
        line,
        expected: missing.join(', '),
        found: header.join(',').slice(0, 200),
      };
      return false;
    }
    const col = {} as Record<Field, number>;
    for (const f of Object.keys(COLUMNS) as Field[]) col[f] = header.indexOf(COLUMNS[f]);
    this.col = col;
    this.needWidth = Math.max(...Object.values(col)) + 1;
    return true;
  }

  private row(
    buf: Uint8Array,
    starts: Int32Array,
    ends: Int32Array,
    count: number,
    line: number,
    rowFlags: number,
  ): boolean {
    if (rowFlags & CELL_MALFORMED) {
      this.issues.badRow(line, 'broken quoting; row skipped');
      return true;
    }
    if (count !== this.width) {
      const skip = count < this.needWidth;
      this.issues.badRow(
        line,
        `expected ${this.width} cells, found ${count}; ${skip ? 'row skipped' : 'read by position'}`,
        String(this.width),
        String(count),
      );
      if (skip) return true;
    }
    const col = this.col as Record<Field, number>;
    const text = (c: number): string | null => {
      if (c < 0) return null;
      const s = trimStart(buf, starts[c] as number, ends[c] as number);
      return decoder.decode(buf.subarray(s, trimEnd(buf, s, ends[c] as number)));
    };
    const num = (f: Field): number => {
      const c = col[f];
      if (c < 0) return NaN;
      const s = starts[c] as number;
      const e = ends[c] as number;
      const v = this.num.read(buf, s, e);
      const name = COLUMNS[f];
      const where = { line, column: c + 1, name };
      if (!this.num.ok) {
        this.issues.badRow(
          line,
          `${name} is not a number: ${JSON.stringify(text(c)?.slice(0, 40))}`,
          'a number',
          text(c)?.slice(0, 40),
        );
      } else if (this.num.outOfRange) {
        this.issues.badCell(
          'NUMBER_OUT_OF_RANGE',
          where,
          'the number is out of range',
          text(c) ?? '',
        );
      } else if (v < 0 && f !== 'deviceId') {
        this.issues.badCell(
          'NEGATIVE_TIME',
          where,
          `the time ${text(c)} is negative`,
          text(c) ?? '',
        );
        return NaN;
      }
      return v;
    };
    const computing = num('computing');
    const notOverlapped = num('notOverlapped');
    const free = num('free');
    const deviceId = num('deviceId');
    this.rows.push({
      step: text(col.step) ?? '',
      deviceId: deviceId === deviceId ? deviceId : null,
      kind: text(col.kind),
      index: text(col.index),
      computingUs: computing,
      communicationNotOverlappedUs: notOverlapped,
      overlappedUs: num('overlapped'),
      communicationUs: num('communication'),
      freeUs: free,
      stageUs: num('stage'),
      bubbleUs: num('bubble'),
      communicationExcludeReceiveUs: num('excludeReceive'),
      preparingUs: num('preparing'),
      stepUs: computing + notOverlapped + free,
    });
    return true;
  }
}

export function createStepTraceParser(ctx: ParseContext): StreamParser<StepTrace> {
  return new StepTraceParser(ctx);
}
