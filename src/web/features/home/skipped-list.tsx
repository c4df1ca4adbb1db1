// Files of a dropped folder that were not loaded, each with the reason (and, for a JSON or CSV
// that is something else, what it is).
import { useTranslation } from 'react-i18next';
import { IssueList } from '../../components/issues/issue-list.tsx';
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
              {s.issue ? <IssueList issues={[s.issue]} /> : null}
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
