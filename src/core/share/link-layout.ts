// The column layout of a share link's payload. Links made before it are `#b=` + base64url of the
// bundle's JSON text, raw-deflated. A link in this layout is `#b=` + base64url of one marker byte
// and then the payload, raw-deflated against a preset dictionary (link-dictionary.ts). The marker
// is a byte that cannot start a deflate stream — its bits 1–2 are 11, a block type deflate
// reserves — so the first byte tells the two apart; its bits 3–7 are the layout number.
//
//   uint L, L bytes                    the bundle as JSON without its bulk ("skeleton"): no `s`,
//                                      no run's `ops`, no profile table's `types` / `ops`
//   string table                       count, each string's UTF-8 length, then all their bytes
//   per run, in order: operators       count N, then column by column: n (zigzag: the name index
//                                      delta), t, d + 1, b (integer ns), b − a (zigzag: the tuned
//                                      time as a delta from the baseline), r packed four to a
//                                      byte, then the stated improvements: count, row delta and a
//                                      tagged number (null, hundredths, or a float64)
//   per run, per linked measurement    its per-iteration latencies (`it`, integer ns): count + 1
//                                      (0: none), then each as a zigzag delta from the one before
//   per profile with a table           its types (t, c, u, d) and its operators (n, t, h + 1, c,
//                                      u, d), column by column
//
// Integers are LEB128 varints (bytes.ts). The bundle object is rebuilt exactly as it was packed
// and then goes through the same checks as a JSON link (depth, schema, cross-references). A
// bundle whose numbers do not fit (a time past 2^53 ns, say) is not packed in this layout: the
// encoder falls back to JSON, which every decoder reads.
import { jsonDepthExceeds } from '../formats/json/depth.ts';
import type { BundleProfile, BundleRun, ShareBundleV1 } from './bundle-types.ts';
import { ByteReader, ByteWriter, LayoutError, isSint, isUint } from './bytes.ts';

/**
 * Low three bits of a marker: bit 0 clear, bits 1–2 set (deflate's reserved block type, which no
 * deflate stream starts with).
 */
const MARKER_BITS = 0b110;
/** The layout number of this column layout (0 is never used). */
export const COLUMN_LAYOUT = 1;

export const layoutMarker = (layout: number): number => (layout << 3) | MARKER_BITS;
/**
 * The layout number a link's first byte names, or null for a plain deflate stream (a JSON link;
 * bytes that are neither fail as deflate).
 */
export const layoutOf = (firstByte: number): number | null =>
  (firstByte & 0b111) === MARKER_BITS ? firstByte >> 3 : null;
/** The most entries a column may have (the schema's bound on every array of a bundle). */
export const MAX_COLUMN = 200_000;
/** The schema's bounds on a run's measurements and on a measurement's iterations. */
const MAX_MEASUREMENTS = 32;
const MAX_ITERATIONS = 2000;

type Ops = BundleRun['ops'];
type Table = NonNullable<BundleProfile['table']>;

const NUM_NULL = 0;
const NUM_HUNDREDTHS = 1;
const NUM_FLOAT = 2;

class Unfit extends Error {}

function uints(w: ByteWriter, xs: readonly number[], shift = 0): void {
  for (const x of xs) {
    const v = x + shift;
    if (!isUint(v)) throw new Unfit();
    w.uint(v);
  }
}

function sints(w: ByteWriter, xs: readonly number[]): void {
  for (const x of xs) {
    if (!isSint(x)) throw new Unfit();
    w.sint(x);
  }
}

function writeNum(w: ByteWriter, v: number | null): void {
  if (v === null) return w.byte(NUM_NULL);
  const h = Math.round(v * 100);
  if (isSint(h) && h / 100 === v) {
    w.byte(NUM_HUNDREDTHS);
    return w.sint(h);
  }
  if (!Number.isFinite(v)) throw new Unfit();
  w.byte(NUM_FLOAT);
  w.f64(v);
}

function writeOps(w: ByteWriter, o: Ops): void {
  const n = o.n.length;
  if ([o.t, o.d, o.b, o.a, o.r].some((c) => c.length !== n)) throw new Unfit();
  w.uint(n);
  sints(w, o.n);
  uints(w, o.t);
  uints(w, o.d, 1);
  uints(w, o.b);
  sints(
    w,
    o.b.map((b, i) => b - (o.a[i] ?? 0)),
  );
  if (o.r.some((r) => r !== 0 && r !== 1 && r !== 2)) throw new Unfit();
  w.pairs(o.r);
  w.uint(o.i.length);
  let prev = 0;
  for (const [row, v] of o.i) {
    if (!isSint(row - prev)) throw new Unfit();
    w.sint(row - prev);
    prev = row;
    writeNum(w, v);
  }
}

