// One job: its steps as a progress list (state, timing, outputs, each step's log, the failing
// step and its reason, resume from it), the live log, cancel, and its results. A result opens in
// the run view from the launcher's stored, normalized run (`/r/<id>`): the page gets the report
// and its manifest as the launcher keeps them, without downloading and parsing the raw file again.
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { FINAL_STATES, launcher, type JobView, type StepView } from '../../lib/launcher-client.ts';
import { reasonText, verdictText } from '../../../core/model/gate-words.ts';
import { openPipelineRun, type PipelineRun } from '../../lib/launcher-run.ts';
import { JobLog } from './job-log.tsx';
import './pipeline-strings.ts';
import { LAUNCH_NS } from './strings.ts';
import { useJobEvents, type JobFeed } from './use-job-events.ts';

type T = (key: string, o?: Record<string, unknown>) => string;

function RunLink({ runId }: { readonly runId: string }) {
  const { t } = useTranslation(LAUNCH_NS);
  const [name, setName] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void launcher.run(runId).then((r) => {
      if (live && r.ok && r.value.kind === 'report') setName(r.value.fileName);
    });
    return () => {
      live = false;
    };
  }, [runId]);
  return (
    <li>
      <Link className="button primary" to={`/r/${encodeURIComponent(runId)}`} data-run={runId}>
        {t('detail.open', { name: name ?? runId.slice(0, 8) })}
      </Link>
    </li>
  );
}

/**
 * The Run a finished pipeline made, as the launcher stored it: the verdict under the default gate,
 * what the run lacks, the two measurements it judged and the reasons; a link opens the Run in the
 * dashboard (its report's Measured view) from the stored, normalized parts.
 */
function PipelineResult({ runId }: { readonly runId: string }) {
  const { t, i18n } = useTranslation(LAUNCH_NS);
  const [run, setRun] = useState<PipelineRun | null>(null);
  useEffect(() => {
    let live = true;
    void launcher.run(runId).then((r) => {
      if (!live || !r.ok) return;
      const opened = openPipelineRun(r.value);
      if (opened.ok) setRun(opened.value.run);
    });
    return () => {
      live = false;
    };
  }, [runId]);
  const lang = i18n.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
  if (run === null) {
    return (
      <p className="muted" role="status">
        {t('result.loading')}
      </p>
    );
  }
  const v = run.verdict;
  const sides = (['baseline', 'tuned'] as const).flatMap((role) => {
    const at = v[role];
    const m = at ? run.measurements[at.index] : undefined;
    const first = m?.measurements[0];
    return m && first ? [{ role, m, first }] : [];
  });
  return (
    <div className="launch-result" data-testid="pipeline-result" data-verdict={v.verdict}>
      <h3>{t('result.title')}</h3>
      <p className="launch-result-verdict">
        {t('result.verdict', { verdict: verdictText(lang, v.verdict) })}
      </p>
      {v.missing.length > 0 ? (
        <p data-testid="result-missing">
          {t('result.missing', {
            list: v.missing
              .map((part) => t(`result.part.${part}`))
              .join(lang === 'en' ? ', ' : '、'),
          })}
        </p>
      ) : null}
      {v.batchMismatch ? <p>{t('result.batchMismatch', v.batchMismatch)}</p> : null}
      <ul className="launch-result-measured">
        {sides.map(({ role, m, first }) => (
          <li key={role} data-role={role}>
            {t('result.measured', {
              role: t(`result.role.${role}`),
              n: m.step + 1,
              tool: t(`steps.${m.tool}`),
              figures: figuresText(first.latencyMs, first.throughputPerS, t),
            })}
          </li>
        ))}
      </ul>
      <details>
        <summary>{t('result.reasons')}</summary>
        <ul>
          {v.reasons.map((r, i) => (
            <li key={i} data-rule={r.rule} data-status={r.status}>
              {reasonText(lang, r as Parameters<typeof reasonText>[1])}
            </li>
          ))}
        </ul>
      </details>
      <Link className="button primary" to={`/r/${encodeURIComponent(run.id)}`} data-run={run.id}>
        {v.report ? t('result.open') : t('result.openFiles')}
      </Link>
    </div>
  );
}

/** `2:tune` → "Operator tuning · tuning". */
function phaseText(phase: string, t: T): string {
  const [jobType, name] = phase.split(':');
  const kind = jobType === '1' ? t('form.subgraph') : jobType === '2' ? t('form.operator') : '';
  return t('detail.phase', {
    phase: `${kind} · ${t(`phase.${name ?? ''}`, { defaultValue: name })}`,
  });
}

/** "AOE operator tuning", "atc with the knowledge base", … */
export function stepName(step: Pick<StepView, 'tool' | 'jobType'>, bank: boolean, t: T): string {
  if (step.tool === 'aoe') return t(step.jobType === 1 ? 'steps.aoe1' : 'steps.aoe2');
  if (step.tool === 'atc' && bank) return t('steps.atcBank');
  return t(`steps.${step.tool}`);
}

