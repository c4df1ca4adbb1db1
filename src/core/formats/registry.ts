// Every format the dashboard reads, in detection order (a tie on score goes to the earlier one).
// Adding a format = a new folder with its module and fixtures, and one line here: ids, names in
// both languages, accepted extensions, inspect's and share's format lists all derive from this.
import { aoeOpatFormat } from './aoe-opat/index.ts';
import { aoeSgatFormat } from './aoe-sgat/index.ts';
import { opSummaryFormat } from './op-summary/index.ts';
import { kernelDetailsFormat } from './kernel-details/index.ts';
import { opStatisticFormat } from './op-statistic/index.ts';
import { stepTraceFormat } from './step-trace/index.ts';
import { timelineFormat } from './timeline/index.ts';
import { profilerDbFormat } from './profiler-db/index.ts';
import { aisBenchSummaryFormat } from './ais-bench-summary/index.ts';
import { aisBenchStdoutFormat } from './ais-bench-stdout/index.ts';
import { benchmarkPerfFormat } from './benchmark-perf/index.ts';
import { mindSporeLiteFormat } from './mindspore-lite-benchmark/index.ts';
import { trtexecStdoutFormat } from './trtexec-stdout/index.ts';
import { trtexecTimesFormat } from './trtexec-times/index.ts';
import { trtexecProfileFormat } from './trtexec-profile/index.ts';

export const FORMATS = [
  aoeOpatFormat,
  aoeSgatFormat,
  opSummaryFormat,
  kernelDetailsFormat,
  opStatisticFormat,
  stepTraceFormat,
  timelineFormat,
  profilerDbFormat,
  aisBenchSummaryFormat,
  aisBenchStdoutFormat,
  benchmarkPerfFormat,
  mindSporeLiteFormat,
  trtexecStdoutFormat,
  trtexecTimesFormat,
  trtexecProfileFormat,
] as const;

export type KnownFormat = (typeof FORMATS)[number];
export type KnownFormatId = KnownFormat['id'];

export const FORMAT_IDS: readonly KnownFormatId[] = FORMATS.map((m) => m.id);

const BY_ID: ReadonlyMap<string, KnownFormat> = new Map(FORMATS.map((m) => [m.id, m]));

export function formatById(id: string): KnownFormat | undefined {
  return BY_ID.get(id);
}

export function isFormatId(id: string): id is KnownFormatId {
  return BY_ID.has(id);
}

/** Every file-name ending some format accepts, lower case with the dot (".json", ".csv", …). */
export const ACCEPTED_EXTENSIONS: readonly string[] = [
  ...new Set(FORMATS.flatMap((m) => m.extensions)),
].sort();

/** The profile formats (what a profile's `format` may be). */
export const PROFILE_FORMAT_IDS: readonly KnownFormatId[] = FORMATS.filter(
  (m) => m.yields === 'profile',
).map((m) => m.id);
