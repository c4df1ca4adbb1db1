// The acceptance report: figures worked out by hand, golden Markdown in both languages, and an
// HTML file that makes no request and escapes every name it got from a file.
import { describe, expect, it } from 'vitest';
import type { Measurement } from '../measure/model.ts';
import { NO_STATS } from '../measure/model.ts';
import { buildComparison } from '../model/comparison.ts';
import { DEFAULT_GATE_RULES } from '../model/gate.ts';
import { op, repo, run } from '../model/compare.test-helpers.ts';
import { acceptanceHtml, acceptanceMarkdown, buildAcceptanceReport } from './index.ts';
import type { Finding } from '../advisor/types.ts';
import goldenEn from './fixtures/acceptance.en.md.golden?raw';
import goldenZh from './fixtures/acceptance.zh-CN.md.golden?raw';

const EVIL = '<img src=x onerror=alert(1)>|`x`';
const measured = (
  tool: Measurement['tool'],
  values: number[],
  more: Partial<Measurement> = {},
): Measurement => ({
  tool,
  source: tool === 'trtexec' ? 'trtexec-export-times' : 'ais_bench-summary-json',
  toolVersion: tool === 'trtexec' ? '8.6.1' : null,
  batchSize: 1,
  latencyMs: { ...NO_STATS, count: values.length },
  throughputPerS: null,
  throughputUnit: null,
  iterationsMs: Float64Array.from(values),
  model: null,
  device: '0',
  derived: [],
  ...more,
});

// Five iterations each. Baseline 10, 11, 12, 13, 14: mean 12, median 12, P95 = 13 + 0.8·1 = 13.8
// (type 7: h = 4·0.95 = 3.8). Tuned 9, 10, 10, 11, 15: mean 11, median 10, P95 = 11 + 0.8·4 = 14.2.
// GPU 11, 11.5, 12, 12.5, 13: mean 12. Tuned vs baseline mean: 1/12 = 8.33 % faster; vs GPU the same.
const base = run(
  'base',
  {
    name: 'resnet50',
    tunedMs: 100,
    operators: [op('Conv_1', 100), op(EVIL, 50)],
    repoSummary: repo(3, 4, 1, 1, 8),
  },
  {
    label: 'baseline run',
    manifest: { cannVersion: '8.0.RC3', soc: 'Ascend310P3', host: 'host<script>' },
  },
);
const tuned = run(
  'tuned',
  {
    name: 'resnet50',
    tunedMs: 94,
    operators: [op('Conv_1', 80), op(EVIL, 52)],
    repoSummary: repo(5, 4, 1, 0, 9),
  },
  {
    label: 'tuned run',
    manifest: { cannVersion: '8.0.RC3', soc: 'Ascend310P3', host: 'host<script>' },
  },
);
const comparison = buildComparison([base, tuned], base, undefined, DEFAULT_GATE_RULES, {
  runs: new Map([
    ['base', measured('ais_bench', [10, 11, 12, 13, 14])],
    ['tuned', measured('ais_bench', [9, 10, 10, 11, 15])],
  ]),
  gpu: measured('trtexec', [11, 11.5, 12, 12.5, 13]),
});
const report = (lang: 'en' | 'zh-CN') =>
  buildAcceptanceReport({ comparison, lang, generatedAt: '2026-01-02T03:04:05.000Z' });

describe('acceptance report figures', () => {
  it('match what was computed by hand', () => {
    const r = report('en');
    const byRole = Object.fromEntries(r.series.map((s) => [s.role, s]));
    expect(byRole['baseline']?.stats).toMatchObject({
      count: 5,
      mean: 12,
      median: 12,
      min: 10,
      max: 14,
    });
    expect(byRole['baseline']?.stats.p95).toBeCloseTo(13.8, 12);
    expect(byRole['run']?.stats).toMatchObject({ mean: 11, median: 10 });
    expect(byRole['run']?.stats.p95).toBeCloseTo(14.2, 12);
    expect(byRole['run']?.vsBaseline).toBe('faster by 8.33%');
    expect(byRole['run']?.vsGpu).toBe('faster by 8.33%');
    expect(byRole['gpu']?.tool).toBe('trtexec 8.6.1');
    // Five iterations are too few for P95 (20) and P99 (100): said, and listed as not measured.
    expect(r.verdict).toBe('insufficient');
    expect(r.notMeasured).toContain('Too few iterations for P99: 5 measured, at least 100 needed.');
  });
});

describe('acceptance report Markdown (golden files)', () => {
  it.each([
    ['en', goldenEn],
    ['zh-CN', goldenZh],
  ] as const)('%s', (lang, golden) => {
    expect(acceptanceMarkdown(report(lang))).toBe(golden);
  });
});

