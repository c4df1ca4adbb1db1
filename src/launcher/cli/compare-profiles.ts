// `compare BASE OTHER` where both files are profiler output (op_summary, kernel_details,
// op_statistic, a profiler .db, step_trace_time, a timeline): the same comparison the dashboard's
// profile comparison page shows (core/model/profile-compare.ts), as text, Markdown or JSON.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { importBytes } from '../../core/formats/index.ts';
import { profileContentOf } from '../../core/formats/content.ts';
import type { ProfileContent } from '../../core/formats/types.ts';
import { changeSize, changeSizeText, changeTextEn } from '../../core/model/change-words.ts';
import {
  compareBreakdowns,
  compareProfiles,
  type BreakdownChange,
  type ProfileComparison,
} from '../../core/model/profile-compare.ts';
import {
  profileChangeLabel,
  profileComparisonMarkdown,
} from '../../core/export/profile-compare.ts';
import { prettyJson } from '../../core/export/json.ts';
import { terminalLines } from '../../core/export/visible-text.ts';
import { nodeFormatHost } from './format-host.ts';

/** The file's profile content when it is profiler output; null for anything else. */
export async function readProfileArg(path: string): Promise<ProfileContent | null> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch {
    return null;
  }
  return profileContentOf(await importBytes(path, bytes, { host: nodeFormatHost }));
}

export interface ProfilePairResult {
  readonly comparison: ProfileComparison | null;
  readonly breakdown: BreakdownChange | null;
}

export function compareProfileContents(a: ProfileContent, b: ProfileContent): ProfilePairResult {
  if (a.profile && b.profile) {
    const comparison = compareProfiles(
      { summary: a.profile.summary, table: a.profile.table, breakdown: a.breakdown },
      { summary: b.profile.summary, table: b.profile.table, breakdown: b.breakdown },
    );
    return { comparison, breakdown: comparison.breakdown };
  }
  return {
    comparison: null,
    breakdown: compareBreakdowns(a.breakdown ?? null, b.breakdown ?? null),
  };
}

const change = (x: number, y: number) =>
  changeTextEn(profileChangeLabel(y - x), y === x ? '' : changeSizeText(changeSize(x, y)));

/** Terminal text: totals, the step split, the ten largest operator changes. */
export function profilePairText(
  r: ProfilePairResult,
  names: { base: string; other: string },
): string {
  const lines = [`Profiles: ${names.base} (baseline) → ${names.other}`];
  const c = r.comparison;
  if (c) {
    lines.push(
      `Operator time: ${(c.baseTotalUs / 1000).toFixed(3)} ms → ${(c.otherTotalUs / 1000).toFixed(3)} ms (${change(c.baseTotalUs, c.otherTotalUs)})`,
      `Operators: ${c.operators.length} compared, ${c.newOperators} only in ${names.other}, ${c.vanishedOperators} only in ${names.base}`,
    );
  } else {
    lines.push('One of the files has no operator table: only the step split is compared.');
  }
  const b = r.breakdown;
  if (b) {
    lines.push('Step split (ms):');
    const row = (label: string, x: number, y: number) =>
      lines.push(
        `  ${label.padEnd(32)} ${(x / 1000).toFixed(3).padStart(12)} → ${(y / 1000).toFixed(3).padStart(12)}  ${change(x, y)}`,
      );
    if (b.base.meanStepUs !== null && b.other.meanStepUs !== null)
      row('Mean step', b.base.meanStepUs, b.other.meanStepUs);
    row('Computing', b.base.computingUs, b.other.computingUs);
    row(
      'Communication (not overlapped)',
      b.base.communicationNotOverlappedUs,
      b.other.communicationNotOverlappedUs,
    );
    row('Free', b.base.freeUs, b.other.freeUs);
  }
  if (c && c.operators.length > 0) {
    lines.push('Largest operator changes (µs, before → after):');
    for (const o of c.operators.slice(0, 10)) {
      const where =
        o.status === 'new'
          ? `only in ${names.other}`
          : o.status === 'vanished'
            ? `only in ${names.base}`
            : change(o.base?.totalUs ?? 0, o.other?.totalUs ?? 0);
      lines.push(
        `  ${o.name}${o.type ? ` (${o.type})` : ''}${o.shape ? ` [${o.shape}]` : ''}: ${(o.base?.totalUs ?? 0).toFixed(3)} → ${(o.other?.totalUs ?? 0).toFixed(3)}  ${where}`,
      );
    }
  }
  if (!c && !b)
    lines.push('Nothing to compare: no operator tables, and not both with a step split.');
  return terminalLines(lines);
}

export function profilePairJson(
  r: ProfilePairResult,
  names: { base: string; other: string },
): string {
  return prettyJson({ kind: 'profile-comparison', base: names.base, other: names.other, ...r });
}

export function profilePairMarkdown(
  r: ProfilePairResult,
  names: { base: string; other: string },
): string {
  if (r.comparison) return profileComparisonMarkdown(r.comparison, names);
  return profilePairText(r, names);
}

export const nameOf = (path: string) => basename(path);
