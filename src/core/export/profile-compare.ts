// Exports of a two-profile comparison (compareProfiles): CSV of every operator and every type,
// and a Markdown summary for a review (totals, step split, the largest changes). The dashboard,
// the CLI's `compare` with two profiles and the tests all use these, so the figures agree.
import type { DiffLabel } from '../model/compare.ts';
import { changeSize, changeSizeText, changeTextEn } from '../model/change-words.ts';
import type {
  OperatorChange,
  ProfileComparison,
  SideFigures,
  TypeChange,
} from '../model/profile-compare.ts';
import { round } from '../model/stats.ts';
import { toCsv, type CsvOptions } from './csv.ts';
import { escapeMarkdown } from './markdown.ts';

/** Rows of the largest operator changes in the Markdown summary (the CSV has them all). */
export const PROFILE_MARKDOWN_TOP = 15;

/** ▼ faster / ▲ slower / = unchanged for a change in time; no noise floor (profiles are sums). */
export function profileChangeLabel(deltaUs: number): DiffLabel {
  return deltaUs < 0 ? 'improvement' : deltaUs > 0 ? 'regression' : 'neutral';
}

const r3 = (v: number | null | undefined): number | null =>
  v === null || v === undefined || !Number.isFinite(v) ? null : round(v, 3);
const r2 = (v: number | null | undefined): number | null =>
  v === null || v === undefined || !Number.isFinite(v) ? null : round(v, 2);
const sharePct = (s: SideFigures | null): number | null => (s ? r2(s.share * 100) : null);

/** Every operator (and, when the tables have types, every type), one row each. */
export function profileComparisonCsv(c: ProfileComparison, options: CsvOptions): string {
  const header = [
    'level',
    'name',
    'type',
    'input_shapes',
    'status',
    'base_count',
    'other_count',
    'base_total_us',
    'other_total_us',
    'base_mean_us',
    'other_mean_us',
    'delta_us',
    'delta_pct',
    'base_share_pct',
    'other_share_pct',
  ];
  const typeRow = (t: TypeChange) => [
    'type',
    '',
    t.type,
    '',
    t.status,
    t.base?.count ?? null,
    t.other?.count ?? null,
    r3(t.base?.totalUs),
    r3(t.other?.totalUs),
    r3(t.base?.meanUs),
    r3(t.other?.meanUs),
    r3(t.deltaUs),
    r2(t.deltaPct),
    sharePct(t.base),
    sharePct(t.other),
  ];
  const opRow = (o: OperatorChange) => [
    'operator',
    o.name,
    o.type,
    o.shape ?? '',
    o.status,
    o.base?.count ?? null,
    o.other?.count ?? null,
    r3(o.base?.totalUs),
    r3(o.other?.totalUs),
    r3(o.base?.meanUs),
    r3(o.other?.meanUs),
    r3(o.deltaUs),
    r2(o.deltaPct),
    sharePct(o.base),
    sharePct(o.other),
  ];
  return toCsv(header, [...c.byType.map(typeRow), ...c.operators.map(opRow)], options);
}

const ms = (us: number) => `${(us / 1000).toFixed(3)} ms`;
const usText = (us: number | null | undefined) =>
  us === null || us === undefined ? '—' : us.toFixed(3);

function changeText(base: number, other: number): string {
  const delta = other - base;
  return changeTextEn(
    profileChangeLabel(delta),
    delta === 0 ? '' : changeSizeText(changeSize(base, other)),
  );
}

/** A review-sized summary: totals, the step split, per type, the largest operator changes. */
export function profileComparisonMarkdown(
  c: ProfileComparison,
  names: { readonly base: string; readonly other: string },
): string {
  const out: string[] = [];
  out.push(`# Profile comparison`, '');
  out.push(`- Baseline: \`${escapeMarkdown(names.base).replace(/`/g, "'")}\``);
  out.push(`- Compared: \`${escapeMarkdown(names.other).replace(/`/g, "'")}\``);
  out.push(
    `- Total operator time: ${ms(c.baseTotalUs)} → ${ms(c.otherTotalUs)} (${changeText(c.baseTotalUs, c.otherTotalUs)})`,
  );
  out.push(
    `- Operators: ${c.newOperators} only in the compared profile, ${c.vanishedOperators} only in the baseline` +
      (c.byShape ? '; matched by name, type and input shapes' : '') +
      (c.typeless
        ? '; a Level0 table has no operator types, so operators are matched by name'
        : ''),
  );
  out.push('');
  const b = c.breakdown;
  if (b) {
    out.push(
      '## Step time',
      '',
      '| Part | Baseline (ms) | Compared (ms) | Change |',
      '|---|---:|---:|---|',
    );
    const row = (label: string, x: number, y: number) =>
      out.push(
        `| ${label} | ${(x / 1000).toFixed(3)} | ${(y / 1000).toFixed(3)} | ${changeText(x, y)} |`,
      );
    if (b.base.meanStepUs !== null && b.other.meanStepUs !== null) {
      row('Mean step', b.base.meanStepUs, b.other.meanStepUs);
    }
    row('Computing', b.base.computingUs, b.other.computingUs);
    row(
      'Communication (not overlapped)',
      b.base.communicationNotOverlappedUs,
      b.other.communicationNotOverlappedUs,
    );
    row('Free', b.base.freeUs, b.other.freeUs);
    out.push('');
  }
  if (c.byType.length > 0) {
    out.push(
      '## Per operator type',
      '',
      '| Type | Baseline (µs) | Compared (µs) | Δ (µs) | Change | Share before → after |',
      '|---|---:|---:|---:|---|---|',
    );
    for (const t of c.byType) {
      out.push(
        `| ${escapeMarkdown(t.type) || '—'} | ${usText(t.base?.totalUs)} | ${usText(t.other?.totalUs)} | ${t.deltaUs.toFixed(3)} | ${statusText(t.status, t.base?.totalUs, t.other?.totalUs)} | ${shareText(t.base)} → ${shareText(t.other)} |`,
      );
    }
    out.push('');
  }
  const top = c.operators.slice(0, PROFILE_MARKDOWN_TOP);
  out.push(
    `## Largest operator changes (${top.length} of ${c.operators.length})`,
    '',
    '| Operator | Type | Baseline (µs) | Compared (µs) | Δ (µs) | Change |',
    '|---|---|---:|---:|---:|---|',
  );
  for (const o of top) {
    const name = escapeMarkdown(o.name) + (o.shape ? ` (${escapeMarkdown(o.shape)})` : '');
    out.push(
      `| ${name} | ${escapeMarkdown(o.type) || '—'} | ${usText(o.base?.totalUs)} | ${usText(o.other?.totalUs)} | ${o.deltaUs.toFixed(3)} | ${statusText(o.status, o.base?.totalUs, o.other?.totalUs)} |`,
    );
  }
  out.push('');
  return out.join('\n');
}

const shareText = (s: SideFigures | null) => (s ? `${(s.share * 100).toFixed(2)}%` : '—');

function statusText(
  status: OperatorChange['status'],
  base: number | undefined,
  other: number | undefined,
): string {
  if (status === 'new') return 'only in the compared profile';
  if (status === 'vanished') return 'only in the baseline';
  return changeText(base ?? 0, other ?? 0);
}
