// The run page's Measured view: AOE's claim next to what the linked benchmark files measured
// (mean and P99, in the gate's words: faster / slower), per batch size; each file's role and why;
// the latency distribution when the files hold per-iteration data; the H2D / compute / D2H split
// when the tool states it; and the acceptance report of this run (HTML / Markdown), with its Advice.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { LatencyStats } from '../../../core/measure/model.ts';
import {
  measuredBatches,
  type LinkedMeasurement,
  type MeasuredBatch,
} from '../../../core/measure/link.ts';
import { changeWord, gateWord, reasonText, verdictText } from '../../../core/model/gate-words.ts';
import type { TuningReport, TuningTask } from '../../../core/model/types.ts';
import { ChartCard } from '../../components/charts/chart-card.tsx';
import type { Comparison } from '../../../core/model/comparison.ts';
import {
  AcceptanceDownload,
  reportLang,
} from '../../components/acceptance/acceptance-download.tsx';
import { runFindings, sharedAdvice } from '../../components/advice/advice-input.ts';
import { cdfPoints, claimOf, runComparison, type Change } from './measured-model.ts';
import { useAppStore } from '../../store/index.ts';
import { MEASURED_NS } from './measured-strings.ts';
import { MeasureFiles } from './measure-files.tsx';

const ms = (v: number | null | undefined): string =>
  v === null || v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(3);

const COLORS = {
  baseline: 'var(--chart-base, #8c8c8c)',
  tuned: 'var(--chart-cand, #1677ff)',
  gpu: 'var(--chart-gpu, #52a447)',
};
const DASH = { baseline: '6 3', tuned: '', gpu: '2 3' };

function CdfChart({ batch }: { readonly batch: MeasuredBatch }) {
  const { t } = useTranslation(MEASURED_NS);
  const series = (['baseline', 'tuned', 'gpu'] as const).flatMap((role) => {
    const l = batch[role];
    const it = l?.measurement.iterationsMs;
    return l && it && it.length > 0 ? [{ role, name: l.path, points: cdfPoints(it) }] : [];
  });
  if (series.length === 0) return null;
  const xs = series.flatMap((s) => s.points.map((p) => p[0]));
  const lo = Math.min(...xs);
  const hi = Math.max(...xs);
  const W = 640;
  const H = 240;
  const L = 48;
  const B = 32;
  const x = (v: number) => L + ((v - lo) / (hi - lo || 1)) * (W - L - 12);
  const y = (f: number) => H - B - f * (H - B - 10);
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => lo + f * (hi - lo));
  return (
    <ChartCard
      title={t('cdf')}
      runNames={series.map((s) => s.name)}
      legend={series.map((s) => ({
        label: `${t(`role.${s.role}`)} · ${s.name}`,
        color: COLORS[s.role],
      }))}
      hint={t('cdfHint')}
      table={{
        columns: [t('col.role'), t('col.count'), 'P50', 'P90', 'P99'],
        rows: series.map((s) => {
          const at = (q: number) => s.points.find((p) => p[1] >= q)?.[0] ?? null;
          return [
            t(`role.${s.role}`),
            String(batch[s.role]?.measurement.iterationsMs?.length ?? 0),
            ms(at(0.5)),
            ms(at(0.9)),
            ms(at(0.99)),
          ];
        }),
      }}
      exportName="latency-cdf"
      testId="measured-cdf"
    >
      <svg
        viewBox={`0 0 ${W} ${H}`}
        width="100%"
        role="img"
        aria-label={t('cdf')}
        className="measured-cdf"
      >
        <line x1={L} y1={y(0)} x2={W - 12} y2={y(0)} stroke="currentColor" strokeOpacity="0.4" />
        <line x1={L} y1={y(0)} x2={L} y2={y(1)} stroke="currentColor" strokeOpacity="0.4" />
        {ticks.map((v, i) => (
          <text
            key={i}
            x={x(v)}
            y={H - B + 16}
            fontSize="11"
            textAnchor={i === 0 ? 'start' : i === ticks.length - 1 ? 'end' : 'middle'}
            fill="currentColor"
          >
            {v.toFixed(2)}
          </text>
        ))}
        {[0, 0.5, 0.99].map((f) => (
          <text key={f} x={L - 6} y={y(f) + 4} fontSize="11" textAnchor="end" fill="currentColor">
            {f === 0.99 ? 'P99' : `${f * 100}%`}
          </text>
        ))}
        <text x={(W + L) / 2} y={H - 2} fontSize="11" textAnchor="middle" fill="currentColor">
          {t('cdfX')}
        </text>
        {series.map((s) => (
          <polyline
            key={s.role}
            data-role={s.role}
            fill="none"
            stroke={COLORS[s.role]}
            strokeWidth="2"
            strokeDasharray={DASH[s.role]}
            points={s.points.map(([v, f]) => `${x(v).toFixed(1)},${y(f).toFixed(1)}`).join(' ')}
          />
        ))}
      </svg>
    </ChartCard>
  );
}

