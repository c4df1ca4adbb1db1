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

  it('words a change of twice the time or more as a factor, as the operator tables do', () => {
    const base = run('b', { tunedMs: 10, operators: [op('A', 100)] });
    const slow = run('c', { tunedMs: 84.017, operators: [op('A', 100)] });
    const fast = run('d', { tunedMs: 2.5, operators: [op('A', 100)] });
    const near = run('e', { tunedMs: 19.9, operators: [op('A', 100)] });
    const c = buildComparison([base, slow, fast, near], base);
    const model = (i: number) => {
      const r = c.gate.runs[i]?.reasons[0];
      if (!r) throw new Error('no reason');
      return r;
    };
    // 84.017 / 10 = 8.40×, never "slower by 740.17%".
    expect(reasonText('en', model(0))).toBe(
      'Model latency (AOE): 8.40× slower; at least 5% faster required.',
    );
    expect(reasonText('zh-CN', model(0))).toBe('模型时延（AOE）：变慢 8.40×；要求至少提速 5%。');
    expect(model(0).message).toContain('8.40× slower');
    // 10 / 2.5 = 4×.
    expect(reasonText('en', model(1))).toBe(
      'Model latency (AOE): 4.00× faster (at least 5% faster required).',
    );
    expect(reasonText('zh-CN', model(1))).toContain('提速 4.00×');
    // Just under twice the time still reads as a percentage.
    expect(reasonText('en', model(2))).toContain('slower by 99%');
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

  it('writes an operator’s change as the other sentences do: "+57.0%", no space before %', () => {
    const base = run('b', { tunedMs: 100, operators: [op('Conv_14', 100)] });
    const c = buildComparison(
      [base, run('c', { tunedMs: 90, operators: [op('Conv_14', 157)] })],
      base,
    );
    const r = c.gate.runs[0]?.reasons.find((x) => x.code === 'OPS_REGRESSED');
    if (!r) throw new Error('no reason');
    for (const lang of ['en', 'zh-CN'] as const) {
      expect(reasonText(lang, r)).toContain('Conv_14 (+57.0%)');
      expect(reasonText(lang, r)).not.toContain(' %');
    }
  });
});
