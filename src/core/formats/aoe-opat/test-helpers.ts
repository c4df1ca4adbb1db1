// Shared by the AOE format tests: fixtures as text (Vite raw imports, so core stays free of
// `node:` modules) and compact views of a parse result for table-driven expectations.
import type { OperatorResult, TuningReport } from '../../model/types.ts';
import type { ImportIssue, ParseResult } from '../types.ts';

const opatFixtures = import.meta.glob<string>('./fixtures/**/*.json', {
  query: '?raw',
  import: 'default',
  eager: true,
});

export function opatFixture(name: string): string {
  const text = opatFixtures[`./fixtures/${name}`];
  if (text === undefined) throw new Error(`no fixture ${name}`);
  return text;
}

export function opatFixtureNames(): string[] {
  return Object.keys(opatFixtures).map((k) => k.slice('./fixtures/'.length));
}

/** [code, path] of each issue, in order. */
export function issueList(result: ParseResult<TuningReport>): [string, string | undefined][] {
  const issues: readonly ImportIssue[] = result.ok ? result.warnings : result.errors;
  return issues.map((i) => [i.code, i.path]);
}

export function reportOf(result: ParseResult<TuningReport>): TuningReport | undefined {
  return result.ok ? result.value : result.partial;
}

export type OperatorTuple = [
  name: string,
  type: string,
  dimension: string | null,
  beforeUs: number,
  afterUs: number,
  improvementPct: number | null,
  repoAction: string | null,
];

export function operatorTuples(ops: readonly OperatorResult[]): OperatorTuple[] {
  return ops.map((o) => [
    o.name,
    o.type,
    o.dimension,
    o.beforeUs,
    o.afterUs,
    o.improvementPct,
    o.repoAction,
  ]);
}

export const ctxFor = (fileName: string) => ({ fileName, id: `sha-${fileName}` });
