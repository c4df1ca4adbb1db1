// JSON pointer segments (RFC 6901) for keys of every size: the long-key path (through UTF-8 bytes,
// a chunk at a time) gives exactly what the character-by-character definition gives, whatever
// the key holds and wherever a multi-byte character falls against a chunk boundary.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { childPointer, escapePointer } from './text-position.ts';

/** The definition: ~ → ~0, then / → ~1, one character at a time. */
const reference = (key: string): string =>
  Array.from(key, (c) => (c === '~' ? '~0' : c === '/' ? '~1' : c)).join('');

const CHUNK = 1 << 16;

describe('escapePointer', () => {
  it.each([
    ['', ''],
    ['plain', 'plain'],
    ['a/b~c', 'a~1b~0c'],
    ['~1', '~01'],
    ['//~~', '~1~1~0~0'],
  ])('%j → %j', (key, out) => {
    expect(escapePointer(key)).toBe(out);
  });

  it.each([
    ['ASCII with ~ and /', 'op/name~1\n'.repeat(30_000)],
    ['two-byte characters', 'é/ü~'.repeat(50_000)],
    ['three-byte characters', '卷积/算子~'.repeat(40_000)],
    // An astral character straddles the chunk boundary in UTF-8 (4 bytes starting 2 before it).
    [
      'a four-byte character across a chunk boundary',
      `${'a'.repeat(CHUNK - 2)}😀/~${'b'.repeat(CHUNK)}`,
    ],
    [
      'a three-byte character across a chunk boundary',
      `${'/'.repeat(CHUNK - 1)}卷~${'~'.repeat(10)}`,
    ],
    // A lone surrogate does not survive UTF-8: such a key takes the character path.
    ['a lone surrogate', `${'x/'.repeat(5000)}\ud800~${'y'.repeat(5000)}`],
  ])('a long key of %s is escaped exactly as the definition says', (_what, key) => {
    expect(escapePointer(key) === reference(key)).toBe(true);
  });

  it('agrees with the definition on random long keys', () => {
    const piece = fc.constantFrom(
      'a',
      '~',
      '/',
      'é',
      '卷',
      '😀',
      '\n',
      '"',
      '\\',
      '\ud800',
      '\udc00',
    );
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1024, maxLength: 3000 }), (pieces) => {
        const key = pieces.join('');
        expect(escapePointer(key) === reference(key)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});

describe('childPointer', () => {
  const parents = ['', '/1/OPAT', '/a~0b/c~1d/卷积', `/${'x'.repeat(3000)}`, '/lone\udc00'];

  it.each([
    ['a short key', 'a/b~c'],
    ['a long key of ~ and / only (the buffer grows)', '~/'.repeat(3 * CHUNK)],
    ['a long key with multi-byte characters', '卷积/😀~'.repeat(20_000)],
    ['a long key without ~ or /', 'k'.repeat(5000)],
    ['a long key with a lone surrogate', `${'/'.repeat(3000)}\ud800`],
  ])('parent + "/" + %s, escaped, as one string', (_what, key) => {
    for (const parent of parents) {
      expect(childPointer(parent, key) === `${parent}/${reference(key)}`).toBe(true);
    }
  });
});
