// Narrowing helpers over a parsed JSON tree (`unknown`), so that normalizers read untrusted values
// without casts. Lookups use own properties only: a key such as `constructor` is never found on a
// prototype.
import { escapePointer } from './text-position.ts';

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
  return `${pointer}/${typeof key === 'number' ? String(key) : escapePointer(key)}`;
}
