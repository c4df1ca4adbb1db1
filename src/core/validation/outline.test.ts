// The outline validator (scripts/gen.ts OUTLINES) leaves the items of Generation B operator lists
// to the caller and names every non-empty list it reaches. Whatever the tree, validateOutlined
// gives exactly what the full validator gives: when the caller vouches only for lists whose
// operators are valid, when it vouches for none, and when a list sits where the reader never
// looks (a second OPAT section, a report key beside a bare object).
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { validate, validateOutlined } from './index.ts';

const fixtures = import.meta.glob<string>('../formats/aoe-opat/fixtures/**/*.json', {
  query: '?raw',
  import: 'default',
  eager: true,
});

const trees = Object.values(fixtures).flatMap((text) => {
  try {
    return [JSON.parse(text) as unknown];
  } catch {
    return []; // the deliberately broken fixtures are not JSON
  }
});

const op = (name: unknown, before: unknown = 20) => ({
  op_name: name,
  tune_performance: {
    Schedule: { 'performance_before_tune(us)': before, 'performance_after_tune(us)': 10 },
  },
});

/** True when every element of `list` is a valid Generation B operator (by the full validator). */
function operatorsValid(list: unknown): boolean {
  return (
    Array.isArray(list) &&
    validate('aoe-opat-result', [{ OPAT: { repo_modified_operators: list } }]).length === 0
  );
}

type Tree = Record<string, unknown> | unknown[];

function containers(root: unknown): Tree[] {
  const out: Tree[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v !== 'object' || v === null) continue;
    out.push(v as Tree);
    stack.push(...Object.values(v));
  }
  return out;
}

const oddValue = fc.constantFrom<unknown>(
  -1,
  1.5,
  'x',
  '12.5%',
  null,
  true,
  [],
  {},
  [{}],
  [op('a'), op(1)],
  { op_name: 1 },
  { OPAT: { repo_modified_operators: [op('b', -1)] } },
);

describe('validateOutlined gives what validate gives', () => {
  test('on AOE fixtures with values replaced, added and removed at any depth', () => {
    const edit = fc.record({
      at: fc.nat(),
      key: fc.nat(),
      newKey: fc.constantFrom('op_name', 'repo_modified_operators', 'OPAT', 'report_1', 'zz'),
      value: fc.option(oddValue, { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.nat(), fc.array(edit, { maxLength: 4 }), (file, edits) => {
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
        const full = validate('aoe-opat-result', tree);
        expect(validateOutlined('aoe-opat-result', tree, operatorsValid)).toEqual(full);
        expect(validateOutlined('aoe-opat-result', tree, () => false)).toEqual(full);
      }),
      { numRuns: 300 },
    );
  });

  test('every non-empty operator list the schema reaches is asked about, read or not', () => {
    const first = [op('a')];
    const second = [op('b', -1)];
    const inReport = [op(7)];
    const empty: unknown[] = [];
    const tree = {
      OPAT: { repo_modified_operators: first },
      report_1: [{ OPAT: { repo_modified_operators: inReport } }],
      report_2: [
        { OPAT: { repo_modified_operators: second } },
        { OPAT: { repo_modified_operators: empty } },
      ],
    };
    const asked: unknown[] = [];
    const issues = validateOutlined('aoe-opat-result', tree, (list) => {
      asked.push(list);
      return list === first;
    });
    expect(asked[0]).toBe(first);
    expect(asked.length).toBe(2); // the first list it is not vouched for ends the outline
    expect(issues).toEqual(validate('aoe-opat-result', tree));
    expect(issues.map((i) => i.path).sort()).toEqual([
      '/report_1/0/OPAT/repo_modified_operators/0/op_name',
      '/report_2/0/OPAT/repo_modified_operators/0/tune_performance/Schedule/performance_before_tune(us)',
    ]);
  });

  test('a tree valid but for the outline marks is valid; other errors keep their order', () => {
    const list = [op('a')];
    expect(
      validateOutlined(
        'aoe-opat-result',
        [{ OPAT: { repo_modified_operators: list } }],
        () => true,
      ),
    ).toEqual([]);
    const tree = [
      { basic: { tuning_name: 1 } },
      { OPAT: { repo_modified_operators: list, repo_summary: { repo_add_num: -1 } } },
    ];
    expect(validateOutlined('aoe-opat-result', tree, (l) => l === list)).toEqual(
      validate('aoe-opat-result', tree),
    );
    expect(validate('aoe-opat-result', tree).length).toBeGreaterThan(2);
  });

  test('a schema without an outline is validated in full', () => {
    const tree = [{ SGAT: { repo_modified_operators: [op(1)] } }];
    expect(validateOutlined('aoe-sgat-result', tree, () => true)).toEqual(
      validate('aoe-sgat-result', tree),
    );
  });
});
