// Row problems are data, not exceptions: each bad row becomes a BAD_ROW warning with its 1-based
// line, up to a cap, then one warning that counts the rest, so a badly broken file still loads
// what it can and its issue list stays readable.
import type { ImportIssue } from '../types.ts';

export const MAX_ROW_ISSUES = 20;

export class RowIssues {
  private readonly list: ImportIssue[] = [];
  private dropped = 0;
  /** Rows reported, including those past the cap. */
  count = 0;

  badRow(line: number, message: string, expected?: string, found?: string): void {
    this.count++;
    if (this.list.length >= MAX_ROW_ISSUES) {
      this.dropped++;
      return;
    }
    this.list.push({
      code: 'BAD_ROW',
      severity: 'warning',
      message: `line ${line}: ${message}`,
      line,
      ...(expected === undefined ? {} : { expected }),
      ...(found === undefined ? {} : { found }),
    });
  }

  issues(): ImportIssue[] {
    if (this.dropped === 0) return [...this.list];
    return [
      ...this.list,
      {
        code: 'BAD_ROW',
        severity: 'warning',
        message: `… and ${this.dropped} more bad rows`,
        found: String(this.dropped),
      },
    ];
  }
}

/** A NUL byte in the first bytes means binary data, not a profiler table (FORMATS.md B.1). */
export function binaryIssue(head: Uint8Array): ImportIssue | null {
  const i = head.indexOf(0);
  if (i < 0) return null;
  return {
    code: 'BINARY',
    severity: 'error',
    message: `not a text file: a NUL byte at offset ${i}`,
    offset: i,
  };
}

export const EMPTY_ISSUE: ImportIssue = {
  code: 'EMPTY',
  severity: 'error',
  message: 'the file is empty',
};
