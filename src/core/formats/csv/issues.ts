// Row problems are data, not exceptions: each bad row becomes a BAD_ROW warning with its 1-based
// line, each cell whose value cannot be used a warning with its line and column, up to a cap per
// code, then one warning that counts the rest, so a badly broken file still loads what it can and
// its issue list stays readable.
import type { ImportIssue, IssueCode } from '../types.ts';

export const MAX_ROW_ISSUES = 20;

export class RowIssues {
  private readonly list: ImportIssue[] = [];
  /** Issues reported per code, including those past the cap. */
  private readonly counts = new Map<IssueCode, number>();
  /** Rows reported as BAD_ROW, including those past the cap. */
  count = 0;

  badRow(line: number, message: string, expected?: string, found?: string): void {
    this.count++;
    this.add({
      code: 'BAD_ROW',
      severity: 'warning',
      message: `line ${line}: ${message}`,
      line,
      ...(expected === undefined ? {} : { expected }),
      ...(found === undefined ? {} : { found }),
    });
  }

  /**
   * A cell whose value is left out (read as missing) while its row is kept: NUMBER_OUT_OF_RANGE,
   * NEGATIVE_TIME. `column` is 1-based; `name` is the column's header text.
   */
  badCell(
    code: IssueCode,
    at: { readonly line: number; readonly column: number; readonly name: string },
    message: string,
    found: string,
  ): void {
    this.add({
      code,
      severity: 'warning',
      message: `line ${at.line}, column ${at.column} (${at.name}): ${message}; the cell is read as missing.`,
      line: at.line,
      column: at.column,
      found,
    });
  }

  private add(issue: ImportIssue): void {
    const n = (this.counts.get(issue.code) ?? 0) + 1;
    this.counts.set(issue.code, n);
    if (n <= MAX_ROW_ISSUES) this.list.push(issue);
  }

  /** What was reported, as plain data (it crosses a worker boundary). */
  snapshot(): RowIssueSnapshot {
    return { list: [...this.list], counts: [...this.counts], count: this.count };
  }

  /**
   * The issues of byte ranges read apart, in file order, as one reading of the whole file would
   * have reported them: lines moved by each range's `lineShift` (its first line minus the line
   * it was read as), and the cap per code applied over all ranges.
   */
  static merged(
    parts: readonly { readonly snapshot: RowIssueSnapshot; readonly lineShift: number }[],
  ): RowIssues {
    const out = new RowIssues();
    const listed = new Map<IssueCode, number>();
    for (const { snapshot, lineShift } of parts) {
      for (const issue of snapshot.list) {
        const n = (listed.get(issue.code) ?? 0) + 1;
        listed.set(issue.code, n);
        if (n <= MAX_ROW_ISSUES) out.list.push(shiftLine(issue, lineShift));
      }
      for (const [code, n] of snapshot.counts)
        out.counts.set(code, (out.counts.get(code) ?? 0) + n);
      out.count += snapshot.count;
    }
    return out;
  }

  issues(): ImportIssue[] {
    const out = [...this.list];
    for (const [code, n] of this.counts) {
      if (n <= MAX_ROW_ISSUES) continue;
      const dropped = n - MAX_ROW_ISSUES;
      out.push({
        code,
        severity: 'warning',
        message:
          code === 'BAD_ROW'
            ? `… and ${dropped} more bad rows`
            : `… and ${dropped} more ${code} issues`,
        found: String(dropped),
      });
    }
    return out;
  }
}

export interface RowIssueSnapshot {
  readonly list: readonly ImportIssue[];
  readonly counts: readonly (readonly [IssueCode, number])[];
  readonly count: number;
}

/** The issue with its line moved by `by`: the field, and the `line N` its message opens with. */
function shiftLine(issue: ImportIssue, by: number): ImportIssue {
  if (by === 0 || issue.line === undefined) return issue;
  const line = issue.line + by;
  const prefix = `line ${issue.line}`;
  const message = issue.message.startsWith(prefix)
    ? `line ${line}${issue.message.slice(prefix.length)}`
    : issue.message;
  return { ...issue, line, message };
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
