// Matching operators across runs. A run's operator rows are keyed by name + type + dimension
// (one row per tuning dimension, ARCHITECTURE.md); a candidate row meets its baseline row by
//   1. the exact key, with the user's rename mapping (candidate name → baseline name) applied, then
//   2. a mapped name alone, when the pair names one baseline row of another type or dimension, then
//   3. name + type when one side has no dimension (CANN ≤ 6.2 files have none) and the pair is
//      unique on both sides, then
//   4. the input shape from linked profiles: same type and dimension, same shape text, and the
//      pair is unique on both sides (an ambiguous shape matches nothing rather than a guess).
// Rows left over are `added` (only in the candidate) or `removed` (only in the baseline).
import type { OperatorResult, ProfileSummary } from './types.ts';

export type MatchVia = 'name' | 'mapping' | 'shape';

export interface OperatorPair {
  /** Stable row key: the baseline's key when there is one, else the candidate's. */
  readonly key: string;
  readonly name: string;
  readonly type: string;
  readonly dimension: string | null;
  readonly base: OperatorResult | null;
  readonly cand: OperatorResult | null;
  /** How the two were paired; null for added/removed rows. */
  readonly via: MatchVia | null;
}

/** Candidate operator name → baseline operator name, for operators renamed between runs. */
export type RenameMapping = Readonly<Record<string, string>>;

export interface MatchInput {
  readonly base: readonly OperatorResult[];
  readonly cand: readonly OperatorResult[];
  readonly mapping?: RenameMapping;
  /** Input-shape text by operator name, from the runs' linked profiles. */
  readonly baseShapes?: ReadonlyMap<string, string>;
  readonly candShapes?: ReadonlyMap<string, string>;
}

export const operatorKey = (name: string, type: string, dimension: string | null): string =>
  `${name}\u0000${type}\u0000${dimension ?? ''}`;

/** Shape text by operator name from a profile summary (empty when there is none). */
export function shapesFromProfile(summary: ProfileSummary | null | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const op of summary?.topOperators ?? []) {
    if (op.inputShapes !== null && op.inputShapes !== '' && !out.has(op.name)) {
      out.set(op.name, op.inputShapes);
    }
  }
  return out;
}

/**
 * Keys rows, numbering repeats (`#2`, `#3`) so a file that lists one operator twice keeps both
 * rows instead of silently dropping one.
 */
function keyed(rows: readonly OperatorResult[], nameOf: (n: string) => string) {
  const seen = new Map<string, number>();
  return rows.map((op) => {
    const base = operatorKey(nameOf(op.name), op.type, op.dimension);
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return { key: n === 1 ? base : `${base}#${n}`, op };
  });
}

