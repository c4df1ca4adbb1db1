// The README's advisor table names every rule with each of its thresholds and every document and
// section its source cites: adding a rule or changing a threshold without the README fails here.
import { describe, expect, it } from 'vitest';
import readme from '../../../README.md?raw';
import { RULES } from './rules/index.ts';

/** The table row of a rule (the line that starts with its id in backticks). */
const rowOf = (id: string): string =>
  readme.split('\n').find((line) => line.startsWith(`| \`${id}\``)) ?? '';

/** A threshold as the README writes it: shares as percentages, others as they are. */
const written = (key: string, value: number): string => {
  const share = /share|ratio|gain/i.test(key) && value < 1;
  const n = share ? Math.round(value * 1000) / 10 : value;
  return String(n);
};

describe('README advisor table', () => {
  it.each(RULES.map((r) => [r.id, r] as const))('%s: thresholds and source', (id, rule) => {
    const row = rowOf(id);
    expect(row, `no README row for ${id}`).not.toBe('');
    for (const [key, t] of Object.entries(rule.thresholds))
      expect(row, `${id}.${key}`).toContain(written(key, t.value));
    const cited =
      rule.source.match(/[A-Z]+(?:-[A-Z]+)?\.md|§[\d.]+|\b[AB]\.\d+|[\w/-]+\.ts/g) ?? [];
    for (const c of cited) expect(row, `${id} cites ${c}`).toContain(c);
  });
});
