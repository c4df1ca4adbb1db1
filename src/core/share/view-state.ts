// The compare view's state: what the URL search params hold on /compare and what a share bundle
// carries, so a link restores exactly the view that was shared. Parsing is lenient (a hand-edited
// or stale URL falls back to defaults field by field) and never throws.
import type { Bucket } from '../model/compare.ts';
import { DEFAULT_NOISE_PCT, DEFAULT_NOISE_US } from '../model/compare.ts';
import type { GateRules } from '../model/gate.ts';
import { DEFAULT_GATE_RULES } from '../model/gate.ts';
import { isValid } from '../validation/index.ts';

export type CompareTab = 'model' | 'operators' | 'knowledge-base' | 'gate';
export const COMPARE_TABS: readonly CompareTab[] = ['model', 'operators', 'knowledge-base', 'gate'];
export type SortColumn =
  | 'name'
  | 'type'
  | 'dimension'
  | 'bucket'
  | 'baseUs'
  | 'candUs'
  | 'deltaUs'
  | 'deltaPct'
  | 'speedup';
export const SORT_COLUMNS: readonly SortColumn[] = [
  'name',
  'type',
  'dimension',
  'bucket',
  'baseUs',
  'candUs',
  'deltaUs',
  'deltaPct',
  'speedup',
];
export const BUCKETS: readonly Bucket[] = ['added', 'removed', 'faster', 'slower', 'unchanged'];

export interface SortSpec {
  readonly id: SortColumn;
  readonly desc: boolean;
}

export interface ViewState {
  /**
   * `profiles`: the profile comparison, whose two profiles the bundle carries beside the view;
   * `profile`: one profile's page, whose profile the bundle carries likewise.
   */
  readonly page: 'compare' | 'run' | 'profiles' | 'profile';
  readonly runs: readonly string[];
  /** Id of the pinned baseline run ('' = the first selected run). */
  readonly baseline: string;
  readonly tab: CompareTab;
  readonly diffOnly: boolean;
  readonly noisePct: number;
  readonly noiseUs: number;
  readonly sort: readonly SortSpec[];
  readonly query: string;
  /** Buckets shown in the operators table; empty = all. */
  readonly buckets: readonly Bucket[];
  /** Renamed operators: [candidate name, baseline name]. */
  readonly mapping: readonly (readonly [string, string])[];
  readonly gate: GateRules;
}

export const DEFAULT_VIEW: ViewState = {
  page: 'compare',
  runs: [],
  baseline: '',
  tab: 'operators',
  diffOnly: false,
  noisePct: DEFAULT_NOISE_PCT,
  noiseUs: DEFAULT_NOISE_US,
  sort: [{ id: 'deltaPct', desc: false }],
  query: '',
  buckets: [],
  mapping: [],
  gate: DEFAULT_GATE_RULES,
};

/**
 * The baseline in effect: the pinned one when it is selected, else the first selected run (links
 * made before the baseline was always pinned have no `base`).
 */
export const effectiveBaseline = (view: ViewState): string | null =>
  view.runs.includes(view.baseline) ? view.baseline : (view.runs[0] ?? null);

/**
 * A new selection of runs and the baseline that goes with it. The baseline in effect stays put
 * whatever is ticked or unticked, and is pinned so that it stays put in later selections too;
 * only unticking the baseline itself passes it on, to the first run left.
 */
export function selectRuns(
  view: ViewState,
  runs: readonly string[],
): Pick<ViewState, 'runs' | 'baseline'> {
  const current = effectiveBaseline(view);
  const baseline = current !== null && runs.includes(current) ? current : (runs[0] ?? '');
  return { runs: [...runs], baseline };
}

/** The view a shared run page carries: the one run, which the page shows. */
export const runPageView = (id: string): ViewState => ({
  ...DEFAULT_VIEW,
  page: 'run',
  runs: [id],
  baseline: id,
});

/** The rename mapping as a lookup table without a prototype (names like `__proto__` are data). */
export function mappingRecord(pairs: ViewState['mapping']): Readonly<Record<string, string>> {
  const out = Object.create(null) as Record<string, string>;
  for (const [cand, base] of pairs) out[cand] = base;
  return out;
}

