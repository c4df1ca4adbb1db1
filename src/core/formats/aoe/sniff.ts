// Detection of AOE result files (both kinds) by content, the file name as a hint. Reads only the head of the
// file (the registry passes the first 64 KiB, BOM stripped), so every test is a cheap regex.
import type { SniffInput, SniffScore } from '../types.ts';

/** Keys only an operator-tuning file has. */
const OPAT_KEYS =
  /"(OPAT|opat_tuning_result|opat_tune_result|repo_modified_operators|add_repo_operators|update_repo_operators|tune_performance|tune_failed_operators)"\s*:/;
/** Keys only a subgraph-tuning file has (FORMATS.md A.7: a guess by symmetry). */
const SGAT_KEYS = /"(SGAT|sgat_[a-z_]*)"\s*:/;
/** Keys every AOE result file has, whatever the tuning kind. */
const AOE_KEYS = /"(basic|tuning_name|tuning_time\(s\)|repo_summary|report_[^"]*)"\s*:/;

export const OPAT_NAME = /^aoe_result_opat_/i;
export const SGAT_NAME = /^aoe_result_sgat_/i;

/** True when the text starts like a JSON array or object (after white space). */
function looksLikeJson(head: string): boolean {
  return /^\s*[[{]/.test(head);
}

export interface AoeSniffRules {
  readonly own: RegExp;
  readonly other: RegExp;
  readonly name: RegExp;
  readonly otherName: RegExp;
  /**
   * Whether a head with only the common keys belongs to this kind without a name saying so.
   * Operator tuning is by far the common case; subgraph tuning needs its keys or its name.
   */
  readonly claimsCommon: boolean;
}

/**
 * Content fits when the head has keys of this kind, or only the keys common to AOE files, none of
 * the other kind's, and a name that does not say it is the other kind.
 */
export function sniffAoe(input: SniffInput, rules: AoeSniffRules): SniffScore {
  const nameFits = rules.name.test(input.fileName);
  const head = input.head;
  let content = false;
  if (looksLikeJson(head)) {
    const common =
      AOE_KEYS.test(head) &&
      !rules.other.test(head) &&
      !rules.otherName.test(input.fileName) &&
      (rules.claimsCommon || nameFits);
    // The kind that claims common heads yields when the other kind's own keys are there too
    // (a subgraph file may well carry repository keys of the operator kind).
    const own = rules.own.test(head) && !(rules.claimsCommon && rules.other.test(head));
    content = own || common;
  }
  if (content) return nameFits ? 3 : 2;
  return nameFits ? 1 : 0;
}

export const OPAT_RULES: AoeSniffRules = {
  own: OPAT_KEYS,
  other: SGAT_KEYS,
  name: OPAT_NAME,
  otherName: SGAT_NAME,
  claimsCommon: true,
};

export const SGAT_RULES: AoeSniffRules = {
  own: SGAT_KEYS,
  other: OPAT_KEYS,
  name: SGAT_NAME,
  otherName: OPAT_NAME,
  claimsCommon: false,
};
