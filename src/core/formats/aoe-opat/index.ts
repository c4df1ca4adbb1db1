// AOE operator-tuning results (`aoe_result_opat_*.json`) as a format module for the registry.
import type { DocumentFormatModule } from '../types.ts';
import { parseOpat } from './parse.ts';
import { sniffOpat } from './sniff.ts';

export const aoeOpatFormat: DocumentFormatModule = {
  id: 'aoe-opat',
  kind: 'aoe',
  sniff: sniffOpat,
  parse: parseOpat,
};
