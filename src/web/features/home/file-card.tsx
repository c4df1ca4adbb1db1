// One file of the workspace: what it is (format and layout), its tasks or profile with links to
// their pages, its links, its issues, and "copy diagnostics" / "remove". Every name shown comes
// from the file and is rendered as text.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { version } from '../../../../package.json';
import type { ImportedFile } from '../../../core/formats/types.ts';
import { diffValues, labelDiff, type DiffLabel } from '../../../core/model/compare.ts';
import type { TuningTask } from '../../../core/model/types.ts';
import { DiffBadge, useChangeSize } from '../../components/charts/diff-badge.tsx';
import { FORMATS_NS, formatLabel } from '../../components/format-label.ts';
import { Icon } from '../../components/icons.tsx';
import { diagnosticsText } from '../../components/issues/diagnostics.ts';
import { IssueList } from '../../components/issues/issue-list.tsx';
import { formatBytes, formatNumber, formatPct } from '../../components/number-format.ts';
import { profilePath, runPath } from '../../components/paths.ts';
import { useAppStore } from '../../store/index.ts';
import { LinkControls } from './link-controls.tsx';
import { useRemoveWithUndo } from './removed-toast.tsx';
import { HOME_NS } from './strings.ts';
import './file-card.css';
import { profileOf, reportOf } from '../../../core/formats/content.ts';
import { MeasurementList, ProfileExtras } from './content-summary.tsx';

const WARNINGS_SHOWN = 3;

/**
 * What tuning did to the model's latency, as ▼ faster / ▲ slower with the size from the two
 * times (as on the run page); AOE's own stated figure in the tooltip. A slowdown never reads
 * "improvement -0.71%".
 */
function TaskChange({ task }: { readonly task: TuningTask }) {
  const { t, i18n } = useTranslation(HOME_NS);
  const size = useChangeSize();
  const stated = task.improvementPct;
  const fromTimes = size(task.baselineMs, task.tunedMs);
  if (fromTimes === '' && stated === null) return null;
  const label: DiffLabel =
    fromTimes !== '' && task.baselineMs !== null && task.tunedMs !== null
      ? labelDiff(diffValues(task.baselineMs, task.tunedMs), { pct: 0, abs: 0 })
      : (stated ?? 0) > 0
        ? 'improvement'
        : (stated ?? 0) < 0
          ? 'regression'
          : 'neutral';
  return (
    <DiffBadge
      label={label}
      magnitude={
        fromTimes !== ''
          ? fromTimes
          : formatPct(Math.abs(stated ?? 0), i18n.language).replace(/^\+/, '')
      }
      testId="task-change"
      title={
        stated === null
          ? undefined
          : t('file.task.improvement', { pct: formatPct(stated, i18n.language) })
      }
    />
  );
}

function TaskList({ file }: { readonly file: ImportedFile }) {
  const { t, i18n } = useTranslation(HOME_NS);
  const tasks = reportOf(file)?.tasks ?? [];
  if (tasks.length === 0) return null;
  const lang = i18n.language;
  return (
    <ul className="task-list" aria-label={t('file.tasks')}>
      {tasks.map((task, index) => (
        <li key={index}>
          <Link to={runPath(file.id, index)} className="task-link">
            {task.name || `#${index + 1}`}
          </Link>
          <span className={`task-status status-${task.status}`}>
            {t(`file.task.status.${task.status}`)}
          </span>
          <span className="muted">
            {t('file.task.operators', {
              count: task.operators.length,
              n: formatNumber(task.operators.length, lang, 0),
            })}
          </span>
          {task.baselineMs !== null && task.tunedMs !== null ? (
            <span className="mono">
              {t('file.task.latency', {
                baseline: formatNumber(task.baselineMs, lang, 3),
                tuned: formatNumber(task.tunedMs, lang, 3),
              })}
            </span>
          ) : null}
          <TaskChange task={task} />
        </li>
      ))}
    </ul>
  );
}

