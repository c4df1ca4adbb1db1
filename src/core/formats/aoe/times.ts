// Latencies as the model takes them: finite and not below zero. AOE measures times, so a negative
// one is a damaged file; it is left out with an issue at its pointer rather than shown as a
// speed-up from nothing. (Values beyond a float were reported by the reader: they read as null.)
import { child, finite, pointerText, type Pointer } from '../json/tree.ts';
import type { IssueSink } from './issue-sink.ts';

/** `key`, when given, is the value's key under `at` (its pointer is only built for an issue). */
export function readTime(
  value: unknown,
  at: Pointer,
  sink: IssueSink,
  key?: string,
): number | null {
  const n = finite(value);
  if (n === null || n >= 0) return n;
  const pointer = key === undefined ? pointerText(at) : child(pointerText(at), key);
  sink.add({
    code: 'NEGATIVE_TIME',
    severity: 'error',
    message: `${pointer}: the time ${n} is negative; the value was left out.`,
    path: pointer,
    found: String(n),
  });
  return null;
}
