// Files of a dropped folder that were not loaded: a neutral "not used" list, each with the reason
// (and, for a side file the profiler writes, what it is), never red errors: a PROF_* folder is
// mostly files the dashboard has no use for.
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store/index.ts';
import { HOME_NS } from './strings.ts';

export function SkippedList() {
  const { t } = useTranslation(HOME_NS);
  const skipped = useAppStore((s) => s.skipped);
  const setSkipped = useAppStore((s) => s.setSkipped);
  if (skipped.length === 0) return null;
  return (
    <section className="skipped card" data-testid="skipped">
      <details>
        <summary>{t('skipped.title', { count: skipped.length })}</summary>
        <ul>
          {skipped.map((s) => (
            <li key={s.path}>
              <span className="mono">{s.path}</span> — {t(`skipped.reason.${s.reason}`)}
              {s.issue?.found ? <span className="muted"> ({s.issue.found})</span> : null}
            </li>
          ))}
        </ul>
      </details>
      <button type="button" onClick={() => setSkipped([])}>
        {t('skipped.dismiss')}
      </button>
    </section>
  );
}
