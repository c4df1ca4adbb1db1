// AOE operator-tuning results (`aoe_result_opat_*.json`) as a format module for the registry.
import type { DocumentFormatModule } from '../types.ts';
import { mapResult } from '../content.ts';
import { parseOpat } from './parse.ts';
import { sniffOpat } from './sniff.ts';

export const aoeOpatFormat: DocumentFormatModule<'aoe-opat'> = {
  id: 'aoe-opat',
  names: {
    en: 'AOE operator tuning',
    'zh-CN': 'AOE 算子调优',
    phrase: 'an AOE operator-tuning result',
  },
  extensions: ['.json'],
  yields: 'report',
  kind: 'document',
  sniff: sniffOpat,
  parse: (text, ctx) => mapResult(parseOpat(text, ctx), (report) => ({ kind: 'report', report })),
};
