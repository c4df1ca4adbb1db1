// Reads `aoe_result_opat_*.json` (AOE operator tuning, CANN 6.0.1 to 9.0, every layout of
// FORMATS.md Part A) into a TuningReport.
import type { TuningReport } from '../../model/types.ts';
import type { ParseContext, ParseResult } from '../types.ts';
import { normalizeOpat } from './normalize.ts';
import { parseAoe, type AoeReader } from '../aoe/pipeline.ts';

const OPAT_READER: AoeReader = { schema: 'aoe-opat-result', normalize: normalizeOpat };

export function parseOpat(text: string, ctx: ParseContext): ParseResult<TuningReport> {
  return parseAoe(text, ctx, OPAT_READER);
}
