// The timeline reader, not yet in the format registry: hosts call it directly.
import type { ParseContext, SniffInput, SniffScore, StreamParser } from '../types.ts';
import { createTimelineParser } from './parse.ts';
import type { TimelineSummary } from './summarize.ts';
import { sniffTimeline } from './sniff.ts';

export interface TimelineReader {
  readonly id: 'timeline';
  sniff(input: SniffInput): SniffScore;
  createParser(ctx: ParseContext): StreamParser<TimelineSummary>;
}

export const timelineReader: TimelineReader = {
  id: 'timeline',
  sniff: sniffTimeline,
  createParser: createTimelineParser,
};
