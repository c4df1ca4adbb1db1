import { describe, expect, it } from 'vitest';
import { GATE_WORDS, reasonText, verdictText } from './gate-words.ts';
import { buildComparison } from './comparison.ts';
import { op, run } from './compare.test-helpers.ts';

const keys = (o: object, prefix = ''): string[] =>
  Object.entries(o).flatMap(([k, v]) =>
    typeof v === 'object' && v !== null ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`],
  );

describe('gate words', () => {
  it('zh-CN and en have the same keys', () => {
    expect(keys(GATE_WORDS['zh-CN']).sort()).toEqual(keys(GATE_WORDS.en).sort());
  });

  it('words a slowdown as 变慢 / slower by, and a speed-up as 提速 / faster by', () => {
    const base = run('b', { tunedMs: 100, operators: [op('A', 100)] });
    const c = buildComparison(
      [base, run('c', { tunedMs: 100.71, operators: [op('A', 100)] })],
      base,
    );
    const model = c.gate.runs[0]?.reasons[0];
    if (!model) throw new Error('no reason');
    expect(reasonText('en', model)).toBe(
      'Model latency (AOE): slower by 0.71%; at least 5% faster required.',
    );
    expect(reasonText('zh-CN', model)).toBe('模型时延（AOE）：变慢 0.71%；要求至少提速 5%。');
    expect(verdictText('zh-CN', 'incomparable')).toBe('不可比');
  });

  it('lists hidden regressed operators in the reader’s language, never "+7 more"', () => {
    const ops = Array.from({ length: 8 }, (_, i) => op(`Op${i}`, 100));
    const worse = Array.from({ length: 8 }, (_, i) => op(`Op${i}`, 150 + i));
    const base = run('b', { tunedMs: 100, operators: ops });
    const c = buildComparison([base, run('c', { tunedMs: 90, operators: worse })], base);
    const r = c.gate.runs[0]?.reasons.find((x) => x.code === 'OPS_REGRESSED');
    if (!r) throw new Error('no reason');
    expect(reasonText('zh-CN', r)).toMatch(/，另有 3 个。$/);
    expect(reasonText('en', r)).toMatch(/ and 3 more\.$/);
  });
});
