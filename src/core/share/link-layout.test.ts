// The column layout of share links: a bundle comes back exactly as it was packed (runs, profiles,
// measurements, odd names and numbers), links stay within the size targets of issue 14, links in
// the JSON layout (made before it, or as the fallback) still open, a link kept from this layout's
// first release still opens, and hostile payloads get a clear issue instead of a crash or a huge
// allocation.
import { describe, expect, it } from 'vitest';
import { deflateSync } from 'fflate';
import fc from 'fast-check';
import { NO_STATS } from '../measure/model.ts';
import { fromBundle, toBundle } from './bundle.ts';
import type { ShareBundleV1, SharedRun } from './bundle-types.ts';
import { ByteWriter } from './bytes.ts';
import { decodeFragment, encodeBundle, packBundle, packJson } from './codec.ts';
import { toBase64Url } from './base64url.ts';
import { DICTIONARY_V1 } from './link-dictionary.ts';
import { COLUMN_LAYOUT, layoutMarker, MAX_COLUMN, packColumns } from './link-layout.ts';
import type { SharedProfile } from './profile-bundle.ts';
import { sampleSharedRun } from './sample-runs.ts';
import { DEFAULT_VIEW, type ViewState } from './view-state.ts';
import columnsLink from './fixtures/link-columns-layout-1.txt?raw';

const view = (runs: readonly SharedRun[]): ViewState => ({
  ...DEFAULT_VIEW,
  runs: runs.map((r) => r.run.id),
  baseline: runs[0]?.run.id ?? '',
});

const plain = (x: unknown): unknown => JSON.parse(JSON.stringify(x));

function decoded(fragment: string): ShareBundleV1 {
  const d = decodeFragment(fragment);
  if (!d.ok) throw new Error(JSON.stringify(d.issues));
  return d.bundle;
}

function linkOf(bundle: ShareBundleV1): string {
  const e = encodeBundle(bundle, Infinity);
  if (!e.ok) throw new Error('not encoded');
  return e.fragment;
}

/** A run whose operators have every odd value a column can hold. */
function oddRun(): SharedRun {
  const s = sampleSharedRun('odd', 6, 3);
  const names = ['__proto__', 'constructor', '卷积_0', '', 'a\u0000b', '😀/~1'];
  const ops = s.run.task.operators.map((o, i) => ({
    ...o,
    name: names[i] ?? o.name,
    dimension: i === 1 ? null : o.dimension,
    // 0 µs, a tuned time slower than the baseline, and stated improvements that disagree with
    // the times: a positive one, none at all, and a negative one.
    beforeUs: i === 2 ? 0 : o.beforeUs,
    afterUs: i === 3 ? o.beforeUs + 1.5 : o.afterUs,
    improvementPct: i === 0 ? 12.34 : i === 4 ? null : i === 5 ? -7.5 : o.improvementPct,
  }));
  return { ...s, run: { ...s.run, task: { ...s.run.task, operators: ops } } };
}

function profile(id: string, names: readonly string[]): SharedProfile {
  const operators = names.map((name, i) => ({
    name,
    type: i % 2 ? 'MatMulV2' : 'Conv2D',
    shape: i === 0 ? null : `${i},${i}`,
    count: 3 + i,
    timed: 2 + i,
    totalUs: 10.125 * (i + 1),
  }));
  const totalUs = operators.reduce((a, o) => a + o.totalUs, 0);
  return {
    id,
    fileName: `${id}.csv`,
    format: 'kernel-details',
    table: {
      format: 'kernel-details',
      headerSet: 'level1',
      summary: { rows: 40, totalDurationUs: totalUs, byType: [], topOperators: [] },
      operators,
    },
    breakdown: null,
  };
}

const profilesBundle = () =>
  toBundle([], { ...DEFAULT_VIEW, page: 'profiles' }, '2026-12-01T00:00:00.000Z', [
    profile('a', ['x', '__proto__', 'y']),
    profile('b', ['x', 'z']),
  ]);

