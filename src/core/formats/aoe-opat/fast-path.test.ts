// The fast read (JSON.parse, then the tolerant reader when it fails or misses something) gives the
// same report and the same issues as the tolerant reader alone: on every fixture, on the cases
// where JSON.parse is silent (repeated keys, numbers beyond a float, deep nesting, a BOM), and on
// fixtures mutated at random (cut, bytes changed, dropped or inserted).
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import type { TuningReport } from '../../model/types.ts';
import type { ParseResult } from '../types.ts';
import { colons, nothingToReport, parseJson, readJsonFast, textKeys } from '../json/fast-json.ts';
import { MAX_DEPTH } from '../json/tolerant-json.ts';
import { readJson } from '../json/tolerant-json.ts';
import { normalizeOpat } from './normalize.ts';
import { parseAoe, type AoeReader } from '../aoe/pipeline.ts';
import { ctxFor, issueList, opatFixture, opatFixtureNames } from './test-helpers.ts';

const OPAT: AoeReader = { schema: 'aoe-opat-result', normalize: normalizeOpat };
const ctx = ctxFor('aoe_result_opat_1_pid1.json');

/** Both readings of `text`, made comparable (the tolerant reader's `incomplete` is a Set). */
function both(text: string): [ParseResult<TuningReport>, ParseResult<TuningReport>] {
  return [parseAoe(text, ctx, OPAT), parseAoe(text, ctx, OPAT, readJson)];
}

function expectSame(text: string): void {
  const [fast, tolerant] = both(text);
  expect(fast).toEqual(tolerant);
  expect(issueList(fast)).toEqual(issueList(tolerant));
}

const REPORT = opatFixture('cann63rc2-array.json');

describe('fast read equals the tolerant read', () => {
  test.each(opatFixtureNames())('fixture %s', (name) => {
    expectSame(opatFixture(name));
  });

  test('a repeated key is still reported, with its pointer', () => {
    const text = REPORT.replace('"op_type"', '"op_type": "Dup", "op_type"');
    expect(text).not.toBe(REPORT);
    const [fast] = both(text);
    expect(issueList(fast)).toContainEqual(['INCONSISTENT', expect.stringMatching(/op_type$/)]);
    expectSame(text);
  });

  test('keys counted by their `:`, and again string by string when strings hold `:` too', () => {
    // A `:` inside a string value: more `:` than keys, so the keys are counted string by string.
    const colonInValue = REPORT.replace('"op_type": "', '"op_type": "a:b\\":');
    expect(colonInValue).not.toBe(REPORT);
    expect(issueList(both(colonInValue)[0])).toEqual(issueList(both(REPORT)[0]));
    expectSame(colonInValue);
    // A repeated key in such a text is still found, wherever the extra `:` are.
    const dup = colonInValue.replace('"op_name"', '"op_name": "x:y", "op_name"');
    expect(issueList(both(dup)[0])).toContainEqual([
      'INCONSISTENT',
      expect.stringMatching(/op_name$/),
    ]);
    expectSame(dup);
    // A key holding `:` is an unknown field, not a repeated key.
    const colonInKey = REPORT.replace('"op_type"', '"op:type": 1, "op_type"');
    expect(colonInKey).not.toBe(REPORT);
    expect(issueList(both(colonInKey)[0])).toContainEqual([
      'UNKNOWN_FIELD',
      expect.stringMatching(/op:type$/),
    ]);
    expectSame(colonInKey);
  });

  test('a number beyond a float is still NUMBER_OUT_OF_RANGE, with its position', () => {
    const text = REPORT.replace(/("performance_before_tune\(us\)":\s*)[0-9.]+/, '$11e309');
    expect(text).not.toBe(REPORT);
    const [fast] = both(text);
    expect(issueList(fast).map(([code]) => code)).toContain('NUMBER_OUT_OF_RANGE');
    expectSame(text);
  });

  test('cut at every 97th character: TRUNCATED with the same salvage and offset', () => {
    for (let at = 1; at < REPORT.length; at += 97) expectSame(REPORT.slice(0, at));
  });

  test('a BOM, a repeated key inside a string-heavy document, deep nesting', () => {
    expectSame(`\ufeff${REPORT}`);
    expectSame('[{"basic": {"tuning_name": "a\\"b\\\\", "tuning_name": "c"}}]');
    expectSame(`${'['.repeat(300)}${']'.repeat(300)}`);
    expectSame(`[{"OPAT": ${'['.repeat(250)}1${']'.repeat(250)}}]`);
  });

  test('random JSON documents read alike (JSON value by value)', () => {
    fc.assert(
      fc.property(fc.json({ maxDepth: 4 }), (text) => {
        expect(readJsonFast(text)).toEqual(readJson(text));
      }),
      { numRuns: 300 },
    );
  });

  test('random edits of the fixtures read alike (report and issues)', () => {
    const names = opatFixtureNames();
    const edit = fc.record({
      file: fc.nat({ max: names.length - 1 }),
      at: fc.nat(),
      kind: fc.constantFrom('cut', 'dup', 'big', 'drop', 'insert'),
      text: fc.constantFrom(',', '"', '1e400', '-1e999', '"k": 1, "k"', '\\', '}', ']', '{'),
    });
    fc.assert(
      fc.property(edit, ({ file, at, kind, text }) => {
        const src = opatFixture(names[file] ?? '');
        const i = src.length === 0 ? 0 : at % src.length;
        const edited =
          kind === 'cut'
            ? src.slice(0, i)
            : kind === 'dup'
              ? src.replace(/"(op_name|tuning_name)"/, '"$1": "x", "$1"')
              : kind === 'big'
                ? src.replace(/(\d+\.\d+)/, '$1e308')
                : kind === 'drop'
                  ? src.slice(0, i) + src.slice(i + 3)
                  : src.slice(0, i) + text + src.slice(i);
        expectSame(edited);
      }),
      { numRuns: 200 },
    );
  });
});

