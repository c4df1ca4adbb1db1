// One statistics line of ais_bench or trtexec (`min = …, max = …, mean = …, median = …,
// percentile(99%) = …`) to LatencyStats, with a located issue for what does not read.
import type { LatencyStats } from './model.ts';
import { NO_STATS } from './model.ts';
import { issue, type IssueList } from './issues.ts';
import { percentileKey, statPairs, toNumber } from './log-lines.ts';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Null (and an issue) when the line does not read as statistics. */
export function statsFromLine(
  body: string,
  line: number,
  label: string,
  issues: IssueList,
): LatencyStats | null {
  const pairs = statPairs(body);
  if (!pairs) {
    issues.add(
      issue('BAD_ROW', 'error', `Line ${line}: ${label} is not a list of "name = value"`, {
        line,
        expected: 'min = …, max = …, mean = …, median = …, percentile(N%) = …',
        found: body.length > 60 ? `${body.slice(0, 57)}…` : body,
      }),
    );
    return null;
  }
  const out: Mutable<LatencyStats> = { ...NO_STATS };
  for (const [key, value] of pairs) {
    const n = toNumber(value);
    if (n === null) {
      issues.add(
        issue('BAD_ROW', 'error', `Line ${line}: ${label} ${key} is not a number`, {
          line,
          expected: 'a number',
          found: value,
        }),
      );
      return null;
    }
    if (key === 'min') out.min = n;
    else if (key === 'max') out.max = n;
    else if (key === 'mean') out.mean = n;
    else if (key === 'median') out.median = n;
    else {
      const p = percentileKey(key);
      if (p === 90) out.p90 = n;
      else if (p === 95) out.p95 = n;
      else if (p === 99) out.p99 = n;
    }
  }
  return out;
}
