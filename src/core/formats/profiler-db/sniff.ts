import type { SniffInput, SniffScore } from '../types.ts';
import { nameMatches } from '../csv/header.ts';

/** MindStudio Insight's names for the profiler databases (FORMATS.md B.0). */
export const PROFILER_DB_NAME = /^(msprof_\d{1,16}|ascend_pytorch_profiler(_\d{1,16})?)\.db$/i;

/**
 * An SQLite file (its header, read as text) named like a profiler export scores 3; any SQLite
 * file 2 (which tables it has is known only once it is opened); the name alone 1.
 */
export function sniffProfilerDb(input: SniffInput): SniffScore {
  const sqlite = input.head.startsWith('SQLite format 3\u0000');
  const name = nameMatches(input.fileName, PROFILER_DB_NAME);
  return sqlite ? (name ? 3 : 2) : name ? 1 : 0;
}
