// Subgraph-tuning results by content (an `SGAT` section or `sgat_*` keys), or by the file name
// when the head has only the keys every AOE result has.
import { SGAT_RULES, sniffAoe } from '../aoe/sniff.ts';
import type { SniffInput, SniffScore } from '../types.ts';

export function sniffSgat(input: SniffInput): SniffScore {
  return sniffAoe(input, SGAT_RULES);
}
