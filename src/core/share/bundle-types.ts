// The share bundle's types: the compact v1 shape (schemas/share-bundle.v1.schema.json, written
// out here because the generated type cannot express the schema's fixed-length tuples) and a run
// as it is shared.
import type { CompareRun } from '../model/compare.ts';
import type { Run } from '../model/run.ts';
import type { Measurement } from '../measure/model.ts';
import type { MeasureRole, RoleReason } from '../measure/link.ts';
import type { AoeLayout, ProfileData, TuningTask } from '../model/types.ts';
import type { ViewState } from './view-state.ts';
import type { Finding } from '../advisor/types.ts';

/**
 * The Advice panel as the sharer saw it: the run's findings (texts in both languages) and the
 * ones dismissed, as [index into findings, reason]. Optional in a bundle: older links have none.
 */
export interface SharedAdvice {
  readonly findings: readonly Finding[];
  readonly dismissed: readonly (readonly [number, string])[];
}
/**
 * The bundle as schemas/share-bundle.v1.schema.json describes it (written out here because the
 * generated type cannot express the schema's fixed-length tuples).
 */
export interface ShareBundleV1 {
  readonly format: 'aoe-dashboard.share';
  readonly v: 1;
  readonly createdAt?: string;
  /** String table. */
  readonly s: readonly string[];
  readonly runs: readonly BundleRun[];
  readonly view: BundleView;
  /** A profile comparison: the baseline profile, then the other; one profile's page: that profile (optional; see the schema). */
  readonly profiles?: readonly [BundleProfile] | readonly [BundleProfile, BundleProfile];
}

/** The file formats a shared profile may come from. */
export type SharedProfileFormat = ProfileData['format'] | 'step-trace' | 'timeline';

/** One profile of a shared profile comparison, packed (schemas/share-bundle.v1 `sharedProfile`). */
export interface BundleProfile {
  readonly id: string;
  readonly file: string;
  readonly format: SharedProfileFormat;
  readonly table?: {
    readonly format: ProfileData['format'];
    readonly headerSet: string;
    readonly rows: number;
    readonly total: number;
    /** Per type: type, calls, calls without a time, total ns. */
    readonly types: {
      readonly t: number[];
      readonly c: number[];
      readonly u: number[];
      readonly d: number[];
    };
    /** Per operator name + type + shapes: `n` delta-coded, `h` shapes or -1. */
    readonly ops: {
      readonly n: number[];
      readonly t: number[];
      readonly h: number[];
      readonly c: number[];
      readonly u: number[];
      readonly d: number[];
    };
  };
  /** [steps, computing µs, communication not overlapped µs, overlapped µs, free µs] */
  readonly split?: readonly [number, number, number, number, number];
}
export interface BundleRun {
  readonly id: string;
  readonly reportId: string;
  readonly taskIndex: number;
  readonly label: string;
  readonly file: string;
  readonly gen: CompareRun['generation'];
  readonly layout: AoeLayout;
  readonly incomplete: boolean;
  readonly task: {
    readonly name: string;
    readonly kind: TuningTask['kind'];
    readonly status: TuningTask['status'];
    readonly statusText: string | null;
    readonly reportKey: string | null;
    readonly tuningTimeS: number | null;
    readonly baselineMs: number | null;
    readonly tunedMs: number | null;
    readonly improvementPct: number | null;
    /** [add, hit, reserved, unsatisfied, update, total] */
    readonly repo: readonly [number, number, number, number, number, number] | null;
    readonly failed: readonly string[];
  };
  /** Columns; `n` is delta-coded, `b`/`a` are integer ns, see the schema. */
  readonly ops: {
    readonly n: number[];
    readonly t: number[];
    readonly d: number[];
    readonly b: number[];
    readonly a: number[];
    readonly r: (0 | 1 | 2)[];
    readonly i: [number, number | null][];
  };
  readonly profile?: {
    readonly id: string;
    readonly file: string;
    readonly format: ProfileData['format'];
    readonly headerSet: string;
    readonly rows: number;
    readonly total: number;
    /** [type, count, total µs] */
    readonly byType: readonly (readonly [number, number, number])[];
    /** [name, type, count, total µs, shape or -1] */
    readonly top: readonly (readonly [number, number, number, number, number])[];
  };
  readonly manifest?: Readonly<Record<string, string | number>>;
  readonly samples?: readonly number[];
  readonly advice?: SharedAdvice;
  /** The measurements linked to the run's report (see BundleMeasurement). */
  readonly measured?: readonly BundleMeasurement[];
}

/** [count, min, max, mean, median, p90, p95, p99], ms. */
export type BundleStats = readonly [
  number | null,
  number | null,
  number | null,
  number | null,
  number | null,
  number | null,
  number | null,
  number | null,
];

/**
 * One linked measurement, compact: the summary statistics as the tool stated them, the role and
 * why, and the per-iteration latencies (integer ns) only when there are at most
 * MAX_SHARED_ITERATIONS of them.
 */
export interface BundleMeasurement {
  readonly id: string;
  readonly file: string;
  readonly tool: Measurement['tool'];
  readonly source: Measurement['source'];
  readonly ver?: string | null;
  readonly bs?: number | null;
  readonly hb?: number | null;
  readonly role: MeasureRole | null;
  readonly why: RoleReason['kind'];
  readonly word?: string;
  readonly ev?: readonly [MeasureRole | null, 'tool' | 'word' | 'none' | 'step', string];
  readonly lat: BundleStats;
  readonly h2d?: BundleStats;
  readonly cmp?: BundleStats;
  readonly d2h?: BundleStats;
  readonly tp?: number | null;
  readonly tpu?: Measurement['throughputUnit'];
  readonly it?: readonly number[];
  readonly model?: string | null;
  readonly device?: string | null;
  readonly derived?: readonly string[];
}
export interface BundleView {
  readonly page: ViewState['page'];
  readonly runs: readonly string[];
  readonly baseline: string;
  readonly tab: ViewState['tab'];
  readonly diffOnly: boolean;
  readonly noisePct: number;
  readonly noiseUs: number;
  readonly sort: ViewState['sort'];
  readonly query: string;
  readonly buckets: ViewState['buckets'];
  readonly mapping: readonly (readonly [string, string])[];
  readonly gate: ViewState['gate'];
}

/** A run as it is shared: the one Run type (core/model/run.ts). */
export type SharedRun = Run;
