// What the advisor reads and what it says. A finding names what is wrong, shows the rows and
// figures it rests on, says why it matters and what to run next (the exact option, config line
// or command). Plain readonly data, in both UI languages, so the CLI prints it and the dashboard
// renders it without knowing any rule.
import type { ProfileData, TuningReport } from '../model/types.ts';
import type { Measurement } from '../measure/model.ts';
import type { TimelineSummary } from '../formats/timeline/summarize.ts';
import type { PrecisionDigest } from './precision-digest.ts';

export type AdviceSeverity = 'info' | 'warning' | 'critical';
export type AdviceLang = 'en' | 'zh-CN';

/** A text in both languages; Huawei's own terms in zh-CN (算子调优, 子图调优, 知识库 …). */
export interface Localized {
  readonly en: string;
  readonly 'zh-CN': string;
}

/** Which row of which input a figure comes from, for the UI to link to. */
export interface EvidenceRef {
  readonly fileId?: string;
  readonly table: 'operators' | 'profile' | 'measurements' | 'timeline';
  /** Row index in the file's table (profile rows, measurement index). */
  readonly row?: number;
  /** Operator name, operator type or task name the figure is about. */
  readonly name?: string;
}

export interface Evidence {
  readonly label: Localized;
  /** Already formatted (units included): the same in both languages. */
  readonly value: string;
  readonly ref?: EvidenceRef;
}

export interface AdviceAction {
  readonly text: Localized;
  /** A command line to run, e.g. `aoe --job_type=2 … --tune_ops_file=tune_ops.json`. */
  readonly command?: string;
  /** A file or config text to write, e.g. the tune_ops_file JSON or an `[ascend_context]` line. */
  readonly config?: string;
  /** The name `config` should be saved under, when it is a file. */
  readonly configName?: string;
}

export interface Finding {
  readonly ruleId: string;
  readonly severity: AdviceSeverity;
  /** How much it costs, 0–1 (usually a share of model time): ranks findings of one severity. */
  readonly impact: number;
  readonly title: Localized;
  readonly evidence: readonly Evidence[];
  readonly why: Localized;
  readonly action: AdviceAction;
  /** The files the finding is about. */
  readonly fileIds: readonly string[];
}

/** A threshold of a rule: its value and what it means, for the README and the UI's "why". */
export interface Threshold {
  readonly value: number;
  readonly doc: string;
}

export type RuleScope = 'profile' | 'timeline' | 'report' | 'report+profile' | 'measurement';

export interface AdviceRule {
  readonly id: string;
  readonly scope: RuleScope;
  readonly title: Localized;
  readonly thresholds: Readonly<Record<string, Threshold>>;
  /** Where the advice comes from (AOE-CLI.md sections, Huawei documents named there). */
  readonly source: string;
  readonly run: (input: AdviceContext) => readonly Finding[];
}

/** A measurement with the file it came from and, when known, what it measured. */
export interface MeasurementInput {
  readonly fileId: string;
  readonly fileName: string;
  /** Index of the measurement in its file. */
  readonly index: number;
  readonly measurement: Measurement;
  /**
   * `baseline`/`tuned`: an Ascend run of the untuned / AOE-tuned model; `gpu`: a GPU baseline.
   * Null: let the advisor infer it (`inferRole`).
   */
  readonly role?: MeasurementRole | null;
}

export type MeasurementRole = 'baseline' | 'tuned' | 'gpu';

/** Everything the advisor may be given; every part is optional. */
export interface AdviceInput {
  readonly reports?: readonly TuningReport[];
  readonly profiles?: readonly ProfileData[];
  /** Timeline summaries (trace_view.json / msprof_*.json), for launch gaps. */
  readonly timelines?: readonly TimelineSummary[];
  readonly measurements?: readonly MeasurementInput[];
  /** Per-file digests of the data-type column of op_summary / kernel_details (by file id). */
  readonly precision?: readonly PrecisionDigest[];
  /** Paths by file id (folders help tell which profile belongs to which report). */
  readonly paths?: Readonly<Record<string, string>>;
  /**
   * Which profile belongs to which report, when the host already decided (the dashboard's links).
   * Without it the advisor links them on evidence (core/model/link-evidence.ts).
   */
  readonly links?: readonly { readonly reportId: string; readonly profileId: string }[];
}

/** AdviceInput with every list present, as the rules see it. */
export interface AdviceContext {
  readonly reports: readonly TuningReport[];
  readonly profiles: readonly ProfileData[];
  readonly timelines: readonly TimelineSummary[];
  readonly measurements: readonly MeasurementInput[];
  readonly precision: readonly PrecisionDigest[];
  readonly paths: Readonly<Record<string, string>>;
  readonly links: readonly { readonly reportId: string; readonly profileId: string }[] | null;
}
