// The plain-text diagnostic report behind "copy diagnostics": everything needed to understand a
// file's import without the file itself — name, size, detected format, and each issue with its
// code, location, expected/found, hint and the parser's original sentence.
import type { TFunction } from 'i18next';
import type { ImportedFile } from '../../../core/formats/types.ts';
import { formatLabel } from '../format-label.ts';
import { issueText } from './issue-text.ts';
import { measurementsOf, profileOf, reportOf } from '../../../core/formats/content.ts';

export function diagnosticsText(t: TFunction, file: ImportedFile, appVersion: string): string {
  const lines = [
    `AOE Dashboard ${appVersion} — import diagnostics`,
    `file: ${file.fileName}`,
    `size: ${file.size} bytes`,
    `sha-256: ${file.id}`,
    `format: ${file.format} (${formatLabel(t, file)})`,
  ];
  const report = reportOf(file);
  if (report) {
    lines.push(
      `layout: ${report.layout}, generation: ${report.generation}, incomplete: ${report.incomplete}`,
      `tasks: ${report.tasks.length}, operators: ${report.tasks.reduce((n, task) => n + task.operators.length, 0)}`,
    );
  }
  const profile = profileOf(file);
  if (profile) {
    lines.push(
      `header set: ${profile.headerSet}, rows: ${profile.summary.rows}`,
      `columns: ${profile.columns.join(', ')}`,
    );
  }
  const measurements = measurementsOf(file);
  if (measurements.length > 0) lines.push(`measurements: ${measurements.length}`);
  lines.push(`issues: ${file.issues.length}`);
  file.issues.forEach((issue, i) => {
    const text = issueText(t, issue);
    lines.push(`${i + 1}. [${issue.severity}] ${issue.code}: ${text.message}`);
    if (text.location) lines.push(`   ${text.location}`);
    if (text.detail) lines.push(`   ${text.detail}`);
    if (text.hint) lines.push(`   ${text.hint}`);
    if (issue.message && issue.message !== text.message) lines.push(`   ${issue.message}`);
  });
  return `${lines.join('\n')}\n`;
}
