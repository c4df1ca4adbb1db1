// Files being read: a progress bar per file (bytes read and parsed, of the file's size)
// and a cancel button that stops the worker reading it.
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { Icon } from '../../components/icons.tsx';
import { formatBytes } from '../../components/number-format.ts';
import { useAppStore } from '../../store/index.ts';
import { cancelIngest } from '../../workers/ingest.ts';
import { HOME_NS } from './strings.ts';

export function IngestProgress() {
  const { t, i18n } = useTranslation(HOME_NS);
  const jobs = useAppStore(
    useShallow((s) => s.jobs.filter((j) => j.state === 'queued' || j.state === 'reading')),
  );
  if (jobs.length === 0) return null;
  const lang = i18n.language;
  return (
    <section className="ingest-progress card" aria-labelledby="ingest-progress-title">
      <h2 id="ingest-progress-title">{t('progress.title')}</h2>
      <ul>
        {jobs.map((job) => {
          // The worker parses the bytes as it reads them: one pass, the bar is its share done.
          const fraction =
            job.state === 'queued' || job.size <= 0 ? 0 : Math.min(1, job.done / job.size);
          const label =
            job.state === 'queued'
              ? t('progress.queued')
              : t(`progress.${job.phase}`, {
                  done: formatBytes(job.done, lang),
                  total: formatBytes(job.size, lang),
                });
          return (
            <li key={job.id} className="ingest-job" data-testid="ingest-job">
              <span className="ingest-name mono">{job.path}</span>
              <progress max={1} value={fraction} aria-label={job.path} aria-valuetext={label} />
              <span className="ingest-label muted">{label}</span>
              <button
                type="button"
                onClick={() => cancelIngest(job.id)}
                aria-label={t('progress.cancelFile', { name: job.path })}
              >
                <Icon name="x" /> {t('progress.cancel')}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
