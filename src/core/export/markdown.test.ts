import { describe, expect, it } from 'vitest';
import { comparisonMarkdown, escapeMarkdown, runMarkdown } from './markdown.ts';
import { buildComparison } from '../model/comparison.ts';
import { op, repo, run } from '../model/compare.test-helpers.ts';
import comparisonGolden from './markdown-comparison.md.golden?raw';
import runGolden from './markdown-run.md.golden?raw';

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

  it('summarises one run (golden file)', () => {
    const text = runMarkdown(better);
    expect(text).toBe(runGolden);
  });
});
