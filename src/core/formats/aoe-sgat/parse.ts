// Reads `aoe_result_sgat_*.json` (AOE subgraph tuning) into a TuningReport, best effort: the
// file's field set is not public (FORMATS.md A.7), so fields are recognised by pattern.
import type { TuningReport } from '../../model/types.ts';
import { parseAoe, type AoeReader } from '../aoe/pipeline.ts';
import type { ParseContext, ParseResult } from '../types.ts';
import { normalizeSgat } from './normalize.ts';

const SGAT_READER: AoeReader = { schema: 'aoe-sgat-result', normalize: normalizeSgat };

export function parseSgat(text: string, ctx: ParseContext): ParseResult<TuningReport> {
  return parseAoe(text, ctx, SGAT_READER);
}
