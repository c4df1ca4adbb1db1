// Markdown summaries for code reviews and chats: a comparison with its verdict and reasons, or one
// run. Text from files (operator and task names) is escaped so that it renders as text in
// Markdown viewers: no tables broken by `|` or a newline, no HTML from a name like
// `<img onerror=…>`, no control characters for the terminal it may be printed on.
import type { CompareRun, DiffLabel, OperatorComparison, OperatorRow } from '../model/compare.ts';
import type { Comparison } from '../model/comparison.ts';
import type { GateReason, RuleStatus, Verdict } from '../model/gate.ts';
import { changeSize, changeSizeText, changeTextEn } from '../model/change-words.ts';
import { showControls } from './visible-text.ts';
import type { SharedAdvice } from '../share/bundle-types.ts';
import type { AdviceSeverity } from '../advisor/types.ts';

/** Rows of the largest changes listed per run (the CSV export has them all). */
export const MARKDOWN_TOP_OPERATORS = 10;

export function escapeMarkdown(text: string): string {
  // Markup first, then controls: the `\x0a` written for a newline must not be escaped again.
  return showControls(
    text
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/([\\`*_[\]|#~])/g, '\\$1'),
  );
}

const fixed = (v: number | null | undefined, d: number): string =>
  v === null || v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(d);
const signed = (v: number | null | undefined, d: number): string =>
  v === null || v === undefined || !Number.isFinite(v)
    ? '—'
    : (v > 0 ? '+' : v < 0 ? '−' : '') + Math.abs(v).toFixed(d);

const VERDICT: Record<Verdict, string> = {
  accept: '✅ accept',
  reject: '❌ reject',
  insufficient: '⚠️ not enough data',
  incomparable: '≠ not comparable',
};
const STATUS: Record<RuleStatus, string> = {
  pass: '✅',
  fail: '❌',
  insufficient: '⚠️',
  skipped: '➖',
};
/** "▼ faster", "▲ slower", "= unchanged": the glyphs and words of change-words.ts. */
const LABEL = (label: DiffLabel): string => changeTextEn(label, '');
/** The size of a change without its sign ("12.34%", "9.51×"): the label says which way. */
const size = (d: { base: number; cand: number }): string =>
  changeSizeText(changeSize(d.base, d.cand));
const FIELD: Record<string, string> = {
  kind: 'tuning kind',
  generation: 'AOE layout generation',
  taskName: 'model / task name',
  cannVersion: 'CANN version',
  soc: 'SoC',
  modelSha256: 'model hash',
  bankPath: 'knowledge-base path',
};

const reasonLine = (r: GateReason): string => `- ${STATUS[r.status]} ${escapeMarkdown(r.message)}`;

function operatorSection(o: OperatorComparison, label: string): string[] {
  const c = o.counts;
  const lines = [
    `### ${escapeMarkdown(label)} vs baseline`,
    '',
    `faster ${c.faster} · slower ${c.slower} · unchanged ${c.unchanged} · added ${c.added} · removed ${c.removed} · ` +
      `geometric-mean speed-up ${o.geomeanSpeedup === null ? '—' : `${o.geomeanSpeedup.toFixed(3)}×`} over ${o.matched} matched`,
  ];
  const changed = o.rows
    .filter(
      (r): r is OperatorRow & { diff: { kind: 'numeric' } } =>
        r.diff.kind === 'numeric' && r.label !== 'neutral',
    )
    .sort((a, b) => Math.abs(b.diff.delta) - Math.abs(a.diff.delta) || a.name.localeCompare(b.name))
    .slice(0, MARKDOWN_TOP_OPERATORS);
  if (changed.length > 0) {
    lines.push(
      '',
      '| Operator | Type | Dimension | Baseline µs | Run µs | Δ µs | Δ % / × | Speed-up | |',
      '|---|---|---|---:|---:|---:|---:|---:|---|',
      ...changed.map((r) => {
        const d = r.diff;
        return `| ${escapeMarkdown(r.name)} | ${escapeMarkdown(r.type)} | ${escapeMarkdown(r.dimension ?? '—')} | ${fixed(d.base, 3)} | ${fixed(d.cand, 3)} | ${signed(d.delta, 3)} | ${size(d)} | ${fixed(d.speedup, 3)}× | ${LABEL(r.label)} |`;
      }),
    );
  }
  return lines;
}

export function comparisonMarkdown(c: Comparison): string {
  const labelOf = new Map(c.runs.map((r) => [r.id, r.label]));
  const name = (id: string) => escapeMarkdown(labelOf.get(id) ?? id);
  const out: string[] = [
    `# AOE run comparison — ${VERDICT[c.gate.verdict]}`,
    '',
    `Baseline: **${name(c.baseline.id)}** · ${c.runs.length - 1} run(s) compared · noise floor ${c.options.noise.pct} % / ${c.options.noise.us} µs`,
    '',
  ];
  if (c.comparability.length > 0) {
    out.push('> **Comparability warnings**');
    for (const w of c.comparability) {
      out.push(
        `> - ${name(w.runId)}: ${FIELD[w.field] ?? w.field} differs (\`${escapeMarkdown(w.baseValue)}\` vs \`${escapeMarkdown(w.runValue)}\`)`,
      );
    }
    out.push('');
  }
  out.push(
    '## Model latency',
    '',
    '| Run | AOE baseline ms | Tuned ms | Δ ms vs baseline | Δ % / × | |',
    '|---|---:|---:|---:|---:|---|',
    ...c.models.map((m) => {
      const d = m.diff;
      const delta = m.isBaseline ? 'baseline' : d.kind === 'numeric' ? signed(d.delta, 3) : '—';
      const pct = m.isBaseline ? '' : d.kind === 'numeric' ? size(d) : '—';
      return `| ${name(m.runId)} | ${fixed(m.baselineMs, 3)} | ${fixed(m.tunedMs, 3)} | ${delta} | ${pct} | ${m.isBaseline ? '' : LABEL(m.label)} |`;
    }),
    '',
    '## Gate',
    '',
  );
  for (const r of c.gate.reasons) out.push(reasonLine(r));
  for (const v of c.gate.runs) {
    out.push(`**${name(v.runId)}**: ${VERDICT[v.verdict]}`, '', ...v.reasons.map(reasonLine), '');
  }
  if (c.operators.length > 0) out.push('## Operators', '');
  for (const o of c.operators) out.push(...operatorSection(o, labelOf.get(o.runId) ?? o.runId), '');
  const kb = c.knowledgeBase.filter((k) => k.total !== null);
  if (kb.length > 0) {
    out.push(
      '## Knowledge base',
      '',
      '| Run | Hit rate | Hit | Added | Updated | Unsatisfied | Total |',
      '|---|---:|---:|---:|---:|---:|---:|',
    );
    for (const k of kb) {
      const rate = k.hitRate === null ? '—' : `${(k.hitRate * 100).toFixed(1)} %`;
      out.push(
        `| ${name(k.runId)} | ${rate} | ${k.hit} | ${k.add} | ${k.update} | ${k.unsatisfied} | ${k.total} |`,
      );
    }
    out.push('');
  }
  return (
    out
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trimEnd() + '\n'
  );
}

const SEVERITY_MD: Record<AdviceSeverity, string> = {
  critical: '🛑 Critical',
  warning: '⚠️ Warning',
  info: 'ℹ️ Info',
};

/** A fenced block whose fence is longer than any backtick run inside it. */
function fencedBlock(text: string): string[] {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return [fence, showControls(text), fence];
}

/**
 * The Advice section of a run: the findings shown (severity, title, evidence, why, what to do with
 * the exact command or config) and the dismissed ones with their reasons.
 */
export function adviceMarkdown(advice: SharedAdvice): string[] {
  const dismissed = new Map(advice.dismissed.map(([i, reason]) => [i, reason]));
  const shown = advice.findings.filter((_, i) => !dismissed.has(i));
  const count = (sev: AdviceSeverity) => shown.filter((f) => f.severity === sev).length;
  const out = [
    '## Advice',
    '',
    shown.length === 0
      ? 'No findings.'
      : `${shown.length} finding(s): ${count('critical')} critical, ${count('warning')} warning, ${count('info')} info.`,
  ];
  if (dismissed.size > 0) out[2] += ` ${dismissed.size} dismissed (listed at the end).`;
  for (const f of shown) {
    out.push('', `### ${SEVERITY_MD[f.severity]}: ${escapeMarkdown(f.title.en)}`, '');
    out.push(`Rule \`${escapeMarkdown(f.ruleId)}\``, '');
    if (f.evidence.length > 0) {
      out.push('| Evidence | Value |', '|---|---|');
      for (const e of f.evidence)
        out.push(`| ${escapeMarkdown(e.label.en)} | ${escapeMarkdown(e.value)} |`);
      out.push('');
    }
    out.push(`**Why it matters:** ${escapeMarkdown(f.why.en)}`, '');
    out.push(`**What to do:** ${escapeMarkdown(f.action.text.en)}`);
    if (f.action.command) out.push('', ...fencedBlock(f.action.command));
    if (f.action.config) {
      if (f.action.configName) out.push('', `${escapeMarkdown(f.action.configName)}:`);
      out.push('', ...fencedBlock(f.action.config));
    }
  }
  if (dismissed.size > 0) {
    out.push('', '### Dismissed', '');
    for (const [i, reason] of dismissed) {
      const f = advice.findings[i];
      if (!f) continue;
      out.push(
        `- ${SEVERITY_MD[f.severity]}: ${escapeMarkdown(f.title.en)} — ${reason === '' ? 'no reason given' : escapeMarkdown(reason)}`,
      );
    }
  }
  return out;
}

/**
 * A one-run summary: latency, AOE's stated improvement, knowledge base, the largest gains, and
 * the Advice panel's findings when given.
 */
export function runMarkdown(run: CompareRun, advice?: SharedAdvice): string {
  const t = run.task;
  const ops = [...t.operators]
    .sort((a, b) => b.beforeUs - b.afterUs - (a.beforeUs - a.afterUs))
    .slice(0, MARKDOWN_TOP_OPERATORS);
  const s = t.repoSummary;
  const lines = [
    `# AOE run — ${escapeMarkdown(run.label)}`,
    '',
    `| Status | AOE baseline ms | Tuned ms | Saved ms | Saved % | AOE stated improvement | Operators |`,
    '|---|---:|---:|---:|---:|---:|---:|',
    `| ${escapeMarkdown(t.statusText ?? t.status)} | ${fixed(t.baselineMs, 3)} | ${fixed(t.tunedMs, 3)} | ${fixed(t.savedMs, 3)} | ${fixed(t.savedPct, 2)} | ${t.improvementPct === null ? '—' : `${t.improvementPct.toFixed(2)} %`} | ${t.operators.length} |`,
    '',
  ];
  if (s)
    lines.push(
      `Knowledge base: hit ${s.hit} / ${s.total}, added ${s.add}, updated ${s.update}, unsatisfied ${s.unsatisfied}.`,
      '',
    );
  if (ops.length > 0) {
    lines.push(
      '| Operator | Type | Dimension | Before µs | After µs | Improvement |',
      '|---|---|---|---:|---:|---:|',
    );
    for (const o of ops) {
      lines.push(
        `| ${escapeMarkdown(o.name)} | ${escapeMarkdown(o.type)} | ${escapeMarkdown(o.dimension ?? '—')} | ${fixed(o.beforeUs, 3)} | ${fixed(o.afterUs, 3)} | ${o.improvementPct === null ? '—' : `${o.improvementPct.toFixed(2)} %`} |`,
      );
    }
  }
  if (advice) lines.push('', ...adviceMarkdown(advice));
  return lines.join('\n').trimEnd() + '\n';
}
