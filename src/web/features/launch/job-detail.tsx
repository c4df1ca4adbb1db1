// One job: progress, phase, the live log, cancel, and its results. A result opens in the run view
// after it is loaded into the workspace exactly like a dropped file (the raw bytes the tuner
// wrote, through the same ingest worker), so the run view needs nothing launcher-specific.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ingestFiles } from '../../workers/ingest.ts';
import { FINAL_STATES } from './api.ts';
import { JobLog } from './job-log.tsx';
import { LAUNCH_NS } from './strings.ts';
import { useJobEvents } from './use-job-events.ts';
import { reportOf } from '../../../core/formats/content.ts';

interface RunInfo {
  readonly fileName: string;
}

function RunLink({ runId }: { readonly runId: string }) {
  const { t } = useTranslation(LAUNCH_NS);
  const navigate = useNavigate();
  const [state, setState] = useState<'idle' | 'loading' | 'failed'>('idle');
  const [info, setInfo] = useState<RunInfo | null>(null);
  useEffect(() => {
    let live = true;
    void fetch(`/api/runs/${encodeURIComponent(runId)}`)
      .then((r) => (r.ok ? (r.json() as Promise<RunInfo>) : null))
      .then((i) => live && setInfo(i))
      .catch(() => live && setState('failed'));
    return () => {
      live = false;
    };
  }, [runId]);
  const open = async () => {
    if (!info) return;
    setState('loading');
    try {
      const raw = await fetch(`/api/runs/${encodeURIComponent(runId)}/raw`);
      if (!raw.ok) throw new Error('not found');
      const file = new File([await raw.blob()], info.fileName, { type: 'application/json' });
      const [imported] = await ingestFiles([{ file, path: info.fileName }]);
      if (!imported || !reportOf(imported)) throw new Error('not a report');
      void navigate(`/run/${encodeURIComponent(imported.id)}/0`);
    } catch {
      setState('failed');
    }
  };
  return (
    <li>
      <button
        type="button"
        className="primary"
        onClick={() => void open()}
        disabled={state === 'loading' || !info}
        data-run={runId}
      >
        {state === 'loading'
          ? t('detail.opening')
          : t('detail.open', { name: info?.fileName ?? runId.slice(0, 8) })}
      </button>
      {state === 'failed' ? <span role="alert"> {t('detail.openFailed')}</span> : null}
    </li>
  );
}

/** `2:tune` → "Operator tuning · tuning". */
function phaseText(phase: string, t: (key: string, o?: Record<string, unknown>) => string): string {
  const [jobType, name] = phase.split(':');
  const kind = jobType === '1' ? t('form.subgraph') : jobType === '2' ? t('form.operator') : '';
  return t('detail.phase', {
    phase: `${kind} · ${t(`phase.${name ?? ''}`, { defaultValue: name })}`,
  });
}

export function JobDetail({
  jobId,
  token,
  onCancel,
}: {
  readonly jobId: string;
  readonly token: string;
  readonly onCancel: (id: string) => void;
}) {
  const { t } = useTranslation(LAUNCH_NS);
  const feed = useJobEvents(jobId, token);
  const running = feed.state !== null && !FINAL_STATES.has(feed.state);
  return (
    <section
      className="launch-detail card"
      aria-labelledby="launch-detail-title"
      data-job-state={feed.state ?? ''}
    >
      <div className="launch-section-head">
        <h2 id="launch-detail-title">{t('detail.title', { id: jobId.slice(0, 8) })}</h2>
        {running ? (
          <button type="button" className="danger" onClick={() => onCancel(jobId)}>
            {t('jobs.cancel')}
          </button>
        ) : null}
      </div>
      <p className="launch-status">
        {feed.state ? (
          <span className={`launch-state launch-state-${feed.state}`}>
            {t(`state.${feed.state}`)}
          </span>
        ) : (
          t('detail.connecting')
        )}
        {feed.errorCode ? (
          <span> · {t(`errorCode.${feed.errorCode}`, { defaultValue: feed.errorCode })}</span>
        ) : null}
        {feed.phase ? <span className="muted"> · {phaseText(feed.phase, t)}</span> : null}
      </p>
      {feed.message && feed.state && feed.state !== 'succeeded' ? (
        <pre className="launch-failure" data-testid="launch-failure">
          {feed.message}
        </pre>
      ) : null}
      {feed.operatorsTuned !== null ? (
        <p data-testid="launch-progress">
          {t('detail.progress', { count: feed.operatorsTuned })}
          {feed.percent !== null ? ` · ${t('detail.percent', { pct: feed.percent })}` : null}
        </p>
      ) : null}
      {feed.percent !== null ? (
        <progress
          max={100}
          value={feed.percent}
          aria-label={t('detail.percent', { pct: feed.percent })}
        />
      ) : null}
      <JobLog lines={feed.lines} />
      {feed.runIds.length > 0 ? (
        <div>
          <h3>{t('detail.runs')}</h3>
          <ul className="launch-runs">
            {feed.runIds.map((id) => (
              <RunLink key={id} runId={id} />
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
