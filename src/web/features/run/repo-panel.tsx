// The knowledge-base tab: repo_summary as bars (hit / add / update / reserved / unsatisfied of the
// total), the hit rate, and the operators this run added to or updated in the knowledge base.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, LabelList, Tooltip, XAxis, YAxis } from 'recharts';
import { THEMED_TOOLTIP } from '../../components/chart-theme.ts';
import type { TuningTask } from '../../../core/model/types.ts';
import { ChartFrame } from '../../components/data-table/chart-frame.tsx';
import { useNumberFormats } from '../../components/number-format.ts';
import { RUN_NS } from './strings.ts';
import { repoOperators, repoView } from './view-model.ts';

export function RepoPanel({ task }: { task: TuningTask }) {
  const { t } = useTranslation(RUN_NS);
  const f = useNumberFormats();
  const view = useMemo(() => (task.repoSummary ? repoView(task.repoSummary) : null), [task]);
  const modified = useMemo(() => repoOperators(task), [task]);
  const bars = view?.bars.map((b) => ({ ...b, label: t(`repo.keys.${b.key}`) })) ?? [];
  const sum = bars.reduce((n, b) => n + b.value, 0);
  const title = view ? t('repo.chart', { sum, total: view.total }) : t('repo.title');
  return (
    <div className="run-repo">
      {view ? (
        <>
          <dl className="run-figures">
            <div className="run-figure card" data-testid="fig-hit-rate">
              <dt className="muted">{t('repo.hitRate')}</dt>
              <dd className="run-figure-value">
                {view.hitRate === null ? '—' : f.share(view.hitRate)}
              </dd>
            </div>
            <div className="run-figure card" data-testid="fig-repo-total">
              <dt className="muted">{t('repo.total')}</dt>
              <dd>
                <span className="run-figure-value">{f.int(view.total)}</span>
                <span className="run-figure-note muted">{t('repo.totalNote')}</span>
              </dd>
            </div>
          </dl>
          {sum !== view.total ? (
            <p className="muted" data-testid="repo-sum-note">
              {t('repo.sumNote', { sum, total: view.total })}
            </p>
          ) : null}
          <ChartFrame
            title={title}
            testId="repo-chart"
            table={{
              columns: [t('repo.kind'), t('repo.count')],
              rows: bars.map((b) => [b.label, f.int(b.value)]),
            }}
          >
            <BarChart
              responsive
              width="100%"
              height={240}
              data={bars}
              layout="vertical"
              margin={{ left: 8, right: 40, top: 8, bottom: 8 }}
              title={title}
            >
              <CartesianGrid stroke="var(--border)" horizontal={false} />
              <XAxis
                type="number"
                domain={[0, Math.max(1, view.total)]}
                allowDecimals={false}
                tick={{ fill: 'var(--muted)' }}
                stroke="var(--border)"
              />
              <YAxis
                type="category"
                dataKey="label"
                width={110}
                tick={{ fill: 'var(--fg)' }}
                stroke="var(--border)"
              />
              <Tooltip {...THEMED_TOOLTIP} />
              <Bar
                dataKey="value"
                name={t('repo.count')}
                fill="var(--accent)"
                isAnimationActive={false}
              >
                <LabelList dataKey="value" position="right" fill="var(--fg)" />
              </Bar>
            </BarChart>
          </ChartFrame>
        </>
      ) : (
        <p className="muted">{t('repo.noSummary')}</p>
      )}
      <section>
        <h2>{t('repo.modified')}</h2>
        {modified.length === 0 ? (
          <p className="muted">{t('repo.noneModified')}</p>
        ) : (
          <table className="run-simple-table" data-testid="repo-operators">
            <thead>
              <tr>
                <th scope="col">{t('ops.name')}</th>
                <th scope="col">{t('ops.type')}</th>
                <th scope="col">{t('ops.dimension')}</th>
                <th scope="col">{t('ops.action')}</th>
              </tr>
            </thead>
            <tbody>
              {modified.map((m, i) => (
                <tr key={i}>
                  <td className="mono">{m.name}</td>
                  <td>{m.type}</td>
                  <td>{m.dimension ?? '—'}</td>
                  <td>{t(`repo.action.${m.action}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
