// Operators across runs: per-run bucket counts and geometric mean, then one table of every
// compared run's rows against the baseline, with diff-only, noise floor, bucket and text filters
// and multi-column sort (shift-click adds a column). All of it lives in the view state, so it
// travels in share links. The table is the shared data table (components/data-table): its view
// state is held here and mapped to the compare view; its rows are measured because long operator
// names wrap, and only the rows in view are rendered, so thousands of operators stay fast.
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Bucket, OperatorComparison } from '../../../core/model/compare.ts';
import { visibleRows } from '../../../core/model/compare.ts';
import {
  BUCKETS,
  SORT_COLUMNS,
  type SortColumn,
  type SortSpec,
  type ViewState,
} from '../../../core/share/view-state.ts';
import { DataTable, type DataTableColumn } from '../../components/data-table/data-table.tsx';
import { isValueList } from '../../components/data-table/engine.ts';
import type { TableViewState } from '../../components/data-table/url-state.ts';
import { useNumberFormats } from '../../components/number-format.ts';
import { MappingEditor } from './mapping-editor.tsx';
import { NumberField } from './number-field.tsx';
import { COMPARE_NS } from './strings.ts';
import { operatorColumns, type TableRow } from './view-model.ts';
import {
  DIFF_CLASS,
  DIFF_GLYPH,
  DiffBadge,
  useChangeSize,
} from '../../components/charts/diff-badge.tsx';
/**
 * Grid tracks. The minimums add up to what fits at 800 px with type and dimension collapsed
 * (compare.css sets `--ops-wide-col` to 0 on narrow screens).
 */
const WIDTH: Readonly<Record<'run' | SortColumn, string>> = {
  run: 'minmax(6.5rem, 1.8fr)',
  name: 'minmax(7rem, 2.2fr)',
  type: 'var(--ops-wide-col, minmax(7rem, 1fr))',
  dimension: 'var(--ops-wide-col, minmax(6rem, 1fr))',
  bucket: 'minmax(5.5rem, 1.3fr)',
  baseUs: 'minmax(5rem, 1fr)',
  candUs: 'minmax(5rem, 1fr)',
  deltaUs: 'minmax(6rem, 1.8fr)',
  deltaPct: 'minmax(6rem, 1fr)',
  speedup: 'minmax(4.5rem, 1fr)',
};
const isSortColumn = (id: string): id is SortColumn => (SORT_COLUMNS as string[]).includes(id);
const isBucket = (v: string): v is Bucket => (BUCKETS as string[]).includes(v);

const SEARCH_COLUMNS = ['name', 'type', 'candName'];
const NO_FILTERS: TableViewState['filters'] = {};

