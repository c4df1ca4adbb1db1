// The advisor as a whole: the rule list as data, ranking, and the precision digest.
import { describe, expect, it } from 'vitest';
import { advise, atOrAbove, compareFindings } from './advise.ts';
import { RULES } from './rules/index.ts';
import { digestPrecision, dtypeClass } from './precision-digest.ts';
import { opSummaryCsv, times } from './fixtures/build.ts';
import type { Finding } from './types.ts';

describe('the rule list', () => {
  it('has unique ids, titles in both languages, documented thresholds and a source', () => {
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
    for (const r of RULES) {
      expect(r.title.en).not.toBe('');
      expect(r.title['zh-CN']).not.toBe('');
      expect(r.source).toMatch(/AOE-CLI\.md|FORMATS\.md/);
      for (const t of Object.values(r.thresholds)) {
        expect(Number.isFinite(t.value)).toBe(true);
        expect(t.doc.length).toBeGreaterThan(10);
      }
    }
  });

  it('gives nothing on no input', () => {
    expect(advise({})).toEqual([]);
  });
});

describe('ranking', () => {
  const f = (ruleId: string, severity: Finding['severity'], impact: number): Finding => ({
    ruleId,
    severity,
    impact,
    title: { en: ruleId, 'zh-CN': ruleId },
    evidence: [],
    why: { en: '', 'zh-CN': '' },
    action: { text: { en: '', 'zh-CN': '' } },
    fileIds: [],
  });

  it('puts severity first, then impact, and runs any rule list given', () => {
    const rules = [
      { ...RULES[0]!, run: () => [f('a', 'info', 0.9), f('b', 'critical', 0.1)] },
      { ...RULES[1]!, run: () => [f('c', 'warning', 0.2), f('d', 'warning', 3)] },
    ];
    const out = advise({}, rules);
    expect(out.map((x) => [x.ruleId, x.impact])).toEqual([
      ['b', 0.1],
      ['d', 1], // clamped to 0–1
      ['c', 0.2],
      ['a', 0.9],
    ]);
    expect(atOrAbove(out, 'warning').map((x) => x.ruleId)).toEqual(['b', 'd', 'c']);
    expect(compareFindings(f('x', 'info', 0), f('y', 'info', 0))).toBeLessThan(0);
  });
});

describe('precision digest', () => {
  it('classes a row by its first input', () => {
    expect(dtypeClass('FLOAT;FLOAT16')).toBe('fp32');
    expect(dtypeClass('DT_BF16;DT_BF16')).toBe('half');
    expect(dtypeClass('INT64')).toBe('other');
    expect(dtypeClass('N/A')).toBe('other');
  });

  it('sums AI Core time by class and OP State, leaving the AI CPU out', () => {
    const text = opSummaryCsv([
      ...times(2, { name: 'c', type: 'Conv2D', us: 10, dtype: 'FLOAT;FLOAT' }),
      { name: 'r', type: 'Relu', us: 5, dtype: 'FLOAT16', state: 'dynamic' },
      { name: 'x', type: 'Cast', core: 'AI_CPU', us: 7, dtype: 'FLOAT' },
    ]);
    const d = digestPrecision('id', 'op_summary_1.csv', text);
    expect(d).toMatchObject({
      hasDataTypes: true,
      hasOpState: true,
      rows: 4,
      totalUs: 32,
      aiCoreUs: 25,
      fp32Us: 20,
      halfUs: 5,
      dynamicRows: 1,
      dynamicUs: 5,
      fp32ByType: [{ type: 'Conv2D', count: 2, fp32Us: 20 }],
    });
  });

  it('reads nothing from a table without the columns', () => {
    const d = digestPrecision('id', 'x.csv', 'Name,Type,Duration(us)\na,Add,1\n');
    expect(d.hasDataTypes).toBe(false);
    expect(d.rows).toBe(0);
  });
});
