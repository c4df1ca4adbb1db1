// No input makes the reader throw (fast-check): mutated and cut fixture bytes, random JSON, and
// AOE-shaped documents whose values have random types. Results are always well-formed.
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import type { TuningReport } from '../../model/types.ts';
import type { ParseResult } from '../types.ts';
import { isValid } from '../../validation/index.ts';
import { parseOpat } from './parse.ts';
import { sniffOpat } from './sniff.ts';
import { ctxFor, opatFixture, opatFixtureNames, reportOf } from './test-helpers.ts';

const encoder = new TextEncoder();
const decoder = new TextDecoder(); // replacement characters for broken UTF-8, as a lenient host

function wellFormed(result: ParseResult<TuningReport>): boolean {
  if (!result.ok) {
    if (result.errors.length === 0 || !result.errors.some((i) => i.severity === 'error')) {
      return false;
    }
  } else if (result.warnings.some((i) => i.severity === 'error')) return false;
  const report = result.ok ? result.value : result.partial;
  if (report === undefined) return true;
  // The model contract (schemas/model.v1): what share bundles and the launcher store.
  if (!isValid('model.v1', JSON.parse(JSON.stringify(report)))) return false;
  return report.tasks.every(
    (t) =>
      typeof t.name === 'string' &&
      t.operators.every(
        (o) =>
          typeof o.name === 'string' && Number.isFinite(o.beforeUs) && Number.isFinite(o.afterUs),
      ),
  );
}

function check(text: string): boolean {
  sniffOpat({ fileName: 'aoe_result_opat_1_pid1.json', head: text.slice(0, 65536) });
  return wellFormed(parseOpat(text, ctxFor('fuzz.json')));
}

const fixtures = opatFixtureNames().map((n) => encoder.encode(opatFixture(n)));

type MutationValue =
  | { kind: 'set'; at: number; byte: number }
  | { kind: 'cut'; at: number }
  | { kind: 'drop'; at: number; len: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array };

const mutation: fc.Arbitrary<MutationValue> = fc.oneof(
  fc.record({
    kind: fc.constant('set' as const),
    at: fc.nat(),
    byte: fc.integer({ min: 0, max: 255 }),
  }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('drop' as const),
    at: fc.nat(),
    len: fc.integer({ min: 1, max: 40 }),
  }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    bytes: fc.uint8Array({ maxLength: 8 }),
  }),
);

function mutate(bytes: Uint8Array, m: MutationValue): Uint8Array {
  const at = bytes.length === 0 ? 0 : m.at % bytes.length;
  switch (m.kind) {
    case 'set': {
      const copy = bytes.slice();
      if (copy.length > 0) copy[at] = m.byte;
      return copy;
    }
    case 'cut':
      return bytes.slice(0, at);
    case 'drop':
      return new Uint8Array([...bytes.slice(0, at), ...bytes.slice(at + m.len)]);
    case 'insert':
      return new Uint8Array([...bytes.slice(0, at), ...m.bytes, ...bytes.slice(at)]);
  }
}

const BEFORE = 'performance_before_tune(us)';
const AFTER = 'performance_after_tune(us)';
const anyValue = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom('35.35%', '-1.2 %', 'inf%', '', 'tune failed', 'tuning successful', 0, -1),
);
const perf = fc.dictionary(
  fc.constantFrom(BEFORE, AFTER, 'performance_improvement', 'update_mode', 'extra'),
  anyValue,
);
const opA = fc.oneof(
  perf.map((p) => ({ op_name: 'a', op_type: 'b', ...p })),
  anyValue,
);
const opB = fc.oneof(
  fc.record(
    {
      op_name: fc.oneof(fc.string(), anyValue),
      op_type: anyValue,
      tune_performance: fc.oneof(
        fc.dictionary(fc.constantFrom('Format', 'Schedule', '__proto__'), fc.oneof(perf, anyValue)),
        anyValue,
      ),
    },
    { requiredKeys: [] },
  ),
  anyValue,
);
const opat = fc.record(
  {
    'model_baseline_performance(ms)': anyValue,
    'model_result_performance(ms)': anyValue,
    model_performance_improvement: anyValue,
    opat_tuning_result: anyValue,
    opat_tune_result: anyValue,
    tune_failed_operators: fc.oneof(fc.array(anyValue), anyValue),
    repo_modified_operators: fc.oneof(
      fc.array(opB, { maxLength: 4 }),
      fc.record(
        {
          add_repo_operators: fc.array(opA),
          update_repo_operators: fc.oneof(fc.array(opA), anyValue),
        },
        { requiredKeys: [] },
      ),
      anyValue,
    ),
    repo_summary: fc.oneof(
      fc.dictionary(fc.constantFrom('repo_add_num', 'repo_hit_num', 'total_num', 'x'), anyValue),
      anyValue,
    ),
  },
  { requiredKeys: [] },
);
const basic = fc.record(
  { tuning_name: anyValue, 'tuning_time(s)': anyValue },
  { requiredKeys: [] },
);
const sections = fc.tuple(basic, opat).map(([b, o]) => [{ basic: b }, { OPAT: o }]);
const aoeDocument = fc.oneof(
  sections,
  fc.dictionary(fc.stringMatching(/^report_\d{1,3}_\d$/), fc.oneof(sections, anyValue)),
  fc.tuple(basic, opat).map(([b, o]) => ({ basic: b, OPAT: o })),
);