function BatchBlock(props: { readonly task: TuningTask; readonly batch: MeasuredBatch }) {
  const { t, i18n } = useTranslation(MEASURED_NS);
  const lang = reportLang(i18n.language);
  const { task, batch } = props;
  const claim = claimOf(task, batch);
  const word = (c: Change | null) =>
    c ? changeWord((k, p) => gateWord(lang, k, p), c.direction, c.pct) : t('notMeasured');
  const rows = (['baseline', 'tuned', 'gpu'] as const).flatMap((role) => {
    const l = batch[role];
    return l ? [{ role, l }] : [];
  });
  const split = rows.some(
    (r) => r.l.measurement.h2dMs || r.l.measurement.computeMs || r.l.measurement.d2hMs,
  );
  const mean = (s: LatencyStats | undefined) => ms(s?.mean);
  return (
    <div className="measured-batch" data-testid="measured-batch" data-batch={batch.batchSize ?? ''}>
      <h3>{batch.batchSize === null ? t('batchUnknown') : t('batch', { bs: batch.batchSize })}</h3>
      <p className="measured-claim" data-testid="measured-claim">
        {t('claim', {
          aoe: claim.aoe ? word(claim.aoe) : t('notMeasured'),
          mean: word(claim.mean),
          p99: word(claim.p99),
        })}
        {claim.aoeStatedPct !== null ? (
          <span className="muted">
            {' '}
            ({t('claimStated', { pct: claim.aoeStatedPct.toFixed(2) })})
          </span>
        ) : null}
      </p>
      {claim.vsGpu ? (
        <p data-testid="measured-vs-gpu">{t('vsGpu', { change: word(claim.vsGpu) })}</p>
      ) : null}
      <div className="table-scroll measured-scroll">
        <table className="data-table measured-table" data-testid="measured-run-table">
          <thead>
            <tr>
              <th scope="col">{t('col.role')}</th>
              <th scope="col">{t('col.file')}</th>
              <th scope="col">{t('col.tool')}</th>
              <th scope="col">{t('col.count')}</th>
              <th scope="col">{t('col.mean')}</th>
              <th scope="col">{t('col.median')}</th>
              <th scope="col">{t('col.p95')}</th>
              <th scope="col">{t('col.p99')}</th>
              <th scope="col">{t('col.throughput')}</th>
              {split ? (
                <>
                  <th scope="col">{t('col.h2d')}</th>
                  <th scope="col">{t('col.compute')}</th>
                  <th scope="col">{t('col.d2h')}</th>
                </>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {rows.map(({ role, l }) => {
              const m = l.measurement;
              const why =
                l.reason.kind === 'tool'
                  ? t('why.tool', { tool: l.reason.tool })
                  : l.reason.kind === 'word'
                    ? t('why.word', { word: l.reason.word })
                    : l.reason.kind === 'hand'
                      ? t('why.hand')
                      : l.reason.kind === 'step'
                        ? t('why.step', { n: l.reason.step + 1, tool: l.reason.tool })
                        : t('why.none', { role: t(`role.${role}`) });
              return (
                <tr key={role} data-role={role} data-file={l.id} tabIndex={-1}>
                  <th scope="row">
                    {t(`role.${role}`)}
                    <div className="muted measured-why">{why}</div>
                  </th>
                  <td className="mono">{l.path}</td>
                  <td>{m.toolVersion ? `${m.tool} ${m.toolVersion}` : m.tool}</td>
                  <td className="num">{m.latencyMs.count ?? m.iterationsMs?.length ?? '—'}</td>
                  <td className="num">{ms(m.latencyMs.mean)}</td>
                  <td className="num">{ms(m.latencyMs.median)}</td>
                  <td className="num">{ms(m.latencyMs.p95)}</td>
                  <td className="num">{ms(m.latencyMs.p99)}</td>
                  <td className="num">
                    {m.throughputPerS === null ? '—' : m.throughputPerS.toFixed(1)}
                  </td>
                  {split ? (
                    <>
                      <td className="num">{mean(m.h2dMs)}</td>
                      <td className="num">{mean(m.computeMs)}</td>
                      <td className="num">{mean(m.d2hMs)}</td>
                    </>
                  ) : null}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <CdfChart batch={batch} />
    </div>
  );
}

export function MeasuredPanel(props: {
  /** The report file's id (the Advice panel's run). */
  readonly reportId: string;
  readonly fileName: string;
  readonly report: TuningReport;
  readonly task: TuningTask;
  /** The task's index in its file (the Advice panel's run). */
  readonly taskIndex: number;
  readonly runId: string;
  /** The measurements linked to the run's report, each with its role and why. */
  readonly linked: readonly LinkedMeasurement[];
  /** Roles and batch sizes can be set by hand (the workspace's runs, not a shared one's). */
  readonly editable: boolean;
}) {
  const { t } = useTranslation(MEASURED_NS);
  const batches = useMemo(() => measuredBatches(props.linked), [props.linked]);
  if (batches.length === 0) {
    return (
      <div className="measured-empty" data-testid="measured-empty">
        <h2>{t('title')}</h2>
        <p>{t('empty')}</p>
        <p className="muted">{t('emptyCommand')}</p>
        <pre className="mono">
          {'python3 -m ais_bench --model resnet50_bs1.om --loop 1000 --output ./baseline\n'}
          {'python3 -m ais_bench --model resnet50_bs1_tuned.om --loop 1000 --output ./tuned'}
        </pre>
      </div>
    );
  }
  const first = batches.find((b) => b.baseline || b.tuned) ?? batches[0];
  const comparison =
    first !== undefined
      ? runComparison(
          { id: props.runId, fileName: props.fileName, generation: props.report.generation },
          props.task,
          first,
        )
      : null;
  return (
    <div className="measured-panel" data-testid="measured-panel">
      <div className="measured-head">
        <h2>{t('title')}</h2>
        {comparison ? (
          <AcceptanceDownload
            comparison={comparison}
            advice={() => {
              // The run's Advice as its panel shows it, with the dismissals made there.
              const state = useAppStore.getState();
              const findings = runFindings(state, props.reportId, props.taskIndex);
              return findings
                ? [{ run: props.task.name, advice: sharedAdvice(findings, state.dismissals) }]
                : [];
            }}
          />
        ) : null}
      </div>
      {comparison ? <RunVerdictBlock comparison={comparison} /> : null}
      {batches.map((b) => (
        <BatchBlock key={String(b.batchSize)} task={props.task} batch={b} />
      ))}
      {batches.length > 1 ? <ByBatch batches={batches} /> : null}
      <MeasureFiles linked={props.linked} batches={batches} editable={props.editable} />
    </div>
  );
}

/** The gate's verdict on the tuned OM against the baseline OM (and the GPU), with its reasons. */
function RunVerdictBlock({ comparison }: { readonly comparison: Comparison }) {
  const { i18n } = useTranslation(MEASURED_NS);
  const lang = reportLang(i18n.language);
  const run = comparison.gate.runs[0];
  if (!run) return null;
  return (
    <div className="measured-verdict" data-testid="measured-verdict" data-verdict={run.verdict}>
      <p className="measured-claim">{verdictText(lang, run.verdict)}</p>
      <ul>
        {run.reasons.map((r, i) => (
          <li key={i} data-rule={r.rule} data-status={r.status}>
            {reasonText(lang, r)}
          </li>
        ))}
      </ul>
    </div>
  );
}

function ByBatch({ batches }: { readonly batches: readonly MeasuredBatch[] }) {
  const { t } = useTranslation(MEASURED_NS);
  return (
    <section>
      <h3>{t('byBatch')}</h3>
      <div className="table-scroll measured-scroll">
        <table className="data-table" data-testid="measured-by-batch">
          <thead>
            <tr>
              <th scope="col">Batch</th>
              {(['baseline', 'tuned', 'gpu'] as const).map((r) => (
                <th key={r} scope="col">
                  {t(`role.${r}`)}: {t('col.mean')} · {t('col.throughput')}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {batches.map((b) => (
              <tr key={String(b.batchSize)}>
                <th scope="row">{b.batchSize ?? '—'}</th>
                {(['baseline', 'tuned', 'gpu'] as const).map((r) => {
                  const m = b[r]?.measurement;
                  return (
                    <td key={r} className="num">
                      {m ? `${ms(m.latencyMs.mean)} · ${m.throughputPerS?.toFixed(1) ?? '—'}` : '—'}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
