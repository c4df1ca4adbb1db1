// The plain-text diagnostic report behind "copy diagnostics": everything needed to understand a
// file's import without the file itself — name, size, detected format, and each issue with its
// code, location, expected/found, hint and the parser's original sentence.
import type { TFunction } from 'i18next';
import type { ImportedFile } from '../../../core/formats/types.ts';
import { formatLabel } from '../format-label.ts';
import { issueText } from './issue-text.ts';

export function diagnosticsText(t: TFunction, file: ImportedFile, appVersion: string): string {
  const lines = [
    `AOE Dashboard ${appVersion} — import diagnostics`,
    `file: ${file.fileName}`,
    `size: ${file.size} bytes`,
    `sha-256: ${file.id}`,
    `format: ${file.format} (${formatLabel(t, file)})`,
  ];
  if (file.report) {
    lines.push(
      `layout: ${file.report.layout}, generation: ${file.report.generation}, incomplete: ${file.report.incomplete}`,
      `tasks: ${file.report.tasks.length}, operators: ${file.report.tasks.reduce((n, task) => n + task.operators.length, 0)}`,
    );
  }
  if (file.profile) {
    lines.push(
      `header set: ${file.profile.headerSet}, rows: ${file.profile.summary.rows}`,
      `columns: ${file.profile.columns.join(', ')}`,
    );
  }
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