/** Writes the iterations of each of a run's measurements (0 for a measurement without). */
function writeIterations(w: ByteWriter, measured: BundleRun['measured']): void {
  for (const m of measured ?? []) {
    const it = m.it;
    if (it === undefined) {
      w.uint(0);
      continue;
    }
    w.uint(it.length + 1);
    let prev = 0;
    for (const x of it) {
      if (!isUint(x) || !isSint(x - prev)) throw new Unfit();
      w.sint(x - prev);
      prev = x;
    }
  }
}

function writeTable(w: ByteWriter, t: Table): void {
  const ty = t.types;
  const nt = ty.t.length;
  if ([ty.c, ty.u, ty.d].some((c) => c.length !== nt)) throw new Unfit();
  w.uint(nt);
  uints(w, ty.t);
  uints(w, ty.c);
  uints(w, ty.u);
  sints(w, ty.d);
  const o = t.ops;
  const n = o.n.length;
  if ([o.t, o.h, o.c, o.u, o.d].some((c) => c.length !== n)) throw new Unfit();
  w.uint(n);
  sints(w, o.n);
  uints(w, o.t);
  uints(w, o.h, 1);
  uints(w, o.c);
  uints(w, o.u);
  sints(w, o.d);
}

const enc = new TextEncoder();

/** The bundle in the column layout; null when its numbers do not fit (the caller uses JSON). */
export function packColumns(bundle: ShareBundleV1): Uint8Array | null {
  const { s, runs, profiles, ...rest } = bundle;
  const skeleton = {
    ...rest,
    runs: runs.map(({ ops: _ops, ...run }) =>
      run.measured ? { ...run, measured: run.measured.map(({ it: _it, ...m }) => m) } : run,
    ),
    ...(profiles
      ? {
          profiles: profiles.map((p) =>
            p.table ? { ...p, table: { ...p.table, types: undefined, ops: undefined } } : p,
          ),
        }
      : {}),
  };
  const w = new ByteWriter();
  try {
    const json = enc.encode(JSON.stringify(skeleton));
    w.uint(json.length);
    w.bytes(json);
    const texts = s.map((x) => enc.encode(x));
    w.uint(texts.length);
    for (const t of texts) w.uint(t.length);
    for (const t of texts) w.bytes(t);
    for (const r of runs) writeOps(w, r.ops);
    for (const r of runs) writeIterations(w, r.measured);
    for (const p of profiles ?? []) if (p.table) writeTable(w, p.table);
  } catch (err) {
    if (err instanceof Unfit) return null;
    throw err;
  }
  return w.result();
}

// Reading. Counts are checked against the bytes left (a varint takes at least one byte).

function readUints(r: ByteReader, n: number, what: string, shift = 0): number[] {
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) out[i] = r.uint(what) - shift;
  return out;
}

function readSints(r: ByteReader, n: number, what: string): number[] {
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) out[i] = r.sint(what);
  return out;
}

function readNum(r: ByteReader, what: string): number | null {
  const at = r.offset;
  const tag = r.byte(what);
  if (tag === NUM_NULL) return null;
  if (tag === NUM_HUNDREDTHS) return r.sint(what) / 100;
  if (tag === NUM_FLOAT) {
    const v = r.f64(what);
    if (Number.isFinite(v)) return v;
  }
  throw new LayoutError('corrupt', `${what} is not a number`, at);
}

function readOps(r: ByteReader, where: string): Ops {
  // Each row takes at least five bytes (five varints) and a quarter byte of flags.
  const n = r.count(`${where} operators`, MAX_COLUMN, 5.25);
  const names = readSints(r, n, `${where} operator names`);
  const types = readUints(r, n, `${where} operator types`);
  const dims = readUints(r, n, `${where} operator dimensions`, 1);
  const before = readUints(r, n, `${where} operator baseline times`);
  const delta = readSints(r, n, `${where} operator tuned times`);
  const after = before.map((b, i) => b - (delta[i] ?? 0));
  const actions = r.pairs(n, `${where} operator repository actions`) as (0 | 1 | 2)[];
  const k = r.count(`${where} stated improvements`, MAX_COLUMN, 2);
  const stated: [number, number | null][] = [];
  let row = 0;
  for (let j = 0; j < k; j++) {
    row += r.sint(`${where} stated improvement rows`);
    stated.push([row, readNum(r, `${where} stated improvement ${j}`)]);
  }
  return { n: names, t: types, d: dims, b: before, a: after, r: actions, i: stated };
}

