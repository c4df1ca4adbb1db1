// The normalized domain model. Plain readonly data, no classes: it crosses the worker boundary,
// goes into IndexedDB, share links and the launcher's database. The JSON Schemas in `schemas/`
// (model.v1) describe the same shapes; a test validates normalized fixtures against them.
import type { Ms, Us } from './units.ts';

export type TaskKind = 'opat' | 'sgat';
export type TaskStatus = 'succeeded' | 'failed' | 'unknown';
/** Knowledge-base (repository) action AOE took for an operator. */
export type RepoAction = 'add' | 'update' | null;

/** Top-level shape of an AOE result file (FORMATS.md A.1). */
export type AoeLayout = 'array' | 'report-map' | 'bare-object';
/**
 * The CANN-era key set (FORMATS.md A.6):
 * - `cann-6.0`: `opat_tune_result` ("tune success"/"tune failed"), repo_modified_operators object
 * - `cann-6.2`: `opat_tuning_result` ("tuning successful"), repo_modified_operators object
 * - `cann-6.3+`: repo_modified_operators array with `tune_performance` per dimension
 * - `sgat`: subgraph tuning file (best effort, field set not public)
 * - `unknown`: none of the markers present (e.g. no operators and no status key)
 */
export type AoeGeneration = 'cann-6.0' | 'cann-6.2' | 'cann-6.3+' | 'sgat' | 'unknown';

export interface RepoSummary {
  readonly add: number;
  readonly hit: number;
  readonly reserved: number;
  readonly unsatisfied: number;
  readonly update: number;
  readonly total: number;
}

/** One row per operator per tuning dimension. */
export interface OperatorResult {
  readonly name: string;
  readonly type: string;
  /** `Format`, `Schedule`, … (CANN 6.3+); null in older files. */
  readonly dimension: string | null;
  readonly beforeUs: Us;
  readonly afterUs: Us;
  /** As AOE stated it (speed-up %), parsed from `"35.35%"`; null when absent or unparseable. */
  readonly improvementPct: number | null;
  readonly repoAction: RepoAction;
}

export interface TuningTask {
  readonly name: string;
  readonly kind: TaskKind;
  readonly status: TaskStatus;
  /** The raw status string (`"tuning successful"`, `"tune failed"`, …) or null. */
  readonly statusText: string | null;
  /** `report_<timestamp>_<tid>` key in report-map files, else null. */
  readonly reportKey: string | null;
  readonly tuningTimeS: number | null;
  readonly baselineMs: Ms | null;
  readonly tunedMs: Ms | null;
  /** AOE's stated model improvement (speed-up %), or null. */
  readonly improvementPct: number | null;
  /** Recomputed from baseline/tuned: speed-up %, time saved in ms and in % of the baseline. */
  readonly recomputedImprovementPct: number | null;
  readonly savedMs: Ms | null;
  readonly savedPct: number | null;
  readonly repoSummary: RepoSummary | null;
  readonly operators: readonly OperatorResult[];
  readonly failedOperators: readonly string[];
  /** Fields not in the known key set, by JSON pointer, kept verbatim for display. */
  readonly extra: Readonly<Record<string, unknown>>;
}

export interface TuningReport {
  /** sha-256 (hex) of the file's bytes. */
  readonly id: string;
  readonly fileName: string;
  readonly kind: TaskKind;
  readonly layout: AoeLayout;
  readonly generation: AoeGeneration;
  /** True when the file was cut short (AOE rewrites it while tuning) and only a part was salvaged. */
  readonly incomplete: boolean;
  readonly tasks: readonly TuningTask[];
}

/** Which profiler table a file is. */
export type ProfileFormat =
  'op-summary' | 'kernel-details' | 'op-statistic' | 'profiler-db' | 'trtexec-profile';

/**
 * Row-level profiler data, columnar: strings are interned in `dict` and columns hold indices,
 * numbers are Float64Array with NaN for missing (`N/A`, empty). Start times are relative to
 * `startBaseUs` so that float64 keeps sub-µs precision. Only per-kernel tables (op_summary,
 * kernel_details) have one; op_statistic is already aggregated.
 */
/**
 * A hardware utilisation column of a kernel table (`aic_mac_ratio`, `aiv_vec_ratio`,
 * `cube_utilization(%)` — FORMATS.md B.2), one value per row; NaN where the cell is blank or
 * `N/A` (AI CPU rows have none). `*_ratio` are fractions 0–1, `(%)` columns percent.
 */
export interface ProfileMetric {
  /** The column's name as the file writes it. */
  readonly column: string;
  /** Float32: the file writes three decimals. */
  readonly values: Float32Array;
}

export interface ProfileTable {
  readonly rowCount: number;
  readonly dict: readonly string[];
  readonly name: Uint32Array;
  readonly type: Uint32Array;
  readonly coreType: Uint32Array;
  readonly inputShapes: Uint32Array;
  readonly durationUs: Float64Array;
  readonly waitUs: Float64Array;
  readonly startUs: Float64Array;
  /** Absolute epoch µs of the first row's start, as a decimal string (exact), or null. */
  readonly startBaseUs: string | null;
  /** The file's hardware utilisation columns, in file order; absent when it has none. */
  readonly metrics?: readonly ProfileMetric[];
}

export interface TypeAggregate {
  readonly type: string;
  readonly count: number;
  readonly totalUs: Us;
  readonly meanUs: Us;
  /** Share of the table's total time, 0–1. */
  readonly share: number;
}

export interface OperatorAggregate {
  readonly name: string;
  readonly type: string;
  readonly count: number;
  readonly totalUs: Us;
  readonly meanUs: Us;
  readonly share: number;
  /** The most common input-shape text of this operator, or null. */
  readonly inputShapes: string | null;
}

export interface ProfileSummary {
  readonly rows: number;
  readonly totalDurationUs: Us;
  /** Sorted by total time, descending. */
  readonly byType: readonly TypeAggregate[];
  /** Every operator (name + type), sorted by total time, descending. Empty for op_statistic. */
  readonly topOperators: readonly OperatorAggregate[];
}

export interface ProfileData {
  /** sha-256 (hex) of the file's bytes. */
  readonly id: string;
  readonly fileName: string;
  readonly format: ProfileFormat;
  /** The recognised header set, e.g. `torch_npu-level1`, `msprof-8.x` (see schemas/profile-*.schema.json). */
  readonly headerSet: string;
  /** The file's header, as written. */
  readonly columns: readonly string[];
  readonly table: ProfileTable | null;
  readonly summary: ProfileSummary;
}

/** Provenance recorded by the launcher for runs it produced. */
export interface RunManifest {
  readonly host?: string;
  readonly cannVersion?: string;
  readonly soc?: string;
  readonly device?: number;
  readonly modelPath?: string;
  readonly modelSha256?: string;
  readonly tunedOmSha256?: string;
  readonly command?: readonly string[];
  readonly workDir?: string;
  readonly bankPath?: string;
  readonly env?: Readonly<Record<string, string>>;
  readonly startedAt?: string;
  readonly finishedAt?: string;
}
