import { describe, expect, it } from 'vitest';
import { opatFixture } from './aoe-opat/test-helpers.ts';
import { createImport, importBytes } from './index.ts';
import { reportOf } from './content.ts';

const fixture = (name: string): Uint8Array => new TextEncoder().encode(opatFixture(name));
const concat = (...parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

describe('importBytes on files AOE is still writing', () => {
  it('treats a file cut inside a multi-byte character as truncated and salvages it', async () => {
    const bytes = fixture('chinese-name.json');
    const text = opatFixture('chinese-name.json');
    // Cut in the middle of the first CJK character.
    const firstCjk = new TextEncoder().encode(text.slice(0, text.search(/[\u4e00-\u9fff]/))).length;
    const cutInside = bytes.subarray(0, firstCjk + 1);
    const file = await importBytes('aoe_result_opat_20261102093015123_pid1.json', cutInside);
    expect(file.format).toBe('aoe-opat');
    expect(file.issues.map((i) => i.code)).toContain('TRUNCATED');
    expect(file.issues.map((i) => i.code)).not.toContain('NOT_UTF8');
  });

  it('reports truncation offsets in file bytes, BOM included', async () => {
    const plain = fixture('truncated-mid-operator.json');
    const withBom = concat(Uint8Array.from([0xef, 0xbb, 0xbf]), plain);
    const a = await importBytes('a.json', plain);
    const b = await importBytes('b.json', withBom);
    const offset = (f: typeof a) => f.issues.find((i) => i.code === 'TRUNCATED')?.offset;
    expect(offset(a)).toBeGreaterThan(0);
    expect(offset(b)).toBe((offset(a) ?? 0) + 3);
    expect(reportOf(b)?.tasks[0]?.operators.length).toBe(reportOf(a)?.tasks[0]?.operators.length);
  });

  it('gives the same result whether bytes arrive whole or in pieces', async () => {
    const bytes = fixture('cann63rc2-array.json');
    const whole = await importBytes('x.json', bytes);
    const pieces = createImport('x.json', 10);
    for (let at = 0; at < bytes.length; at += 7) pieces.push(bytes.subarray(at, at + 7));
    expect(await pieces.finish()).toEqual(whole);
  });

  it('ids a file by the sha-256 of its bytes', async () => {
    const f = await importBytes('abc.json', new TextEncoder().encode('abc'));
    expect(f.id).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
