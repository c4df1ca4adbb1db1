// `repo_modified_operators` → one OperatorResult per operator per tuning dimension
// (FORMATS.md A.4). Two generations:
// - A (CANN 6.0.1–6.2.RC1): `{add_repo_operators: [...], update_repo_operators: [...]}`; the list
//   an operator is in is its repository action; no dimension.
// - B (CANN 6.3.RC2+): `[{op_name, op_type, tune_performance: {Format: {..., update_mode}, ...}}]`;
//   one row per dimension key, the action from `update_mode`.
// Operators cut off by a truncated file are left out; values of the wrong type were reported by
// the schema, times out of range or negative by the reader and `readTime`, and their rows are left
// out too.
import type { OperatorResult, RepoAction } from '../../model/types.ts';
import { parsePercent } from '../../model/units.ts';
import { isObject, lazyChild, own, text, type JsonObject, type Pointer } from '../json/tree.ts';
import { checkStatedImprovement, ROUNDING_TOLERANCE, type ListCounts } from './cross-check.ts';
import type { IssueSink } from './issue-sink.ts';
import { checkKnownKeys, unknownField } from './layout.ts';
import { readTime } from './times.ts';

export const BEFORE = 'performance_before_tune(us)';
export const AFTER = 'performance_after_tune(us)';
export const IMPROVEMENT = 'performance_improvement';

const GEN_A_LISTS: Readonly<Record<string, RepoAction>> = {
  add_repo_operators: 'add',
  update_repo_operators: 'update',
};
const GEN_A_OPERATOR = new Set(['op_name', 'op_type', BEFORE, AFTER, IMPROVEMENT]);
const GEN_B_OPERATOR = new Set(['op_name', 'op_type', 'tune_performance']);
const GEN_B_DIMENSION = new Set([BEFORE, AFTER, IMPROVEMENT, 'update_mode']);

/**
 * Generation B operator lists the plain-operator path read whole, each with the number of object
 * keys it holds (its operators', their `tune_performance` objects' and their dimensions'). Such a
 * list holds objects three levels deep at most, no number that is not finite, and operators that
 * each satisfy the schema's `operatorGenB`. The pipeline uses this twice: the key count of the
 * tree (a repeated key, json/fast-json.ts) does not walk these lists again, and the schema check
 * does not check their operators again (validation/index.ts validateOutlined).
 */
export type PlainLists = Map<readonly unknown[], number>;

/** Levels of objects below a list in PlainLists: operator, tune_performance, dimension. */
export const PLAIN_LIST_LEVELS = 3;

export interface OperatorContext {
  readonly sink: IssueSink;
  readonly incomplete: ReadonlySet<object>;
  readonly extra: Record<string, unknown>;
  /** Where lists read whole by the plain-operator path are recorded, when the caller wants them. */
  readonly plainLists?: PlainLists;
  /** Tests only: read every operator the general way, to compare with the plain-operator path. */
  readonly generalOnly?: boolean;
}

export interface OperatorRead {
  readonly rows: OperatorResult[];
  readonly generation: 'A' | 'B' | null;
  /** Operators per repository action; null when the lists were cut short or are absent. */
  readonly counts: ListCounts | null;
}

export function readOperators(
  value: unknown,
  pointer: Pointer,
  ctx: OperatorContext,
): OperatorRead {
  if (Array.isArray(value)) return readGenB(value, pointer, ctx);
  if (isObject(value)) return readGenA(value, pointer, ctx);
  return { rows: [], generation: null, counts: null };
}

function readGenA(container: JsonObject, pointer: Pointer, ctx: OperatorContext): OperatorRead {
  const rows: OperatorResult[] = [];
  let complete = !ctx.incomplete.has(container);
  const counts = { add: 0, update: 0 };
  for (const key of Object.keys(container)) {
    const list = container[key];
    const listPointer = lazyChild(pointer, key);
    const action = Object.prototype.hasOwnProperty.call(GEN_A_LISTS, key)
      ? GEN_A_LISTS[key]
      : undefined;
    if (action === undefined) {
      // An unknown list of the same shape is still read (without an action) and also kept.
      unknownField(ctx.extra, listPointer, list, ctx.sink);
      if (!/_repo_operators$/.test(key)) continue;
    }
    if (!Array.isArray(list)) continue;
    if (ctx.incomplete.has(list)) complete = false;
    list.forEach((op, i) => {
      if (!isObject(op) || ctx.incomplete.has(op)) return;
      if (action === 'add') counts.add++;
      if (action === 'update') counts.update++;
      const at = lazyChild(listPointer, i);
      if (action !== undefined) checkKnownKeys(op, at, GEN_A_OPERATOR, ctx.extra, ctx.sink);
      const name = text(own(op, 'op_name'));
      if (name === null) return;
      const row = operatorRow(
        op,
        at,
        name,
        text(own(op, 'op_type')) ?? '',
        null,
        action ?? null,
        ctx,
      );
      if (row) rows.push(row);
    });
  }
  return { rows, generation: 'A', counts: complete ? counts : null };
}

