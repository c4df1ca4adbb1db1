// The "one run" page: one tuning task of one AOE result file, in four tabs (summary, operators,
// knowledge base, profile join). The tab and every table's state are in the URL search params, so
// reload, back/forward and a link opened later show the same view.
import { useMemo, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { MissingFile } from '../../components/missing-file.tsx';
import { formatLabel } from '../../components/format-label.ts';
import { IssueList } from '../../components/issues/issue-list.tsx';
import { runPath, taskIndexFromParam } from '../../components/paths.ts';
import { useAppStore } from '../../store/index.ts';
import { JoinPanel } from './join-panel.tsx';
import { OperatorsPanel } from './operators-panel.tsx';
import { RepoPanel } from './repo-panel.tsx';
import { RUN_NS } from './strings.ts';
import { SummaryPanel } from './summary-panel.tsx';
import { summarize } from './view-model.ts';
import './run.css';

const TABS = ['summary', 'operators', 'repo', 'join'] as const;
type Tab = (typeof TABS)[number];
const isTab = (v: string | null): v is Tab => TABS.some((t) => t === v);

export function RunPage() {
  const { fileId = '', task: taskParam = '' } = useParams();
  const { t } = useTranslation(RUN_NS);
  const file = useAppStore((s) => s.files[fileId]);
  const hydrated = useAppStore((s) => s.hydrated);
  const [params, setParams] = useSearchParams();
  const tabParam = params.get('tab');
  const tab: Tab = isTab(tabParam) ? tabParam : 'summary';
  const tabRefs = useRef<(HTMLButtonElement | null)[]>([]);

  const report = file?.report ?? null;
  const taskIndex = report ? taskIndexFromParam(report, taskParam) : null;
  const task = report && taskIndex !== null ? (report.tasks[taskIndex] ?? null) : null;
  const summary = useMemo(
    () => (file && report && task ? summarize(file, report, task) : null),
    [file, report, task],
  );

  if (!file || !report) {
    return (
      <MissingFile
        hydrated={hydrated}
        className="run-page"
        loading={t('loading')}
        notFound={t('notFound')}
        back={t('backToWorkspace')}
      />
    );
  }
  if (!task || !summary || taskIndex === null) {
    return (
      <section className="run-page">
        <p role="alert">{t('taskNotFound', { task: taskParam })}</p>
        <Link className="button primary" to="/">
          {t('backToWorkspace')}
        </Link>
      </section>
    );
  }

  const selectTab = (next: Tab) =>
    setParams((prev) => {
      const p = new URLSearchParams(prev);
      p.set('tab', next);
      return p;
    });
  // WAI-ARIA tabs: arrow keys move between tabs, Home/End jump to the ends.
  const onTabKey = (e: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const moves: Record<string, number> = {
      ArrowRight: index + 1,
      ArrowLeft: index - 1,
      Home: 0,
      End: TABS.length - 1,
    };
    const target = moves[e.key];
    if (target === undefined) return;
    e.preventDefault();
    const next = (target + TABS.length) % TABS.length;
    const nextTab = TABS[next];
    if (nextTab) selectTab(nextTab);
    tabRefs.current[next]?.focus();
  };

  return (
    <section className="run-page" data-testid="run-page">
      <header className="run-head">
        <div>
          <h1 className="run-title">
            {task.name}
            {report.incomplete ? (
              <span
                className="badge badge-warning"
                title={t('incompleteHint')}
                data-testid="incomplete-badge"
              >
                {t('incomplete')}
              </span>
            ) : null}
          </h1>
          <p className="muted run-file">
            <span className="mono">{file.fileName}</span> · {formatLabel(t, file)}
          </p>
          {report.incomplete ? (
            <div className="run-incomplete">
              <p>{t('incompleteHint')}</p>
              <IssueList issues={file.issues.filter((i) => i.code === 'TRUNCATED')} />
            </div>
          ) : null}
        </div>
        {report.tasks.length > 1 ? (
          <nav aria-label={t('otherTasks')} className="run-tasks">
            {report.tasks.map((other, i) => (
              <Link
                key={i}
                to={runPath(file.id, i)}
                aria-current={i === taskIndex ? 'page' : undefined}
                className={i === taskIndex ? 'button primary' : 'button'}
              >
                {other.name}
              </Link>
            ))}
          </nav>
        ) : null}
      </header>
      <div role="tablist" aria-label={t('tabs.label')} className="run-tabs">
        {TABS.map((id, i) => (
          <button
            key={id}
            ref={(el) => {
              tabRefs.current[i] = el;
            }}
            type="button"
            role="tab"
            id={`run-tab-${id}`}
            aria-selected={tab === id}
            aria-controls={`run-panel-${id}`}
            tabIndex={tab === id ? 0 : -1}
            onClick={() => selectTab(id)}
            onKeyDown={(e) => onTabKey(e, i)}
          >
            {t(`tabs.${id}`)}
          </button>
        ))}
      </div>
      <div
        role="tabpanel"
        id={`run-panel-${tab}`}
        aria-labelledby={`run-tab-${tab}`}
        className="run-panel"
      >
        {tab === 'summary' ? <SummaryPanel summary={summary} report={report} /> : null}
        {tab === 'operators' ? <OperatorsPanel task={task} /> : null}
        {tab === 'repo' ? <RepoPanel task={task} /> : null}
        {tab === 'join' ? <JoinPanel reportId={file.id} task={task} /> : null}
      </div>
    </section>
  );
}
