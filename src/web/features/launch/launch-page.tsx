// The Launch page: start AOE tuning jobs on the launcher that serves this dashboard, follow them
// live, open their results in the run view. Without a launcher (a static deployment, `vite
// preview`) it says what is missing instead. The selected job and a prefilled `tune_ops_file`
// (`?tuneOps=<json>`, from a run's "tune next" list) live in the URL.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import {
  call,
  probeLauncher,
  readToken,
  storeToken,
  tokenFromHash,
  type JobView,
  type Preflight,
} from './api.ts';
import { JobDetail } from './job-detail.tsx';
import { JobForm } from './job-form.tsx';
import { JobList } from './job-list.tsx';
import { PreflightPanel } from './preflight-panel.tsx';
import { LAUNCH_NS } from './strings.ts';
import './launch.css';

const JOBS_REFRESH_MS = 2000;

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

  const loadPreflight = useCallback(async () => {
    setPreflight(null);
    const res = await call<Preflight>('/api/preflight', token);
    if (res.ok) setPreflight(res.value);
    else if (res.status === 401) setTokenInvalid(true);
  }, [token]);

  const loadJobs = useCallback(async () => {
    const res = await call<{ jobs: JobView[] }>('/api/jobs', token);
    if (res.ok) {
      setTokenInvalid(false);
      setJobs(res.value.jobs);
    } else if (res.status === 401) setTokenInvalid(true);
  }, [token]);

  useEffect(() => {
    if (launcher !== 'present' || !token) return;
    void loadPreflight();
    void loadJobs();
    const timer = setInterval(() => void loadJobs(), JOBS_REFRESH_MS);
    return () => clearInterval(timer);
  }, [launcher, token, loadPreflight, loadJobs]);

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
      await call(`/api/jobs/${encodeURIComponent(id)}`, token, { method: 'DELETE' });
      await loadJobs();
    },
    [token, loadJobs],
  );

  const applyToken = (value: string) => {
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
            <PreflightPanel preflight={preflight} onRefresh={() => void loadPreflight()} />
            <JobForm
              token={token}
              initialTuneOps={params.get('tuneOps') ?? ''}
              onStarted={(id) => {
                select(id);
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
              />
            ) : null}
          </div>
        </div>
      ) : null}
    </main>
  );
}
