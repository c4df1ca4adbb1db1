// What the two history engines share: the table's columns, the WHERE clause a filter makes (with
// each engine's placeholders), and the row → object mapping. Values are always bound, never
// spliced into the SQL text.
import type {
  HistoryFilter,
  HistoryPoint,
  HistoryRun,
  HistoryRunInput,
  HistoryRunSummary,
  Role,
  StoredToken,
  TokenInfo,
  Verdict,
} from './history.ts';

export const SUMMARY_COLUMNS =
  'id, model, soc, batch_size, host, user_name, cann_version, baseline_ms, tuned_ms, ' +
  'measured_ms, verdict, file_name, format, sha256, created_at, published_at';

/**
 * A history point's columns: every one is in the points index (model, soc, batch_size,
 * created_at, id, then the rest included), so PostgreSQL and SQLite answer from the index alone,
 * without reading the wide rows (report, manifest, raw file) in the table.
 */
export const POINT_COLUMNS =
  'id, model, soc, batch_size, host, user_name, cann_version, baseline_ms, tuned_ms, ' +
  'measured_ms, verdict, file_name, created_at';

export type PointRow = Omit<SummaryRow, 'format' | 'sha256' | 'published_at'>;

export interface SummaryRow {
  readonly id: string;
  readonly model: string;
  readonly soc: string | null;
  readonly batch_size: number | null;
  readonly host: string;
  readonly user_name: string;
  readonly cann_version: string | null;
  readonly baseline_ms: number | null;
  readonly tuned_ms: number | null;
  readonly measured_ms: number | null;
  readonly verdict: string | null;
  readonly file_name: string;
  readonly format: string;
  readonly sha256: string;
  readonly created_at: string;
  readonly published_at: string;
}

export interface FullRow extends SummaryRow {
  readonly report: string | null;
  readonly manifest: string;
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

export function pointOf(r: PointRow): HistoryPoint {
  return {
    id: r.id,
    model: r.model,
    soc: r.soc,
    batchSize: num(r.batch_size),
    host: r.host,
    user: r.user_name,
    cannVersion: r.cann_version,
    baselineMs: num(r.baseline_ms),
    tunedMs: num(r.tuned_ms),
    measuredMs: num(r.measured_ms),
    verdict: (r.verdict as Verdict | null) ?? null,
    fileName: r.file_name,
    createdAt: r.created_at,
  };
}

export function summaryOf(r: SummaryRow): HistoryRunSummary {
  return {
    ...pointOf(r),
    format: r.format,
    sha256: r.sha256,
    publishedAt: r.published_at,
  };
}

export function runOf(r: FullRow): HistoryRun {
  return {
    ...summaryOf(r),
    report: r.report === null ? null : (JSON.parse(r.report) as unknown),
    manifest: JSON.parse(r.manifest) as unknown,
  };
}

/** The insert's values, in INSERT_COLUMNS order. */
export const INSERT_COLUMNS =
  'id, model, soc, batch_size, host, user_name, cann_version, baseline_ms, tuned_ms, ' +
  'measured_ms, verdict, file_name, format, sha256, created_at, published_at, report, manifest, raw';

export function insertValues(r: HistoryRunInput, publishedAt: string): unknown[] {
  return [
    r.id,
    r.model,
    r.soc,
    r.batchSize,
    r.host,
    r.user,
    r.cannVersion,
    r.baselineMs,
    r.tunedMs,
    r.measuredMs,
    r.verdict,
    r.fileName,
    r.format,
    r.sha256,
    r.createdAt,
    publishedAt,
    r.report,
    r.manifest,
    r.raw,
  ];
}

/** `WHERE …` (or '') and its values; `ph(n)` is the engine's n-th placeholder (1-based). */
export function whereOf(
  f: HistoryFilter,
  ph: (n: number) => string,
): { sql: string; values: unknown[] } {
  const parts: string[] = [];
  const values: unknown[] = [];
  const bind = (v: unknown) => {
    values.push(v);
    return ph(values.length);
  };
  if (f.model !== undefined) parts.push(`model = ${bind(f.model)}`);
  if (f.soc !== undefined) {
    parts.push(f.soc === null ? 'soc IS NULL' : `soc = ${bind(f.soc)}`);
  }
  if (f.batchSize !== undefined) {
    parts.push(f.batchSize === null ? 'batch_size IS NULL' : `batch_size = ${bind(f.batchSize)}`);
  }
  if (f.hosts && f.hosts.length > 0) parts.push(`host IN (${f.hosts.map(bind).join(', ')})`);
  if (f.users && f.users.length > 0) parts.push(`user_name IN (${f.users.map(bind).join(', ')})`);
  if (f.from !== undefined) parts.push(`created_at >= ${bind(f.from)}`);
  if (f.to !== undefined) parts.push(`created_at < ${bind(f.to)}`);
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', values };
}

export interface TokenRow {
  readonly id: string;
  readonly name: string;
  readonly role: string;
  readonly salt: string;
  readonly hash: string;
  readonly created_at: string;
  readonly revoked_at: string | null;
}

export function tokenInfoOf(r: TokenRow): TokenInfo {
  return {
    id: r.id,
    name: r.name,
    role: r.role as Role,
    createdAt: r.created_at,
    revokedAt: r.revoked_at,
  };
}

export function storedTokenOf(r: TokenRow): StoredToken {
  return { ...tokenInfoOf(r), salt: r.salt, hash: r.hash };
}
