// Subgraph tuning, best effort: pattern-based fields, the rest kept; detection against the
// operator-tuning kind; never throws.
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { isValid } from '../../validation/index.ts';
import { sniffOpat } from '../aoe-opat/sniff.ts';
import {
  ctxFor,
  issueList,
  opatFixture,
  opatFixtureNames,
  reportOf,
} from '../aoe-opat/test-helpers.ts';
import { aoeSgatFormat } from './index.ts';
import { parseSgat } from './parse.ts';

const fixtures = import.meta.glob<string>('./fixtures/*.json', {
  query: '?raw',
  import: 'default',
  eager: true,
});
const fixture = (name: string): string => fixtures[`./fixtures/${name}`] ?? '';
const SGAT_NAME = 'aoe_result_sgat_20261102081502456_pid41790.json';

describe('aoe_result_sgat files', () => {
  test('array layout: model times by pattern, unknown fields kept as warnings', () => {
    const result = parseSgat(fixture('sgat-guess.json'), ctxFor('sgat-guess.json'));
    expect(result.ok).toBe(true);
    expect(issueList(result)).toEqual([
      ['UNKNOWN_FIELD', '/1/SGAT/subgraph_num'],
      ['UNKNOWN_FIELD', '/1/SGAT/tuned_subgraph_num'],
    ]);
    const report = reportOf(result);
    expect([report?.kind, report?.layout, report?.generation, report?.incomplete]).toEqual([
      'sgat',
      'array',
      'sgat',
      false,
    ]);
    const t = report?.tasks[0];
    expect([t?.name, t?.kind, t?.status, t?.statusText, t?.tuningTimeS]).toEqual([
      'resnet50_subgraph',
      'sgat',
      'succeeded',
      'tuning successful',
      3120,
    ]);
    // 13.6 / 12.8 − 1 = 6.25 %; 0.8 ms saved = 5.88 % of 13.6 ms.
    expect([t?.baselineMs, t?.tunedMs, t?.improvementPct]).toEqual([13.6, 12.8, 6.25]);
    expect(t?.recomputedImprovementPct).toBeCloseTo(6.25, 6);
    expect(t?.savedMs).toBeCloseTo(0.8, 9);
    expect(t?.savedPct).toBeCloseTo(5.8824, 4);
    expect(t?.repoSummary).toEqual({
      add: 3,
      hit: 2,
      reserved: 1,
      unsatisfied: 1,
      update: 1,
      total: 6,
    });
    expect(t?.operators).toEqual([]);
    expect(t?.extra).toEqual({ '/1/SGAT/subgraph_num': 12, '/1/SGAT/tuned_subgraph_num': 9 });
    expect(isValid('model.v1', JSON.parse(JSON.stringify(report)))).toBe(true);
  });

  test('report-map layout with a failed task', () => {
    const result = parseSgat(fixture('sgat-report-map.json'), ctxFor('m.json'));
    expect(issueList(result)).toEqual([]);
    const report = reportOf(result);
    expect(report?.layout).toBe('report-map');
    expect(report?.tasks.map((t) => [t.name, t.status, t.reportKey, t.baselineMs])).toEqual([
      ['subgraph_task', 'failed', 'report_20251102081502456_41790', null],
    ]);
  });

  test('a stated improvement that disagrees with the times is flagged', () => {
    const text = JSON.stringify([
      {
        SGAT: {
          'model_baseline_performance(ms)': 10,
          'model_result_performance(ms)': 8,
          model_performance_improvement: '20.00%',
        },
      },
    ]);
    const result = parseSgat(text, ctxFor('x.json'));
    expect(issueList(result)).toEqual([['INCONSISTENT', '/0/SGAT/model_performance_improvement']]);
    expect(result.ok ? result.warnings[0]?.expected : null).toBe('25.00%');
  });

  test('a truncated file keeps what was complete', () => {
    const full = fixture('sgat-guess.json');
    const cut = full.slice(0, full.indexOf('"subgraph_num"'));
    const result = parseSgat(cut, ctxFor('cut.json'));
    expect(issueList(result)).toEqual([['TRUNCATED', undefined]]);
    const t = reportOf(result)?.tasks[0];
    expect([reportOf(result)?.incomplete, t?.baselineMs, t?.statusText]).toEqual([
      true,
      13.6,
      'tuning successful',
    ]);
  });

  test('a schema violation has its pointer', () => {
    const text = '[{"SGAT":{"model_baseline_performance(ms)":"fast"}}]';
    expect(issueList(parseSgat(text, ctxFor('x.json')))).toEqual([
      ['SCHEMA_MISMATCH', '/0/SGAT/model_baseline_performance(ms)'],
    ]);
  });
});

describe('detection between the two AOE kinds', () => {
  test.each(Object.keys(fixtures))('%s is subgraph tuning, not operator tuning', (key) => {
    const head = fixtures[key] ?? '';
    expect(aoeSgatFormat.sniff({ fileName: '', head })).toBe(2);
    expect(aoeSgatFormat.sniff({ fileName: SGAT_NAME, head })).toBe(3);
    expect(sniffOpat({ fileName: '', head })).toBe(0);
  });

  test.each(opatFixtureNames().filter((n) => !n.startsWith('renamed') && n !== 'empty.json'))(
    'operator fixture %s is not subgraph tuning',
    (name) => {
      expect(
        aoeSgatFormat.sniff({ fileName: '', head: opatFixture(name).replace(/^\ufeff/, '') }),
      ).toBe(0);
    },
  );

  test('only the common keys: subgraph tuning when the name says so', () => {
    const head = '[{"basic": {"tuning_name": "x", "tuning_time(s)": 1}}';
    expect(aoeSgatFormat.sniff({ fileName: '', head })).toBe(0);
    expect(aoeSgatFormat.sniff({ fileName: SGAT_NAME, head })).toBe(3);
    expect(sniffOpat({ fileName: SGAT_NAME, head })).toBe(0);
  });
});

test('parse never throws on mutated subgraph files', () => {
  const base = fixture('sgat-guess.json');
  fc.assert(
    fc.property(fc.nat(), fc.nat(), fc.string({ maxLength: 6 }), (at, len, insert) => {
      const i = at % (base.length + 1);
      const text = base.slice(0, i) + insert + base.slice(i + (len % 20));
      const result = parseSgat(text, ctxFor('fuzz.json'));
      const report = reportOf(result);
      return report === undefined || isValid('model.v1', JSON.parse(JSON.stringify(report)));
    }),
    { numRuns: 300 },
  );
});
