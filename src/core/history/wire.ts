// The run history as its routes answer it (GET /api/history/facets, /api/history/points): one set
// of shapes for the launcher that stores and serves them and the History page that reads them.

export type HistoryVerdict = 'accept' | 'reject' | 'insufficient';

/**
 * One point of a model's trend: only what the History page draws, filters and exports. Its
 * columns are all in the points index, so the database answers from the index alone.
 */
export interface HistoryPoint {
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
  readonly verdict: HistoryVerdict | null;
  readonly fileName: string;
  readonly createdAt: string;
}

/** A model's identity on the History page: the same network on the same SoC at one batch size. */
export interface HistoryModelKey {
  readonly model: string;
  readonly soc: string | null;
  readonly batchSize: number | null;
  readonly runs: number;
}

/** The History page's filters: every model with its run count, every host and user. */
export interface HistoryFacets {
  readonly models: readonly HistoryModelKey[];
  readonly hosts: readonly string[];
  readonly users: readonly string[];
}
