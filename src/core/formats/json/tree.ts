// Narrowing helpers over a parsed JSON tree (`unknown`), so that normalizers read untrusted values
// without casts. Lookups use own properties only: a key such as `constructor` is never found on a
// prototype.
import { childPointer } from './text-position.ts';

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The own property `key` of `obj`, or undefined. */
export function own(obj: JsonObject, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

/** A finite number, or null. */
export function finite(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/** Appends one segment to a JSON pointer. */
export function child(pointer: string, key: string | number): string {
  return typeof key === 'number' ? `${pointer}/${key}` : childPointer(pointer, key);
}

/**
 * A JSON pointer whose text is built only when an issue needs it: readers pass one down for every
 * operator of a 100,000-operator report, and nearly all of them are never shown.
 */
export class LazyPointer {
  constructor(
    readonly parent: Pointer,
    readonly key: string | number,
  ) {}
}

export type Pointer = string | LazyPointer;

/** The pointer one segment below `pointer`, its text not built yet. */
export function lazyChild(pointer: Pointer, key: string | number): LazyPointer {
  return new LazyPointer(pointer, key);
}

/** The text of a pointer (RFC 6901). */
export function pointerText(pointer: Pointer): string {
  if (typeof pointer === 'string') return pointer;
  return child(pointerText(pointer.parent), pointer.key);
}
