// The launcher's jobs, newest first, with their state and the cancel action.
import { useTranslation } from 'react-i18next';
import { FINAL_STATES, type JobView } from '../../lib/launcher-client.ts';
import { LAUNCH_NS } from './strings.ts';

export function JobList({
  jobs,
  selected,
  onSelect,
  onCancel,
}: {
  readonly jobs: readonly JobView[];
  readonly selected: string | null;
  readonly onSelect: (id: string) => void;
  readonly onCancel: (id: string) => void;
}) {
  const { t, i18n } = useTranslation(LAUNCH_NS);
  const time = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'medium' });
  return (
    <section className="launch-jobs card" aria-labelledby="launch-jobs-title">
      <h2 id="launch-jobs-title">{t('jobs.title')}</h2>
      {jobs.length === 0 ? (
        <p className="muted">{t('jobs.empty')}</p>
      ) : (
        <table className="launch-table">
          <thead>
            <tr>
              <th scope="col">{t('jobs.model')}</th>
              <th scope="col">{t('jobs.device')}</th>
              <th scope="col">{t('jobs.state')}</th>
              <th scope="col">{t('jobs.created')}</th>
              <th scope="col">{t('jobs.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {jobs.map((job) => (
              <tr key={job.id} aria-selected={job.id === selected} data-job={job.id}>
                <td>{job.model}</td>
                <td>{job.device}</td>
                <td>
                  <span
                    className={`launch-state launch-state-${job.state}`}
                    data-state-name={job.state}
                  >
                    {t(`state.${job.state}`)}
                  </span>
                  {job.errorCode ? (
                    <span className="muted">
                      {' '}
                      · {t(`errorCode.${job.errorCode}`, { defaultValue: job.errorCode })}
                    </span>
                  ) : null}
                </td>
                <td>{time.format(new Date(job.createdAt))}</td>
                <td className="launch-actions">
                  <button type="button" onClick={() => onSelect(job.id)}>
                    {t('jobs.view')}
                  </button>
                  {FINAL_STATES.has(job.state) ? null : (
                    <button type="button" className="danger" onClick={() => onCancel(job.id)}>
                      {t('jobs.cancel')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
