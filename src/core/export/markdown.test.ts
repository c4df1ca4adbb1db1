import { describe, expect, it } from 'vitest';
import { comparisonMarkdown, escapeMarkdown, runMarkdown } from './markdown.ts';
import { buildComparison } from '../model/comparison.ts';
import { op, repo, run } from '../model/compare.test-helpers.ts';
import comparisonGolden from './markdown-comparison.md.golden?raw';
import runGolden from './markdown-run.md.golden?raw';
import type { SharedAdvice } from '../share/bundle-types.ts';
import { L } from '../advisor/text.ts';

const base = run(
  'r1',
  {
    baselineMs: 110,
    tunedMs: 100,
    repoSummary: repo(17, 2, 2, 0, 19),
    operators: [
      op('Conv_0', 100),
      op('Conv_1', 200),
      op('Relu_0', 50),
      op('Gemm_0', 10, 'MatMulV2'),
    ],
  },
  { label: 'run 1' },
);
const better = run(
  'r2',
  {
    baselineMs: 110,
    tunedMs: 94,
    repoSummary: repo(18, 1, 0, 1, 19),
    operators: [
      op('Conv_0', 80),
      op('Conv_1', 210),
      op('Relu_0', 50.2),
      op('<img src=x onerror=alert(1)>|x', 30, 'Add'),
    ],
  },
  { label: 'run 2' },
);
const worse = run(
  'r3',
  {
    baselineMs: 110,
    tunedMs: 99,
    operators: [
      op('Conv_0', 100),
      op('Conv_1', 240),
      op('Relu_0', 50),
      op('Gemm_0', 10, 'MatMulV2'),
    ],
  },
  { label: 'run 3', generation: 'cann-6.0' },
);

/** Findings as the Advice panel shows them: one dismissed, names from files hostile. */
const advice: SharedAdvice = {
  findings: [
    {
      ruleId: 'ai-cpu-operators',
      severity: 'warning',
      impact: 0.16,
      title: L(
        '16.0 % of the operator time is in operators that fell back to the AI CPU',
        '16.0 % 的算子时间花在回退到 AI CPU 的算子上',
      ),
      evidence: [
        { label: L('AI CPU tasks', 'AI CPU 任务'), value: '15 · 4.107 ms · 16.0 %' },
        {
          label: L('AI CPU operator type <img src=x onerror=alert(1)>|x', 'AI CPU 算子类型'),
          value: '5 × · 3.104 ms · 12.1 %',
        },
      ],
      why: L('They run on the slower AI CPU.', '它们在较慢的 AI CPU 上执行。'),
      action: {
        text: L('Replace them.', '替换它们。'),
        command: 'msprof-analyze advisor computation -d <profiling dir>',
      },
      fileIds: ['p'],
    },
    {
      ruleId: 'tune-next',
      severity: 'info',
      impact: 0.4,
      title: L('Task "r2": 2 operator(s) not improved', '任务 "r2"：2 个算子未改进'),
      evidence: [],
      why: L('The model gains only where its time goes.', '模型只在耗时处获益。'),
      action: {
        text: L('Save the file below as tune_ops.json.', '将下面的文件保存为 tune_ops.json。'),
        command: 'aoe --job_type=2 --tune_ops_file=tune_ops.json',
        config: '{"tune_ops_name": ["Conv_1", "a```b"]}',
        configName: 'tune_ops.json',
      },
      fileIds: ['r2'],
    },
    {
      ruleId: 'knowledge-base-use',
      severity: 'info',
      impact: 0.1,
      title: L('Task "r2": 1 added', '任务 "r2"：新增 1 个'),
      evidence: [],
      why: L('Tuned tilings live in the knowledge base.', '调优结果保存在知识库中。'),
      action: { text: L('Set TUNE_BANK_PATH.', '设置 TUNE_BANK_PATH。') },
      fileIds: ['r2'],
    },
  ],
  dismissed: [[2, 'bank already set | <b>on the host</b>']],
};

describe('markdown', () => {
  it.each([
    ['a|b', 'a\\|b'],
    ['<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert(1)&gt;'],
    ['x_y*z`', 'x\\_y\\*z\\`'],
    // A newline or CR would end the table row (or fake a line); shown as escapes instead.
    ['two\r\nlines', 'two\\x0d\\x0alines'],
    ['\u001b]0;title\u0007 \u202e', '\\x1b\\]0;title\\x07 \\u202e'],
  ])('escapes %j', (text, expected) => {
    expect(escapeMarkdown(text)).toBe(expected);
  });

  it('summarises a comparison with its verdict (golden file)', () => {
    const text = comparisonMarkdown(buildComparison([base, better, worse], base));
    expect(text).toBe(comparisonGolden);
  });

  it('writes ▼ faster / ▲ slower with an unsigned size, a factor from 2× on', () => {
    const slow = run(
      'r4',
      { baselineMs: 110, tunedMs: 100, operators: [op('Conv_0', 951.38)] },
      {
        label: 'run 4',
      },
    );
    const text = comparisonMarkdown(buildComparison([base, slow], base));
    expect(text).toContain(
      '| Conv\\_0 | Conv2D | Schedule | 100.000 | 951.380 | +851.380 | 9.51× | 0.105× | ▲ slower |',
    );
    expect(text).toContain('| run 4 | 110.000 | 100.000 | 0.000 |');
    expect(text).not.toMatch(/▲ better|▼ worse|851\.38 %|-851/);
  });

  it('summarises one run with its advice, dismissed findings last (golden file)', () => {
    const text = runMarkdown(better, advice);
    expect(text).toBe(runGolden);
  });

  it('has no advice section when the run has no advice', () => {
    const text = runMarkdown(better);
    expect(text).not.toContain('## Advice');
    expect(runGolden.startsWith(text.trimEnd())).toBe(true);
  });
});