/** The iterations of one measurement, or undefined when it had none. */
function readIterations(r: ByteReader, where: string): number[] | undefined {
  const at = r.offset;
  const n = r.uint(`${where} iteration count`);
  if (n === 0) return undefined;
  if (n - 1 > MAX_ITERATIONS)
    throw new LayoutError(
      'too-large',
      `${where} ${n - 1} iterations, more than ${MAX_ITERATIONS}`,
      at,
    );
  if (n - 1 > r.left)
    throw new LayoutError(
      'truncated',
      `${where} ${n - 1} iterations announced, but only ${r.left} bytes follow`,
      at,
    );
  const out = new Array<number>(n - 1);
  let prev = 0;
  for (let i = 0; i < n - 1; i++) out[i] = prev += r.sint(`${where} iterations`);
  return out;
}

function readTable(r: ByteReader, where: string): Pick<Table, 'types' | 'ops'> {
  const nt = r.count(`${where} types`, MAX_COLUMN, 4);
  const types = {
    t: readUints(r, nt, `${where} type names`),
    c: readUints(r, nt, `${where} type calls`),
    u: readUints(r, nt, `${where} type calls without a time`),
    d: readSints(r, nt, `${where} type times`),
  };
  const n = r.count(`${where} operators`, MAX_COLUMN, 6);
  const ops = {
    n: readSints(r, n, `${where} operator names`),
    t: readUints(r, n, `${where} operator types`),
    h: readUints(r, n, `${where} operator shapes`, 1),
    c: readUints(r, n, `${where} operator calls`),
    u: readUints(r, n, `${where} operator calls without a time`),
    d: readSints(r, n, `${where} operator times`),
  };
  return { types, ops };
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

export type UnpackResult =
  | { readonly ok: true; readonly data: unknown }
  | {
      readonly ok: false;
      readonly kind: LayoutError['kind'] | 'not-json' | 'too-deep';
      readonly message: string;
      readonly offset?: number;
    };

/**
 * The bundle object of an inflated payload in the column layout, not yet validated: the caller
 * checks it like a bundle read from JSON. Never throws.
 */
export function unpackColumns(payload: Uint8Array, maxDepth: number): UnpackResult {
  const r = new ByteReader(payload);
  try {
    const len = r.count('the bundle text', payload.length);
    const at = r.offset;
    const text = r.text(len, 'the bundle text');
    if (jsonDepthExceeds(text, maxDepth)) return { ok: false, kind: 'too-deep', message: '' };
    let skeleton: unknown;
    try {
      skeleton = JSON.parse(text) as unknown;
    } catch {
      return { ok: false, kind: 'not-json', message: 'its bundle text is not JSON', offset: at };
    }
    if (!isRecord(skeleton) || !Array.isArray(skeleton['runs']) || 's' in skeleton) {
      return {
        ok: false,
        kind: 'corrupt',
        message: 'its bundle text is not a bundle without its columns',
        offset: at,
      };
    }
    // Each string takes at least its one-byte length.
    const count = r.count('strings', MAX_COLUMN);
    const lengths = readUints(r, count, 'string lengths');
    const s = lengths.map((n, i) => r.text(n, `string ${i}`));
    const runs = skeleton['runs'] as unknown[];
    if (runs.length > MAX_COLUMN) throw new LayoutError('too-large', 'too many runs', at);
    runs.forEach((run, i) => {
      if (!isRecord(run) || 'ops' in run)
        throw new LayoutError('corrupt', `run ${i} of its bundle text is not a run`, at);
      run['ops'] = readOps(r, `run ${i}:`);
    });
    runs.forEach((run, i) => {
      const measured = (run as Record<string, unknown>)['measured'];
      if (!Array.isArray(measured)) return;
      if (measured.length > MAX_MEASUREMENTS)
        throw new LayoutError('too-large', `run ${i} has too many measurements`, at);
      measured.forEach((m, j) => {
        if (!isRecord(m) || 'it' in m)
          throw new LayoutError('corrupt', `measurement ${j} of run ${i} is not a measurement`, at);
        const it = readIterations(r, `run ${i}, measurement ${j}:`);
        if (it !== undefined) m['it'] = it;
      });
    });
    const profiles = skeleton['profiles'];
    if (Array.isArray(profiles)) {
      profiles.forEach((p, i) => {
        if (!isRecord(p) || !isRecord(p['table'])) return;
        const table = p['table'];
        if ('types' in table || 'ops' in table)
          throw new LayoutError('corrupt', `profile ${i} of its bundle text is not a profile`, at);
        Object.assign(table, readTable(r, `profile ${i}:`));
      });
    }
    if (r.left > 0)
      throw new LayoutError('corrupt', `${r.left} bytes follow the last column`, r.offset);
    skeleton['s'] = s;
    return { ok: true, data: skeleton };
  } catch (err) {
    if (err instanceof LayoutError)
      return { ok: false, kind: err.kind, message: err.message, offset: err.offset };
    return { ok: false, kind: 'corrupt', message: String(err) };
  }
}
