// Collects the warnings and errors of one file. A report with 20,000 operators that all carry the
// same unknown field must not produce 20,000 issues: each code is listed up to a cap, then one
// closing issue says how many more there were.
import type { ImportIssue, IssueCode } from '../types.ts';

export const MAX_ISSUES_PER_CODE = 20;

export interface IssueSink {
  add(issue: ImportIssue): void;
  /** The issues in the order they were added, with one "… and N more" per capped code. */
  list(): ImportIssue[];
}

export function createIssueSink(cap = MAX_ISSUES_PER_CODE): IssueSink {
  const issues: ImportIssue[] = [];
  const counts = new Map<IssueCode, number>();
  const severities = new Map<IssueCode, ImportIssue['severity']>();
  return {
    add(issue) {
      const n = (counts.get(issue.code) ?? 0) + 1;
      counts.set(issue.code, n);
      severities.set(issue.code, issue.severity);
      if (n <= cap) issues.push(issue);
    },
    list() {
      const more: ImportIssue[] = [];
      for (const [code, n] of counts) {
        if (n <= cap) continue;
        more.push({
          code,
          severity: severities.get(code) ?? 'warning',
          message: `… and ${n - cap} more ${code} issues not listed`,
        });
      }
      return [...issues, ...more];
    },
  };
}