export function matchOperators(input: MatchInput): OperatorPair[] {
  const mapping = input.mapping ?? {};
  const mapped = (name: string): string =>
    Object.prototype.hasOwnProperty.call(mapping, name) ? (mapping[name] ?? name) : name;
  const baseRows = keyed(input.base, (n) => n);
  const candRows = keyed(input.cand, mapped);
  const baseByKey = new Map(baseRows.map((r) => [r.key, r.op]));
  const pairs: OperatorPair[] = [];
  const usedBase = new Set<string>();
  const leftover: { key: string; op: OperatorResult }[] = [];

  for (const { key, op } of candRows) {
    const base = baseByKey.get(key);
    if (base !== undefined && !usedBase.has(key)) {
      usedBase.add(key);
      const via: MatchVia = mapped(op.name) !== op.name ? 'mapping' : 'name';
      pairs.push({
        key,
        name: base.name,
        type: base.type,
        dimension: base.dimension,
        base,
        cand: op,
        via,
      });
    } else {
      leftover.push({ key, op });
    }
  }

  // The user's explicit pairs win over type and dimension: a pair names the one baseline row.
  const stillLeft: typeof leftover = [];
  for (const c of leftover) {
    const target = mapped(c.op.name);
    const rows =
      target === c.op.name
        ? []
        : baseRows.filter((r) => !usedBase.has(r.key) && r.op.name === target);
    const b = rows.length === 1 ? rows[0] : undefined;
    if (!b) {
      stillLeft.push(c);
      continue;
    }
    usedBase.add(b.key);
    pairs.push({
      key: b.key,
      name: b.op.name,
      type: b.op.type,
      dimension: b.op.dimension,
      base: b.op,
      cand: c.op,
      via: 'mapping',
    });
  }
  leftover.splice(0, leftover.length, ...stillLeft);

  // Across generations: a dimension-less row meets the one row of the same name and type.
  const loose = (op: OperatorResult, nameOf: (n: string) => string) =>
    `${nameOf(op.name)}\u0000${op.type}`;
  const countBy = <T>(items: readonly T[], key: (t: T) => string) => {
    const m = new Map<string, number>();
    for (const it of items) m.set(key(it), (m.get(key(it)) ?? 0) + 1);
    return m;
  };
  const freeBase = baseRows.filter((r) => !usedBase.has(r.key));
  const baseLoose = countBy(freeBase, (r) => loose(r.op, (n) => n));
  const candLoose = countBy(leftover, (r) => loose(r.op, mapped));
  const unmatched: typeof leftover = [];
  for (const c of leftover) {
    const k = loose(c.op, mapped);
    const b = freeBase.find((r) => !usedBase.has(r.key) && loose(r.op, (n) => n) === k);
    const unique = baseLoose.get(k) === 1 && candLoose.get(k) === 1;
    if (!b || !unique || (b.op.dimension !== null && c.op.dimension !== null)) {
      unmatched.push(c);
      continue;
    }
    usedBase.add(b.key);
    const via: MatchVia = mapped(c.op.name) !== c.op.name ? 'mapping' : 'name';
    pairs.push({
      key: b.key,
      name: b.op.name,
      type: b.op.type,
      dimension: b.op.dimension,
      base: b.op,
      cand: c.op,
      via,
    });
  }
  leftover.splice(0, leftover.length, ...unmatched);

  const baseLeft = baseRows.filter((r) => !usedBase.has(r.key));
  const shapeKey = (op: OperatorResult, shapes: ReadonlyMap<string, string> | undefined) => {
    const shape = shapes?.get(op.name);
    return shape === undefined ? null : `${op.type}\u0000${op.dimension ?? ''}\u0000${shape}`;
  };
  const count = (keys: (string | null)[]) => {
    const m = new Map<string, number>();
    for (const k of keys) if (k !== null) m.set(k, (m.get(k) ?? 0) + 1);
    return m;
  };
  const baseShapeKeys = baseLeft.map((r) => shapeKey(r.op, input.baseShapes));
  const candShapeKeys = leftover.map((r) => shapeKey(r.op, input.candShapes));
  const baseCount = count(baseShapeKeys);
  const candCount = count(candShapeKeys);

  leftover.forEach(({ key, op }, i) => {
    const sk = candShapeKeys[i] ?? null;
    const j = sk === null ? -1 : baseShapeKeys.indexOf(sk);
    const baseRow = j >= 0 ? baseLeft[j] : undefined;
    if (sk !== null && baseRow && baseCount.get(sk) === 1 && candCount.get(sk) === 1) {
      usedBase.add(baseRow.key);
      const b = baseRow.op;
      pairs.push({
        key: baseRow.key,
        name: b.name,
        type: b.type,
        dimension: b.dimension,
        base: b,
        cand: op,
        via: 'shape',
      });
    } else {
      pairs.push({
        key,
        name: op.name,
        type: op.type,
        dimension: op.dimension,
        base: null,
        cand: op,
        via: null,
      });
    }
  });
  for (const { key, op } of baseRows) {
    if (!usedBase.has(key)) {
      pairs.push({
        key,
        name: op.name,
        type: op.type,
        dimension: op.dimension,
        base: op,
        cand: null,
        via: null,
      });
    }
  }
  return pairs;
}
