// Stated statistics against the ones computed from the same file's per-iteration samples. The
// tools print floats with few digits (trtexec: 6 significant), so agreement is relative.
import type { ImportIssue } from '../formats/types.ts';
import type { LatencyStats } from './model.ts';
import { issue } from './issues.ts';

/** Equal within the precision a tool prints: 1e-5 relative (6 significant digits), or 1e-9 absolute. */
export function agree(a: number, b: number): boolean {
  return Math.abs(a - b) <= Math.max(1e-9, 1e-5 * Math.max(Math.abs(a), Math.abs(b)));
}

const KEYS = ['min', 'max', 'mean', 'median', 'p90', 'p95', 'p99'] as const;
const LABEL: Record<(typeof KEYS)[number], string> = {
  min: 'min',
  max: 'max',
  mean: 'mean',
  median: 'median',
  p90: 'percentile(90%)',
  p95: 'percentile(95%)',
  p99: 'percentile(99%)',
};

/** One warning per stated figure that the samples do not reproduce. */
export function consistencyWarnings(
  stated: LatencyStats,
  computed: LatencyStats,
  pointer: string,
): ImportIssue[] {
  const out: ImportIssue[] = [];
  for (const k of KEYS) {
    const s = stated[k];
    const c = computed[k];
    if (s === null || c === null || agree(s, c)) continue;
    out.push(
      issue(
        'INCONSISTENT',
        'warning',
        `Stated ${LABEL[k]} ${s} differs from ${c} computed from the iterations`,
        {
          path: `${pointer}/${LABEL[k]}`,
          expected: String(c),
          found: String(s),
        },
      ),
    );
  }
  return out;
}