function readGenB(list: readonly unknown[], pointer: Pointer, ctx: OperatorContext): OperatorRead {
  const rows: OperatorResult[] = [];
  const counts = { add: 0, update: 0 };
  const plain = plainPathApplies(ctx);
  // The keys of the operators read so far, while every one was read the plain way; then -1.
  let keys = 0;
  for (let i = 0; i < list.length; i++) {
    const op = list[i];
    if (plain) {
      const k = readPlainGenB(op, rows, counts);
      if (k >= 0) {
        if (keys >= 0) keys += k;
        continue;
      }
      keys = -1;
    }
    readGenBOperator(op, i, pointer, ctx, rows, counts);
  }
  if (plain && keys >= 0) ctx.plainLists?.set(list, keys);
  return { rows, generation: 'B', counts: ctx.incomplete.has(list) ? null : counts };
}

/**
 * The plain-operator path applies to a whole tree read complete (nothing cut short) whose objects
 * inherit no enumerable key, so that `for…in` sees exactly their own keys in Object.keys order:
 * JSON.parse builds plain objects and the tolerant reader objects without a prototype, and
 * Object.prototype has no enumerable key unless something added one.
 */
function plainPathApplies(ctx: OperatorContext): boolean {
  if (ctx.generalOnly === true || ctx.incomplete.size > 0) return false;
  return Object.keys(Object.prototype).length === 0;
}

/**
 * A Generation B operator as AOE writes it, read with no JSON pointer, no key array and no
 * function call per key: a name, an optional type, and tuning dimensions whose keys are all known,
 * whose values have the types the schema asks for, whose times are non-negative numbers and whose
 * stated improvement is a percentage that agrees with them. Returns the number of keys the
 * operator's objects hold. Anything else returns -1 before a row or a count is added, and the
 * operator is read the general way (readGenBOperator), which says what is wrong; for an operator
 * this path takes, the general way gives the same rows and counts and no issue, and the schema no
 * error (tested properties).
 */
function readPlainGenB(
  op: unknown,
  rows: OperatorResult[],
  counts: { add: number; update: number },
): number {
  if (typeof op !== 'object' || op === null || Array.isArray(op)) return -1;
  let name: unknown;
  let type: unknown;
  let perf: unknown;
  let keys = 0;
  for (const key in op) {
    const value = (op as JsonObject)[key];
    if (key === 'op_name') name = value;
    else if (key === 'op_type') type = value;
    else if (key === 'tune_performance') perf = value;
    else return -1;
    keys++;
  }
  if (typeof name !== 'string') return -1;
  if (type !== undefined && typeof type !== 'string') return -1;
  if (typeof perf !== 'object' || perf === null || Array.isArray(perf)) return -1;
  const opType = typeof type === 'string' ? type : '';
  const start = rows.length;
  let added = false;
  let updated = false;
  for (const dimension in perf) {
    const dim = (perf as JsonObject)[dimension];
    if (typeof dim !== 'object' || dim === null || Array.isArray(dim)) return rollBack(rows, start);
    keys++;
    let before: unknown;
    let after: unknown;
    let improvement: unknown;
    let mode: unknown;
    for (const key in dim) {
      const value = (dim as JsonObject)[key];
      if (key === BEFORE) before = value;
      else if (key === AFTER) after = value;
      else if (key === IMPROVEMENT) improvement = value;
      else if (key === 'update_mode') mode = value;
      else return rollBack(rows, start);
      keys++;
    }
    // Finite and not negative (a non-finite number fails `x - x === 0`).
    if (typeof before !== 'number' || !(before >= 0) || before - before !== 0) {
      return rollBack(rows, start);
    }
    if (typeof after !== 'number' || !(after >= 0) || after - after !== 0) {
      return rollBack(rows, start);
    }
    if (mode !== undefined && typeof mode !== 'string') return rollBack(rows, start);
    const improvementPct = parsePercent(improvement);
    // A stated improvement that is not a percentage is the schema's to report.
    if (improvementPct === null && improvement !== undefined) return rollBack(rows, start);
    // The speed-up recomputed as speedupPct does, written out: one call fewer per row.
    if (improvementPct !== null && before > 0 && after > 0) {
      const recomputed = (before / after - 1) * 100;
      if (!(Math.abs(improvementPct - recomputed) <= ROUNDING_TOLERANCE))
        return rollBack(rows, start);
    }
    const action = mode === 'add' ? 'add' : mode === 'update' ? 'update' : repoAction(mode);
    if (action === 'add') added = true;
    else if (action === 'update') updated = true;
    rows.push({
      name,
      type: opType,
      dimension,
      beforeUs: before,
      afterUs: after,
      improvementPct,
      repoAction: action,
    });
  }
  if (added) counts.add++;
  if (updated) counts.update++;
  return keys;
}

