// Small formatting helpers shared by the rules: figures are formatted once, the same in both
// languages, so a finding's evidence reads alike in the CLI and the dashboard.
import type { Evidence, Localized } from './types.ts';

export const L = (en: string, zh: string): Localized => ({ en, 'zh-CN': zh });

export const pct = (fraction: number, digits = 1): string =>
  `${(fraction * 100).toFixed(digits)} %`;
export const pctPoints = (value: number, digits = 2): string => `${value.toFixed(digits)} %`;
export const us = (value: number): string =>
  value >= 10_000 ? `${(value / 1000).toFixed(3)} ms` : `${value.toFixed(3)} µs`;
export const ms = (value: number): string => `${value.toFixed(3)} ms`;

/** A shell-safe single-quoted argument. */
export function shellQuote(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/** The report file and task a finding is about, as its first evidence line. */
export const reportEvidence = (
  report: { readonly id: string; readonly fileName: string },
  task: string,
): Evidence => ({
  label: L('AOE result file', 'AOE 结果文件'),
  value: report.fileName,
  ref: { fileId: report.id, table: 'operators', name: task },
});
