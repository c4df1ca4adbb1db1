// A field name of several megabytes (a damaged or hostile file) is an unknown field like any
// other: reported with its exact JSON pointer, kept, and the rest of the report is read. The
// issue's sentence names it shortened, so that a terminal or an issue list is not flooded.
import { expect, test } from 'vitest';
import { parseOpat } from './parse.ts';
import { normalizeOpat } from './normalize.ts';
import { parseAoe, type AoeReader } from '../aoe/pipeline.ts';
import { readJson } from '../json/tolerant-json.ts';
import { reportOf } from './test-helpers.ts';

const MB = 1_000_000;

function reportWithKey(rawKey: string): string {
  return (
    '[{"basic": {"tuning_name": "m", "tuning_time(s)": 1}}, {"OPAT": {' +
    `"${rawKey}": 1, "opat_tuning_result": "tuning successful", "repo_modified_operators": [` +
    '{"op_name": "Conv_0", "op_type": "Conv2D", "tune_performance": {"Schedule": ' +
    '{"performance_before_tune(us)": 20, "performance_after_tune(us)": 10, "update_mode": "add"}}}]}}]'
  );
}

test.each([
  ['plain letters', 'k'.repeat(4 * MB), 'k'.repeat(4 * MB), 'k'.repeat(4 * MB)],
  // Every character needs escaping in the pointer (RFC 6901: ~ → ~0, / → ~1).
  ['~ and /', '~/'.repeat(2 * MB), '~/'.repeat(2 * MB), '~0~1'.repeat(2 * MB)],
  // Every character is a JSON escape.
  ['JSON escapes', '\\u00e9\\n'.repeat(MB), 'é\n'.repeat(MB), 'é\n'.repeat(MB)],
])(
  'a %s key of several MB is one UNKNOWN_FIELD with its exact pointer and a short message; the operators are read',
  (_what, rawKey, _key, pointerSegment) => {
    const r = parseOpat(reportWithKey(rawKey), { fileName: 'a.json', id: 'x' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.warnings).toHaveLength(1);
    const issue = r.warnings[0];
    expect(issue?.code).toBe('UNKNOWN_FIELD');
    expect(issue?.path === `/1/OPAT/${pointerSegment}`).toBe(true);
    expect(issue?.message.length).toBeLessThan(300);
    expect(issue?.message).toContain(`(${issue?.path?.length} characters)`);
    const task = reportOf(r)?.tasks[0];
    expect(task?.operators.map((o) => o.name)).toEqual(['Conv_0']);
    expect(task?.extra[`/1/OPAT/${pointerSegment}`]).toBe(1);
  },
);

test('a long key mixing every kind of character reads alike on the fast and the tolerant path, whole or cut short', () => {
  const OPAT: AoeReader = { schema: 'aoe-opat-result', normalize: normalizeOpat };
  const ctx = { fileName: 'a.json', id: 'x' };
  const text = reportWithKey('op/name~1\\n卷积😀\\u00e9'.repeat(200_000));
  const fast = parseOpat(text, ctx);
  expect(fast).toEqual(parseAoe(text, ctx, OPAT, readJson));
  expect(fast.ok && fast.warnings.map((w) => w.code)).toEqual(['UNKNOWN_FIELD']);
  // Cut inside the operator after the key: the salvage and the byte offset are the same too.
  const cut = text.slice(0, text.indexOf('"Schedule"'));
  const salvaged = parseOpat(cut, ctx);
  expect(salvaged).toEqual(parseAoe(cut, ctx, OPAT, readJson));
  expect(!salvaged.ok && salvaged.errors[0]).toMatchObject({
    code: 'TRUNCATED',
    offset: new TextEncoder().encode(cut).length,
  });
});
