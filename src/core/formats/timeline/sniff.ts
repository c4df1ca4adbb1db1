import type { SniffInput, SniffScore } from '../types.ts';
import { nameMatches } from '../csv/header.ts';

/** MindStudio Insight's timeline names (FORMATS.md B.0). */
export const TIMELINE_NAME = /^(trace_view|msprof(_slice_\d{1,2})?_\d{1,14})\.json$/i;

/**
 * By content: a JSON array whose first element is an object with trace-event keys (`ph` with
 * `pid`/`ts`/`name`) in the first bytes. Cheap, never throws.
 */
export function sniffTimeline(input: SniffInput): SniffScore {
  const head = input.head.trimStart();
  const content =
    head.startsWith('[') &&
    /^\[\s*\{/.test(head) &&
    /"ph"\s*:\s*"[A-Za-z]"/.test(head) &&
    /"(pid|ts|name)"\s*:/.test(head);
  const name = nameMatches(input.fileName, TIMELINE_NAME);
  return content ? (name ? 3 : 2) : name ? 1 : 0;
}
