// Plain Generation B operators (what AOE writes for nearly every operator) are read by a path that
// builds no pointer and calls nothing per key; any operator it does not take is read the general
// way. Both must give the same rows, counts, kept fields and issues, whatever the operator holds.
import { afterEach, describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { readJson } from '../json/tolerant-json.ts';
import { validate } from '../../validation/index.ts';
import { createIssueSink } from './issue-sink.ts';
import { AFTER, BEFORE, IMPROVEMENT, readOperators, type PlainLists } from './operators.ts';

function read(list: unknown, generalOnly: boolean, incomplete: ReadonlySet<object> = new Set()) {
  const sink = createIssueSink();
  const extra: Record<string, unknown> = {};
  const result = readOperators(list, '/1/OPAT/repo_modified_operators', {
    sink,
    incomplete,
    extra,
    generalOnly,
  });
  return { ...result, extra, issues: sink.list() };
}

function expectSameBothWays(list: unknown): void {
  expect(read(list, false)).toEqual(read(list, true));
}

const plainDimension = (before: number, after: number, mode = 'add') => ({
  [BEFORE]: before,
  [AFTER]: after,
  [IMPROVEMENT]: `${((before / after - 1) * 100).toFixed(2)}%`,
  update_mode: mode,
});

/** Values a damaged or hostile report may hold where AOE writes a number, a text or an object. */
const oddValue = fc.constantFrom<unknown>(
  -1,
  0,
  1e-320,
  12.5,
  Infinity,
  '12.34%',
  ' 1.5e1 % ',
  '-0.00%',
  '12.3456789012345678%',
  'abc',
  '',
  null,
  true,
  [],
  {},
  { [BEFORE]: 1 },
  'ADD',
  ' update ',
);

const key = fc.constantFrom(
  'op_name',
  'op_type',
  'tune_performance',
  BEFORE,
  AFTER,
  IMPROVEMENT,
  'update_mode',
  'Schedule',
  'Format',
  '__proto__',
  'constructor',
  'extra/key~1',
  '0',
);

/** A plain operator, then edited at random: keys added, removed or given odd values. */
const operator = fc
  .record({
    name: fc.constantFrom('Conv_0', '卷积', '<img src=x onerror=alert(1)>'),
    type: fc.option(fc.constantFrom('Conv2D', 'MatMulV2'), { nil: undefined }),
    dims: fc.array(
      fc.record({
        name: fc.constantFrom('Schedule', 'Format', 'Tiling', '0', '__proto__'),
        before: fc.double({ min: 0.001, max: 1e6, noNaN: true }),
        gain: fc.double({ min: 0, max: 2, noNaN: true }),
        mode: fc.constantFrom('add', 'update', 'none', 'Add'),
      }),
      { maxLength: 3 },
    ),
    edits: fc.array(
      fc.record({
        depth: fc.constantFrom(0, 1, 2),
        key,
        value: fc.option(oddValue, { nil: undefined }),
      }),
      { maxLength: 3 },
    ),
  })
  .map(({ name, type, dims, edits }) => {
    // Built as text and read by JSON.parse, as the reader gets it: `__proto__` is an own key.
    const perf = dims
      .map((d) => {
        const after = Math.round((d.before / (1 + d.gain)) * 1000) / 1000 || 0.001;
        return `${JSON.stringify(d.name)}: ${JSON.stringify(plainDimension(d.before, after, d.mode))}`;
      })
      .join(', ');
    const typePart = type === undefined ? '' : `, "op_type": ${JSON.stringify(type)}`;
    const op = JSON.parse(
      `{"op_name": ${JSON.stringify(name)}${typePart}, "tune_performance": {${perf}}}`,
    ) as Record<string, unknown>;
    for (const edit of edits) {
      let target: Record<string, unknown> = op;
      const perfObj = op['tune_performance'];
      if (edit.depth >= 1 && typeof perfObj === 'object' && perfObj !== null) {
        target = perfObj as Record<string, unknown>;
        const first = Object.values(target)[0];
        if (edit.depth === 2 && typeof first === 'object' && first !== null) {
          target = first as Record<string, unknown>;
        }
      }
      if (edit.value === undefined) delete target[edit.key];
      else
        Object.defineProperty(target, edit.key, {
          // A copy: the odd objects are shared constants, and an edit into one of them would
          // reach every operator holding it (and could make it hold itself).
          value: structuredClone(edit.value),
          enumerable: true,
          configurable: true,
          writable: true,
        });
    }
    return op;
  });

describe('plain operators read alike on both paths', () => {
  test('AOE-shaped operators, plain and edited at random (odd values, unknown and __proto__ keys)', () => {
    fc.assert(
      fc.property(fc.array(operator, { maxLength: 6 }), (list) => {
        expectSameBothWays(list);
      }),
      { numRuns: 400 },
    );
  });

  test('operators built by the tolerant reader (objects without a prototype) read alike too', () => {
    fc.assert(
      fc.property(fc.array(operator, { maxLength: 6 }), (list) => {
        const read = readJson(JSON.stringify(list));
        expect(read.kind).toBe('complete');
        if (read.kind === 'complete') expectSameBothWays(read.value);
      }),
      { numRuns: 200 },
    );
  });

  test('a list read whole the plain way holds operators the schema accepts, and its key count is right', () => {
    /** Own keys of every object in `value`, counted by walking it. */
    const keysIn = (value: unknown): number => {
      if (typeof value !== 'object' || value === null) return 0;
      if (Array.isArray(value)) return value.reduce((n: number, v) => n + keysIn(v), 0);
      return Object.keys(value).reduce((n, k) => n + 1 + keysIn((value as never)[k]), 0);
    };
    let recorded = 0;
    fc.assert(
      fc.property(fc.array(operator, { maxLength: 6 }), (list) => {
        const plainLists: PlainLists = new Map();
        readOperators(list, '/0/OPAT/repo_modified_operators', {
          sink: createIssueSink(),
          incomplete: new Set(),
          extra: {},
          plainLists,
        });
        const keys = plainLists.get(list);
        if (keys === undefined) return;
        recorded++;
        expect(keys).toBe(keysIn(list));
        const report = [{ OPAT: { repo_modified_operators: list } }];
        expect(validate('aoe-opat-result', report)).toEqual([]);
      }),
      { numRuns: 400 },
    );
    expect(recorded).toBeGreaterThan(20);
  });

  test('values of the wrong type send an operator the general way, and its list is not recorded', () => {
    const plainOp = (dim: Record<string, unknown>, type?: unknown) => ({
      op_name: 'a',
      ...(type === undefined ? {} : { op_type: type }),
      tune_performance: { Schedule: dim },
    });
    const lists = [
      [plainOp(plainDimension(20, 10), 5)],
      [plainOp({ ...plainDimension(20, 10), update_mode: 1 })],
      [plainOp({ ...plainDimension(20, 10), [IMPROVEMENT]: 'fast' })],
      [plainOp({ ...plainDimension(20, 10), [IMPROVEMENT]: true })],
    ];
    for (const list of lists) {
      const plainLists: PlainLists = new Map();
      const ctx = { sink: createIssueSink(), incomplete: new Set<object>(), extra: {}, plainLists };
      readOperators(list, '/0/OPAT/repo_modified_operators', ctx);
      expect(plainLists.has(list)).toBe(false);
      expect(
        validate('aoe-opat-result', [{ OPAT: { repo_modified_operators: list } }]),
      ).not.toEqual([]);
      expectSameBothWays(list);
    }
    const good = [plainOp(plainDimension(20, 10), 'Conv2D'), plainOp(plainDimension(8, 4))];
    const plainLists: PlainLists = new Map();
    readOperators(good, '/0/OPAT/repo_modified_operators', {
      sink: createIssueSink(),
      incomplete: new Set(),
      extra: {},
      plainLists,
    });
    expect(plainLists.get(good)).toBe(3 + 1 + 4 + 2 + 1 + 4);
  });

  test('a plain operator gives its rows and counts, without issues', () => {
    const list = [
      { op_name: 'a', op_type: 'Conv2D', tune_performance: { Schedule: plainDimension(20, 10) } },
      {
        op_name: 'b',
        tune_performance: {
          Format: plainDimension(8, 4, 'update'),
          Schedule: plainDimension(8, 2, 'add'),
        },
      },
    ];
    const r = read(list, false);
    expect(r.issues).toEqual([]);
    expect(r.counts).toEqual({ add: 2, update: 1 });
    expect(r.rows.map((o) => [o.name, o.type, o.dimension, o.improvementPct])).toEqual([
      ['a', 'Conv2D', 'Schedule', 100],
      ['b', '', 'Format', 100],
      ['b', '', 'Schedule', 300],
    ]);
    expectSameBothWays(list);
  });

  test('an operator the plain path leaves keeps no half-added rows', () => {
    const list = [
      {
        op_name: 'a',
        tune_performance: {
          Schedule: plainDimension(20, 10),
          Format: { ...plainDimension(4, 2), [AFTER]: -1 },
        },
      },
    ];
    const r = read(list, false);
    expect(r.rows.map((o) => o.dimension)).toEqual(['Schedule']);
    expect(r.issues.map((i) => [i.code, i.path])).toEqual([
      ['NEGATIVE_TIME', `/1/OPAT/repo_modified_operators/0/tune_performance/Format/${AFTER}`],
    ]);
    expectSameBothWays(list);
  });

  test('a list cut short (truncated file) is read the general way', () => {
    const cut = { op_name: 'b', tune_performance: { Schedule: plainDimension(20, 10) } };
    const list = [{ op_name: 'a', tune_performance: { Schedule: plainDimension(20, 10) } }, cut];
    const incomplete = new Set<object>([list, cut]);
    expect(read(list, false, incomplete)).toEqual(read(list, true, incomplete));
    expect(read(list, false, incomplete).rows.map((o) => o.name)).toEqual(['a']);
  });
});

describe('an enumerable key added to Object.prototype', () => {
  afterEach(() => {
    delete (Object.prototype as Record<string, unknown>)['op_name'];
  });

  test('is not read as a field of the operators', () => {
    Object.defineProperty(Object.prototype, 'op_name', {
      value: 'inherited',
      enumerable: true,
      configurable: true,
      writable: true,
    });
    const list = [
      { op_type: 'Conv2D', tune_performance: { Schedule: plainDimension(20, 10) } },
      JSON.parse(
        '{"op_name": "own", "tune_performance": {"Schedule": {"performance_before_tune(us)": 2, "performance_after_tune(us)": 1}}}',
      ) as unknown,
    ];
    const r = read(list, false);
    expect(r.rows.map((o) => o.name)).toEqual(['own']);
    expect(r).toEqual(read(list, true));
  });
});
