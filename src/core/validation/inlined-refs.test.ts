// The generated validators write per-element definitions in place (scripts/gen.ts) instead of
// calling a function per array element. They must accept and reject exactly what the schemas say
// as written: compared here with ajv compiling schemas/ unchanged, same options, on the AOE
// fixtures edited at random (the reports this was done for) and on random values for every schema.
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import Ajv2020, { type ErrorObject } from 'ajv/dist/2020.js';
import { validators, type SchemaName } from './generated/index.ts';

const schemaFiles = import.meta.glob<Record<string, unknown>>('../../../schemas/*.schema.json', {
  import: 'default',
  eager: true,
});
const fixtures = import.meta.glob<string>('../formats/aoe-{opat,sgat}/fixtures/**/*.json', {
  query: '?raw',
  import: 'default',
  eager: true,
});

const asWritten = new Ajv2020({ allErrors: true, strict: false, allowUnionTypes: true });
asWritten.addFormat('date-time', true);
for (const schema of Object.values(schemaFiles)) asWritten.addSchema(schema);

function idOf(name: SchemaName): string {
  const file = Object.entries(schemaFiles).find(([path]) => path.endsWith(`/${name}.schema.json`));
  const id = file?.[1]['$id'];
  if (typeof id !== 'string') throw new Error(`no schema ${name}`);
  return id;
}

/** Validity and the errors as the product reads them (schemaPath aside), in a stable order. */
function outcome(fn: (data: unknown) => boolean, errors: () => ErrorObject[] | null | undefined) {
  return (data: unknown) => {
    const valid = fn(data);
    const list = (errors() ?? []).map((e) =>
      JSON.stringify([e.instancePath, e.keyword, e.params, e.message]),
    );
    return { valid, errors: list.sort() };
  };
}

function expectSame(name: SchemaName, data: unknown): void {
  const reference = asWritten.getSchema(idOf(name));
  if (reference === undefined) throw new Error(`ajv has no ${name}`);
  const generated = validators[name];
  const ours = outcome(generated, () => generated.errors)(data);
  const theirs = outcome(reference, () => reference.errors)(data);
  expect(ours).toEqual(theirs);
}

type Tree = Record<string, unknown> | unknown[];

/** Every container of a tree, so that an edit can reach any depth. */
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
  0,
  'x',
  '12.5%',
  '1e3 %',
  '%',
  null,
  true,
  [],
  {},
  [{}],
  { op_name: 1 },
);

const aoeFixtures = Object.entries(fixtures).flatMap(([path, text]) => {
  try {
    return [{ path, value: JSON.parse(text) as unknown }];
  } catch {
    return []; // the deliberately broken fixtures are not JSON
  }
});

describe('generated validators agree with the schemas as written', () => {
  test.each(aoeFixtures.map((f) => [f.path, f.value] as const))('fixture %s', (path, value) => {
    expectSame(path.includes('aoe-sgat') ? 'aoe-sgat-result' : 'aoe-opat-result', value);
  });

  test('AOE fixtures with values replaced, added and removed at any depth', () => {
    const edit = fc.record({
      file: fc.nat({ max: aoeFixtures.length - 1 }),
      at: fc.nat(),
      key: fc.nat(),
      newKey: fc.constantFrom('op_name', 'performance_before_tune(us)', 'repo_add_num', 'zz'),
      value: fc.option(oddValue, { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), (edits) => {
        const f = aoeFixtures[edits[0]?.file ?? 0];
        if (f === undefined) return;
        const tree = structuredClone(f.value);
        for (const e of edits) {
          const all = containers(tree);
          const target = all[e.at % all.length];
          if (target === undefined) continue;
          const keys = Object.keys(target);
          const k = keys.length === 0 || e.key % 3 === 0 ? e.newKey : keys[e.key % keys.length];
          if (k === undefined) continue;
          if (e.value === undefined) delete (target as Record<string, unknown>)[k];
          // A copy: the same object put in twice could end up inside itself.
          else (target as Record<string, unknown>)[k] = structuredClone(e.value);
        }
        const schema = f.path.includes('aoe-sgat') ? 'aoe-sgat-result' : 'aoe-opat-result';
        expectSame(schema, tree);
      }),
      { numRuns: 300 },
    );
  });

  test('random values, every schema', () => {
    const names = Object.keys(validators) as SchemaName[];
    fc.assert(
      fc.property(fc.constantFrom(...names), fc.jsonValue({ maxDepth: 4 }), (name, value) => {
        expectSame(name, value);
      }),
      { numRuns: 400 },
    );
  });
});
