// Plain-text rendering of a comparison for terminals and CI logs. Names come from files: each line
// goes out through `terminalLines`, which shows control characters as escapes.
import { changeSize, changeSizeText, changeTextEn } from '../../core/model/change-words.ts';
import type { Comparison } from '../../core/model/comparison.ts';
import type { RuleStatus, Verdict } from '../../core/model/gate.ts';
import { terminalLines } from '../../core/export/visible-text.ts';

const VERDICT: Record<Verdict, string> = {
  accept: 'ACCEPT',
  reject: 'REJECT',
  insufficient: 'NOT ENOUGH DATA',
  incomparable: 'NOT COMPARABLE',
};
const STATUS: Record<RuleStatus, string> = {
  pass: 'pass',
  fail: 'FAIL',
  insufficient: 'n/a ',
  skipped: 'skip',
};

const num = (v: number | null | undefined, d: number): string =>
  v === null || v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(d);
const signed = (v: number | null | undefined, d: number): string =>
  v === null || v === undefined || !Number.isFinite(v) ? '—' : (v > 0 ? '+' : '') + v.toFixed(d);

export function renderComparisonText(c: Comparison): string {
  const label = new Map(c.runs.map((r) => [r.id, r.label]));
  const name = (id: string) => label.get(id) ?? id;
  const lines = [`Baseline: ${name(c.baseline.id)}`, ''];
  for (const w of c.comparability) {
    lines.push(
      `warning: ${name(w.runId)}: ${w.field} differs from the baseline (${w.baseValue} vs ${w.runValue})`,
    );
  }
  if (c.comparability.length > 0) lines.push('');
  lines.push('Model latency (ms)            AOE baseline     tuned    Δ vs baseline');
  for (const m of c.models) {
    const d = m.diff;
    const delta = m.isBaseline
      ? '(baseline)'
      : d.kind === 'numeric'
        ? `${signed(d.delta, 3)} ms (${changeTextEn(m.label, changeSizeText(changeSize(d.base, d.cand)))})`
        : '—';
    lines.push(
      `  ${name(m.runId)}`,
      `  ${' '.repeat(28)}${num(m.baselineMs, 3).padStart(12)}${num(m.tunedMs, 3).padStart(10)}    ${delta}`,
    );
  }
  lines.push('');
  for (const o of c.operators) {
    const k = o.counts;
    lines.push(
      `Operators, ${name(o.runId)} vs baseline: ${k.faster} faster, ${k.slower} slower, ${k.unchanged} unchanged, ${k.added} added, ${k.removed} removed; ` +
        `geometric-mean speed-up ${o.geomeanSpeedup === null ? '—' : `${o.geomeanSpeedup.toFixed(3)}×`} over ${o.matched} matched`,
    );
  }
  if (c.operators.length > 0) lines.push('');
  lines.push(`Verdict: ${VERDICT[c.gate.verdict]}`);
  for (const r of c.gate.reasons) lines.push(`  [${STATUS[r.status]}] ${r.message}`);
  for (const v of c.gate.runs) {
    lines.push(`  ${name(v.runId)}: ${VERDICT[v.verdict]}`);
    for (const r of v.reasons) lines.push(`    [${STATUS[r.status]}] ${r.message}`);
  }
  return terminalLines(lines);
}
