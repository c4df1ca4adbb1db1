// Detection of AOE operator-tuning results: the shared AOE rules (../aoe/sniff.ts) for this kind.
import type { SniffInput, SniffScore } from '../types.ts';
import { OPAT_RULES, sniffAoe } from '../aoe/sniff.ts';

export function sniffOpat(input: SniffInput): SniffScore {
  return sniffAoe(input, OPAT_RULES);
}
