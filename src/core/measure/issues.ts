// Issue construction for the measurement readers: the ImportIssue type and codes of the format
// modules, so a host lists measurement problems the way it lists report problems.
import type { ImportIssue, IssueCode, Severity } from '../formats/types.ts';
import type { Measurement, MeasureResult } from './model.ts';

export interface Where {
  readonly line?: number;
  readonly path?: string;
  readonly offset?: number;
  readonly expected?: string;
  readonly found?: string;
}

export function issue(
  code: IssueCode,
  severity: Severity,
  message: string,
  where: Where = {},
): ImportIssue {
  return { code, severity, message, ...where };
}

/** Enough of a value to recognise it in a message: its JSON text, cut short. */
export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  let s: string;
  try {
    s = JSON.stringify(value) ?? String(value);
  } catch {
    s = String(value);
  }
  return s.length > 40 ? `${s.slice(0, 37)}…` : s;
}

export function hasError(issues: readonly ImportIssue[]): boolean {
  return issues.some((i) => i.severity === 'error');
}

/** Issues past this many of one kind are summed up in one, as the AOE readers do. */
export const MAX_ISSUES = 20;

/** Collects issues and caps the count of each code, adding one "and N more" issue per code. */
export class IssueList {
  readonly items: ImportIssue[] = [];
  private readonly counts = new Map<IssueCode, number>();

  add(i: ImportIssue): void {
    const n = (this.counts.get(i.code) ?? 0) + 1;
    this.counts.set(i.code, n);
    if (n <= MAX_ISSUES) this.items.push(i);
  }

  /** The issues, with one closing issue per code that went past the cap. */
  done(): ImportIssue[] {
    const out = [...this.items];
    for (const [code, n] of this.counts) {
      if (n <= MAX_ISSUES) continue;
      const first = this.items.find((i) => i.code === code);
      out.push(
        issue(code, first?.severity ?? 'error', `${n - MAX_ISSUES} more ${code} issues not listed`),
      );
    }
    return out;
  }
}

/** The result of a reader: not ok as soon as one issue is an error, with what was salvaged. */
export function finish(
  measurements: readonly Measurement[],
  issues: readonly ImportIssue[],
): MeasureResult {
  return hasError(issues)
    ? { ok: false, measurements, issues }
    : { ok: true, measurements, issues };
}
