// Turns an ImportIssue into localized text: the message for its code, where (JSON pointer, line,
// byte offset), what was expected and found, and a hint when the file is another known format.
import type { TFunction } from 'i18next';
import type { FormatId, ImportIssue } from '../../../core/formats/types.ts';
import { FORMAT_IDS as REGISTERED_IDS } from '../../../core/formats/registry.ts';
import { FORMATS_NS } from '../format-strings.ts';
import { ISSUES_NS } from './issue-strings.ts';

const FORMAT_IDS: ReadonlySet<string> = new Set<FormatId>(REGISTERED_IDS);

export interface IssueText {
  readonly severity: string;
  readonly message: string;
  /** "at /0/model_baseline_performance(ms) · line 3", or '' */
  readonly location: string;
  /** "expected number, found string", or '' */
  readonly detail: string;
  readonly hint: string;
  /** The parser's own sentence (English), for specifics and for bug reports. */
  readonly original: string;
}

export function issueText(t: TFunction, issue: ImportIssue): IssueText {
  const at: string[] = [];
  if (issue.path !== undefined && issue.path !== '')
    at.push(t(`${ISSUES_NS}:at.path`, { path: issue.path }));
  if (issue.line !== undefined) at.push(t(`${ISSUES_NS}:at.line`, { line: issue.line }));
  if (issue.offset !== undefined) at.push(t(`${ISSUES_NS}:at.offset`, { offset: issue.offset }));

  // Format ids (`aoe-opat`, `kernel-details`) read better as the format's name.
  const named = (value: string | undefined) =>
    value !== undefined && FORMAT_IDS.has(value) ? t(`${FORMATS_NS}:format.${value}`) : value;
  const expected = named(issue.expected);
  const found = named(issue.found);
  let detail = '';
  if (expected !== undefined && found !== undefined) {
    detail = t(`${ISSUES_NS}:expectedFound`, { expected, found });
  } else if (expected !== undefined) {
    detail = t(`${ISSUES_NS}:expected`, { expected });
  } else if (found !== undefined) {
    detail = t(`${ISSUES_NS}:found`, { found });
  }

  let hint = '';
  if (issue.otherFormat !== undefined && issue.otherFormat !== 'unknown') {
    hint = t(`${ISSUES_NS}:hint.otherFormat`, {
      format: t(`${FORMATS_NS}:format.${issue.otherFormat}`),
    });
  } else if (issue.found === 'trace-json') {
    hint = t(`${ISSUES_NS}:hint.traceJson`);
  }

  return {
    severity: t(`${ISSUES_NS}:severity.${issue.severity}`),
    message: t(`${ISSUES_NS}:code.${issue.code}`, { defaultValue: issue.message }),
    location: at.join(' · '),
    detail,
    hint,
    original: issue.message,
  };
}
