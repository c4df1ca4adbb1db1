// Reads `op_statistic_*.csv` (msprof) and `op_statistic.csv` (torch_npu), FORMATS.md B.3: one row
// per operator type and accelerator core with Count, Total/Min/Avg/Max Time(us) and Ratio(%).
// Header sets: with Device_id (msprof CANN 8.x+, torch_npu 2025-06+), without (torch_npu before
// 2025-06), and the older whole-network variant starting with Model Name. The table is already
// aggregated, so there is no row table: the summary is the file's own rows.
import type { CsvProfileFormat } from '../csv/header.ts';
import type { ProfileData } from '../../model/types.ts';
import type { ParseContext, ParseResult } from '../types.ts';
import { summarizeStatistic, type StatisticRow } from '../../model/profile-aggregate.ts';
import { NumberReader, trimEnd, trimStart } from '../csv/cells.ts';
import { TableParser } from '../csv/table-parser.ts';

const FAMILY: readonly CsvProfileFormat[] = ['op-statistic'];
const decoder = new TextDecoder('utf-8');
/** Ratio(%) is rounded to three decimals by the tools; allow a little more. */
const RATIO_TOLERANCE_PCT = 0.01;

export class OpStatisticParser extends TableParser {
  private readonly num = new NumberReader();
  private readonly out: StatisticRow[] = [];
  private readonly ratios: { line: number; type: string; pct: number; total: number }[] = [];
  private cType = -1;
  private cCore = -1;
  private cCount = -1;
  private cTotal = -1;
  private cRatio = -1;

  constructor(ctx: ParseContext) {
    super(ctx, 'op-statistic');
  }

  protected family(): readonly CsvProfileFormat[] {
    return FAMILY;
  }

  protected start(): boolean {
    this.cType = this.column('op_type');
    this.cCore = this.column('core_type');
    this.cCount = this.column('count');
    this.cTotal = this.column('total_us');
    this.cRatio = this.column('ratio_pct');
    this.needColumns([this.cType, this.cCore, this.cCount, this.cTotal, this.cRatio]);
    return true;
  }

  protected row(
    buf: Uint8Array,
    starts: Int32Array,
    ends: Int32Array,
    _flags: Uint8Array,
    count: number,
    line: number,
    rowFlags: number,
  ): boolean {
    if (this.rejectRow(count, line, rowFlags)) return true;
    const cell = (c: number) => {
      const s = trimStart(buf, starts[c] as number, ends[c] as number);
      return decoder.decode(buf.subarray(s, trimEnd(buf, s, ends[c] as number)));
    };
    const num = (c: number, what: string, isTime = false) => {
      const start = starts[c] as number;
      const end = ends[c] as number;
      const v = this.num.read(buf, start, end);
      if (!this.num.ok)
        this.rows.badRow(line, `${what} is not a number: ${JSON.stringify(cell(c))}`);
      return this.usableNumber(v, this.num, { buf, start, end }, { line, col: c }, isTime);
    };
    const type = cell(this.cType);
    const row: StatisticRow = {
      type: type === 'N/A' ? '' : type,
      coreType: cell(this.cCore),
      count: num(this.cCount, 'Count'),
      totalUs: num(this.cTotal, 'Total Time(us)', true),
    };
    this.out.push(row);
    if (this.cRatio >= 0) {
      const pct = num(this.cRatio, 'Ratio(%)');
      if (Number.isFinite(pct)) this.ratios.push({ line, type, pct, total: row.totalUs });
    }
    return true;
  }

  protected result(): ParseResult<ProfileData> {
    const summary = summarizeStatistic(this.out);
    const warnings = this.warnings();
    // Cross-check the stated Ratio(%) against the totals; a mismatch is a warning, never an error.
    const total = summary.totalDurationUs;
    for (const r of this.ratios) {
      const pct = total > 0 ? (r.total / total) * 100 : 0;
      if (Math.abs(pct - r.pct) > RATIO_TOLERANCE_PCT && warnings.length < 40) {
        warnings.push({
          code: 'INCONSISTENT',
          severity: 'warning',
          message: `line ${r.line}: ${r.type} states ${r.pct}% of the time, its total is ${pct.toFixed(3)}%`,
          line: r.line,
          expected: pct.toFixed(3),
          found: String(r.pct),
        });
      }
    }
    return {
      ok: true,
      value: {
        id: this.ctx.id,
        fileName: this.ctx.fileName,
        format: 'op-statistic',
        headerSet: this.headerSet?.id ?? 'op-statistic-unrecognised',
        columns: this.header ?? [],
        table: null,
        summary,
      },
      warnings,
    };
  }
}