function rollBack(rows: OperatorResult[], length: number): -1 {
  rows.length = length;
  return -1;
}

/** One Generation B operator, whatever it holds: rows for what can be read, issues for the rest. */
function readGenBOperator(
  op: unknown,
  i: number,
  pointer: Pointer,
  ctx: OperatorContext,
  rows: OperatorResult[],
  counts: { add: number; update: number },
): void {
  if (!isObject(op) || ctx.incomplete.has(op)) return;
  const at = lazyChild(pointer, i);
  const name = text(own(op, 'op_name'));
  const type = text(own(op, 'op_type')) ?? '';
  const perf = own(op, 'tune_performance');
  const direct = own(op, BEFORE) !== undefined;
  checkKnownKeys(op, at, direct ? GEN_A_OPERATOR : GEN_B_OPERATOR, ctx.extra, ctx.sink);
  let added = false;
  let updated = false;
  if (isObject(perf)) {
    const perfPointer = lazyChild(at, 'tune_performance');
    for (const dimension of Object.keys(perf)) {
      const dim = perf[dimension];
      if (!isObject(dim) || ctx.incomplete.has(dim)) continue;
      const dimPointer = lazyChild(perfPointer, dimension);
      checkKnownKeys(dim, dimPointer, GEN_B_DIMENSION, ctx.extra, ctx.sink);
      const action = repoAction(own(dim, 'update_mode'));
      if (action === 'add') added = true;
      else if (action === 'update') updated = true;
      if (name === null) continue;
      const row = operatorRow(dim, dimPointer, name, type, dimension, action, ctx);
      if (row) rows.push(row);
    }
  } else if (direct && name !== null) {
    // A Generation A entry inside a Generation B list: read it as one row without a dimension.
    const row = operatorRow(op, at, name, type, null, null, ctx);
    if (row) rows.push(row);
  }
  // [GUESS] repo_add_num counts operators, not dimensions: an operator whose Format and Schedule
  // were both added counts once.
  if (added) counts.add++;
  if (updated) counts.update++;
}

function operatorRow(
  obj: JsonObject,
  pointer: Pointer,
  name: string,
  type: string,
  dimension: string | null,
  repoAction: RepoAction,
  ctx: OperatorContext,
): OperatorResult | null {
  const beforeUs = readTime(own(obj, BEFORE), pointer, ctx.sink, BEFORE);
  const afterUs = readTime(own(obj, AFTER), pointer, ctx.sink, AFTER);
  if (beforeUs === null || afterUs === null) return null;
  const raw = own(obj, IMPROVEMENT);
  const improvementPct = parsePercent(raw);
  checkStatedImprovement(raw, improvementPct, beforeUs, afterUs, pointer, ctx.sink, IMPROVEMENT);
  return { name, type, dimension, beforeUs, afterUs, improvementPct, repoAction };
}

function repoAction(mode: unknown): RepoAction {
  if (typeof mode !== 'string') return null;
  const m = mode.trim().toLowerCase();
  return m === 'add' ? 'add' : m === 'update' ? 'update' : null;
}
