// Number and verdict marks shared by the report's Markdown and HTML.
import type { Verdict } from '../model/gate.ts';

export const fixed = (v: number | null | undefined, d: number): string =>
  v === null || v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(d);

export const percent = (v: number | null): string =>
  v === null || !Number.isFinite(v) ? '—' : `${(v * 100).toFixed(1)}%`;

/** Never ▲/▼: those mean slower/faster in the product. */
export const VERDICT_MARK: Readonly<Record<Verdict, string>> = {
  accept: '✅',
  reject: '❌',
  insufficient: '⚠️',
  incomparable: '≠',
};