export function OperatorsPanel(props: {
  readonly comparisons: readonly OperatorComparison[];
  readonly labels: ReadonlyMap<string, string>;
  readonly short: ReadonlyMap<string, string>;
  readonly view: ViewState;
  readonly update: (patch: Partial<ViewState>) => void;
  readonly readOnly: boolean;
}) {
  const { comparisons, labels, short, view, update, readOnly } = props;
  const { t } = useTranslation(COMPARE_NS);
  const f = useNumberFormats();
  const changeSize = useChangeSize();
  const all = useMemo<TableRow[]>(
    () =>
      comparisons.flatMap((c) =>
        c.rows.map((r) => ({ ...r, runId: c.runId, runLabel: labels.get(c.runId) ?? c.runId })),
      ),
    [comparisons, labels],
  );
  // Diff-only depends on the noise floor, which the comparison already applied to the labels.
  const rows = useMemo(() => visibleRows(all, view.diffOnly) as TableRow[], [all, view.diffOnly]);
  const data = useMemo(() => operatorColumns(rows, short), [rows, short]);
  const [shown, setShown] = useState<number | null>(null);

  const tableState = useMemo<TableViewState>(
    () => ({
      sorting: view.sort,
      filters: view.buckets.length > 0 ? { bucket: view.buckets } : NO_FILTERS,
      search: view.query,
      groupBy: null,
      hidden: [],
    }),
    [view.sort, view.buckets, view.query],
  );
  const onTableChange = useCallback(
    (next: TableViewState) => {
      const bucket = next.filters['bucket'];
      update({
        sort: next.sorting.flatMap((k): SortSpec[] =>
          isSortColumn(k.id) ? [{ id: k.id, desc: k.desc }] : [],
        ),
        buckets: isValueList(bucket) ? bucket.filter(isBucket) : [],
        query: next.search,
      });
    },
    [update],
  );
  const viewState = useMemo(
    () => ({ state: tableState, onChange: onTableChange }),
    [tableState, onTableChange],
  );

  const columns = useMemo<DataTableColumn[]>(() => {
    const at = (row: number) => rows[row];
    const numericDiff = (row: number) => {
      const d = at(row)?.diff;
      return d?.kind === 'numeric' ? d : null;
    };
    const header = (id: 'run' | SortColumn) => t(`ops.col.${id}`);
    return [
      {
        id: 'run',
        header: header('run'),
        sortable: false,
        width: WIDTH.run,
        cell: (row) => {
          const id = at(row)?.runId ?? '';
          return (
            <span className="run-tag" title={labels.get(id) ?? id}>
              {short.get(id)}
            </span>
          );
        },
      },
      {
        id: 'name',
        header: header('name'),
        width: WIDTH.name,
        // On narrow screens type and dimension show under the name (CSS ::after).
        cellProps: (row) => {
          const r = at(row);
          return { className: 'op-name', 'data-sub': `${r?.type ?? ''} · ${r?.dimension ?? '—'}` };
        },
        cell: (row) => {
          const r = at(row);
          if (!r) return null;
          return (
            <>
              {r.name}
              {r.candName !== null && r.candName !== r.name ? (
                <span className="muted"> ← {r.candName}</span>
              ) : null}
              {r.via === 'mapping' || r.via === 'shape' ? (
                <span className="badge" title={t(`ops.via.${r.via}`)}>
                  {r.via === 'mapping' ? '⇄' : '⧉'}
                </span>
              ) : null}
            </>
          );
        },
      },
      ...(['type', 'dimension'] as const).map((id): DataTableColumn => ({
        id,
        header: header(id),
        width: WIDTH[id],
        className: 'ops-wide',
        cell: (row) => (id === 'type' ? at(row)?.type : (at(row)?.dimension ?? '—')),
      })),
      {
        id: 'bucket',
        header: header('bucket'),
        width: WIDTH.bucket,
        cellProps: (row) => {
          const r = at(row);
          return { className: r ? DIFF_CLASS[r.label] : undefined, 'data-testid': 'ops-bucket' };
        },
        cell: (row) => {
          const r = at(row);
          if (!r) return null;
          return r.bucket === 'added' || r.bucket === 'removed' ? (
            t(`ops.bucket.${r.bucket}`)
          ) : (
            <>
              <span aria-hidden="true">{DIFF_GLYPH[r.label]}</span> {t(`ops.bucket.${r.bucket}`)}
            </>
          );
        },
      },
      {
        id: 'baseUs',
        header: header('baseUs'),
        width: WIDTH.baseUs,
        cell: (row) => f.usFixed(at(row)?.baseUs),
      },
      {
        id: 'candUs',
        header: header('candUs'),
        width: WIDTH.candUs,
        cell: (row) => f.usFixed(at(row)?.candUs),
      },
      {
        id: 'deltaUs',
        header: header('deltaUs'),
        width: WIDTH.deltaUs,
        cellProps: () => ({ 'data-testid': 'ops-delta' }),
        cell: (row) => {
          const r = at(row);
          const d = numericDiff(row);
          if (!r || !d) return '—';
          const size = `${f.usFixed(Math.abs(d.delta))} µs`;
          // Within the noise floor: the size only; the change column says "unchanged".
          return r.label === 'neutral' ? (
            <span className="neutral">{`${DIFF_GLYPH.neutral} ${size}`}</span>
          ) : (
            <DiffBadge label={r.label} magnitude={size} />
          );
        },
      },
      {
        id: 'deltaPct',
        header: header('deltaPct'),
        width: WIDTH.deltaPct,
        cellProps: (row) => {
          const r = at(row);
          const className = r ? `${DIFF_CLASS[r.label]} ops-change` : 'ops-change';
          return { className, 'data-testid': 'ops-change' };
        },
        cell: (row) => {
          const r = at(row);
          const d = numericDiff(row);
          const size = d ? changeSize(d.base, d.cand) : '';
          // One unit: the arrow never wraps away from its number.
          return r && size !== '' ? `${DIFF_GLYPH[r.label]}\u00a0${size}` : '—';
        },
      },
      {
        id: 'speedup',
        header: header('speedup'),
        width: WIDTH.speedup,
        cell: (row) => {
          const d = numericDiff(row);
          return d ? f.times(d.speedup) : '—';
        },
      },
    ];
  }, [rows, short, labels, t, f, changeSize]);

  const rowProps = useCallback(
    (row: number) => {
      const r = rows[row];
      return { 'data-bucket': r?.bucket, 'data-name': r?.name };
    },
    [rows],
  );
  const toggleBucket = (b: Bucket) =>
    update({
      buckets: view.buckets.includes(b)
        ? view.buckets.filter((x) => x !== b)
        : [...view.buckets, b],
    });

  return (
    <section className="compare-panel" aria-label={t('tabs.operators')}>
      <ul className="ops-summary">
        {comparisons.map((c) => (
          <li key={c.runId} data-testid="ops-summary" data-run={c.runId}>
            <span className="run-tag">{short.get(c.runId)}</span>{' '}
            {t('ops.summary', { run: labels.get(c.runId) ?? c.runId, ...c.counts })}
            {' · '}
            <span data-testid="geomean">
              {c.matched === 0
                ? t('ops.noMatched')
                : t('ops.geomean', { value: f.times(c.geomeanSpeedup), matched: c.matched })}
            </span>
          </li>
        ))}
      </ul>
      <div className="ops-filters" role="group" aria-label={t('ops.noise')}>
        <label className="check">
          <input
            type="checkbox"
            checked={view.diffOnly}
            onChange={(e) => update({ diffOnly: e.target.checked })}
          />
          {t('ops.diffOnly')}
        </label>
        <label>
          {t('ops.noisePct')}
          <NumberField
            value={view.noisePct}
            min={0}
            max={1000}
            onValue={(noisePct) => update({ noisePct })}
          />
        </label>
        <label>
          {t('ops.noiseUs')}
          <NumberField
            value={view.noiseUs}
            min={0}
            max={1e9}
            onValue={(noiseUs) => update({ noiseUs })}
          />
        </label>
        <label>
          {t('ops.search')}
          <input
            type="search"
            value={view.query}
            onChange={(e) => update({ query: e.target.value })}
          />
        </label>
        <span className="bucket-chips" role="group" aria-label={t('ops.buckets')}>
          {BUCKETS.map((b) => (
            <button
              key={b}
              type="button"
              aria-pressed={view.buckets.includes(b)}
              onClick={() => toggleBucket(b)}
              className={`chip bucket-${b}`}
            >
              {t(`ops.bucket.${b}`)}
            </button>
          ))}
        </span>
      </div>
      <p className="muted" role="status" data-testid="ops-shown">
        {shown === null ? '' : t('ops.shown', { shown, total: all.length })}
      </p>
      <DataTable
        label={t('tabs.operators')}
        data={data}
        columns={columns}
        urlKey="ops"
        viewState={viewState}
        rowHeight="measure"
        height="70vh"
        hideToolbar
        hideColumnFilters
        searchColumns={SEARCH_COLUMNS}
        rowProps={rowProps}
        onShownChange={setShown}
        emptyText={t('ops.none')}
        formatNumber={f.usFixed}
        className="ops-dt"
        testId="ops-table"
      />
      <MappingEditor
        rows={all}
        mapping={view.mapping}
        readOnly={readOnly}
        onChange={(mapping) => update({ mapping })}
      />
    </section>
  );
}
