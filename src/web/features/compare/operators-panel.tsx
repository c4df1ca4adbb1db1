// Operators across runs: per-run bucket counts and geometric mean, then one table of every
// compared run's rows against the baseline, with diff-only, noise floor, bucket and text filters
// and multi-column sort (shift-click adds a column). All of it lives in the view state (URL).
// Only the rows in view are rendered (TanStack Virtual), so models with thousands of operators
// per run stay fast; spacer rows stand in for the rest and exist only when rows are off screen.
import { useMemo, useRef, type MouseEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useTranslation } from 'react-i18next';
import type { Bucket, OperatorComparison } from '../../../core/model/compare.ts';
import { visibleRows } from '../../../core/model/compare.ts';
import {
  BUCKETS,
  SORT_COLUMNS,
  type SortColumn,
  type ViewState,
} from '../../../core/share/view-state.ts';
import { useNumberFormats } from '../../components/number-format.ts';
import { MappingEditor } from './mapping-editor.tsx';
import { NumberField } from './number-field.tsx';
import { COMPARE_NS } from './strings.ts';
import { sortRows, type TableRow } from './view-model.ts';
import {
  DIFF_CLASS,
  DIFF_GLYPH,
  DiffBadge,
  useChangeSize,
} from '../../components/charts/diff-badge.tsx';

/** Shown as their own columns on wide screens only; under the operator name on narrow ones. */
const WIDE_ONLY: ReadonlySet<SortColumn> = new Set(['type', 'dimension']);
/** Estimated row height before measuring (rows with long names wrap and are measured). */
const ROW_HEIGHT = 31;
const NUMERIC: ReadonlySet<SortColumn> = new Set([
  'baseUs',
  'candUs',
  'deltaUs',
  'deltaPct',
  'speedup',
]);

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
  const rows = useMemo(() => {
    const q = view.query.trim().toLowerCase();
    const filtered = (visibleRows(all, view.diffOnly) as TableRow[]).filter(
      (r) =>
        (view.buckets.length === 0 || view.buckets.includes(r.bucket)) &&
        (q === '' ||
          r.name.toLowerCase().includes(q) ||
          r.type.toLowerCase().includes(q) ||
          (r.candName ?? '').toLowerCase().includes(q)),
    );
    return sortRows(filtered, view.sort);
  }, [all, view.diffOnly, view.buckets, view.query, view.sort]);

  const onSort = (col: SortColumn, e: MouseEvent) => {
    const current = view.sort.find((s) => s.id === col);
    const next = { id: col, desc: current ? !current.desc : NUMERIC.has(col) };
    update({ sort: e.shiftKey ? [...view.sort.filter((s) => s.id !== col), next] : [next] });
  };
  const toggleBucket = (b: Bucket) =>
    update({
      buckets: view.buckets.includes(b)
        ? view.buckets.filter((x) => x !== b)
        : [...view.buckets, b],
    });
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 30,
  });
  const items = virtualizer.getVirtualItems();
  const padTop = items[0]?.start ?? 0;
  const padBottom = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);

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
        {t('ops.shown', { shown: rows.length, total: all.length })}
      </p>
      <div className="table-scroll ops-scroll" ref={scrollRef}>
        <table className="compare-table ops-table" data-testid="ops-table">
          <thead>
            <tr>
              <th scope="col">{t('ops.col.run')}</th>
              {SORT_COLUMNS.map((col) => {
                const s = view.sort.find((x) => x.id === col);
                return (
                  <th
                    key={col}
                    scope="col"
                    className={
                      NUMERIC.has(col) ? 'num' : WIDE_ONLY.has(col) ? 'ops-wide' : undefined
                    }
                    aria-sort={s ? (s.desc ? 'descending' : 'ascending') : 'none'}
                  >
                    <button
                      type="button"
                      className="sort-button"
                      onClick={(e) => onSort(col, e)}
                      aria-label={t('ops.sortBy', { column: t(`ops.col.${col}`) })}
                    >
                      {t(`ops.col.${col}`)}
                      {s ? (s.desc ? ' ↓' : ' ↑') : ''}
                    </button>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {padTop > 0 ? (
              <tr aria-hidden="true" data-spacer="">
                <td colSpan={SORT_COLUMNS.length + 1} style={{ height: padTop, padding: 0 }} />
              </tr>
            ) : null}
            {items.map((item) => {
              const r = rows[item.index];
              if (!r) return null;
              const d = r.diff;
              const cls = DIFF_CLASS[r.label];
              return (
                <tr
                  key={`${r.runId}|${r.key}`}
                  ref={virtualizer.measureElement}
                  data-index={item.index}
                  data-bucket={r.bucket}
                  data-name={r.name}
                >
                  <td>
                    <span className="run-tag">{short.get(r.runId)}</span>
                  </td>
                  {/* On narrow screens type and dimension show under the name (CSS ::after). */}
                  <td className="op-name" data-sub={`${r.type} · ${r.dimension ?? '—'}`}>
                    {r.name}
                    {r.candName !== null && r.candName !== r.name ? (
                      <span className="muted"> ← {r.candName}</span>
                    ) : null}
                    {r.via === 'mapping' || r.via === 'shape' ? (
                      <span className="badge" title={t(`ops.via.${r.via}`)}>
                        {r.via === 'mapping' ? '⇄' : '⧉'}
                      </span>
                    ) : null}
                  </td>
                  <td className="ops-wide">{r.type}</td>
                  <td className="ops-wide">{r.dimension ?? '—'}</td>
                  <td className={cls} data-testid="ops-bucket">
                    {r.bucket === 'added' || r.bucket === 'removed' ? (
                      t(`ops.bucket.${r.bucket}`)
                    ) : (
                      <>
                        <span aria-hidden="true">{DIFF_GLYPH[r.label]}</span>{' '}
                        {t(`ops.bucket.${r.bucket}`)}
                      </>
                    )}
                  </td>
                  <td className="num">{f.usFixed(r.baseUs)}</td>
                  <td className="num">{f.usFixed(r.candUs)}</td>
                  <td className="num" data-testid="ops-delta">
                    {d.kind !== 'numeric' ? (
                      '—'
                    ) : r.label === 'neutral' ? (
                      // Within the noise floor: the size only; the change column says "unchanged".
                      <span className="neutral">{`${DIFF_GLYPH.neutral} ${f.usFixed(Math.abs(d.delta))} µs`}</span>
                    ) : (
                      <DiffBadge label={r.label} magnitude={`${f.usFixed(Math.abs(d.delta))} µs`} />
                    )}
                  </td>
                  <td className={`num ${cls}`} data-testid="ops-change">
                    {d.kind === 'numeric' && changeSize(d.base, d.cand) !== ''
                      ? `${DIFF_GLYPH[r.label]} ${changeSize(d.base, d.cand)}`
                      : '—'}
                  </td>
                  <td className="num">{d.kind === 'numeric' ? f.times(d.speedup) : '—'}</td>
                </tr>
              );
            })}
            {padBottom > 0 ? (
              <tr aria-hidden="true" data-spacer="">
                <td colSpan={SORT_COLUMNS.length + 1} style={{ height: padBottom, padding: 0 }} />
              </tr>
            ) : null}
          </tbody>
        </table>
        {rows.length === 0 ? <p className="muted">{t('ops.none')}</p> : null}
      </div>
      <MappingEditor
        rows={all}
        mapping={view.mapping}
        readOnly={readOnly}
        onChange={(mapping) => update({ mapping })}
      />
    </section>
  );
}
