// The summary tab: status, times, what AOE said and what it means in time saved, the operator
// counts, the cross-check warnings, and the baseline-vs-tuned latency chart.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TuningReport } from '../../../core/model/types.ts';
import { IssueList } from '../../components/issues/issue-list.tsx';
import { useNumberFormats } from '../../components/data-table/number-format.ts';
import { LatencyChart } from './latency-chart.tsx';
import { RUN_NS } from './strings.ts';
import { latencySeries, type RunSummary } from './view-model.ts';

function Figure(props: { label: string; children: ReactNode; note?: ReactNode; testId?: string }) {
  return (
    <div className="run-figure card" data-testid={props.testId}>
      <dt className="muted">{props.label}</dt>
      <dd>
        <span className="run-figure-value">{props.children}</span>
        {props.note ? <span className="run-figure-note muted">{props.note}</span> : null}
      </dd>
    </div>
  );
}

export function SummaryPanel({
  summary: s,
  report,
}: {
  summary: RunSummary;
  report: TuningReport;
}) {
  const { t } = useTranslation(RUN_NS);
  const f = useNumberFormats();
  const dash = '—';
  const glyph = s.savedLabel === 'improvement' ? '▲' : s.savedLabel === 'regression' ? '▼' : '';
  const cls =
    s.savedLabel === 'improvement' ? 'better' : s.savedLabel === 'regression' ? 'worse' : 'neutral';
  const series = latencySeries(report);
  return (
    <div className="run-summary">
      <dl className="run-figures">
        <Figure
          label={t('summary.status')}
          testId="fig-status"
          note={s.statusText ? <span className="mono">{s.statusText}</span> : undefined}
        >
          <span className={`status status-${s.status}`}>{t(`status.${s.status}`)}</span>
        </Figure>
        <Figure label={t('summary.tuningTime')} testId="fig-tuning-time">
          {s.tuningTimeS === null ? dash : `${f.int(s.tuningTimeS)} s`}
        </Figure>
        <Figure label={t('summary.baseline')} testId="fig-baseline">
          {s.baselineMs === null ? dash : f.ms(s.baselineMs)}
        </Figure>
        <Figure label={t('summary.tuned')} testId="fig-tuned">
          {s.tunedMs === null ? dash : f.ms(s.tunedMs)}
        </Figure>
        <Figure
          label={t('summary.stated')}
          testId="fig-stated"
          note={
            s.recomputedPct === null
              ? undefined
              : t('summary.recomputed', { value: f.pct(s.recomputedPct) })
          }
        >
          {s.statedPct === null ? dash : f.pct(s.statedPct)}
        </Figure>
        <Figure
          label={t('summary.saved')}
          testId="fig-saved"
          note={
            s.savedPct === null ? undefined : t('summary.savedPct', { value: f.pct(s.savedPct) })
          }
        >
          {s.savedMs === null ? (
            dash
          ) : (
            <span className={cls}>
              {glyph ? <span aria-hidden="true">{glyph} </span> : null}
              {f.ms(s.savedMs)}
            </span>
          )}
        </Figure>
        <Figure
          label={t('summary.operatorsTuned')}
          testId="fig-operators"
          note={
            s.operatorRows !== s.operatorsTuned
              ? t('summary.operatorRows', { count: s.operatorRows })
              : undefined
          }
        >
          {f.int(s.operatorsTuned)}
        </Figure>
        <Figure label={t('summary.failed')} testId="fig-failed">
          {s.failedOperators.length === 0 ? (
            t('summary.none')
          ) : (
            <>
              {f.int(s.failedOperators.length)}
              <span className="run-failed-list mono">{s.failedOperators.join(', ')}</span>
            </>
          )}
        </Figure>
      </dl>
      <p className="muted run-note">{t('summary.speedupNote')}</p>
      {s.baselineMs === null ? <p className="muted">{t('summary.noModelTimes')}</p> : null}
      {s.warnings.length > 0 ? (
        <section className="run-warnings" data-testid="cross-check-warnings">
          <h2>{t('summary.warnings')}</h2>
          <IssueList issues={s.warnings} />
        </section>
      ) : null}
      {series.length > 0 ? <LatencyChart series={series} /> : null}
    </div>
  );
}
