// AOE subgraph-tuning results (`aoe_result_sgat_*.json`) as a format module for the registry.
import type { DocumentFormatModule } from '../types.ts';
import { mapResult } from '../content.ts';
import { parseSgat } from './parse.ts';
import { sniffSgat } from './sniff.ts';

export const aoeSgatFormat: DocumentFormatModule<'aoe-sgat'> = {
  id: 'aoe-sgat',
  names: {
    en: 'AOE subgraph tuning',
    'zh-CN': 'AOE 子图调优',
    phrase: 'an AOE subgraph-tuning result',
  },
  extensions: ['.json'],
  yields: 'report',
  kind: 'document',
  sniff: sniffSgat,
  parse: (text, ctx) => mapResult(parseSgat(text, ctx), (report) => ({ kind: 'report', report })),
};
