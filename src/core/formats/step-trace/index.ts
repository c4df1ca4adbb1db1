// The step_trace_time reader, not yet in the format registry: hosts call it directly.
import type { ParseContext, SniffInput, SniffScore, StreamParser } from '../types.ts';
import { createStepTraceParser, type StepTrace } from './parse.ts';
import { sniffStepTrace } from './sniff.ts';

export interface StepTraceReader {
  readonly id: 'step-trace';
  sniff(input: SniffInput): SniffScore;
  createParser(ctx: ParseContext): StreamParser<StepTrace>;
}

export const stepTraceReader: StepTraceReader = {
  id: 'step-trace',
  sniff: sniffStepTrace,
  createParser: createStepTraceParser,
};
