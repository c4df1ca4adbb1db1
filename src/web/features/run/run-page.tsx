// The "one run" page: one tuning task of one AOE result file, in four tabs (summary, operators,
// knowledge base, profile join). The tab and every table's state are in the URL search params, so
// reload, back/forward and a link opened later show the same view. The run comes from the
// workspace, or — while the tab has a shared session open — from the shared runs, read-only (no
// profile join: a link carries profile summaries, not the profiles). "Copy link" shares this page.
import { useMemo, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import type { ImportedFile } from '../../../core/formats/types.ts';
import { toBundle } from '../../../core/share/bundle.ts';
import { runPageView } from '../../../core/share/view-state.ts';
import { MissingFile } from '../../components/missing-file.tsx';
import { formatLabel } from '../../components/format-label.ts';
import { IssueList } from '../../components/issues/issue-list.tsx';
import { runPath, taskIndexFromParam } from '../../components/paths.ts';
import { SharedBadge, ShareLinkControl } from '../../components/share/share-link.tsx';
import { ManifestPanel } from '../../components/manifest/manifest-panel.tsx';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../store/index.ts';
import { sharedReportFile } from '../../store/shared-runs.ts';
import { linkedMeasurements, runId, workspaceRuns } from '../../../core/model/run.ts';
import type { LinkedMeasurement } from '../../../core/measure/link.ts';
import { AdvicePanel } from '../../components/advice/advice-panel.tsx';
import { withAdvice } from '../../components/advice/advice-input.ts';
import { JoinPanel } from './join-panel.tsx';
import { OperatorsPanel } from './operators-panel.tsx';
import { RepoPanel } from './repo-panel.tsx';
import { RUN_NS } from './strings.ts';
import { SummaryPanel } from './summary-panel.tsx';
import { ClaimsPanel } from './claims-panel.tsx';
import { MeasuredPanel } from './measured-panel.tsx';
import { MEASURED_NS } from './measured-strings.ts';
import { summarize } from './view-model.ts';
import './run.css';
import { reportOf } from '../../../core/formats/content.ts';

const ALL_TABS = ['summary', 'operators', 'repo', 'join', 'measured'] as const;
const SHARED_TABS = ['summary', 'operators', 'repo'] as const;
/** A shared run that carries measurements shows them too (links made before they did do not). */
const SHARED_MEASURED_TABS = [...SHARED_TABS, 'measured'] as const;
type Tab = (typeof ALL_TABS)[number];
const NONE: readonly LinkedMeasurement[] = [];
const NONE_IDS: readonly string[] = [];

/**
 * The file the page shows and the report index of each of its tasks: a shared report may hold
 * only some of the tasks of the file it came from (task 2 alone), which keep their numbers.
 */
function useRunFile(fileId: string): {
  readonly file: ImportedFile | undefined;
  readonly indices: readonly number[] | null;
  readonly shared: boolean;
} {
  const session = useAppStore((s) => s.shared);
  const own = useAppStore((s) => s.files[fileId]);
  const fromSession = useMemo(
    () => (session ? sharedReportFile(session.runs, fileId) : null),
    [session, fileId],
  );
  if (fromSession)
    return { file: fromSession.file, indices: fromSession.taskIndices, shared: true };
  return { file: own, indices: null, shared: false };
}

export function RunPage() {
  const { fileId = '', task: taskParam = '' } = useParams();
  const { t } = useTranslation(RUN_NS);
  const { file, indices, shared } = useRunFile(fileId);
  // A run opened from the launcher carries the manifest of how it was made.
  const manifest = useAppStore((s) =>
    shared ? (s.shared?.runs.find((r) => r.reportId === fileId)?.run.manifest ?? null) : null,
  );
  // The measurements linked to the report: the workspace's (with the roles set by hand) or the
  // shared run's, as the link carries them.
  const sharedLinked = useAppStore((s) =>
    shared ? (s.shared?.runs.find((r) => r.reportId === fileId)?.measurements ?? NONE) : NONE,
  );
  const ownLinks = useAppStore(useShallow((s) => s.links[fileId] ?? NONE_IDS));
  const files = useAppStore((s) => s.files);
  const measureChoices = useAppStore((s) => s.measureChoices);
  const linked = useMemo(
    () =>
      shared
        ? sharedLinked
        : linkedMeasurements({ files, links: { [fileId]: ownLinks }, measureChoices }, fileId),
    [shared, sharedLinked, files, ownLinks, measureChoices, fileId],
  );
  const hydrated = useAppStore((s) => s.hydrated);
  const [params] = useSearchParams();
  const { search } = useLocation();
  const navigate = useNavigate();
  const TABS: readonly Tab[] = shared
    ? sharedLinked.length > 0
      ? SHARED_MEASURED_TABS
      : SHARED_TABS
    : ALL_TABS;
  const tabParam = params.get('tab');
  const tab: Tab = TABS.find((x) => x === tabParam) ?? 'summary';
  const tabRefs = useRef<(HTMLButtonElement | null)[]>([]);

  const report = reportOf(file) ?? null;
  const position =
    report === null
      ? null
      : indices && /^\d{1,6}$/.test(taskParam)
        ? indices.indexOf(Number(taskParam))
        : taskIndexFromParam(report, taskParam);
  const taskIndex = position === null || position < 0 ? null : position;
  const task = report && taskIndex !== null ? (report.tasks[taskIndex] ?? null) : null;
  /** The task's number in the file it came from (what the page's address uses). */
  const indexInFile = (i: number) => indices?.[i] ?? i;
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

  // The fragment stays: it names the shared session this page belongs to.
  const selectTab = (next: Tab) => {
    const p = new URLSearchParams(window.location.search);
    p.set('tab', next);
    void navigate(
      { search: `?${p.toString()}`, hash: window.location.hash },
      { preventScrollReset: true },
    );
  };
  const here = runPath(file.id, indexInFile(taskIndex));
  // Made on demand from the store as it is then: the run this page shows, and only that run.
  const bundle = () => {
    const index = indexInFile(taskIndex);
    const state = useAppStore.getState();
    const runs = shared
      ? (state.shared?.runs ?? [])
      : workspaceRuns({
          files: state.files,
          order: [file.id],
          links: state.links,
          measureChoices: state.measureChoices,
        });
    const run = runs.find((r) => r.reportId === file.id && r.taskIndex === index);
    if (!run) throw new Error(`run ${runId(file.id, index)} is not on this page`);
    return toBundle(
      [withAdvice(run, state, state.dismissals)],
      runPageView(run.run.id),
      new Date().toISOString(),
    );
  };
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
    <section
      className="run-page"
      data-testid="run-page"
      data-mode={shared ? 'shared' : 'workspace'}
    >
      <header className="run-head">
        <div>
          <h1 className="run-title">
            {task.name}
            {shared ? <SharedBadge /> : null}
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
                to={{ pathname: runPath(file.id, indexInFile(i)), hash: window.location.hash }}
                aria-current={i === taskIndex ? 'page' : undefined}
                className={i === taskIndex ? 'button primary' : 'button'}
              >
                {other.name}
              </Link>
            ))}
          </nav>
        ) : null}
      </header>
      <ShareLinkControl bundle={bundle} path={`${here}${search}`} permalinkQuery={search} />
      {manifest ? <ManifestPanel manifest={manifest} /> : null}
      <AdvicePanel run={{ reportId: file.id, taskIndex: indexInFile(taskIndex) }} />
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
            {id === 'measured' ? t('tab', { ns: MEASURED_NS }) : t(`tabs.${id}`)}
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
        {tab === 'summary' && !shared ? <ClaimsPanel reportId={file.id} task={task} /> : null}
        {tab === 'operators' ? <OperatorsPanel task={task} /> : null}
        {tab === 'repo' ? <RepoPanel task={task} /> : null}
        {tab === 'join' ? <JoinPanel reportId={file.id} task={task} /> : null}
        {tab === 'measured' ? (
          <MeasuredPanel
            reportId={file.id}
            linked={linked}
            editable={!shared}
            fileName={file.fileName}
            report={report}
            task={task}
            taskIndex={indexInFile(taskIndex)}
            runId={runId(file.id, indexInFile(taskIndex))}
          />
        ) : null}
      </div>
    </section>
  );
}
