// The run history: every finished run a launcher stored or a device host published, with the
// figures its trend needs pulled out of the report and manifest once, when it arrives. One async
// interface with two engines: the launcher's embedded SQLite (one host, the default) and
// PostgreSQL (a team server, `serve --db postgres://…`). The job queue itself stays in the data
// dir's SQLite: it is about this host's processes and devices, not something to share.

/** What a token may do. `admin` may do everything; `read` and `publish` only what they name. */
export type Role = 'read' | 'publish' | 'admin';
export const ROLES: readonly Role[] = ['read', 'publish', 'admin'];

export type Verdict = 'accept' | 'reject' | 'insufficient';

/** A run as stored: identity, where it came from, the trend's figures, and its documents. */
export interface HistoryRunInput {
  /** The publishing launcher's run id: publishing the same run again changes nothing. */
  readonly id: string;
  readonly model: string;
  readonly soc: string | null;
  readonly batchSize: number | null;
  readonly host: string;
  readonly user: string;
  readonly cannVersion: string | null;
  readonly baselineMs: number | null;
  readonly tunedMs: number | null;
  readonly measuredMs: number | null;
  readonly verdict: Verdict | null;
  readonly fileName: string;
  readonly format: string;
  readonly sha256: string;
  /** When the run was made (ISO 8601, UTC). */
  readonly createdAt: string;
  /** Normalized report (JSON text) or null when the file gave none. */
  readonly report: string | null;
  /** The job's manifests (JSON text of an array). */
  readonly manifest: string;
  readonly raw: Buffer;
}

export interface HistoryRunSummary {
  readonly id: string;
  readonly model: string;
  readonly soc: string | null;
  readonly batchSize: number | null;
  readonly host: string;
  readonly user: string;
  readonly cannVersion: string | null;
  readonly baselineMs: number | null;
  readonly tunedMs: number | null;
  readonly measuredMs: number | null;
  readonly verdict: Verdict | null;
  readonly fileName: string;
  readonly format: string;
  readonly sha256: string;
  readonly createdAt: string;
  readonly publishedAt: string;
}

export interface HistoryRun extends HistoryRunSummary {
  readonly report: unknown;
  readonly manifest: unknown;
}

export interface HistoryFilter {
  readonly model?: string;
  readonly soc?: string | null;
  readonly batchSize?: number | null;
  readonly hosts?: readonly string[];
  readonly users?: readonly string[];
  /** Inclusive lower and exclusive upper bound on createdAt (ISO). */
  readonly from?: string;
  readonly to?: string;
}

export interface RunPage {
  readonly rows: HistoryRunSummary[];
  readonly total: number;
}

/** A model's identity on the history page: the same network on the same SoC at one batch size. */
export interface ModelKey {
  readonly model: string;
  readonly soc: string | null;
  readonly batchSize: number | null;
  readonly runs: number;
}

export interface Facets {
  readonly models: ModelKey[];
  readonly hosts: string[];
  readonly users: string[];
}

export interface TokenInfo {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  readonly createdAt: string;
  readonly revokedAt: string | null;
}

export interface StoredToken extends TokenInfo {
  readonly salt: string;
  readonly hash: string;
}

export type PutResult = 'created' | 'exists';

/** The most points one history query returns (two years of hourly runs of one model). */
export const MAX_HISTORY_POINTS = 20_000;
export const MAX_PAGE_SIZE = 500;

export interface HistoryStore {
  readonly engine: 'sqlite' | 'postgres';
  /** Stores a run once: a second put of the same id (however concurrent) is `exists`. */
  putRun(run: HistoryRunInput): Promise<PutResult>;
  getRun(id: string): Promise<HistoryRun | undefined>;
  getRaw(id: string): Promise<{ fileName: string; raw: Buffer } | undefined>;
  /** Newest first, `limit` from `offset`, with the number of rows the filter matches. */
  listRuns(filter: HistoryFilter, limit: number, offset: number): Promise<RunPage>;
  /** Every point of one model (oldest first), capped at MAX_HISTORY_POINTS (the newest kept). */
  history(filter: HistoryFilter & { readonly model: string }): Promise<HistoryRunSummary[]>;
  facets(): Promise<Facets>;
  insertToken(t: StoredToken): Promise<void>;
  findToken(id: string): Promise<StoredToken | undefined>;
  listTokens(): Promise<TokenInfo[]>;
  revokeToken(id: string, at: string): Promise<boolean>;
  close(): Promise<void>;
}

/** Thrown at start when the database was written by a newer version of the launcher. */
export class SchemaTooNewError extends Error {
  constructor(
    readonly found: number,
    readonly known: number,
    where: string,
  ) {
    super(
      `${where} has schema version ${found}, newer than this launcher knows (${known}): ` +
        'upgrade aoe-dashboard, or point it at another database',
    );
    this.name = 'SchemaTooNewError';
  }
}
