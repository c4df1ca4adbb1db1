// The advisor's entry point: runs every rule on what it was given and ranks the findings,
// critical first, then by impact. Pure: the dashboard calls it in the browser with the model
// objects it holds, the CLI with what it read from disk.
import type { AdviceInput, AdviceRule, AdviceSeverity, Finding } from './types.ts';
import { contextOf } from './context.ts';
import { RULES } from './rules/index.ts';

export const SEVERITY_RANK: Readonly<Record<AdviceSeverity, number>> = {
  info: 0,
  warning: 1,
  critical: 2,
};

/** critical before warning before info; within one severity, the larger impact first. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
    b.impact - a.impact ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0)
  );
}

export function advise(input: AdviceInput, rules: readonly AdviceRule[] = RULES): Finding[] {
  const ctx = contextOf(input);
  return rules
    .flatMap((r) => r.run(ctx))
    .map((f) => ({
      ...f,
      impact: Number.isFinite(f.impact) ? Math.min(1, Math.max(0, f.impact)) : 0,
    }))
    .sort(compareFindings);
}

/** Findings at or above `level`. */
export const atOrAbove = (findings: readonly Finding[], level: AdviceSeverity): Finding[] =>
  findings.filter((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[level]);
