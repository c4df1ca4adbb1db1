// Findings the user dismissed, with the reason. A finding is known by what it says about which
// files (rule, files, title): the same files give the same findings, so a dismissal made today
// still applies after a reload, in another tab and in a shared link, and a finding whose figures
// changed (other files) comes back. Pure data: the dashboard keeps it with the workspace.
import type { Finding } from './types.ts';

export interface Dismissal {
  readonly reason: string;
  /** ISO time of the dismissal. */
  readonly at: string;
}

/** A reason is a note, not a document. */
export const MAX_REASON_LENGTH = 500;

/** What identifies a finding across reloads, tabs and share links. */
export function findingKey(f: Pick<Finding, 'ruleId' | 'fileIds' | 'title'>): string {
  return `${f.ruleId}\u241f${f.fileIds.join(',')}\u241f${f.title.en}`;
}

/** A reason as it is kept: trimmed, single-line, bounded. */
export function cleanReason(reason: string): string {
  return [...reason]
    .map((c) => (c.charCodeAt(0) < 0x20 || c === '\u007f' ? ' ' : c))
    .join('')
    .replace(/ {2,}/g, ' ')
    .trim()
    .slice(0, MAX_REASON_LENGTH);
}

/** A stored dismissal read defensively: anything damaged counts as absent. */
export function parseDismissal(value: unknown): Dismissal | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (typeof v.reason !== 'string' || typeof v.at !== 'string') return null;
  return { reason: cleanReason(v.reason), at: v.at.slice(0, 40) };
}

/** The findings split into shown and dismissed (each with its dismissal), order kept. */
export function splitDismissed(
  findings: readonly Finding[],
  dismissed: ReadonlyMap<string, Dismissal> | Readonly<Record<string, Dismissal>>,
): {
  readonly shown: Finding[];
  readonly hidden: { readonly finding: Finding; readonly dismissal: Dismissal }[];
} {
  const get = (k: string): Dismissal | undefined =>
    dismissed instanceof Map
      ? dismissed.get(k)
      : Object.hasOwn(dismissed, k)
        ? (dismissed as Readonly<Record<string, Dismissal>>)[k]
        : undefined;
  const shown: Finding[] = [];
  const hidden: { finding: Finding; dismissal: Dismissal }[] = [];
  for (const f of findings) {
    const d = get(findingKey(f));
    if (d) hidden.push({ finding: f, dismissal: d });
    else shown.push(f);
  }
  return { shown, hidden };
}
