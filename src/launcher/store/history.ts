// The run history: every finished run a launcher stored or a device host published, with the
// figures its trend needs pulled out of the report and manifest once, when it arrives. One async
// interface with two engines: the launcher's embedded SQLite (one host, the default) and
// PostgreSQL (a team server, `serve --db postgres://…`). The job queue itself stays in the data
// dir's SQLite: it is about this host's processes and devices, not something to share.

import type {
  HistoryFacets,
  HistoryModelKey,
  HistoryPoint,
  HistoryVerdict,
} from '../../core/history/wire.ts';

/** What a token may do. `admin` may do everything; `read` and `publish` only what they name. */
export type Role = 'read' | 'publish' | 'admin';
export const ROLES: readonly Role[] = ['read', 'publish', 'admin'];

export type Verdict = HistoryVerdict;

/**
 * A run as stored: its point on the trend (the publishing launcher's run id, identity, where it
 * came from, the figures; publishing the same run again changes nothing; `createdAt` when the
 * run was made, ISO 8601 UTC), and its documents.
 */
export interface HistoryRunInput extends HistoryPoint {
  readonly format: string;
  readonly sha256: string;
  /** Normalized report (JSON text) or null when the file gave none. */
  readonly report: string | null;
  /** The job's manifests (JSON text of an array). */
  readonly manifest: string;
  readonly raw: Buffer;
}

export type { HistoryPoint };

export interface HistoryRunSummary extends HistoryPoint {
  readonly format: string;
  readonly sha256: string;
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

/** A model as the points index leads with it. */
export type ModelScope = Pick<HistoryFilter, 'soc' | 'batchSize'> & { readonly model: string };

export interface RunPage {
  readonly rows: HistoryRunSummary[];
  readonly total: number;
}

export type ModelKey = HistoryModelKey;
export type Facets = HistoryFacets;

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

/**
 * What a reader hears of the runs stored (history-cache.ts): `onChange` is called with the model,
 * host and user of each run stored by this process or, on PostgreSQL, by any server on the
 * database, and with null when some may have been missed (the listening connection came back).
 */
export interface HistoryWatch {
  /**
   * True while every run stored is heard of (the listening connection is up and answered lately):
   * a cached answer nothing has been heard against is then current without asking the database.
   */
  live(): boolean;
  stop(): Promise<void>;
}
/** A run stored, as a watch tells it: its model and where it came from. */
export interface HistoryChange {
  readonly model: string;
  readonly soc: string | null;
  readonly batchSize: number | null;
  readonly host: string;
  readonly user: string;
}
export type ChangeListener = (run: HistoryChange | null) => void;

export interface HistoryStore {
  readonly engine: 'sqlite' | 'postgres';
  /** Stores a run once: a second put of the same id (however concurrent) is `exists`. */
  putRun(run: HistoryRunInput): Promise<PutResult>;
  getRun(id: string): Promise<HistoryRun | undefined>;
  getRaw(id: string): Promise<{ fileName: string; raw: Buffer } | undefined>;
  /** Newest first, `limit` from `offset`, with the number of rows the filter matches. */
  listRuns(filter: HistoryFilter, limit: number, offset: number): Promise<RunPage>;
  /** Every point of one model (oldest first), capped at MAX_HISTORY_POINTS (the newest kept). */
  history(filter: HistoryFilter & { readonly model: string }): Promise<HistoryPoint[]>;
  facets(): Promise<Facets>;
  /**
   * The history's write version: it grows in the same transaction as every run stored, so an
   * answer read at version v (or later) is current for as long as this still says v. Readers
   * cache by it (history-cache.ts); on PostgreSQL it is shared by every server on the database.
   * With a model (and SoC, batch size) named, the version of that model's points alone: the
   * number of its runs, which grows by one with each of them and never otherwise, since the
   * history only ever gains runs (a run stored is never changed or removed). It is counted on
   * the points index, so a run of another model leaves that model's cached points current.
   */
  version(scope?: ModelScope): Promise<number>;
  /** Hears of the runs stored (see HistoryWatch). */
  watch(onChange: ChangeListener): HistoryWatch;
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
