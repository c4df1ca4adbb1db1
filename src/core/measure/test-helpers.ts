// Shared by the measurement tests: fixtures as text (Vite raw imports, so core stays free of
// `node:` modules), and compact views of results for table-driven expectations.
import type { ImportIssue } from '../formats/types.ts';

const fixtures = import.meta.glob<string>('./fixtures/**/*.{json,log,txt}', {
  query: '?raw',
  import: 'default',
  eager: true,
});

export function fixture(name: string): string {
  const text = fixtures[`./fixtures/${name}`];
  if (text === undefined) throw new Error(`no fixture ${name}`);
  return text;
}

export function fixtureNames(): string[] {
  return Object.keys(fixtures).map((k) => k.slice('./fixtures/'.length));
}

/** The name a tool gave the file: the fixture's last path segment. */
export function baseName(name: string): string {
  return name.slice(name.lastIndexOf('/') + 1);
}

/** [code, severity, line ?? path] of each issue, in order. */
export function issueList(
  issues: readonly ImportIssue[],
): [string, string, number | string | undefined][] {
  return issues.map((i) => [i.code, i.severity, i.line ?? i.path]);
}
