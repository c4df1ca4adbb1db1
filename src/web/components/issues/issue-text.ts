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

const TYPE_WORDS: ReadonlySet<string> = new Set([
  'number',
  'integer',
  'string',
  'boolean',
  'object',
  'array',
  'null',
  'present',
  'nothing',
]);
const PHRASES: Readonly<Record<string, string>> = {
  'no such field': 'noSuchField',
  'an object': 'anObject',
  'a number': 'aNumber',
};
const AN_ARRAY = /^an array of (\d+)$/;

function valueWords(t: TFunction, value: string): string {
  const phrase = PHRASES[value];
  if (phrase !== undefined) return t(`${ISSUES_NS}:value.${phrase}`);
  const array = AN_ARRAY.exec(value);
  if (array) return t(`${ISSUES_NS}:value.anArray`, { count: Number(array[1]) });
  const parts = value.split(',');
  if (parts.every((p) => TYPE_WORDS.has(p)))
    return parts.map((p) => t(`${ISSUES_NS}:value.${p}`)).join(' / ');
  return value;
}

export function issueText(t: TFunction, issue: ImportIssue): IssueText {
  const at: string[] = [];
  if (issue.path !== undefined && issue.path !== '')
    at.push(t(`${ISSUES_NS}:at.path`, { path: issue.path }));
  if (issue.line !== undefined) at.push(t(`${ISSUES_NS}:at.line`, { line: issue.line }));
  if (issue.offset !== undefined) at.push(t(`${ISSUES_NS}:at.offset`, { offset: issue.offset }));

  // Format ids (`aoe-opat`, `kernel-details`) read better as the format's name; type names and
  // the schema check's words are translated (ajv joins several types with commas).
  const named = (value: string | undefined) =>
    value === undefined
      ? undefined
      : FORMAT_IDS.has(value)
        ? t(`${FORMATS_NS}:format.${value}`)
        : valueWords(t, value);
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
