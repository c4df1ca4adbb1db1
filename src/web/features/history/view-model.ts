// The History page's pure part: the API's answers as types, the chart's rows, where the CANN
// version changes, the CSV export, and the compare address for two runs.
import type {
  HistoryFacets,
  HistoryModelKey,
  HistoryPointView,
} from '../../lib/launcher-client.ts';

// The API's answers, as the launcher client types them.
export type HistoryPoint = HistoryPointView;
export type Verdict = NonNullable<HistoryPoint['verdict']>;
export type ModelKey = HistoryModelKey;
export type Facets = HistoryFacets;

/** A model key as one string (select values, addresses): JSON keeps nulls apart from text. */
export const keyOf = (m: Pick<ModelKey, 'model' | 'soc' | 'batchSize'>): string =>
  JSON.stringify([m.model, m.soc, m.batchSize]);

export function parseKey(text: string): Pick<ModelKey, 'model' | 'soc' | 'batchSize'> | null {
  try {
    const v = JSON.parse(text) as unknown;
    if (!Array.isArray(v) || v.length !== 3) return null;
    const [model, soc, batch] = v as unknown[];
    if (typeof model !== 'string') return null;
    if (soc !== null && typeof soc !== 'string') return null;
    if (batch !== null && typeof batch !== 'number') return null;
    return { model, soc, batchSize: batch };
  } catch {
    return null;
  }
}

/** The query string of /api/history/points for one model key and the filters. */
export function pointsQuery(
  key: Pick<ModelKey, 'model' | 'soc' | 'batchSize'>,
  hosts: readonly string[],
  users: readonly string[],
): string {
  const q = new URLSearchParams();
  q.set('model', key.model);
  q.set('soc', key.soc ?? '-');
  q.set('batch', key.batchSize === null ? '-' : String(key.batchSize));
  for (const h of hosts) q.append('host', h);
  for (const u of users) q.append('user', u);
  return q.toString();
}

export interface ChartRow extends HistoryPoint {
  readonly t: number;
}

export function chartRows(points: readonly HistoryPoint[]): ChartRow[] {
  return points
    .map((p) => ({ ...p, t: Date.parse(p.createdAt) }))
    .filter((p) => Number.isFinite(p.t))
    .sort((a, b) => a.t - b.t || a.id.localeCompare(b.id));
}

export interface CannChange {
  readonly t: number;
  readonly version: string;
}

/** Where the CANN version differs from the run before (the first known version included). */
export function cannChanges(rows: readonly ChartRow[]): CannChange[] {
  const out: CannChange[] = [];
  let last: string | null = null;
  for (const r of rows) {
    if (r.cannVersion === null || r.cannVersion === last) continue;
    out.push({ t: r.t, version: r.cannVersion });
    last = r.cannVersion;
  }
  return out;
}

const CSV_COLUMNS = [
  'createdAt',
  'model',
  'soc',
  'batchSize',
  'host',
  'user',
  'cannVersion',
  'baselineMs',
  'tunedMs',
  'measuredMs',
  'verdict',
  'fileName',
  'id',
] as const;

/** One cell: quoted when needed, and a leading = + - @ defused so a spreadsheet shows it as text. */
function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  let s = String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(points: readonly HistoryPoint[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const p of points) lines.push(CSV_COLUMNS.map((c) => cell(p[c])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** The compare page's address for two opened runs (the older one is the baseline). */
export function compareAddress(
  a: { fileId: string; createdAt: string },
  b: { fileId: string; createdAt: string },
): string {
  const [base, other] = a.createdAt <= b.createdAt ? [a, b] : [b, a];
  const q = new URLSearchParams();
  q.set('runs', `${base.fileId}:0,${other.fileId}:0`);
  q.set('base', `${base.fileId}:0`);
  return `/compare?${q.toString()}`;
}