describe('acceptance report HTML', () => {
  const html = acceptanceHtml(report('en'));
  it('makes no external request and carries no script', () => {
    // Every `<` from a file is escaped, so any `<` left opens a tag the report wrote itself.
    expect(html).not.toMatch(/<[^>]*\s(?:src|href)\s*=/i);
    expect(html).not.toMatch(/@import/i);
    expect(html).not.toMatch(/url\(/i);
    expect(html).not.toMatch(/https?:/i);
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain(`default-src 'none'`);
  });

  it('escapes every name from a file', () => {
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;|`x`');
    expect(html).toContain('host&lt;script&gt;');
  });

  it('shows the figures in the latency table and draws the distribution', () => {
    expect(html).toMatch(
      /<tr data-role="baseline">.*<td class="num">12\.000<\/td><td class="num">12\.000<\/td><td class="num">13\.800<\/td>/,
    );
    expect(html).toMatch(
      /<tr data-role="run">.*<td class="num">11\.000<\/td><td class="num">10\.000<\/td><td class="num">14\.200<\/td>/,
    );
    expect(html.match(/<polyline /g)).toHaveLength(3);
  });
});

// Three findings given out of rank order (info, critical, warning), the warning dismissed with a
// reason; texts from files carry markup, a pipe and a fence-breaking backtick run.
const finding = (
  ruleId: string,
  severity: Finding['severity'],
  impact: number,
  more: Partial<Finding> = {},
): Finding => ({
  ruleId,
  severity,
  impact,
  title: { en: `${ruleId} title`, 'zh-CN': `${ruleId} 标题` },
  evidence: [],
  why: { en: `${ruleId} why`, 'zh-CN': `${ruleId} 原因` },
  action: { text: { en: `${ruleId} todo`, 'zh-CN': `${ruleId} 操作` } },
  fileIds: ['r'],
  ...more,
});
const advice = {
  findings: [
    finding('tune-next', 'info', 0.2, {
      action: {
        text: { en: 'Tune with `--tune_ops_file`.', 'zh-CN': '使用 `--tune_ops_file` 调优。' },
        command: 'aoe --job_type=2 --tune_ops_file=tune_ops.json',
        config: '{"op": "```<script>"}',
        configName: 'tune_ops.json',
      },
    }),
    finding('claim-vs-measured', 'critical', 0.1, {
      evidence: [
        {
          label: { en: 'measured, tuned model (mean)', 'zh-CN': '实测，调优后模型（均值）' },
          value: `9.900 ms · ${EVIL}`,
        },
      ],
    }),
    finding('ai-cpu-operators', 'warning', 0.5),
  ],
  dismissed: [[2, 'expected: <b>NMS</b> on the AI CPU'] as const],
};
const withAdvice = (lang: 'en' | 'zh-CN') =>
  buildAcceptanceReport({
    comparison,
    lang,
    generatedAt: '2026-01-02T03:04:05.000Z',
    advice: [{ run: 'tuned run', advice }],
  });

describe('acceptance report advice', () => {
  it('ranks the shown findings and keeps the dismissed one apart with its reason', () => {
    const [block] = withAdvice('en').advice ?? [];
    expect(block?.findings.map((f) => f.ruleId)).toEqual(['claim-vs-measured', 'tune-next']);
    expect(block?.dismissed).toEqual([
      {
        ruleId: 'ai-cpu-operators',
        severity: 'warning',
        title: 'ai-cpu-operators title',
        reason: 'expected: <b>NMS</b> on the AI CPU',
      },
    ]);
    expect(withAdvice('zh-CN').advice?.[0]?.findings[0]?.title).toBe('claim-vs-measured 标题');
    // Made without advice: no section at all (the golden files above).
    expect(report('en').advice).toBeNull();
  });

  it('Markdown: a section with evidence, the command and config fenced, the dismissed listed', () => {
    const md = acceptanceMarkdown(withAdvice('en'));
    const section = md.slice(md.indexOf('## Advice'));
    expect(section).toContain('### 1. Critical: claim-vs-measured title');
    expect(section).toContain('### 2. Info: tune-next title');
    expect(section.indexOf('claim-vs-measured title')).toBeLessThan(
      section.indexOf('tune-next title'),
    );
    expect(section).toContain('| measured, tuned model (mean) | 9.900 ms · ');
    expect(section).toContain('```\naoe --job_type=2 --tune_ops_file=tune_ops.json\n```');
    // The config holds a run of three backticks: its fence is longer.
    expect(section).toContain('````\n{"op": "```<script>"}\n````');
    expect(section).toContain('**Dismissed, with the reason given**:');
    expect(section).toMatch(/- Warning: ai-cpu-operators title \(`ai-cpu-operators`\) — expected/);
    expect(section).not.toContain('<b>');
    const zh = acceptanceMarkdown(withAdvice('zh-CN'));
    expect(zh).toContain('## 调优建议');
    expect(zh).toContain('### 1. 严重：claim-vs-measured 标题');
    expect(zh).toContain('**已忽略（附忽略原因）**：');
  });

  it('HTML: escaped, no script, code spans as code, the dismissed listed', () => {
    const html = acceptanceHtml(withAdvice('en'));
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>');
    expect(html).toContain('&lt;b&gt;NMS&lt;/b&gt;');
    expect(html).toContain('Tune with <code>--tune_ops_file</code>.');
    expect(html).toContain(
      '<pre><code>aoe --job_type=2 --tune_ops_file=tune_ops.json</code></pre>',
    );
    expect(html).toMatch(
      /data-rule="claim-vs-measured" data-severity="critical">[\s\S]*data-rule="tune-next"/,
    );
    expect(html).not.toContain('data-rule="ai-cpu-operators"');
    expect(html).toMatch(/<ul data-testid="advice-dismissed">[\s\S]*ai-cpu-operators title/);
    expect(acceptanceHtml(withAdvice('zh-CN'))).toContain('<h2>调优建议</h2>');
  });
});
