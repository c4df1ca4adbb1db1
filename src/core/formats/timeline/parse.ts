// Reads torch_npu `trace_view.json` and msprof `msprof_<ts>.json` (FORMATS.md B.7: a top-level
// JSON array of Chrome trace events; `ts`/`dur` strings in CANN 8.x, numbers before) into a
// summary, not a drawing: busy time per track, steps, compute / communication / free, kernel
// launch gaps per device stream. Fed chunk by chunk; memory stays at the summary state.
import type { ParseContext, ParseResult, StreamParser } from '../types.ts';
import { TraceEventScanner } from './event-scanner.ts';
import { TimelineSummarizer, type TimelineSummary } from './summarize.ts';

class TimelineParser implements StreamParser<TimelineSummary> {
  private readonly summarizer = new TimelineSummarizer();
  private readonly scanner = new TraceEventScanner({
    event: (e) => this.summarizer.event(e),
  });

  constructor(private readonly ctx: ParseContext) {}

  push(chunk: Uint8Array): void {
    this.scanner.push(chunk);
  }

  finish(): ParseResult<TimelineSummary> {
    const issues = this.scanner.finish();
    const summary = this.summarizer.finish(this.ctx);
    const errors = issues.filter((i) => i.severity === 'error');
    if (errors.length > 0) return { ok: false, errors: issues, partial: summary };
    return { ok: true, value: summary, warnings: issues };
  }
}

export function createTimelineParser(ctx: ParseContext): StreamParser<TimelineSummary> {
  return new TimelineParser(ctx);
}
