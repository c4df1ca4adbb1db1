// The acceptance report as Markdown, for a merge request or a wiki page. Every string from a file
// goes through escapeMarkdown (names can hold `|`, `<img …>`, newlines).
import { escapeMarkdown as esc } from '../export/markdown.ts';
import { showControls } from '../export/visible-text.ts';
import type { AcceptanceReport, AdviceBlock } from './acceptance.ts';
import { VERDICT_MARK, fixed, percent } from './format.ts';

const row = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
const table = (head: readonly string[], rows: readonly (readonly string[])[]): string[] => [
  row(head),
  row(head.map(() => '---')),
  ...rows.map(row),
];

export function acceptanceMarkdown(r: AcceptanceReport): string {
  const w = r.words;
  const out: string[] = [];
  const u = (v: string | null) => (v === null ? w.unknown : esc(v));
  out.push(`# ${w.title} — ${VERDICT_MARK[r.verdict]} ${r.verdictText}`, '');
  out.push(
    `${w.model}${w.colon}**${esc(r.model)}** · ${w.generated}${w.colon}${esc(r.generatedAt)}`,
    '',
  );

  out.push(`## ${w.sections.environment}`, '');
  out.push(
    ...table(
      [
        w.col.role,
        w.col.name,
        w.col.file,
        w.col.cann,
        w.col.soc,
        w.col.host,
        w.col.tool,
        w.col.device,
      ],
      r.environment.map((e) => [
        w.role[e.role],
        esc(e.name),
        u(e.file),
        u(e.cann),
        u(e.soc),
        u(e.host),
        u(e.tool),
        u(e.device),
      ]),
    ),
    '',
  );

  out.push(`## ${w.sections.latency}`, '');
  if (r.series.length === 0) out.push(w.noMeasurements, '');
  else {
    out.push(
      ...table(
        [
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
        ],
        r.series.map((s) => [
          w.role[s.role],
          esc(s.name),
          esc(s.tool),
          s.batchSize === null ? w.unknown : String(s.batchSize),
          s.stats.count === null ? w.unknown : String(s.stats.count),
          fixed(s.stats.mean, 3),
          fixed(s.stats.median, 3),
          fixed(s.stats.p95, 3),
          fixed(s.stats.p99, 3),
          fixed(s.stats.min, 3),
          fixed(s.stats.max, 3),
          fixed(s.throughputPerS, 1),
          fixed(s.aoeMs, 3),
          s.vsBaseline ?? w.unknown,
          s.vsGpu ?? w.unknown,
        ]),
      ),
      '',
    );
  }

  out.push(`## ${w.sections.verdict}`, '');
  for (const v of r.verdicts) {
    out.push(`**${esc(v.name)}**${w.colon}${VERDICT_MARK[v.verdict]} ${v.verdictText}`, '');
    for (const reason of v.reasons)
      out.push(`- ${esc(reason.status)}${w.colon}${esc(reason.text)}`);
    out.push('');
  }

  out.push(`## ${w.sections.knowledgeBase}`, '');
  if (r.knowledgeBase.every((k) => k.total === null)) out.push(w.noKnowledgeBase, '');
  else {
    out.push(
      ...table(
        [
          w.col.name,
          w.col.hitRate,
          w.col.hit,
          w.col.add,
          w.col.update,
          w.col.unsatisfied,
          w.col.total,
        ],
        r.knowledgeBase.map((k) => [
          esc(k.name),
          percent(k.hitRate),
          ...[k.hit, k.add, k.update, k.unsatisfied, k.total].map((n) =>
            n === null ? w.unknown : String(n),
          ),
        ]),
      ),
      '',
    );
  }

  out.push(`## ${w.sections.operators}`, '');
  for (const o of r.operators) {
    out.push(`### ${esc(o.run)}`, '');
    for (const [title, list] of [
      [w.faster, o.faster],
      [w.slower, o.slower],
    ] as const) {
      out.push(`${title}${w.colon.trim()}`, '');
      if (list.length === 0) out.push(w.none, '');
      else
        out.push(
          ...table(
            [w.col.operator, w.col.type, w.col.baseUs, w.col.candUs, w.col.change],
            list.map((x) => [
              esc(x.name),
              esc(x.type),
              fixed(x.baseUs, 1),
              fixed(x.candUs, 1),
              x.change,
            ]),
          ),
          '',
        );
    }
  }

  out.push(`## ${w.sections.notMeasured}`, '');
  if (r.notMeasured.length === 0) out.push(w.none);
  for (const m of r.notMeasured) out.push(`- ${esc(m)}`);
  out.push('');
  if (r.advice) out.push(...adviceSection(r, r.advice));
  return out.join('\n');
}

/** A fenced block whose fence is longer than any backtick run inside it. */
function fenced(text: string): string[] {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return [fence, ...text.replace(/\n$/, '').split('\n').map(showControls), fence];
}

/** The advisor's findings by run: ranked, each with its evidence and command; dismissed apart. */
function adviceSection(r: AcceptanceReport, blocks: readonly AdviceBlock[]): string[] {
  const w = r.words;
  const a = w.advice;
  const out: string[] = [`## ${w.sections.advice}`, '', a.intro, ''];
  for (const b of blocks) {
    if (blocks.length > 1) out.push(`### ${esc(b.run)}`, '');
    if (b.findings.length === 0) out.push(a.none, '');
    b.findings.forEach((f, i) => {
      out.push(
        `${blocks.length > 1 ? '####' : '###'} ${i + 1}. ${a.severity[f.severity]}${w.colon}${esc(f.title)}`,
        '',
        `${a.rule} \`${esc(f.ruleId)}\``,
        '',
      );
      if (f.evidence.length > 0)
        out.push(
          ...table(
            [a.evidence, a.value],
            f.evidence.map((e) => [esc(e.label), esc(e.value)]),
          ),
          '',
        );
      out.push(`**${a.why}**${w.colon}${esc(f.why)}`, '', `**${a.todo}**${w.colon}${esc(f.todo)}`);
      if (f.command) out.push('', ...fenced(f.command));
      if (f.config) {
        out.push('', `${f.configName ? esc(f.configName) : a.config}${w.colon.trim()}`, '');
        out.push(...fenced(f.config));
      }
      out.push('');
    });
    if (b.dismissed.length > 0) {
      out.push(`**${a.dismissed}**${w.colon.trim()}`, '');
      for (const d of b.dismissed)
        out.push(
          `- ${a.severity[d.severity]}${w.colon}${esc(d.title)} (\`${esc(d.ruleId)}\`) — ${d.reason === '' ? a.noReason : esc(d.reason)}`,
        );
      out.push('');
    }
  }
  return out;
}