function ProfileSummaryLine({ file }: { readonly file: ImportedFile }) {
  const { t, i18n } = useTranslation(HOME_NS);
  const profile = profileOf(file);
  if (!profile) return null;
  const lang = i18n.language;
  return (
    <p className="profile-line">
      <Link to={profilePath(file.id)} className="task-link">
        {t('file.profile.open')}
      </Link>
      <span className="muted">
        {t('file.profile.rows', {
          count: profile.summary.rows,
          n: formatNumber(profile.summary.rows, lang, 0),
        })}
      </span>
      <span className="muted">
        {t('file.profile.types', {
          count: profile.summary.byType.length,
          n: formatNumber(profile.summary.byType.length, lang, 0),
        })}
      </span>
      <span className="mono">
        {t('file.profile.total', {
          ms: formatNumber(profile.summary.totalDurationUs / 1000, lang, 3),
        })}
      </span>
    </p>
  );
}

function Issues({ file }: { readonly file: ImportedFile }) {
  const { t } = useTranslation(HOME_NS);
  const errors = file.issues.filter((i) => i.severity === 'error');
  const warnings = file.issues.filter((i) => i.severity === 'warning');
  return (
    <>
      <IssueList issues={errors} />
      {warnings.length <= WARNINGS_SHOWN ? (
        <IssueList issues={warnings} />
      ) : (
        <details className="warnings-more">
          <summary>{t('file.showWarnings', { count: warnings.length })}</summary>
          <IssueList issues={warnings} />
        </details>
      )}
    </>
  );
}

export function FileCard({ file, demo }: { readonly file: ImportedFile; readonly demo: boolean }) {
  const { t, i18n } = useTranslation(HOME_NS);
  const removeFile = useRemoveWithUndo();
  const unsaved = useAppStore((s) => s.storageUnavailable || s.unsavedIds.includes(file.id));
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle');
  const errors = file.issues.filter((i) => i.severity === 'error').length;
  const warnings = file.issues.length - errors;
  const loaded = file.content !== null;
  const status = errors === 0 ? 'ok' : loaded ? 'partial' : 'notLoaded';
  const diagnostics = () => diagnosticsText(i18n.t.bind(i18n), file, version);

  const onCopy = () => {
    const text = diagnostics();
    const clipboard = globalThis.navigator?.clipboard;
    if (!clipboard) {
      setCopy('failed');
      return;
    }
    clipboard.writeText(text).then(
      () => setCopy('copied'),
      () => setCopy('failed'),
    );
  };

  return (
    <article
      className={`file-card card status-${status}`}
      data-testid="file-card"
      data-file-id={file.id}
      data-format={file.format}
      aria-labelledby={`file-${file.id}`}
      tabIndex={-1}
    >
      <header className="file-card-header">
        <Icon name={status === 'ok' ? 'check' : status === 'partial' ? 'warning' : 'alert'} />
        <h3 id={`file-${file.id}`} className="file-name mono">
          {file.fileName}
        </h3>
        {demo ? <span className="badge badge-demo">{t('file.demo')}</span> : null}
        {reportOf(file)?.incomplete ? (
          <span className="badge badge-incomplete">{t(`${FORMATS_NS}:incomplete`)}</span>
        ) : null}
        <div className="file-actions">
          <button type="button" onClick={onCopy}>
            <Icon name="copy" /> {t('file.copyDiagnostics')}
          </button>
          <button
            type="button"
            className="danger"
            onClick={() => removeFile(file.id)}
            aria-label={t('file.removeNamed', { name: file.fileName })}
          >
            <Icon name="trash" /> {t('file.remove')}
          </button>
        </div>
      </header>
      <p className="file-meta">
        <span className="format-label" data-testid="format-label">
          {formatLabel(i18n.t.bind(i18n), file)}
        </span>
        <span className="muted">{formatBytes(file.size, i18n.language)}</span>
        <span className={`file-status status-${status}`}>
          {t(`file.${status}`)}
          {errors > 0 ? ` · ${t('file.errors', { count: errors })}` : ''}
          {warnings > 0 ? ` · ${t('file.warnings', { count: warnings })}` : ''}
        </span>
      </p>
      {unsaved ? (
        <p className="unsaved" role="note">
          <Icon name="warning" /> {t('file.unsaved')}
        </p>
      ) : null}
      <span role="status" className="copy-status">
        {copy === 'copied' ? t('file.copied') : copy === 'failed' ? t('file.copyFailed') : ''}
      </span>
      {copy === 'failed' ? (
        <textarea className="diagnostics-text mono" readOnly value={diagnostics()} rows={8} />
      ) : null}
      <TaskList file={file} />
      <ProfileSummaryLine file={file} />
      <ProfileExtras file={file} />
      <MeasurementList file={file} />
      <LinkControls file={file} />
      <Issues file={file} />
    </article>
  );
}
