// Reads one line of AOE's console output and says what it means for the job, if anything. Pure:
// the job manager feeds it every line (split on \n and \r) and stores the events it returns.
// The exact progress-bar text is not public (AOE-CLI.md §4.2, §13): the patterns are loose on
// purpose, and the result JSON AOE rewrites stays the authority on operators tuned.

export type Phase = 'prepare' | 'compile' | 'tune' | 'write';

export type LineEvent =
  | { readonly kind: 'success'; readonly improvementPct: number | null }
  | { readonly kind: 'bad-option'; readonly option: string | null }
  | { readonly kind: 'bank-invalid' }
  | { readonly kind: 'no-space' }
  | { readonly kind: 'percent'; readonly pct: number }
  | { readonly kind: 'phase'; readonly phase: Phase };

/** The documented end of a successful run (7.x–9.0, quick-start pages, and 6.0.1). */
export const SUCCESS_LINE = /Aoe process finished|process finished\. Performance improved by/;
const IMPROVED = /Performance improved by\s*(-?\d+(?:\.\d+)?)\s*%/;
const BAD_OPTION =
  /(?:option|argument)\s+"?(--?[A-Za-z][\w-]*)"?\s+(?:is\s+)?not supported|not supported[^\n]*?(--[A-Za-z][\w-]*)|unrecogni[sz]ed (?:argument|option)s?:?\s*"?(--?[A-Za-z][\w-]*)?/i;
const BANK = /TUNE_BANK_PATH/;
const BANK_FAIL = /not exist|no such|permission|denied|invalid|not (?:readable|writable)/i;
/** AOE's internal code 3001 NO_SPACE (AOE-CLI.md §6), or the OS's own words for ENOSPC. */
const NO_SPACE = /\bNO_SPACE\b|No space left on device|\bENOSPC\b|Disk quota exceeded/i;
const PERCENT_BAR = /^\s*\[[#=>.\-*| ]*\]\s*(\d{1,3})\s*%/;
const PHASES: readonly (readonly [RegExp, Phase])[] = [
  [/\bparse model|partition|graph prepar|infershape/i, 'prepare'],
  [/\bcompil/i, 'compile'],
  [
    /\btun(?:e|ing)\b.*\boperator|\boperator\b.*\btuned\b|\bsubgraph tuning\b|\bstrategy\b/i,
    'tune',
  ],
  [/\b(?:writ(?:e|ing)|sav(?:e|ing))\b.*\b(?:om|bank|result)\b/i, 'write'],
];

export function parseLine(line: string): LineEvent | null {
  if (SUCCESS_LINE.test(line)) {
    const m = IMPROVED.exec(line);
    return { kind: 'success', improvementPct: m?.[1] !== undefined ? Number(m[1]) : null };
  }
  const bad = BAD_OPTION.exec(line);
  if (bad) {
    const option = bad[1] ?? bad[2] ?? bad[3] ?? null;
    return { kind: 'bad-option', option };
  }
  if (BANK.test(line) && BANK_FAIL.test(line)) return { kind: 'bank-invalid' };
  if (NO_SPACE.test(line)) return { kind: 'no-space' };
  const bar = PERCENT_BAR.exec(line);
  if (bar?.[1] !== undefined) {
    const pct = Number(bar[1]);
    return pct <= 100 ? { kind: 'percent', pct } : null;
  }
  for (const [re, phase] of PHASES) if (re.test(line)) return { kind: 'phase', phase };
  return null;
}