describe('the fast read with the operator lists it has read already', () => {
  type Tree = Record<string, unknown> | unknown[];
  const containers = (root: unknown): Tree[] => {
    const out: Tree[] = [];
    const stack = [root];
    while (stack.length > 0) {
      const v = stack.pop();
      if (typeof v !== 'object' || v === null) continue;
      out.push(v as Tree);
      stack.push(...Object.values(v));
    }
    return out;
  };
  const trees = opatFixtureNames().flatMap((name) => {
    try {
      return [JSON.parse(opatFixture(name)) as unknown];
    } catch {
      return [];
    }
  });
  const oddValue = fc.constantFrom<unknown>(
    -1,
    1.5,
    'x',
    '12.5%',
    '1e3 %',
    null,
    true,
    [],
    {},
    [{}],
    { op_name: 1 },
    { 'performance_before_tune(us)': 2, 'performance_after_tune(us)': 1, update_mode: 3 },
  );

  test('reports whose values are replaced, added or removed at any depth read alike', () => {
    const edit = fc.record({
      at: fc.nat(),
      key: fc.nat(),
      newKey: fc.constantFrom('op_name', 'op_type', 'update_mode', 'performance_improvement', 'zz'),
      value: fc.option(oddValue, { nil: undefined }),
    });
    fc.assert(
      fc.property(
        fc.nat(),
        fc.array(edit, { maxLength: 4 }),
        fc.boolean(),
        (file, edits, twice) => {
          const tree = structuredClone(trees[file % trees.length]);
          for (const e of edits) {
            const all = containers(tree);
            const target = all[e.at % all.length];
            if (target === undefined) continue;
            const keys = Object.keys(target);
            const k = keys.length === 0 || e.key % 3 === 0 ? e.newKey : keys[e.key % keys.length];
            if (k === undefined) continue;
            if (e.value === undefined) delete (target as Record<string, unknown>)[k];
            else (target as Record<string, unknown>)[k] = structuredClone(e.value);
          }
          const text = JSON.stringify(tree, null, 1);
          // A key written twice, somewhere inside: the fast read must notice it too.
          expectSame(twice ? text.replace(/"(op_name|update_mode)"/, '"$1": 0, "$1"') : text);
        },
      ),
      { numRuns: 300 },
    );
  });

  test('the keys of a list counted by its reader are not counted again, nor its depth forgotten', () => {
    const parsed = parseJson('{"a": [{"k": 1, "l": {"m": 2}}], "b": 1}');
    if (parsed === null) throw new Error('not JSON');
    const list = (parsed.value as { a: unknown[] }).a;
    expect(nothingToReport(parsed)).toBe(true);
    expect(nothingToReport(parsed, { keys: new Map([[list, 3]]), levels: 2 })).toBe(true);
    // A wrong count is taken as given: the list is not walked.
    expect(nothingToReport(parsed, { keys: new Map([[list, 2]]), levels: 2 })).toBe(false);
    expect(nothingToReport(parsed, { keys: new Map([[list, 3]]), levels: MAX_DEPTH - 1 })).toBe(
      false,
    );
  });
});

describe('colons counts every `:`, inside strings or not', () => {
  test.each([
    ['{}', 0],
    ['{"a": 1, "b": {"c": ["d", "e:"]}}', 4],
    ['{"a:": "::"}', 4],
  ])('%s', (text, n) => {
    expect(colons(text)).toBe(n);
  });
});

describe('textKeys counts the keys of a well-formed text', () => {
  test.each([
    ['{}', 0],
    ['{"a": 1, "b": {"c": ["d", "e:"]}}', 3],
    ['{"a\\"": "x\\\\", "b" : "y"}', 2],
    ['["a", "b"]', 0],
    ['{"\\\\\\"": {"k"\n:\t1}}', 2],
  ])('%s', (text, n) => {
    expect(textKeys(text)).toBe(n);
  });
});
