// Shared by the profiler-table tests: feeding a parser in chosen chunk sizes, and compact views
// of results for exact assertions.
import type { ProfileData } from '../../model/types.ts';
import type { ImportIssue, ParseResult, StreamFormatModule } from '../types.ts';
import { rowAt } from './row-view.ts';

export const bytesOf = (text: string): Uint8Array => new TextEncoder().encode(text);

/** Parses `bytes` pushed in pieces of the given sizes (cycled), or whole when none are given. */
export function parseWith(
  module: StreamFormatModule,
  fileName: string,
  bytes: Uint8Array,
  sizes: readonly number[] = [],
): ParseResult<ProfileData> {
  const parser = module.createParser({ fileName, id: 'test-id' });
  if (sizes.length === 0) parser.push(bytes);
  else {
    let at = 0;
    for (let k = 0; at < bytes.length; k++) {
      const n = Math.max(1, sizes[k % sizes.length] ?? 1);
      parser.push(bytes.slice(at, at + n));
      at += n;
    }
  }
  const result = parser.finish();
  const profile = (c: { kind: string; profile?: ProfileData | null }): ProfileData => {
    if (c.kind !== 'profile' || !c.profile) throw new Error(`expected a profile, got ${c.kind}`);
    return c.profile;
  };
  if (result.ok) return { ...result, value: profile(result.value) };
  return result.partial
    ? { ...result, partial: profile(result.partial) }
    : { ok: false, errors: result.errors };
}

export function profileOf(result: ParseResult<ProfileData>): ProfileData {
  if (!result.ok) throw new Error(`expected a profile, got ${JSON.stringify(result.errors)}`);
  return result.value;
}

/** [code, line] of every issue, warnings and errors alike. */
export function issuesOf(result: ParseResult<ProfileData>): [string, number | undefined][] {
  const list: readonly ImportIssue[] = result.ok ? result.warnings : result.errors;
  return list.map((i) => [i.code, i.line]);
}

/** Every row of the table as normalized row objects. */
export function rowsOf(profile: ProfileData) {
  const table = profile.table;
  if (table === null) return [];
  return Array.from({ length: table.rowCount }, (_, i) => rowAt(table, i));
}

/** A comparable snapshot of a result: everything but typed-array identity. */
export function snapshot(result: ParseResult<ProfileData>) {
  if (!result.ok) return { errors: result.errors };
  const p = result.value;
  return {
    headerSet: p.headerSet,
    format: p.format,
    base: p.table?.startBaseUs ?? null,
    rows: rowsOf(p),
    summary: p.summary,
    warnings: result.warnings,
  };
}