const MAX_PARAM = 20_000;

function num(text: string | null, fallback: number, max: number): number {
  if (text === null || text.trim() === '') return fallback;
  const n = Number(text);
  return Number.isFinite(n) && n >= 0 && n <= max ? n : fallback;
}

function jsonParam(text: string | null): unknown {
  if (text === null || text.length > MAX_PARAM) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function parseSort(text: string | null): SortSpec[] | null {
  if (text === null) return null;
  const out: SortSpec[] = [];
  for (const part of text.split(',').slice(0, 8)) {
    const [id, dir] = part.split('.');
    const col = SORT_COLUMNS.find((c) => c === id);
    if (col && (dir === 'asc' || dir === 'desc')) out.push({ id: col, desc: dir === 'desc' });
  }
  return out;
}

function parseMapping(text: string | null): [string, string][] {
  const data = jsonParam(text);
  if (!Array.isArray(data)) return [];
  return data
    .filter(
      (p): p is [string, string] =>
        Array.isArray(p) && p.length === 2 && typeof p[0] === 'string' && typeof p[1] === 'string',
    )
    .slice(0, 10_000)
    .map(([a, b]) => [a, b]);
}

export function viewFromParams(params: URLSearchParams): ViewState {
  const ids = (params.get('runs') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '' && s.length <= 200);
  const tab = COMPARE_TABS.find((t) => t === params.get('tab')) ?? DEFAULT_VIEW.tab;
  const buckets = (params.get('buckets') ?? '')
    .split(',')
    .map((b) => BUCKETS.find((x) => x === b))
    .filter((b): b is Bucket => b !== undefined);
  const gate = jsonParam(params.get('gate'));
  return {
    page: 'compare',
    runs: [...new Set(ids)].slice(0, 64),
    baseline: params.get('base') ?? '',
    tab,
    diffOnly: params.get('diff') === '1',
    noisePct: num(params.get('noisePct'), DEFAULT_VIEW.noisePct, 1000),
    noiseUs: num(params.get('noiseUs'), DEFAULT_VIEW.noiseUs, 1e9),
    sort: parseSort(params.get('sort')) ?? DEFAULT_VIEW.sort,
    query: (params.get('q') ?? '').slice(0, 500),
    buckets: [...new Set(buckets)],
    mapping: parseMapping(params.get('map')),
    gate:
      gate !== undefined && isValid('gate-rules', gate) ? (gate as GateRules) : DEFAULT_GATE_RULES,
  };
}

const sortText = (sort: readonly SortSpec[]): string =>
  sort.map((s) => `${s.id}.${s.desc ? 'desc' : 'asc'}`).join(',');

/** Only what differs from the defaults goes into the URL, so ordinary links stay short. */
export function viewToParams(view: ViewState): URLSearchParams {
  const p = new URLSearchParams();
  if (view.runs.length > 0) p.set('runs', view.runs.join(','));
  if (view.baseline !== '') p.set('base', view.baseline);
  if (view.tab !== DEFAULT_VIEW.tab) p.set('tab', view.tab);
  if (view.diffOnly) p.set('diff', '1');
  if (view.noisePct !== DEFAULT_VIEW.noisePct) p.set('noisePct', String(view.noisePct));
  if (view.noiseUs !== DEFAULT_VIEW.noiseUs) p.set('noiseUs', String(view.noiseUs));
  if (sortText(view.sort) !== sortText(DEFAULT_VIEW.sort)) p.set('sort', sortText(view.sort));
  if (view.query !== '') p.set('q', view.query);
  if (view.buckets.length > 0) p.set('buckets', view.buckets.join(','));
  if (view.mapping.length > 0) p.set('map', JSON.stringify(view.mapping));
  if (JSON.stringify(view.gate) !== JSON.stringify(DEFAULT_GATE_RULES)) {
    p.set('gate', JSON.stringify(view.gate));
  }
  return p;
}