function measuredRun(): SharedRun {
  const s = sampleSharedRun('m', 4, 5);
  const iterationsMs = Float64Array.from({ length: 300 }, (_, i) => 10 + ((i * 37) % 50) / 1000);
  return {
    ...s,
    measurements: [
      {
        id: 'bench',
        path: 'resnet50_summary.json',
        role: 'tuned',
        reason: { kind: 'word', word: 'tuned' },
        measurement: {
          tool: 'ais_bench',
          source: 'ais_bench-summary-json',
          toolVersion: null,
          batchSize: 1,
          latencyMs: { ...NO_STATS, count: 300, mean: 10.0245 },
          throughputPerS: 99.5,
          throughputUnit: 'samples',
          iterationsMs,
          model: null,
          device: '0',
          derived: [],
        },
      },
    ],
  };
}

describe('the column layout', () => {
  it.each([
    ['a run of odd names and numbers', () => toBundle([oddRun()], view([oddRun()]))],
    [
      'three runs',
      () => {
        const runs = [1, 2, 3].map((i) => sampleSharedRun(`r${i}`, 40, i));
        return toBundle(runs, view(runs), '2026-12-01T00:00:00.000Z');
      },
    ],
    ['a profile comparison', profilesBundle],
    ['a run with a measurement', () => toBundle([measuredRun()], view([measuredRun()]))],
    [
      'a stated improvement that is no hundredth',
      () => {
        const b = plain(toBundle([oddRun()], view([oddRun()]))) as ShareBundleV1;
        b.runs[0]!.ops.i.push([1, 1e-9], [2, 123456.789]);
        return b;
      },
    ],
  ])('brings back %s exactly as it was packed', (_title, make) => {
    const bundle = make();
    const fragment = linkOf(bundle);
    // The marker of layout 1 is the byte 0x0e: base64url "D" then one of "g"–"v".
    expect(fragment).toMatch(/^b=D[g-v]/);
    expect(plain(decoded(fragment))).toEqual(plain(bundle));
  });

  it('gives the receiver the same operators, names such as __proto__ included', () => {
    const run = oddRun();
    const back = fromBundle(decoded(linkOf(toBundle([run], view([run])))));
    expect(back.runs[0]?.run.task.operators).toEqual(run.run.task.operators);
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it.each([
    // operators, link-size target in bytes (issue 14), the JSON layout's size on the same data
    [200, 3450],
    [2000, 25_500],
  ])('keeps %i operators within %i bytes, smaller than the JSON layout', (ops, target) => {
    const run = sampleSharedRun('r1', ops, 7);
    const bundle = toBundle([run], view([run]));
    const e = encodeBundle(bundle, Infinity);
    expect(e.ok && e.bytes).toBeLessThanOrEqual(target);
    const old = '#b='.length + toBase64Url(packJson(bundle)).length;
    expect(e.ok && e.bytes).toBeLessThan(old);
  });

  it('falls back to the JSON layout when a number does not fit, and that link opens', () => {
    const bundle = toBundle([oddRun()], view([oddRun()]));
    const huge = plain(bundle) as { runs: { ops: { b: number[] } }[] };
    huge.runs[0]!.ops.b[0] = 2 ** 60;
    const big = huge as unknown as ShareBundleV1;
    expect(packColumns(big)).toBeNull();
    const fragment = linkOf(big);
    expect(fragment.startsWith('b=D')).toBe(false);
    expect(decoded(fragment).runs[0]?.ops.b[0]).toBe(2 ** 60);
  });
});

describe('links in the JSON layout', () => {
  it.each([
    ['runs', () => toBundle([oddRun()], view([oddRun()]))],
    ['a profile comparison', profilesBundle],
    ['a run with a measurement', () => toBundle([measuredRun()], view([measuredRun()]))],
  ])('still open %s, to the same bundle as the column layout', (_t, make) => {
    const bundle = make();
    const json = decoded('b=' + toBase64Url(packJson(bundle)));
    const columns = decoded('b=' + toBase64Url(packBundle(bundle)));
    expect(plain(json)).toEqual(plain(columns));
  });
});

describe('a link made with the first release of the column layout', () => {
  it('still opens to the view it was made of', () => {
    const runs = [sampleSharedRun('r0', 30, 1), measuredRun()];
    const expected = toBundle(runs, { ...view(runs), tab: 'gate', query: 'Conv' });
    expect(plain(decoded(columnsLink.trim()))).toEqual(plain(expected));
  });
});

/** A link of layout 1 whose payload is `bytes`, compressed as the encoder would. */
const hostile = (bytes: Uint8Array): string => {
  const packed = deflateSync(bytes, { level: 9, dictionary: DICTIONARY_V1 });
  const out = new Uint8Array(packed.length + 1);
  out[0] = layoutMarker(COLUMN_LAYOUT);
  out.set(packed, 1);
  return '#b=' + toBase64Url(out);
};

const SKELETON = JSON.stringify({
  format: 'aoe-dashboard.share',
  v: 1,
  runs: [{}],
  view: { ...DEFAULT_VIEW },
});

/** A payload: the skeleton, a string table of `strings`, then whatever `rest` writes. */
function payload(
  rest: (w: ByteWriter) => void,
  skeleton = SKELETON,
  strings = ['Conv_0'],
): Uint8Array {
  const w = new ByteWriter();
  const text = new TextEncoder().encode(skeleton);
  w.uint(text.length);
  w.bytes(text);
  w.uint(strings.length);
  const bytes = strings.map((s) => new TextEncoder().encode(s));
  for (const b of bytes) w.uint(b.length);
  for (const b of bytes) w.bytes(b);
  rest(w);
  return w.result();
}

const issueOf = (fragment: string) => {
  const d = decodeFragment(fragment);
  expect(d.ok).toBe(false);
  return d.ok ? undefined : d.issues[0];
};

describe('hostile links in the column layout', () => {
  it('refuses a varint longer than eight bytes, saying where', () => {
    const bytes = payload((w) => {
      for (let i = 0; i < 9; i++) w.byte(0xff);
    });
    const issue = issueOf(hostile(bytes));
    expect(issue).toMatchObject({ code: 'UNREADABLE', offset: bytes.length - 9 });
    expect(issue?.message).toMatch(/run 0: operators is a number longer than 8 bytes/);
  });

  it('refuses a varint past 2^53', () => {
    const issue = issueOf(
      hostile(
        payload((w) => {
          for (let i = 0; i < 7; i++) w.byte(0xff);
          w.byte(0x7f);
        }),
      ),
    );
    expect(issue?.code).toBe('UNREADABLE');
    expect(issue?.message).toMatch(/too large to be real/);
  });

  it('refuses a count larger than the bytes that follow, before allocating for it', () => {
    const issue = issueOf(hostile(payload((w) => w.uint(150_000))));
    expect(issue?.code).toBe('UNREADABLE');
    expect(issue?.message).toMatch(/150000 entries announced, but only 0 bytes follow/);
  });

  it('refuses a count past the bound of every column', () => {
    const issue = issueOf(hostile(payload((w) => w.uint(MAX_COLUMN + 1))));
    expect(issue).toMatchObject({ code: 'TOO_LARGE' });
    expect(issue?.message).toMatch(/200001 entries, more than 200000/);
  });

  it('refuses a string longer than the payload and one that is not UTF-8', () => {
    const long = new ByteWriter();
    long.uint(SKELETON.length);
    long.bytes(new TextEncoder().encode(SKELETON));
    long.uint(1);
    long.uint(1000);
    expect(issueOf(hostile(long.result()))?.message).toMatch(/ends inside string 0/);
    const bad = new ByteWriter();
    bad.uint(SKELETON.length);
    bad.bytes(new TextEncoder().encode(SKELETON));
    bad.uint(1);
    bad.uint(2);
    bad.bytes(new Uint8Array([0xc3, 0x28]));
    expect(issueOf(hostile(bad.result()))?.message).toMatch(/string 0 is not valid UTF-8/);
  });

  it('refuses more iterations than a measurement may carry, or than the bytes that follow', () => {
    const skeleton = SKELETON.replace('"runs":[{}]', '"runs":[{"measured":[{}]}]');
    const run = new ByteWriter();
    run.uint(0); // no operators
    run.uint(0); // no stated improvements
    const ops = run.result();
    const many = issueOf(
      hostile(
        payload((w) => {
          w.bytes(ops);
          w.uint(2002);
        }, skeleton),
      ),
    );
    expect(many).toMatchObject({ code: 'TOO_LARGE' });
    expect(many?.message).toMatch(/run 0, measurement 0: 2001 iterations, more than 2000/);
    const short = issueOf(
      hostile(
        payload((w) => {
          w.bytes(ops);
          w.uint(1001);
          w.uint(5);
        }, skeleton),
      ),
    );
    expect(short?.code).toBe('UNREADABLE');
    expect(short?.message).toMatch(/1000 iterations announced, but only 1 bytes follow/);
    const own = issueOf(
      hostile(
        payload(
          (w) => w.bytes(ops),
          skeleton.replace('"measured":[{}]', '"measured":[{"it":[1]}]'),
        ),
      ),
    );
    expect(own?.message).toMatch(/measurement 0 of run 0 is not a measurement/);
  });

  it('refuses bytes after the last column', () => {
    const run = sampleSharedRun('r0', 3, 1);
    const good = packColumns(toBundle([run], view([run])))!;
    const longer = new Uint8Array(good.length + 2);
    longer.set(good);
    expect(issueOf(hostile(longer))?.message).toMatch(/2 bytes follow the last column/);
  });

  it('refuses a skeleton that is not JSON, carries columns of its own, or nests too deep', () => {
    expect(issueOf(hostile(payload(() => {}, '{"runs":[')))?.code).toBe('NOT_JSON');
    const withS = issueOf(hostile(payload(() => {}, '{"runs":[],"s":["x"]}')));
    expect(withS?.message).toMatch(/not a bundle without its columns/);
    const withOps = issueOf(hostile(payload(() => {}, '{"runs":[{"ops":{}}]}')));
    expect(withOps?.message).toMatch(/run 0 of its bundle text is not a run/);
    const deep = `{"runs":[],"view":${'['.repeat(5000)}${']'.repeat(5000)}}`;
    expect(issueOf(hostile(payload(() => {}, deep)))?.code).toBe('TOO_LARGE');
  });

  it('keeps __proto__ keys of the skeleton as data: the schema refuses them, nothing is polluted', () => {
    const skeleton = SKELETON.replace(
      '"view":{',
      '"view":{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},',
    ).replace('"runs":[{}]', '"runs":[]');
    expect(issueOf(hostile(payload(() => {}, skeleton)))?.code).toBe('SCHEMA_MISMATCH');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('stops inflating a decompression bomb at the limit', () => {
    const bomb = hostile(new Uint8Array(64 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(140 * 1024);
    expect(decodeFragment(bomb, 1024 * 1024)).toMatchObject({
      ok: false,
      issues: [{ code: 'TOO_LARGE' }],
    });
  });

  it('says a link cut short is cut short', () => {
    const run = sampleSharedRun('r0', 50, 1);
    const fragment = linkOf(toBundle([run], view([run])));
    for (const cut of [20, 21, 22, 23, Math.floor(fragment.length / 2)]) {
      expect(issueOf('#' + fragment.slice(0, cut))?.code).toBe('TRUNCATED');
    }
  });

  it('names a newer layout, and refuses layout 0', () => {
    const newer = new Uint8Array([layoutMarker(2), 1, 2, 3]);
    expect(issueOf('#b=' + toBase64Url(newer))).toMatchObject({
      code: 'UNSUPPORTED_VERSION',
      found: 'layout 2',
    });
    const zero = new Uint8Array([layoutMarker(0), 1, 2, 3]);
    expect(issueOf('#b=' + toBase64Url(zero))?.code).toBe('UNREADABLE');
  });

  it('never throws on any payload', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        const d = decodeFragment(hostile(bytes));
        expect(typeof d.ok).toBe('boolean');
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on a valid payload with any one byte changed', () => {
    const run = sampleSharedRun('r0', 5, 1);
    const good = packColumns(toBundle([run], view([run])))!;
    fc.assert(
      fc.property(fc.nat(good.length - 1), fc.integer({ min: 1, max: 255 }), (at, delta) => {
        const bytes = good.slice();
        bytes[at] = ((bytes[at] ?? 0) + delta) % 256;
        const d = decodeFragment(hostile(bytes));
        expect(typeof d.ok).toBe('boolean');
      }),
      { numRuns: 300 },
    );
  });
});
