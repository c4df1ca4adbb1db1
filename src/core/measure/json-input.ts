// JSON text to a tree for the measurement readers. JSON.parse first: these files are plain
// machine output and usually whole, and a 100,000-iteration --exportTimes file should cost no
// more than the platform parser. Only when it fails does the tolerant reader run, to say where
// the text ends or breaks and to salvage what was complete before a cut.
import type { ImportIssue } from '../formats/types.ts';
import { readJson } from '../formats/json/tolerant-json.ts';
import { issue } from './issues.ts';

export type JsonInput =
  | { readonly ok: true; readonly value: unknown }
  | {
      readonly ok: false;
      readonly issues: readonly ImportIssue[];
      /** The salvaged tree of a cut file, and the containers that were still open at the cut. */
      readonly partial?: { readonly value: unknown; readonly incomplete: ReadonlySet<object> };
    };

export function parseJsonText(raw: string): JsonInput {
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  if (text.trim() === '') {
    return { ok: false, issues: [issue('EMPTY', 'error', 'The file is empty')] };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    // located below
  }
  const r = readJson(text);
  if (r.kind === 'complete') return { ok: true, value: r.value };
  if (r.kind === 'truncated') {
    return {
      ok: false,
      issues: [
        issue('TRUNCATED', 'error', `The JSON text ends early, at byte ${r.offset}`, {
          offset: r.offset,
          expected: 'the rest of the document',
          found: 'end of file',
        }),
      ],
      partial: r.value === undefined ? undefined : { value: r.value, incomplete: r.incomplete },
    };
  }
  return {
    ok: false,
    issues: [
      issue('NOT_JSON', 'error', `Not valid JSON at line ${r.line}: ${r.message}`, {
        line: r.line,
        offset: r.offset,
        found: r.message,
      }),
    ],
  };
}