describe('parse never throws', () => {
  test('mutated and cut fixture bytes', () => {
    fc.assert(
      fc.property(fc.nat(), fc.array(mutation, { minLength: 1, maxLength: 4 }), (pick, ms) => {
        let bytes: Uint8Array = fixtures[pick % fixtures.length] ?? new Uint8Array();
        for (const m of ms) bytes = mutate(bytes, m);
        return check(decoder.decode(bytes));
      }),
      { numRuns: 400 },
    );
  });

  test('AOE-shaped documents with values of any type, whole and cut', () => {
    fc.assert(
      fc.property(aoeDocument, fc.nat(), (doc, at) => {
        const text = JSON.stringify(doc, null, 2);
        return check(text) && check(text.slice(0, at % (text.length + 1)));
      }),
      { numRuns: 300 },
    );
  });

  test('random JSON and random text', () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => check(JSON.stringify(v) ?? 'null')));
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (s) => check(s)));
  });

  test('pathological inputs', () => {
    for (const text of [
      '['.repeat(50_000),
      '{"a":'.repeat(50_000),
      `[${'{"OPAT":{}},'.repeat(5000)}{}]`,
      '\u0000\u0001',
      '"unterminated',
    ]) {
      expect(check(text)).toBe(true);
    }
  });
});

const FIGURES = ['tuningTimeS', 'baselineMs', 'tunedMs', 'improvementPct', 'statusText'] as const;

describe('salvage never invents data', () => {
  const whole = opatFixtureNames()
    .filter((n) => /^(cann|bare|chinese|crlf|bom)/.test(n))
    .map((n) => opatFixture(n));

  test('a cut file yields a prefix of the whole report: its rows and figures, no cut number', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), (pick, at) => {
        const text = whole[pick % whole.length] ?? '';
        const full = reportOf(parseOpat(text, ctxFor('f.json')));
        const kept = text.slice(0, at % text.length);
        const cut = parseOpat(kept, ctxFor('f.json'));
        if (kept.replace(/^\ufeff/, '').trim() === '') {
          return !cut.ok && cut.errors[0]?.code === 'EMPTY';
        }
        // Only white space was cut off: the same report.
        if (cut.ok) return JSON.stringify(cut.value) === JSON.stringify(full);
        if (cut.errors[0]?.code !== 'TRUNCATED') return false;
        const part = cut.partial;
        if (part === undefined) return true;
        if (!part.incomplete || part.tasks.length > (full?.tasks.length ?? 0)) return false;
        return part.tasks.every((t, i) => {
          const rows = full?.tasks[i]?.operators ?? [];
          return (
            // The name may be a stand-in (the file name) while tuning_name is not written yet.
            t.reportKey === full?.tasks[i]?.reportKey &&
            // Task figures are either not read yet or exactly the whole file's (no cut numbers).
            FIGURES.every((k) => t[k] === null || t[k] === full?.tasks[i]?.[k]) &&
            (t.repoSummary === null ||
              JSON.stringify(t.repoSummary) === JSON.stringify(full?.tasks[i]?.repoSummary)) &&
            t.operators.every((o, j) => JSON.stringify(o) === JSON.stringify(rows[j]))
          );
        });
      }),
      { numRuns: 300 },
    );
  });
});