/** 1.2 s, 3 min 4 s, 1 h 2 min. */
export function duration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (ms < 10_000) return `${(Math.max(0, ms) / 1000).toFixed(1)} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * What a measuring step measured, in the page's language: "Mean 3.210 ms · P99 3.900 ms ·
 * 311.5 /s"; a figure the tool did not print is said to be not reported, never a dash.
 */
export function figuresText(
  latency: { readonly mean?: unknown; readonly p99?: unknown },
  throughput: unknown,
  t: T,
): string {
  const parts = [
    finite(latency.mean) ? t('steps.mean', { ms: latency.mean.toFixed(3) }) : t('steps.meanNone'),
    finite(latency.p99) ? t('steps.p99', { ms: latency.p99.toFixed(3) }) : t('steps.p99None'),
  ];
  if (finite(throughput)) parts.push(t('steps.throughput', { n: throughput.toFixed(1) }));
  return parts.join(' · ');
}

function StepOutputs({ outputs }: { readonly outputs: Readonly<Record<string, unknown>> }) {
  const { t } = useTranslation(LAUNCH_NS);
  const model = typeof outputs.model === 'string' ? outputs.model : null;
  const figures =
    outputs.figures && typeof outputs.figures === 'object'
      ? (outputs.figures as Record<string, unknown>)
      : null;
  const latency =
    figures?.latencyMs && typeof figures.latencyMs === 'object'
      ? (figures.latencyMs as Record<string, unknown>)
      : null;
  const files =
    outputs.files && typeof outputs.files === 'object'
      ? Object.keys(outputs.files as Record<string, unknown>)
      : [];
  return (
    <div className="launch-step-outputs">
      {model ? (
        <span title={model}>{t('steps.model', { name: model.split('/').pop() ?? model })}</span>
      ) : null}
      {latency ? (
        <span data-testid="step-figures">{figuresText(latency, figures?.throughputPerS, t)}</span>
      ) : null}
      {files.length > 0 ? <span>{t('steps.files', { names: files.join(', ') })}</span> : null}
    </div>
  );
}

/** The job's steps: the job view's (timing, outputs) with the live step events over them. */
function mergeSteps(job: JobView | null, feed: JobFeed): StepView[] {
  const steps = job?.steps ?? [];
  return steps.map((st) => {
    const live = feed.steps[st.index];
    if (!live) return st;
    return {
      ...st,
      state: live.state as StepView['state'],
      errorCode: live.errorCode ?? st.errorCode,
      errorMessage: live.message ?? st.errorMessage,
      outputs: live.outputs ?? st.outputs,
    };
  });
}

function StepList({
  job,
  steps,
  final,
  logStep,
  onLog,
  onResumed,
}: {
  readonly job: JobView;
  readonly steps: readonly StepView[];
  readonly final: boolean;
  readonly logStep: number | null;
  readonly onLog: (index: number | null) => void;
  readonly onResumed: (id: string) => void;
}) {
  const { t } = useTranslation(LAUNCH_NS);
  const [now, setNow] = useState(() => Date.now());
  const [resume, setResume] = useState<{ busy: boolean; error: string | null }>({
    busy: false,
    error: null,
  });
  const running = steps.some((s) => s.state === 'running');
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [running]);
  const firstUnfinished = steps.findIndex((s) => s.state !== 'succeeded');
  const pipeline = steps.some((s) => s.tool !== 'aoe');
  const canResume = final && pipeline && firstUnfinished >= 0;
  // Which atc step rebuilds with the knowledge base: one after an aoe step.
  const firstAoe = steps.findIndex((s) => s.tool === 'aoe');
  const doResume = async (index: number) => {
    setResume({ busy: true, error: null });
    const res = await launcher.resumeJob(job.id, index);
    if (res.ok) {
      setResume({ busy: false, error: null });
      onResumed(res.value.id);
    } else setResume({ busy: false, error: res.message || String(res.status || res.code) });
  };
  return (
    <div className="launch-steps-wrap">
      <h3>{t('steps.title')}</h3>
      {job.resumedFrom ? (
        <p className="muted" data-testid="resumed-from">
          {t('steps.resumedFrom', {
            id: job.resumedFrom.jobId.slice(0, 8),
            n: job.resumedFrom.fromStep + 1,
          })}
        </p>
      ) : null}
      <ol className="launch-steps" aria-label={t('steps.title')}>
        {steps.map((st) => {
          const started = st.startedAt ? Date.parse(st.startedAt) : null;
          const ended = st.finishedAt ? Date.parse(st.finishedAt) : null;
          const took =
            started !== null && ended !== null
              ? t('steps.took', { time: duration(ended - started) })
              : started !== null && st.state === 'running'
                ? t('steps.since', { time: duration(now - started) })
                : null;
          const bad = ['failed', 'canceled', 'interrupted'].includes(st.state);
          return (
            <li
              key={st.index}
              className={`launch-step launch-step-${st.state}`}
              data-step={st.index}
              data-step-state={st.state}
              data-tool={st.tool}
            >
              <div className="launch-step-head">
                <span className="launch-step-n">{st.index + 1}</span>
                <span className="launch-step-name">
                  {stepName(st, st.tool === 'atc' && firstAoe >= 0 && st.index > firstAoe, t)}
                </span>
                <span className={`launch-state launch-state-${st.state}`}>
                  {t(`steps.state.${st.state}`)}
                </span>
                {took ? <span className="muted">{took}</span> : null}
                {st.reusedFrom ? (
                  <span className="muted">
                    {t('steps.reused', { id: st.reusedFrom.slice(0, 8) })}
                  </span>
                ) : null}
                <button
                  type="button"
                  className="launch-step-log"
                  aria-pressed={logStep === st.index}
                  onClick={() => onLog(logStep === st.index ? null : st.index)}
                >
                  {t('steps.showLog')}
                </button>
              </div>
              {bad && (st.errorCode || st.errorMessage) ? (
                <p className="launch-step-error" data-testid="step-error">
                  {st.errorCode
                    ? `${t(`errorCodeTool.${st.errorCode}`, {
                        defaultValue: t(`errorCode.${st.errorCode}`, {
                          defaultValue: st.errorCode,
                        }),
                      })}${st.errorMessage ? ': ' : ''}`
                    : null}
                  {st.errorMessage}
                </p>
              ) : null}
              {st.outputs ? <StepOutputs outputs={st.outputs} /> : null}
              {canResume && st.index === firstUnfinished ? (
                <button
                  type="button"
                  onClick={() => void doResume(st.index)}
                  disabled={resume.busy}
                  data-testid="resume"
                >
                  {resume.busy ? t('steps.resuming') : t('steps.resume', { n: st.index + 1 })}
                </button>
              ) : null}
            </li>
          );
        })}
      </ol>
      {resume.error ? (
        <p className="launch-field-error" role="alert">
          {t('steps.resumeFailed', { message: resume.error })}
        </p>
      ) : null}
    </div>
  );
}

export function JobDetail({
  jobId,
  token,
  onCancel,
  onResumed,
}: {
  readonly jobId: string;
  readonly token: string;
  readonly onCancel: (id: string) => void;
  readonly onResumed: (id: string) => void;
}) {
  const { t } = useTranslation(LAUNCH_NS);
  const feed = useJobEvents(jobId, token);
  const [job, setJob] = useState<JobView | null>(null);
  const running = feed.state !== null && !FINAL_STATES.has(feed.state);
  const final = feed.state !== null && FINAL_STATES.has(feed.state);
  // The job view again whenever a step changes state: its timing and outputs come from there.
  const stepKey = Object.entries(feed.steps)
    .map(([i, s]) => `${i}:${s.state}`)
    .join(',');
  useEffect(() => {
    let live = true;
    void launcher.job(jobId).then((r) => {
      if (live && r.ok) setJob(r.value);
    });
    return () => {
      live = false;
    };
  }, [jobId, stepKey, feed.state]);
  const steps = useMemo(() => mergeSteps(job, feed), [job, feed]);
  const [logStep, setLogStep] = useState<number | null>(null);
  const lines = useMemo(
    () => (logStep === null ? feed.lines : feed.lines.filter((l) => l.step === logStep)),
    [feed.lines, logStep],
  );
  const pipeline = steps.some((s) => s.tool !== 'aoe');
  const failedStep = steps.find((s) => s.state === 'failed');
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
          <span>
            {' '}
            ·{' '}
            {t(`errorCodeTool.${feed.errorCode}`, {
              defaultValue: t(`errorCode.${feed.errorCode}`, { defaultValue: feed.errorCode }),
            })}
          </span>
        ) : null}
        {feed.phase && !pipeline ? (
          <span className="muted"> · {phaseText(feed.phase, t)}</span>
        ) : null}
      </p>
      {pipeline && failedStep ? (
        <p className="launch-failure-line" data-testid="failed-step">
          {t('steps.failedAt', {
            n: failedStep.index + 1,
            tool: stepName(failedStep, false, t),
            reason: t(`errorCodeTool.${failedStep.errorCode ?? ''}`, {
              defaultValue: t(`errorCode.${failedStep.errorCode ?? ''}`, {
                defaultValue: failedStep.errorCode ?? '',
              }),
            }),
          })}
        </p>
      ) : null}
      {feed.message && feed.state && feed.state !== 'succeeded' ? (
        <pre className="launch-failure" data-testid="launch-failure">
          {feed.message}
        </pre>
      ) : null}
      {job && pipeline ? (
        <StepList
          job={job}
          steps={steps}
          final={final}
          logStep={logStep}
          onLog={setLogStep}
          onResumed={onResumed}
        />
      ) : null}
      {job?.pipelineRunId && feed.state === 'succeeded' ? (
        <PipelineResult runId={job.pipelineRunId} />
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
      {logStep !== null ? (
        <p className="launch-log-filter">
          <span>{t('steps.logOf', { n: logStep + 1 })}</span>{' '}
          <button type="button" onClick={() => setLogStep(null)}>
            {t('steps.allLogs')}
          </button>
        </p>
      ) : null}
      <JobLog lines={lines} />
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
