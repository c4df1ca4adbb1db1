import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { MAX_DEPTH, readJson } from './tolerant-json.ts';
import { utf8Length } from './text-position.ts';

/** Plain JSON text of a read value (null-prototype objects compare as plain ones). */
const plain = (value: unknown): string => JSON.stringify(value);

describe('complete documents', () => {
  test.each([
    ['[1,2.5,-3e2,0,-0.25]', [1, 2.5, -300, 0, -0.25]],
    ['{"a":{"b":[true,false,null]}}', { a: { b: [true, false, null] } }],
    ['  "text"  ', 'text'],
    ['42', 42],
    ['{"esc":"\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\u8c03"}', { esc: '"\\/\b\f\n\r\té调' }],
    ['{"名":"调优"}', { 名: '调优' }],
    ['[]', []],
    ['{}', {}],
    ['\r\n[\r\n1\r\n]\r\n', [1]],
  ])('%s', (text, expected) => {
    const r = readJson(text);
    expect(r.kind).toBe('complete');
    if (r.kind === 'complete') expect(plain(r.value)).toBe(JSON.stringify(expected));
  });

  test('a leading BOM is skipped', () => {
    const r = readJson('\ufeff{"a":1}');
    expect(r.kind === 'complete' && plain(r.value)).toBe('{"a":1}');
  });

  test('objects inherit nothing, and __proto__ / constructor are plain keys', () => {
    const r = readJson('{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":2}}}');
    if (r.kind !== 'complete') throw new Error(r.kind);
    const obj = r.value as Record<string, unknown>;
    const proto: unknown = Object.getPrototypeOf(obj);
    expect(Object.isFrozen(proto)).toBe(true);
    expect(Reflect.ownKeys(proto as object)).toEqual([]);
    expect(Object.getPrototypeOf(proto)).toBeNull();
    expect(
      (readJson('{}') as { value: Record<string, unknown> }).value['toString'],
    ).toBeUndefined();
    expect(Object.keys(obj)).toEqual(['__proto__', 'constructor']);
    expect(plain(obj['__proto__'])).toBe('{"polluted":1}');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  test('a repeated key keeps the last value and is reported by pointer', () => {
    const r = readJson('{"report_1":[1],"x/y":{"k":1,"k":2},"report_1":[2]}');
    if (r.kind !== 'complete') throw new Error(r.kind);
    expect(plain(r.value)).toBe('{"report_1":[2],"x/y":{"k":2}}');
    expect(r.duplicateKeys).toEqual(['/x~1y/k', '/report_1']);
  });
});

describe('truncated documents keep every complete value', () => {
  test.each([
    // text, salvaged value, number of open (incomplete) containers
    ['[{"a":1},{"b":[1,2', '[{"a":1},{"b":[1]}]', 3],
    ['[{"a":1},{"b":[1,2]', '[{"a":1},{"b":[1,2]}]', 2],
    ['{"x":"abc', '{}', 1],
    ['{"x":"ab\\', '{}', 1],
    ['{"x":"\\u00', '{}', 1],
    ['{"x":tru', '{}', 1],
    ['{"x":true', '{"x":true}', 1],
    ['{"x":1.5', '{}', 1],
    ['{"x":-', '{}', 1],
    ['{"x":1e', '{}', 1],
    ['{"x":', '{}', 1],
    ['{"x"', '{}', 1],
    ['{"a":{"b":1},', '{"a":{"b":1}}', 1],
    ['[1, 2, ', '[1,2]', 1],
    ['[', '[]', 1],
  ])('%s', (text, salvaged, open) => {
    const r = readJson(text);
    if (r.kind !== 'truncated') throw new Error(`expected truncated, got ${r.kind}`);
    expect(plain(r.value)).toBe(salvaged);
    expect(r.incomplete.size).toBe(open);
    expect(r.offset).toBe(text.length);
  });

  test('the offset is in UTF-8 bytes and counts a BOM', () => {
    const text = '\ufeff[{"name":"调优任务名"},{"b"';
    const r = readJson(text);
    expect(r.kind).toBe('truncated');
    // 3 (BOM) + 10 ASCII + 15 (five CJK chars) + 7 ASCII
    expect(r.kind === 'truncated' && r.offset).toBe(3 + 10 + 15 + 7);
  });

  test('nothing at all is a truncation with no value', () => {
    const r = readJson('   ');
    expect(r.kind).toBe('truncated');
    expect(r.kind === 'truncated' && r.value).toBeUndefined();
  });

  test('the open containers are the ones on the cut path, closed ones are not', () => {
    const r = readJson('{"done":[1],"open":[{"x":1},{"y":');
    if (r.kind !== 'truncated') throw new Error(r.kind);
    const root = r.value as Record<string, unknown[]>;
    const open = root['open'] as unknown[];
    expect(r.incomplete.has(root)).toBe(true);
    expect(r.incomplete.has(open)).toBe(true);
    expect(r.incomplete.has(open[1] as object)).toBe(true);
    expect(r.incomplete.has(open[0] as object)).toBe(false);
    expect(r.incomplete.has(root['done'] as object)).toBe(false);
  });
});

describe('syntax errors are not truncations', () => {
  test.each([
    // text, line, column, byte offset
    ['{"a":1}}', 1, 8, 7],
    ['{"a":[1,2,]}', 1, 11, 10],
    ['{\n"a":01}', 2, 5, 6],
    ['{"名":1,}', 1, 8, 9],
    ['[1 2]', 1, 4, 3],
    ['{"a" 1}', 1, 6, 5],
    ['{"a":"x\ny"}', 1, 8, 7],
    ['{"a":"\\q"}', 1, 7, 6],
    ['[nul]', 1, 2, 1],
    ['Step Id,Name,Type', 1, 1, 0],
    ['[1.]', 1, 4, 3],
    ["{'a':1}", 1, 2, 1],
  ])('%s', (text, line, column, offset) => {
    const r = readJson(text);
    if (r.kind !== 'error') throw new Error(`expected error, got ${r.kind}`);
    expect([r.line, r.column, r.offset]).toEqual([line, column, offset]);
  });

  test('nesting deeper than the limit is refused without overflowing the stack', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const r = readJson(deep);
    expect(r.kind).toBe('error');
    expect(r.kind === 'error' && r.offset).toBe(MAX_DEPTH);
    expect(readJson('['.repeat(MAX_DEPTH) + ']'.repeat(MAX_DEPTH)).kind).toBe('complete');
  });
});

test('utf8Length counts 1, 2, 3 and 4 byte characters', () => {
  const text = 'aé调😀';
  expect(utf8Length(text, text.length)).toBe(new TextEncoder().encode(text).length);
  expect(utf8Length(text, 2)).toBe(3);
});

describe('properties', () => {
  test('any JSON text reads back as JSON.parse reads it', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = JSON.stringify(value, null, 1);
        const r = readJson(text);
        return r.kind === 'complete' && plain(r.value) === plain(JSON.parse(text));
      }),
    );
  });

  test('every cut of a JSON document is a truncation whose salvage is valid JSON', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.array(fc.jsonValue()), fc.dictionary(fc.string(), fc.jsonValue())),
        fc.nat(),
        (value, at) => {
          const text = JSON.stringify(value);
          const cut = text.slice(0, at % text.length);
          const r = readJson(cut);
          if (r.kind !== 'truncated') return false;
          if (r.offset !== new TextEncoder().encode(cut).length) return false;
          return r.value === undefined || plain(JSON.parse(plain(r.value))) === plain(r.value);
        },
      ),
    );
  });

  test('arbitrary text never throws', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        const r = readJson(text);
        return ['complete', 'truncated', 'error'].includes(r.kind);
      }),
    );
  });
});
