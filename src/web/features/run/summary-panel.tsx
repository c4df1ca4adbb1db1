// The summary tab answers "what did tuning buy?": the model's change on an axis that shows it,
// how many operator rows got faster, slower or stayed the same, where the time saved came from
// (a Pareto of the operators), and the top gainers and worst regressions, each a link into the
// operators table. Then the figures as AOE stated them and the cross-check warnings.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import type { TuningReport } from '../../../core/model/types.ts';
import { DiffBadge } from '../../components/charts/diff-badge.tsx';
import { IssueList } from '../../components/issues/issue-list.tsx';
import { useNumberFormats } from '../../components/number-format.ts';
import { ModelDeltaChart } from './model-delta-chart.tsx';
import { SavedPareto } from './saved-pareto.tsx';
import { RUN_NS } from './strings.ts';
import { modelDeltas, operatorHref, type GainItem, type RunSummary } from './view-model.ts';

/**
 * AOE's own status words that the status word above them already translates ("tuning
 * successful", "tuning failed"): shown on hover only, so a Chinese page does not repeat them in
 * English. Anything else AOE wrote (a reason, a word the page does not know) stays in view.
 */
const PLAIN_STATUS = /^\s*(?:tuning\s+)?(?:success|successful|succeeded|fail|failed)\s*[.!]?\s*$/i;
const plainStatus = (text: string): boolean => PLAIN_STATUS.test(text);

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

function GainList(props: {
  title: string;
  empty: string;
  items: readonly GainItem[];
  testId: string;
}) {
  const { t } = useTranslation(RUN_NS);
  const f = useNumberFormats();
  // The fragment stays: in a shared session it names the session the page belongs to.
  const { hash } = useLocation();
  return (
    <section className="run-gain-list card" data-testid={props.testId}>
      <h2>{props.title}</h2>
      {props.items.length === 0 ? (
        <p className="muted">{props.empty}</p>
      ) : (
        <ol>
          {props.items.map((i) => (
            <li key={i.id}>
              <Link
                to={{ search: operatorHref(i.name), hash }}
                className="mono run-gain-name"
                title={t('outcome.open', { name: i.name })}
              >
                {i.label}
              </Link>
              <DiffBadge label={i.kind} magnitude={`${f.us(Math.abs(i.value))} µs`} />
              <span className="muted run-gain-times">
                {f.us(i.beforeUs)} → {f.us(i.afterUs)} µs
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
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
  const deltas = modelDeltas(report);
  const c = s.counts;
  return (
    <div className="run-summary">
      {deltas.length > 0 ? <ModelDeltaChart deltas={deltas} fileName={s.fileName} /> : null}
      {s.baselineMs === null ? <p className="muted">{t('summary.noModelTimes')}</p> : null}
      {c.rows > 0 ? (
        <>
          <section className="run-outcome card" data-testid="outcome-counts">
            <h2>{t('outcome.title')}</h2>
            <p className="run-outcome-counts">
              <span className="better" data-testid="count-faster">
                {t('outcome.faster', { count: f.int(c.faster) })}
              </span>
              <span className="worse" data-testid="count-slower">
                {t('outcome.slower', { count: f.int(c.slower) })}
              </span>
              <span className="neutral" data-testid="count-unchanged">
                {t('outcome.unchanged', { count: f.int(c.unchanged) })}
              </span>
            </p>
            <p className="muted">
              {t('outcome.note', { rows: f.int(c.rows) })} ·{' '}
              {t('outcome.savedLost', { saved: f.us(c.savedUs), lost: f.us(c.lostUs) })}
            </p>
          </section>
          {s.pareto.length > 0 ? (
            <SavedPareto bars={s.pareto} runName={s.taskName} totalSavedUs={c.savedUs} />
          ) : null}
          <div className="run-gain-lists">
            <GainList
              title={t('outcome.gainers')}
              empty={t('outcome.noGainers')}
              items={s.topGainers}
              testId="top-gainers"
            />
            <GainList
              title={t('outcome.regressions')}
              empty={t('outcome.noRegressions')}
              items={s.worstRegressions}
              testId="worst-regressions"
            />
          </div>
        </>
      ) : null}
      <dl className="run-figures">
        <Figure
          label={t('summary.status')}
          testId="fig-status"
          note={
            s.statusText && !plainStatus(s.statusText) ? (
              <span className="mono">{t('summary.statusSaid', { text: s.statusText })}</span>
            ) : undefined
          }
        >
          <span
            className={`status status-${s.status}`}
            title={s.statusText ? t('summary.statusSaid', { text: s.statusText }) : undefined}
          >
            {t(`status.${s.status}`)}
          </span>
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
          {s.statedPct === null ? (
            dash
          ) : (
            <DiffBadge
              label={s.statedPct > 0 ? 'improvement' : s.statedPct < 0 ? 'regression' : 'neutral'}
              magnitude={f.pct(Math.abs(s.statedPct))}
            />
          )}
        </Figure>
        <Figure
          label={t('summary.saved')}
          testId="fig-saved"
          note={
            s.savedPct === null
              ? undefined
              : t('summary.savedPct', { value: f.pct(Math.abs(s.savedPct)) })
          }
        >
          {s.savedMs === null ? (
            dash
          ) : (
            <DiffBadge label={s.savedLabel} magnitude={f.ms(Math.abs(s.savedMs))} />
          )}
        </Figure>
        <Figure
          label={t('summary.operatorsTuned')}
          testId="fig-operators"
          note={
            <>
              {t('summary.operatorsTunedNote')}
              {s.operatorRows !== s.operatorsTuned
                ? ` · ${t('summary.operatorRows', { count: s.operatorRows })}`
                : ''}
            </>
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
      {s.warnings.length > 0 ? (
        <section className="run-warnings" data-testid="cross-check-warnings">
          <h2>{t('summary.warnings')}</h2>
          <IssueList issues={s.warnings} />
        </section>
      ) : null}
    </div>
  );
}
