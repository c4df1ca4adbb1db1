// Benchmark of the 1,000,000-row operator-table sort, for `npm run bench` (the web part calls it
// in headless Chromium on the built app; it also runs in Node). It sorts a profiler-like table by
// duration, descending, with the table's radix sort (sort.ts) and, as the baseline, with the
// library's own client sort (TanStack Table's sorted row model over row objects). No DOM needed.
// In a page: bundle this file as an IIFE (esbuild `bundle: true, format: 'iife', globalName:
// 'tableBench'`), add it with `page.addScriptTag({ content })`, then
// `page.evaluate(() => tableBench.benchTableSort())` → `{ tableSort1M: { ms, baselineMs, … } }`.
import {
  constructTable,
  createColumnHelper,
  createSortedRowModel,
  rowSortingFeature,
  sortFn_basic,
  tableFeatures,
} from '@tanstack/react-table';
// TanStack's framework-neutral reactivity, so the baseline table runs outside React (the package
// react-table itself depends on, at the same pinned version).
import { storeReactivityBindings } from '@tanstack/table-core/store-reactivity-bindings';
import { internStrings, numberColumn, type ColumnarData } from './columnar.ts';
import { sortRowIds } from './sort.ts';

export interface TableSortFigures {
  readonly tableSort1M: {
    /** Median of the runs of our sort, in ms. */
    readonly ms: number;
    /** TanStack Table's sorted row model on the same data (one run: it is slow), in ms. */
    readonly baselineMs: number;
    readonly rows: number;
    readonly targetMs: 300;
  };
}

interface Row {
  readonly name: string;
  readonly durationUs: number;
}

/** A deterministic profiler-like table: 2,000 distinct operators, long-tailed durations. */
function makeRows(n: number): { rows: Row[]; data: ColumnarData } {
  let seed = 0x2545f491;
  const random = () => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };
  const names: string[] = [];
  const durations = new Float64Array(n);
  const rows: Row[] = [];
  for (let i = 0; i < n; i++) {
    const name = `Conv_${i % 2000}`;
    const d = Math.round(1000 * (1 + 200 * random() ** 4)) / 1000;
    names.push(name);
    durations[i] = d;
    rows.push({ name, durationUs: d });
  }
  return {
    rows,
    data: {
      rowCount: n,
      columns: { name: internStrings(names), durationUs: numberColumn(durations) },
    },
  };
}

const features = tableFeatures({
  coreReactivityFeature: storeReactivityBindings(),
  rowSortingFeature,
  sortedRowModel: createSortedRowModel(),
  sortFns: { basic: sortFn_basic },
});
const helper = createColumnHelper<typeof features, Row>();
const columns = helper.columns([
  helper.accessor('name', {}),
  helper.accessor('durationUs', { sortFn: 'basic' }),
]);

function baselineSortMs(rows: Row[]): number {
  const table = constructTable({
    features,
    columns,
    data: rows,
    state: { sorting: [{ id: 'durationUs', desc: true }] },
  });
  // The core row model (one Row object per record) is built first and not counted.
  table.getCoreRowModel();
  const start = performance.now();
  table.getSortedRowModel();
  return performance.now() - start;
}

export function benchTableSort(rowCount = 1_000_000, runs = 5): TableSortFigures {
  const { rows, data } = makeRows(rowCount);
  const all = Uint32Array.from({ length: rowCount }, (_, i) => i);
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const start = performance.now();
    sortRowIds(data, all, [{ id: 'durationUs', desc: true }]);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const ms = times[Math.floor(times.length / 2)] ?? NaN;
  const round = (v: number) => Math.round(v * 10) / 10;
  return {
    tableSort1M: {
      ms: round(ms),
      baselineMs: round(baselineSortMs(rows)),
      rows: rowCount,
      targetMs: 300,
    },
  };
}
