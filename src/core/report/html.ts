// The acceptance report as one self-contained HTML file: inline styles and inline SVG, no script,
// no external request (a Content-Security-Policy meta forbids any), so it opens from disk, can be
// mailed, and prints to PDF (print styles keep tables and the chart whole on a page). Every string
// from a file is escaped by `escapeHtml` on the way in; numbers are formatted here.
import { showControls } from '../export/visible-text.ts';
import { percentileOfSorted } from '../measure/percentile.ts';
import type { AcceptanceReport, AdviceBlock, LatencySeries } from './acceptance.ts';
import { fixed, percent } from './format.ts';
import type { Verdict } from '../model/gate.ts';

/** Marks every system font has (emoji may show as empty boxes, e.g. in print). Never ▲/▼. */
const VERDICT_MARK: Readonly<Record<Verdict, string>> = {
  accept: '✓',
  reject: '✕',
  insufficient: '?',
  incomparable: '≠',
};

export function escapeHtml(text: string): string {
  return showControls(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
const e = escapeHtml;

const STYLE = `
:root { color-scheme: light; --fg: #1c1f24; --muted: #5b6270; --line: #d5d9e0; --better: #1a7f37;
  --worse: #c62828; --neutral: #6b6f76; font-family: system-ui, -apple-system, "Segoe UI",
  "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; color: var(--fg); }
body { margin: 2rem auto; max-width: 1100px; padding: 0 1rem; line-height: 1.45; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.2rem; margin: 1.75rem 0 .5rem; border-bottom: 1px solid var(--line); padding-bottom: .2rem; }
h3 { font-size: 1rem; margin: 1rem 0 .3rem; }
.meta { color: var(--muted); margin: 0 0 1rem; }
.verdict { display: inline-block; padding: .15rem .6rem; border-radius: 4px; border: 2px solid; font-weight: 700; }
.v-accept { color: var(--better); } .v-reject { color: var(--worse); }
.v-insufficient, .v-incomparable { color: var(--neutral); }
table { border-collapse: collapse; width: 100%; font-size: .86rem; margin: .25rem 0 .75rem; }
th, td { border: 1px solid var(--line); padding: .25rem .45rem; text-align: left; vertical-align: top; }
th { background: #f3f5f8; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
ul.reasons { margin: .25rem 0 .75rem; padding-left: 1.2rem; }
.status { font-weight: 600; }
.muted { color: var(--muted); }
figure { margin: .5rem 0 1rem; }
figcaption { color: var(--muted); font-size: .85rem; }
svg text { font-family: inherit; font-size: 11px; fill: var(--fg); }
.name { overflow-wrap: anywhere; }
table.latency { font-size: 0.8rem; }
table.latency td:nth-child(2) { min-width: 7rem; }
.wide { overflow-x: auto; }
.sev { display: inline-block; padding: 0 .4rem; border-radius: 3px; font-size: .8rem; font-weight: 700; border: 1px solid; }
.sev-critical { color: var(--worse); } .sev-warning { color: #9a5b00; } .sev-info { color: var(--muted); }
.finding { border: 1px solid var(--line); border-radius: 4px; padding: .5rem .75rem; margin: .5rem 0; }
.finding h4 { margin: 0 0 .3rem; font-size: .95rem; }
pre { background: #f3f5f8; padding: .4rem .6rem; overflow-x: auto; white-space: pre-wrap; overflow-wrap: anywhere; font-size: .82rem; }
code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; }
@media print {
  pre { white-space: pre-wrap; }
  .wide { overflow: visible; }
  body { margin: 0; max-width: none; font-size: 10pt; }
  h2 { break-after: avoid; }
  table, figure, .block { break-inside: avoid; }
  th { background: #eee !important; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
@page { size: A4 landscape; margin: 12mm; }
`;

const SERIES_STYLE: Readonly<Record<LatencySeries['role'], { color: string; dash: string }>> = {
  gpu: { color: '#7b3fe4', dash: '2 3' },
  baseline: { color: '#6b6f76', dash: '6 4' },
  run: { color: '#0b6bcb', dash: '' },
};
const RUN_COLORS = ['#0b6bcb', '#d9480f', '#2b8a3e', '#c2255c', '#5f3dc4'];

/** The cumulative distribution of every series with per-iteration times, as inline SVG. */
export function cdfSvg(series: readonly LatencySeries[], caption: string): string | null {
  const drawn = series.filter((s) => s.sorted !== null && s.sorted.length > 1);
  if (drawn.length === 0) return null;
  const W = 720;
  const H = 300;
  const L = 56;
  const R = 40;
  const T = 12;
  const B = 40;
  const lo = Math.min(...drawn.map((s) => (s.sorted as Float64Array)[0] as number));
  const hi = Math.max(
    ...drawn.map((s) => {
      const a = s.sorted as Float64Array;
      return a[a.length - 1] as number;
    }),
  );
  const span = hi > lo ? hi - lo : 1;
  const x = (v: number) => L + ((v - lo) / span) * (W - L - R);
  const y = (q: number) => T + (1 - q) * (H - T - B);
  const parts: string[] = [];
  parts.push(
    `<svg viewBox="0 0 ${W} ${H + 22 * drawn.length}" width="100%" role="img" aria-label="${e(caption)}">`,
  );
  for (const q of [0, 0.25, 0.5, 0.75, 0.9, 1]) {
    parts.push(
      `<line x1="${L}" x2="${W - R}" y1="${y(q).toFixed(1)}" y2="${y(q).toFixed(1)}" stroke="#e3e6eb"/>`,
      `<text x="${L - 6}" y="${(y(q) + 4).toFixed(1)}" text-anchor="end">${q}</text>`,
    );
  }
  for (let k = 0; k <= 5; k++) {
    const v = lo + (span * k) / 5;
    parts.push(
      `<line x1="${x(v).toFixed(1)}" x2="${x(v).toFixed(1)}" y1="${T}" y2="${H - B}" stroke="#eef0f3"/>`,
      `<text x="${x(v).toFixed(1)}" y="${H - B + 16}" text-anchor="middle">${v.toFixed(3)}</text>`,
    );
  }
  parts.push(`<text x="${(W + L) / 2}" y="${H - 6}" text-anchor="middle">ms</text>`);
  let runIndex = 0;
  drawn.forEach((s, i) => {
    const a = s.sorted as Float64Array;
    const style = SERIES_STYLE[s.role];
    const color =
      s.role === 'run' ? (RUN_COLORS[runIndex++ % RUN_COLORS.length] as string) : style.color;
    const points: string[] = [];
    const steps = Math.min(200, a.length);
    for (let k = 0; k < steps; k++) {
      const q = k / (steps - 1);
      points.push(`${x(percentileOfSorted(a, q * 100)).toFixed(1)},${y(q).toFixed(1)}`);
    }
    const dash = style.dash ? ` stroke-dasharray="${style.dash}"` : '';
    parts.push(
      `<polyline fill="none" stroke="${color}" stroke-width="2"${dash} points="${points.join(' ')}"/>`,
    );
    const ly = H + 14 + 22 * i;
    parts.push(
      `<line x1="${L}" x2="${L + 36}" y1="${ly - 4}" y2="${ly - 4}" stroke="${color}" stroke-width="2"${dash}/>`,
      `<text x="${L + 44}" y="${ly}">${e(s.name)} · ${e(s.tool)} · n=${a.length}</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('');
}

const num = (v: number | null, d: number) => `<td class="num">${fixed(v, d)}</td>`;
const txt = (v: string | null, unknown: string) =>
  `<td class="name">${v === null ? unknown : e(v)}</td>`;

export function acceptanceHtml(r: AcceptanceReport): string {
  const w = r.words;
  const h: string[] = [];
  const th = (cols: readonly string[]) =>
    `<tr>${cols.map((c) => `<th>${e(c)}</th>`).join('')}</tr>`;
  h.push(
    '<!doctype html>',
    `<html lang="${r.lang}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${e(w.title)} — ${e(r.model)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    `<h1>${e(w.title)}</h1>`,
    `<p class="meta">${e(w.model)}${w.colon}<strong class="name">${e(r.model)}</strong> · ${e(w.generated)}${w.colon}${e(r.generatedAt)}</p>`,
    `<p>${e(w.verdict)}${w.colon}<span class="verdict v-${r.verdict}" data-verdict="${r.verdict}">${VERDICT_MARK[r.verdict]} ${e(r.verdictText)}</span></p>`,
  );

  h.push(`<h2>${e(w.sections.environment)}</h2>`, '<table>');
  h.push(
    th([
      w.col.role,
      w.col.name,
      w.col.file,
      w.col.cann,
      w.col.soc,
      w.col.host,
      w.col.tool,
      w.col.device,
    ]),
  );
  for (const x of r.environment) {
    h.push(
      `<tr><td>${e(w.role[x.role])}</td>${txt(x.name, w.unknown)}${txt(x.file, w.unknown)}${txt(x.cann, w.unknown)}${txt(x.soc, w.unknown)}${txt(x.host, w.unknown)}${txt(x.tool, w.unknown)}${txt(x.device, w.unknown)}</tr>`,
    );
  }
  h.push('</table>');

  h.push(`<h2>${e(w.sections.latency)}</h2>`);
  if (r.series.length === 0) h.push(`<p class="muted">${e(w.noMeasurements)}</p>`);
  else {
    h.push('<div class="wide"><table class="latency" data-testid="latency">');
    h.push(
      th([
        w.col.role,
        w.col.name,
        w.col.tool,
        w.col.batch,
        w.col.count,
        w.col.mean,
        w.col.median,
        w.col.p95,
        w.col.p99,
        w.col.min,
        w.col.max,
        w.col.throughput,
        w.col.aoe,
        w.col.vsBaseline,
        w.col.vsGpu,
      ]),
    );
    for (const s of r.series) {
      h.push(
        `<tr data-role="${s.role}"><td>${e(w.role[s.role])}</td>${txt(s.name, w.unknown)}${txt(s.tool, w.unknown)}` +
          `${num(s.batchSize, 0)}${num(s.stats.count, 0)}${num(s.stats.mean, 3)}${num(s.stats.median, 3)}` +
          `${num(s.stats.p95, 3)}${num(s.stats.p99, 3)}${num(s.stats.min, 3)}${num(s.stats.max, 3)}` +
          `${num(s.throughputPerS, 1)}${num(s.aoeMs, 3)}<td>${e(s.vsBaseline ?? w.unknown)}</td><td>${e(s.vsGpu ?? w.unknown)}</td></tr>`,
      );
    }
    h.push('</table></div>');
    h.push(`<h2>${e(w.sections.distribution)}</h2>`);
    const svg = cdfSvg(r.series, w.cdf);
    h.push(
      svg === null
        ? `<p class="muted">${e(w.cdfNone)}</p>`
        : `<figure class="block">${svg}<figcaption>${e(w.cdf)}</figcaption></figure>`,
    );
  }

  h.push(`<h2>${e(w.sections.verdict)}</h2>`);
  for (const v of r.verdicts) {
    h.push(
      `<div class="block"><h3><span class="name">${e(v.name)}</span>${w.colon}<span class="v-${v.verdict}">${VERDICT_MARK[v.verdict]} ${e(v.verdictText)}</span></h3><ul class="reasons">`,
    );
    for (const reason of v.reasons) {
      h.push(`<li><span class="status">${e(reason.status)}</span>${w.colon}${e(reason.text)}</li>`);
    }
    h.push('</ul></div>');
  }

  h.push(`<h2>${e(w.sections.knowledgeBase)}</h2>`);
  if (r.knowledgeBase.every((k) => k.total === null))
    h.push(`<p class="muted">${e(w.noKnowledgeBase)}</p>`);
  else {
    h.push(
      '<table>',
      th([
        w.col.name,
        w.col.hitRate,
        w.col.hit,
        w.col.add,
        w.col.update,
        w.col.unsatisfied,
        w.col.total,
      ]),
    );
    for (const k of r.knowledgeBase) {
      h.push(
        `<tr>${txt(k.name, w.unknown)}<td class="num">${percent(k.hitRate)}</td>${num(k.hit, 0)}${num(k.add, 0)}${num(k.update, 0)}${num(k.unsatisfied, 0)}${num(k.total, 0)}</tr>`,
      );
    }
    h.push('</table>');
  }

  h.push(`<h2>${e(w.sections.operators)}</h2>`);
  for (const o of r.operators) {
    h.push(`<h3 class="name">${e(o.run)}</h3>`);
    for (const [title, list] of [
      [w.faster, o.faster],
      [w.slower, o.slower],
    ] as const) {
      h.push(`<p>${e(title)}${w.colon.trim()}</p>`);
      if (list.length === 0) {
        h.push(`<p class="muted">${e(w.none)}</p>`);
        continue;
      }
      h.push('<table>', th([w.col.operator, w.col.type, w.col.baseUs, w.col.candUs, w.col.change]));
      for (const x of list) {
        h.push(
          `<tr>${txt(x.name, w.unknown)}${txt(x.type, w.unknown)}${num(x.baseUs, 1)}${num(x.candUs, 1)}<td>${e(x.change)}</td></tr>`,
        );
      }
      h.push('</table>');
    }
  }

  h.push(`<h2>${e(w.sections.notMeasured)}</h2>`);
  if (r.notMeasured.length === 0) h.push(`<p>${e(w.none)}</p>`);
  else h.push(`<ul>${r.notMeasured.map((m) => `<li>${e(m)}</li>`).join('')}</ul>`);
  if (r.advice) h.push(...adviceHtml(r, r.advice));
  h.push('</body>', '</html>', '');
  return h.join('\n');
}

/** Advisor text, escaped, with its `code` spans (options, config keys) set as code. */
const rich = (text: string): string => e(text).replace(/`([^`\n]+)`/g, '<code>$1</code>');

/** The advisor's findings by run: ranked, each with its evidence and command; dismissed apart. */
function adviceHtml(r: AcceptanceReport, blocks: readonly AdviceBlock[]): string[] {
  const w = r.words;
  const a = w.advice;
  const h: string[] = [`<h2>${e(w.sections.advice)}</h2>`, `<p class="muted">${e(a.intro)}</p>`];
  for (const b of blocks) {
    h.push(`<section data-testid="advice">`);
    if (blocks.length > 1) h.push(`<h3 class="name">${e(b.run)}</h3>`);
    if (b.findings.length === 0) h.push(`<p>${e(a.none)}</p>`);
    b.findings.forEach((f, i) => {
      h.push(
        `<div class="finding block" data-rule="${e(f.ruleId)}" data-severity="${f.severity}">`,
        `<h4>${i + 1}. <span class="sev sev-${f.severity}">${e(a.severity[f.severity])}</span> <span class="name">${e(f.title)}</span></h4>`,
        `<p class="muted">${e(a.rule)} <code>${e(f.ruleId)}</code></p>`,
      );
      if (f.evidence.length > 0) {
        h.push(`<table><tr><th>${e(a.evidence)}</th><th>${e(a.value)}</th></tr>`);
        for (const x of f.evidence)
          h.push(`<tr><td>${e(x.label)}</td><td class="name">${e(x.value)}</td></tr>`);
        h.push('</table>');
      }
      h.push(
        `<p><strong>${e(a.why)}</strong>${w.colon}${rich(f.why)}</p>`,
        `<p><strong>${e(a.todo)}</strong>${w.colon}${rich(f.todo)}</p>`,
      );
      if (f.command) h.push(`<pre><code>${e(f.command)}</code></pre>`);
      if (f.config)
        h.push(
          `<p class="muted">${e(f.configName ?? a.config)}</p>`,
          `<pre><code>${e(f.config)}</code></pre>`,
        );
      h.push('</div>');
    });
    if (b.dismissed.length > 0) {
      h.push(`<h4>${e(a.dismissed)}</h4><ul data-testid="advice-dismissed">`);
      for (const d of b.dismissed)
        h.push(
          `<li><span class="sev sev-${d.severity}">${e(a.severity[d.severity])}</span> <span class="name">${e(d.title)}</span> <code>${e(d.ruleId)}</code> — ${e(d.reason === '' ? a.noReason : d.reason)}</li>`,
        );
      h.push('</ul>');
    }
    h.push('</section>');
  }
  return h;
}
