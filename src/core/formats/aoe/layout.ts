// Splits an AOE result tree into tasks, whatever its top-level layout (FORMATS.md A.1):
// - `array`: `[{"basic": …}, {"OPAT": …}]`, one task (offline inference, `aoe` CLI);
// - `report-map`: `{"report_<timestamp>_<tid>": [sections…], …}`, one task per key (training,
//   online and single-op tuning);
// - `bare-object`: `{"basic": …, "OPAT": …}`, one task (tolerated, never documented as such).
// Shared by the operator-tuning and the subgraph-tuning readers; they differ in which section keys
// they know.
import type { AoeLayout } from '../../model/types.ts';
import { child, isObject, pointerText, type JsonObject, type Pointer } from '../json/tree.ts';
import type { IssueSink } from './issue-sink.ts';

export interface Section {
  readonly value: unknown;
  readonly pointer: string;
}

export interface RawTask {
  readonly reportKey: string | null;
  /** Section key (`basic`, `OPAT`, …) → its value and pointer; the first occurrence wins. */
  readonly sections: ReadonlyMap<string, Section>;
  /** True when the task's container was cut short. */
  readonly incomplete: boolean;
  /** Unknown fields around the sections, by pointer. */
  readonly extra: Readonly<Record<string, unknown>>;
}

export interface LayoutOptions {
  /** Whether a key names a section this reader understands (`basic`, `OPAT`, …). */
  readonly isSectionKey: (key: string) => boolean;
  readonly incomplete: ReadonlySet<object>;
  readonly sink: IssueSink;
}

export const REPORT_KEY = /^report_/;

/** The layout and the tasks of `root`; layout is null when the root is neither array nor object. */
export function splitTasks(
  root: unknown,
  opts: LayoutOptions,
): { layout: AoeLayout | null; tasks: RawTask[] } {
  if (Array.isArray(root)) return { layout: 'array', tasks: taskOrNone(root, '', null, opts) };
  if (!isObject(root)) return { layout: null, tasks: [] };
  const keys = Object.keys(root);
  if (keys.some(opts.isSectionKey) || !keys.some((k) => REPORT_KEY.test(k))) {
    return { layout: 'bare-object', tasks: taskOrNone(root, '', null, opts) };
  }
  const tasks: RawTask[] = [];
  const rootExtra: Record<string, unknown> = {};
  for (const key of keys) {
    const pointer = child('', key);
    if (REPORT_KEY.test(key)) tasks.push(...taskOrNone(root[key], pointer, key, opts));
    else unknownField(rootExtra, pointer, root[key], opts.sink);
  }
  // The report has no place of its own for unknown top-level fields: the first task keeps them.
  const first = tasks[0];
  if (first && Object.keys(rootExtra).length > 0) {
    tasks[0] = { ...first, extra: { ...rootExtra, ...first.extra } };
  }
  return { layout: 'report-map', tasks };
}

function taskOrNone(
  value: unknown,
  pointer: string,
  reportKey: string | null,
  opts: LayoutOptions,
): RawTask[] {
  const sections = new Map<string, Section>();
  const extra: Record<string, unknown> = {};
  let incomplete = typeof value === 'object' && value !== null && opts.incomplete.has(value);
  const take = (obj: JsonObject, at: string): void => {
    if (opts.incomplete.has(obj)) incomplete = true;
    for (const key of Object.keys(obj)) {
      const p = child(at, key);
      if (!opts.isSectionKey(key)) {
        unknownField(extra, p, obj[key], opts.sink);
      } else if (sections.has(key)) {
        opts.sink.add({
          code: 'INCONSISTENT',
          severity: 'warning',
          message: `The section "${key}" occurs twice; the first one (${sections.get(key)?.pointer ?? ''}) was read.`,
          path: p,
        });
      } else {
        sections.set(key, { value: obj[key], pointer: p });
      }
    }
  };
  if (Array.isArray(value)) {
    value.forEach((element, i) => {
      if (isObject(element)) take(element, child(pointer, i));
    });
  } else if (isObject(value)) {
    take(value, pointer);
  }
  // A report key whose sections have not been written yet (cut file) is not a task yet.
  if (sections.size === 0) return [];
  return [{ reportKey, sections, incomplete, extra }];
}

/** Keeps an unknown field verbatim and says so (a warning, never an error). */
export function unknownField(
  extra: Record<string, unknown>,
  at: Pointer,
  value: unknown,
  sink: IssueSink,
): void {
  const pointer = pointerText(at);
  extra[pointer] = value;
  sink.add({
    code: 'UNKNOWN_FIELD',
    severity: 'warning',
    message: `Unknown field ${shortPointer(pointer)}: kept as it is.`,
    path: pointer,
  });
}

const SHOWN_POINTER_CHARS = 120;

/** A pointer for a sentence: a very long one (a damaged key) is cut, with its length said. */
function shortPointer(pointer: string): string {
  if (pointer.length <= SHOWN_POINTER_CHARS) return pointer;
  let end = SHOWN_POINTER_CHARS;
  const last = pointer.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--; // do not split a surrogate pair
  return `${pointer.slice(0, end)}… (${pointer.length} characters)`;
}

/** Reports every key of `obj` outside `known` as an unknown field. */
export function checkKnownKeys(
  obj: JsonObject,
  pointer: Pointer,
  known: ReadonlySet<string>,
  extra: Record<string, unknown>,
  sink: IssueSink,
): void {
  for (const key of Object.keys(obj)) {
    if (!known.has(key)) unknownField(extra, child(pointerText(pointer), key), obj[key], sink);
  }
}
