// AOE subgraph-tuning results (`aoe_result_sgat_*.json`) as a format module for the registry.
import type { DocumentFormatModule } from '../types.ts';
import { parseSgat } from './parse.ts';
import { sniffSgat } from './sniff.ts';

export const aoeSgatFormat: DocumentFormatModule = {
  id: 'aoe-sgat',
  kind: 'aoe',
  sniff: sniffSgat,
  parse: parseSgat,
};
