// Every documented layout and key generation, with the hand-computed figures of parse-cases.ts.
import { describe, expect, test } from 'vitest';
import type { RepoSummary } from '../../model/types.ts';
import { validate } from '../../validation/index.ts';
import { parseOpat } from './parse.ts';
import { CASES } from './parse-cases.ts';
import { ctxFor, issueList, opatFixture, operatorTuples, reportOf } from './test-helpers.ts';

const summary = (s: RepoSummary | null) =>
  s && [s.add, s.hit, s.reserved, s.unsatisfied, s.update, s.total];

describe.each(CASES)('$file', (c) => {
  const result = parseOpat(opatFixture(c.file), ctxFor(c.file));
  const report = reportOf(result);

  test('outcome, layout, generation and issues', () => {
    expect(result.ok).toBe(c.ok);
    expect(issueList(result)).toEqual(c.issues);
    expect(report?.layout).toBe(c.layout);
    expect(report?.generation).toBe(c.generation);
    expect(report?.incomplete).toBe(false);
    expect(report?.id).toBe(`sha-${c.file}`);
    expect(report?.fileName).toBe(c.file);
    expect(report?.kind).toBe('opat');
    expect(validate('model.v1', JSON.parse(JSON.stringify(report)))).toEqual([]);
  });

  test('tasks and operators', () => {
    expect(report?.tasks.length).toBe(c.tasks.length);
    c.tasks.forEach((e, i) => {
      const t = report?.tasks[i];
      if (!t) throw new Error(`task ${i} missing`);
      expect([t.name, t.kind, t.status, t.statusText, t.reportKey, t.tuningTimeS]).toEqual([
        e.name,
        'opat',
        e.status,
        e.statusText,
        e.reportKey,
        e.tuningTimeS,
      ]);
      expect(t.baselineMs === null ? null : [t.baselineMs, t.tunedMs, t.improvementPct]).toEqual(
        e.model,
      );
      if (e.recomputed === null) {
        expect([t.recomputedImprovementPct, t.savedMs, t.savedPct]).toEqual([null, null, null]);
      } else {
        expect(t.recomputedImprovementPct).toBeCloseTo(e.recomputed[0], 4);
        expect(t.savedMs).toBeCloseTo(e.recomputed[1], 6);
        expect(t.savedPct).toBeCloseTo(e.recomputed[2], 3);
      }
      expect(summary(t.repoSummary)).toEqual(e.summary);
      expect(t.failedOperators).toEqual(e.failed);
      expect(operatorTuples(t.operators)).toEqual(e.operators);
      expect(t.extra).toEqual({});
    });
  });
});
