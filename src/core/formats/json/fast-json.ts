// The everyday path for reading a JSON text: the engine's own `JSON.parse`, several times faster
// than the tolerant reader, with the tolerant reader kept for every text where the two could
// differ. A finished AOE report is nearly always well-formed, so the fast path is the common one;
// a file AOE is still writing fails `JSON.parse` and is salvaged by the tolerant reader as before.
//
// `JSON.parse` says nothing of three things the tolerant reader reports, so each is checked after
// it succeeds, and any of them sends the text to the tolerant reader for the full account:
// - a repeated object key (JSON.parse keeps the last value silently): the keys in the text are
//   counted and compared with the keys in the tree. Every key is followed by one `:` outside its
//   string, so the number of `:` in the whole text is at least the number of keys written; when it
//   equals the keys in the tree, no key was repeated. Counting `:` is a native search from one to
//   the next, three times faster on a fresh process than telling strings apart; only a text with
//   `:` inside its strings (a time of day, a URL) is counted again by the scan that jumps from
//   quote to quote (textKeys);
// - a number beyond a 64-bit float (`1e309` becomes Infinity): any non-finite number in the tree;
// - nesting deeper than the tolerant reader accepts (MAX_DEPTH): the depth of the tree.
// The tree is walked once, without recursion, for the last two and the key count; arrays a caller
// has read already (the AOE reader's plain operator lists) are counted by it and not walked again.
import { MAX_DEPTH, readJson, type JsonReadResult } from './tolerant-json.ts';

const NONE: readonly never[] = [];

/** Reads `text` as JSON, with the same result as `readJson` (tolerant-json.ts). Never throws. */
export function readJsonFast(text: string): JsonReadResult {
  const parsed = parseJson(text);
  if (parsed === null || !nothingToReport(parsed)) return readJson(text);
  return { kind: 'complete', value: parsed.value, duplicateKeys: NONE, outOfRange: NONE };
}

export interface ParsedJson {
  /** The tree JSON.parse made. */
  readonly value: unknown;
  /** The text it was made from: `text` without its byte order mark. */
  readonly body: string;
}

/** `JSON.parse` of `text` (a leading byte order mark left out), or null when it throws. */
export function parseJson(text: string): ParsedJson | null {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return { value: JSON.parse(body) as unknown, body };
  } catch {
    return null;
  }
}

/**
 * Arrays whose contents a caller has read already, each with the number of object keys it holds;
 * none holds a number that is not finite, nor containers more than `levels` deep below itself.
 * The walk counts their keys from here instead of walking them again.
 */
export interface CountedArrays {
  readonly keys: ReadonlyMap<readonly unknown[], number>;
  readonly levels: number;
}

/**
 * True when the tolerant reader would read the text of `parsed` to the same tree and report
 * nothing more: no key repeated, no number beyond a float, no nesting deeper than MAX_DEPTH.
 */
export function nothingToReport(parsed: ParsedJson, counted?: CountedArrays): boolean {
  const keys = treeKeys(parsed.value, counted);
  return keys >= 0 && (keys === colons(parsed.body) || keys === textKeys(parsed.body));
}

/**
 * The number of object keys in the tree, or -1 when the tree holds a non-finite number or nests
 * deeper than MAX_DEPTH (the tolerant reader then has something to report).
 */
function treeKeys(root: unknown, counted?: CountedArrays): number {
  if (typeof root === 'number') return Number.isFinite(root) ? 0 : -1;
  if (typeof root !== 'object' || root === null) return 0;
  let keys = 0;
  const stack: unknown[] = [root];
  const depths: number[] = [1];
  while (stack.length > 0) {
    const node = stack.pop() as object;
    const depth = depths.pop() as number;
    if (depth > MAX_DEPTH) return -1;
    // No array of values per object (Object.values): a report has tens of thousands of objects,
    // and on a fresh process the allocations cost more than the walk.
    if (Array.isArray(node)) {
      const values = node as unknown[];
      const known = counted?.keys.get(values);
      if (known !== undefined && counted !== undefined) {
        if (depth + counted.levels > MAX_DEPTH) return -1;
        keys += known;
        continue;
      }
      for (let i = 0; i < values.length; i++) {
        const v = values[i];
        if (typeof v === 'number') {
          if (v - v !== 0) return -1; // ±Infinity (JSON has no NaN)
        } else if (typeof v === 'object' && v !== null) {
          stack.push(v);
          depths.push(depth + 1);
        }
      }
    } else {
      const obj = node as Record<string, unknown>;
      // JSON.parse makes plain objects: for-in sees their own keys (and nothing inherited, as
      // long as nobody added enumerable properties to Object.prototype; hasOwn guards that).
      for (const k in obj) {
        if (!Object.hasOwn(obj, k)) continue;
        keys++;
        const v = obj[k];
        if (typeof v === 'number') {
          if (v - v !== 0) return -1;
        } else if (typeof v === 'object' && v !== null) {
          stack.push(v);
          depths.push(depth + 1);
        }
      }
    }
  }
  return keys;
}

/** The number of `:` in `t`, inside strings or not. */
export function colons(t: string): number {
  let n = 0;
  for (let i = t.indexOf(':'); i !== -1; i = t.indexOf(':', i + 1)) n++;
  return n;
}

/**
 * The number of object keys written in a well-formed JSON text: strings followed by `:`. Outside
 * strings valid JSON has no quote, so the scan jumps from one quote to the next; a quote preceded
 * by an odd run of backslashes is inside its string.
 */
export function textKeys(t: string): number {
  let n = 0;
  let i = 0;
  for (;;) {
    const open = t.indexOf('"', i);
    if (open < 0) return n;
    let close = t.indexOf('"', open + 1);
    while (close > 0 && t.charCodeAt(close - 1) === 0x5c /* \ */) {
      let k = close - 1;
      while (t.charCodeAt(k) === 0x5c) k--;
      if ((close - 1 - k) % 2 === 0) break;
      close = t.indexOf('"', close + 1);
    }
    if (close < 0) return n;
    i = close + 1;
    let c = t.charCodeAt(i);
    while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = t.charCodeAt(++i);
    if (c === 0x3a /* : */) n++;
  }
}
