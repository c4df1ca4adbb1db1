// The Launch page: start jobs (a plain AOE tuning job, or a pipeline preset: convert, measure,
// tune, rebuild, measure, profile) on the launcher that serves this dashboard, follow each step
// live, resume a failed pipeline from its failing step, open the results in the run view. Without a launcher (a static deployment, `vite
// preview`) it says what is missing instead. The selected job and a prefilled `tune_ops_file`
// (`?tuneOps=<json>`, from a run's "tune next" list) live in the URL.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import {
  launcher as api,
  probeLauncher,
  readToken,
  storeToken,
  tokenFromHash,
  type JobView,
  type ModelListing,
  type Preflight,
} from '../../lib/launcher-client.ts';
import { JobDetail } from './job-detail.tsx';
import { JobForm } from './job-form.tsx';
import { JobList } from './job-list.tsx';
import { PreflightPanel } from './preflight-panel.tsx';
import { LAUNCH_NS } from './strings.ts';
import './launch.css';

const JOBS_REFRESH_MS = 2000;

/** A host check with nothing in it: what the form goes by when the check cannot be read. */
const NO_CHECK: Preflight = { ok: true, items: [], helpOptions: null, devices: [] };

function TokenForm({
  invalid,
  onToken,
}: {
  readonly invalid: boolean;
  readonly onToken: (t: string) => void;
}) {
  const { t } = useTranslation(LAUNCH_NS);
  const [value, setValue] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onToken(value.trim());
  };
  return (
    <form className="launch-token card" onSubmit={submit}>
      <label htmlFor="launch-token">{t('token.label')}</label>
      <input
        id="launch-token"
        type="password"
        autoComplete="off"
        value={value}
        onChange={(e) => setValue(e.target.value)}
      />
      <button type="submit" className="primary">
        {t('token.save')}
      </button>
      <p className="muted">{t('token.help')}</p>
      {invalid ? (
        <p className="launch-field-error" role="alert">
          {t('token.invalid')}
        </p>
      ) : null}
    </form>
  );
}

export function LaunchPage() {
  const { t } = useTranslation(LAUNCH_NS);
  const location = useLocation();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [launcher, setLauncher] = useState<'checking' | 'absent' | 'present'>('checking');
  const [token, setToken] = useState(readToken);
  const [tokenInvalid, setTokenInvalid] = useState(false);
  const [preflight, setPreflight] = useState<Preflight | null>(null);
  const [models, setModels] = useState<ModelListing | null | 'failed'>(null);
  // The host check could not be read (not a refused token): nothing is blocked on it then, the
  // launcher still checks each job it is sent.
  const [preflightFailed, setPreflightFailed] = useState(false);
  const [jobs, setJobs] = useState<readonly JobView[]>([]);
  const selected = params.get('job');

  // The launcher prints `/launch#token=…`: keep the token, drop it from the address bar.
  useEffect(() => {
    const fromHash = tokenFromHash(location.hash);
    if (!fromHash) return;
    storeToken(fromHash);
    setToken(fromHash);
    void navigate(
      { pathname: location.pathname, search: location.search, hash: '' },
      { replace: true },
    );
  }, [location.hash, location.pathname, location.search, navigate]);

  useEffect(() => {
    let live = true;
    void probeLauncher().then((ok) => live && setLauncher(ok ? 'present' : 'absent'));
    return () => {
      live = false;
    };
  }, []);

  // `token` is a dependency so that a new token asks again; the client sends the stored one.
  const loadPreflight = useCallback(async () => {
    setPreflight(null);
    setPreflightFailed(false);
    const [res, listing] = await Promise.all([api.preflight(), api.models()]);
    if (res.ok) setPreflight(res.value);
    else if (res.status === 401) setTokenInvalid(true);
    else setPreflightFailed(true);
    setModels(listing.ok ? listing.value : 'failed');
  }, [token]); // eslint-disable-line react-hooks/exhaustive-deps

  const loadJobs = useCallback(async () => {
    const res = await api.jobs();
    if (res.ok) {
      setTokenInvalid(false);
      setJobs(res.value.jobs);
    } else if (res.status === 401) setTokenInvalid(true);
  }, [token]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    if (launcher !== 'present' || !token) return;
    void loadPreflight();
    void loadJobs();
    const timer = setInterval(() => void loadJobs(), JOBS_REFRESH_MS);
    return () => clearInterval(timer);
  }, [launcher, token, loadPreflight, loadJobs]);

  // A job just started shows below the form on a narrow screen: bring its steps into view.
  const [reveal, setReveal] = useState(false);
  useEffect(() => {
    if (!reveal || !selected) return;
    setReveal(false);
    const detail = document.querySelector<HTMLElement>('.launch-detail');
    if (detail && detail.getBoundingClientRect().top > window.innerHeight - 80)
      detail.scrollIntoView?.({ block: 'start' });
  }, [reveal, selected]);

  const select = useCallback(
    (id: string) =>
      setParams((p) => {
        const next = new URLSearchParams(p);
        next.set('job', id);
        return next;
      }),
    [setParams],
  );

  const cancel = useCallback(
    async (id: string) => {
      await api.cancelJob(id);
      await loadJobs();
    },
    [loadJobs],
  );

  const applyToken = (value: string) => {
    if (value === '') return;
    storeToken(value);
    setTokenInvalid(false);
    setToken(value);
  };

  return (
    <main className="launch-page" data-page="launch" data-launcher={launcher}>
      <h1>{t('title')}</h1>
      {launcher === 'checking' ? <p className="muted">{t('checking')}</p> : null}
      {launcher === 'absent' ? (
        <section className="card launch-missing" role="status">
          <h2>{t('noLauncher.title')}</h2>
          <p>{t('noLauncher.body')}</p>
        </section>
      ) : null}
      {launcher === 'present' && (!token || tokenInvalid) ? (
        <TokenForm invalid={tokenInvalid} onToken={applyToken} />
      ) : null}
      {launcher === 'present' && token && !tokenInvalid ? (
        <div className="launch-grid">
          <div className="launch-col">
            <PreflightPanel
              preflight={preflight}
              failed={preflightFailed}
              onRefresh={() => void loadPreflight()}
            />
            <JobForm
              preflight={preflightFailed ? NO_CHECK : preflight}
              models={models}
              initialTuneOps={params.get('tuneOps') ?? ''}
              onStarted={(id) => {
                select(id);
                setReveal(true);
                void loadJobs();
              }}
            />
          </div>
          <div className="launch-col">
            <JobList
              jobs={jobs}
              selected={selected}
              onSelect={select}
              onCancel={(id) => void cancel(id)}
            />
            {selected ? (
              <JobDetail
                key={selected}
                jobId={selected}
                token={token}
                onCancel={(id) => void cancel(id)}
                onResumed={(id) => {
                  select(id);
                  void loadJobs();
                }}
              />
            ) : null}
          </div>
        </div>
      ) : null}
    </main>
  );
}
