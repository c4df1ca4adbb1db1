// The History page: per model (and SoC, batch size), model latency over time — AOE's baseline and
// tuned figures and the measured latency where there is one — with CANN version changes marked,
// hosts and users as filters, gate verdicts on the points. A click on a point opens the run; two
// runs ticked in the table open a compare. Reads /api/history through the launcher client with
// the History page's token (a read token on a team server, the launcher's own token on one host).
import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import {
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { THEMED_TOOLTIP } from '../../components/chart-theme.ts';
import { ingestFiles } from '../../workers/ingest.ts';
import {
  launcher,
  readHistoryToken,
  storeHistoryToken,
  type ApiFailure,
} from '../../lib/launcher-client.ts';
import './history.css';
import { HISTORY_NS } from './strings.ts';
import {
  cannChanges,
  chartRows,
  compareAddress,
  keyOf,
  parseKey,
  pointsQuery,
  toCsv,
  type ChartRow,
  type Facets,
  type HistoryPoint,
} from './view-model.ts';
import { reportOf } from '../../../core/formats/content.ts';

type Load<T> =
  | { readonly state: 'loading' }
  | { readonly state: 'token'; readonly refused: boolean }
  | { readonly state: 'failed'; readonly message: string }
  | { readonly state: 'ready'; readonly value: T };

const SERIES = [
  { key: 'baselineMs', color: 'var(--neutral)', dash: '6 3' },
  { key: 'tunedMs', color: 'var(--better)', dash: undefined },
  { key: 'measuredMs', color: 'var(--worse)', dash: undefined },
] as const;
const SERIES_NAME = { baselineMs: 'baseline', tunedMs: 'tuned', measuredMs: 'measured' } as const;

function TokenForm({ refused, onSave }: { refused: boolean; onSave: (t: string) => void }) {
  const { t } = useTranslation(HISTORY_NS);
  const [text, setText] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSave(text.trim());
  };
  return (
    <form className="card history-token" onSubmit={submit} data-testid="history-token">
      <label>
        {t('token.label')}
        <input
          type="password"
          autoComplete="off"
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
      </label>
      <button type="submit" className="primary" disabled={text.trim() === ''}>
        {t('token.save')}
      </button>
      <p className="muted">{t('token.help')}</p>
      {refused ? <p role="alert">{t('token.refused')}</p> : null}
    </form>
  );
}

function Filter({
  label,
  all,
  chosen,
  onChange,
  testId,
}: {
  label: string;
  all: readonly string[];
  chosen: readonly string[];
  onChange: (next: string[]) => void;
  testId: string;
}) {
  const { t } = useTranslation(HISTORY_NS);
  if (all.length < 2) return null;
  return (
    <fieldset className="history-filter" data-testid={testId}>
      <legend>
        {label} <span className="muted">({chosen.length === 0 ? t('all') : chosen.length})</span>
      </legend>
      {all.map((name) => (
        <label key={name}>
          <input
            type="checkbox"
            checked={chosen.includes(name)}
            onChange={(e) =>
              onChange(e.target.checked ? [...chosen, name] : chosen.filter((c) => c !== name))
            }
          />
          {name}
        </label>
      ))}
    </fieldset>
  );
}

function VerdictDot(props: {
  cx?: number;
  cy?: number;
  payload?: ChartRow;
  selected: ReadonlySet<string>;
  onOpen: (row: ChartRow) => void;
  color: string;
}) {
  const { cx, cy, payload, selected, onOpen, color } = props;
  if (cx === undefined || cy === undefined || !payload) return null;
  const v = payload.verdict;
  const ring = selected.has(payload.id);
  const fill = v === 'reject' ? 'var(--danger)' : v === 'accept' ? 'var(--better)' : color;
  return (
    <g
      className="history-point"
      data-run={payload.id}
      data-verdict={v ?? ''}
      role="button"
      tabIndex={0}
      aria-label={`${payload.createdAt} ${payload.host}`}
      onClick={() => onOpen(payload)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') onOpen(payload);
      }}
      style={{ cursor: 'pointer' }}
    >
      {ring ? (
        <circle cx={cx} cy={cy} r={9} fill="none" stroke="var(--accent)" strokeWidth={2} />
      ) : null}
      {v === 'reject' ? (
        <path
          d={`M${cx - 5},${cy - 5}L${cx + 5},${cy + 5}M${cx - 5},${cy + 5}L${cx + 5},${cy - 5}`}
          stroke={fill}
          strokeWidth={3}
        />
      ) : v === 'accept' ? (
        <path d={`M${cx},${cy - 6}L${cx + 6},${cy + 5}L${cx - 6},${cy + 5}Z`} fill={fill} />
      ) : (
        <circle cx={cx} cy={cy} r={4.5} fill={fill} stroke="var(--surface)" strokeWidth={1} />
      )}
      <circle cx={cx} cy={cy} r={10} fill="transparent" />
    </g>
  );
}

function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A failed read as the page shows it: the server's words, else its status. */
function failureText(f: ApiFailure): string {
  return f.message || (f.status === 0 ? f.code : `HTTP ${f.status}`);
}

export function HistoryPage() {
  const { t, i18n } = useTranslation(HISTORY_NS);
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [token, setToken] = useState(readHistoryToken);
  const [facets, setFacets] = useState<Load<Facets>>({ state: 'loading' });
  const [points, setPoints] = useState<Load<HistoryPoint[]>>({ state: 'loading' });
  const [selected, setSelected] = useState<string[]>([]);
  const [busy, setBusy] = useState<string | null>(null);
  const [openError, setOpenError] = useState<string | null>(null);

  const hosts = useMemo(() => params.getAll('host'), [params]);
  const users = useMemo(() => params.getAll('user'), [params]);
  const setList = (name: string, values: string[]) => {
    const next = new URLSearchParams(params);
    next.delete(name);
    for (const v of values) next.append(name, v);
    setParams(next, { replace: true });
  };

  useEffect(() => {
    let live = true;
    // Every read needs a token: without one, ask for it before asking the server.
    if (token === '') {
      setFacets({ state: 'token', refused: false });
      return;
    }
    setFacets({ state: 'loading' });
    void launcher.history.facets(token).then((r) => {
      if (!live) return;
      if (r.ok) setFacets({ state: 'ready', value: r.value });
      else if (r.status === 401 || r.status === 403)
        setFacets({ state: 'token', refused: token !== '' });
      else setFacets({ state: 'failed', message: failureText(r) });
    });
    return () => {
      live = false;
    };
  }, [token]);

  const models = useMemo(() => (facets.state === 'ready' ? facets.value.models : []), [facets]);
  const chosenKey = useMemo(() => {
    const fromUrl = parseKey(params.get('m') ?? '');
    const found = fromUrl && models.find((m) => keyOf(m) === keyOf(fromUrl));
    if (found) return found;
    // The model with the most runs by default.
    return [...models].sort((a, b) => b.runs - a.runs)[0] ?? null;
  }, [params, models]);

  useEffect(() => {
    if (!chosenKey) return;
    let live = true;
    setPoints({ state: 'loading' });
    void launcher.history.points(pointsQuery(chosenKey, hosts, users), token).then((r) => {
      if (!live) return;
      if (r.ok) setPoints({ state: 'ready', value: r.value.points });
      else setPoints({ state: 'failed', message: failureText(r) });
    });
    return () => {
      live = false;
    };
  }, [chosenKey, hosts, users, token]);

  const rows = useMemo(() => (points.state === 'ready' ? chartRows(points.value) : []), [points]);
  const changes = useMemo(() => cannChanges(rows), [rows]);
  const dateFmt = useMemo(
    () =>
      new Intl.DateTimeFormat(i18n.language, {
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
      }),
    [i18n.language],
  );
  const numFmt = useMemo(
    () => new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 3 }),
    [i18n.language],
  );

  /** Fetches a run's file and loads it into the workspace; resolves with its file id. */
  const load = useCallback(
    async (p: HistoryPoint): Promise<string> => {
      const res = await launcher.history.raw(p.id, token);
      if (!res.ok) throw new Error(failureText(res));
      const file = new File([res.value], p.fileName, { type: 'application/json' });
      const [imported] = await ingestFiles([{ file, path: p.fileName }]);
      if (!imported || !reportOf(imported)) throw new Error(p.fileName);
      return imported.id;
    },
    [token],
  );

  const open = async (p: HistoryPoint) => {
    setBusy(p.id);
    setOpenError(null);
    try {
      const id = await load(p);
      void navigate(`/run/${encodeURIComponent(id)}/0`);
    } catch (err) {
      setOpenError((err as Error).message);
      setBusy(null);
    }
  };

  const compare = async () => {
    const picked = rows.filter((r) => selected.includes(r.id));
    const [a, b] = picked;
    if (!a || !b) return;
    setBusy('compare');
    setOpenError(null);
    try {
      const [fa, fb] = await Promise.all([load(a), load(b)]);
      void navigate(
        compareAddress(
          { fileId: fa, createdAt: a.createdAt },
          { fileId: fb, createdAt: b.createdAt },
        ),
      );
    } catch (err) {
      setOpenError((err as Error).message);
      setBusy(null);
    }
  };

  const saveToken = (next: string) => {
    storeHistoryToken(next);
    setToken(next);
  };

  const label = (m: (typeof models)[number]) =>
    t('modelOption', {
      model: m.model,
      soc: m.soc ?? t('unknownSoc'),
      batch: m.batchSize ?? t('unknownBatch'),
      runs: m.runs,
    });

  const has = (k: 'baselineMs' | 'tunedMs' | 'measuredMs') => rows.some((r) => r[k] !== null);
  const newestFirst = [...rows].reverse();

  return (
    <section className="history-page" data-testid="history-page">
      <h1>{t('title')}</h1>
      <p className="muted">{t('intro')}</p>
      {facets.state === 'loading' ? <p>{t('loading')}</p> : null}
      {facets.state === 'token' ? <TokenForm refused={facets.refused} onSave={saveToken} /> : null}
      {facets.state === 'failed' ? (
        <p role="alert">{t('failed', { message: facets.message })}</p>
      ) : null}
      {facets.state === 'ready' && models.length === 0 ? (
        <p className="card" data-testid="history-empty">
          {t('empty')}
        </p>
      ) : null}
      {facets.state === 'ready' && chosenKey ? (
        <>
          <div className="history-controls card">
            <label className="history-model">
              {t('model')}
              <select
                data-testid="history-model"
                value={keyOf(chosenKey)}
                onChange={(e) => {
                  const next = new URLSearchParams(params);
                  next.set('m', e.target.value);
                  setParams(next, { replace: true });
                  setSelected([]);
                }}
              >
                {models.map((m) => (
                  <option key={keyOf(m)} value={keyOf(m)}>
                    {label(m)}
                  </option>
                ))}
              </select>
            </label>
            <Filter
              label={t('hosts')}
              all={facets.value.hosts}
              chosen={hosts}
              onChange={(v) => setList('host', v)}
              testId="history-hosts"
            />
            <Filter
              label={t('users')}
              all={facets.value.users}
              chosen={users}
              onChange={(v) => setList('user', v)}
              testId="history-users"
            />
          </div>
          {points.state === 'failed' ? (
            <p role="alert">{t('failed', { message: points.message })}</p>
          ) : null}
          <div className="card history-chart" data-testid="history-chart" data-points={rows.length}>
            <p className="muted">
              {t('points', { count: rows.length })} · {t('chartHelp')}{' '}
              {changes.length > 1 ? t('cannChanges') : null}
            </p>
            <ComposedChart
              responsive
              width="100%"
              height={340}
              data={rows}
              margin={{ left: 8, right: 48, top: 24, bottom: 8 }}
            >
              <CartesianGrid stroke="var(--border)" vertical={false} />
              <XAxis
                dataKey="t"
                type="number"
                scale="time"
                domain={['dataMin', 'dataMax']}
                padding={{ left: 24, right: 24 }}
                tickFormatter={(v: number) => dateFmt.format(v)}
                tick={{ fill: 'var(--muted)', fontSize: 12 }}
                stroke="var(--border)"
              />
              <YAxis
                tick={{ fill: 'var(--muted)' }}
                stroke="var(--border)"
                width={56}
                label={{
                  value: t('axis.latency'),
                  angle: -90,
                  position: 'insideLeft',
                  fill: 'var(--muted)',
                  style: { textAnchor: 'middle' },
                }}
              />
              <Tooltip
                {...THEMED_TOOLTIP}
                labelFormatter={(v) => dateFmt.format(Number(v))}
                formatter={(v) => numFmt.format(Number(v))}
              />
              <Legend />
              {changes.map((c) => (
                <ReferenceLine
                  key={`${c.t}-${c.version}`}
                  x={c.t}
                  stroke="var(--warning)"
                  strokeDasharray="4 4"
                  label={{
                    value: t('cann', { version: c.version }),
                    position: 'insideTopLeft',
                    fill: 'var(--warning)',
                    fontSize: 12,
                  }}
                />
              ))}
              {SERIES.filter((s) => has(s.key)).map((s) => (
                <Line
                  key={s.key}
                  dataKey={s.key}
                  name={t(`series.${SERIES_NAME[s.key]}`)}
                  stroke={s.color}
                  strokeDasharray={s.dash}
                  strokeWidth={2}
                  connectNulls
                  isAnimationActive={false}
                  dot={(props: { cx?: number; cy?: number; payload?: unknown }) => (
                    <VerdictDot
                      key={`${s.key}-${(props.payload as ChartRow | undefined)?.id ?? ''}`}
                      cx={props.cx}
                      cy={props.cy}
                      payload={props.payload as ChartRow | undefined}
                      selected={new Set(selected)}
                      onOpen={(row) => void open(row)}
                      color={s.color}
                    />
                  )}
                  activeDot={false}
                />
              ))}
            </ComposedChart>
            <p className="history-legend muted">
              <span className="v-accept">▲</span> {t('verdict.accept')} ·{' '}
              <span className="v-reject">✕</span> {t('verdict.reject')}
            </p>
          </div>
          <div className="history-actions">
            <button
              type="button"
              className="primary"
              data-testid="history-compare"
              disabled={selected.length !== 2 || busy !== null}
              onClick={() => void compare()}
            >
              {busy === 'compare' ? t('opening') : t('compare')}
            </button>
            {selected.length > 0 ? (
              <span className="muted">{t('compareHint', { count: selected.length })}</span>
            ) : null}
            <button
              type="button"
              data-testid="history-csv"
              disabled={rows.length === 0}
              onClick={() =>
                download(
                  `history-${chosenKey.model.replace(/[^A-Za-z0-9._-]/g, '_')}.csv`,
                  toCsv(rows),
                )
              }
            >
              {t('csv')}
            </button>
            {openError ? <span role="alert">{t('openFailed', { message: openError })}</span> : null}
          </div>
          <div className="history-table-wrap card">
            <table className="history-table" data-testid="history-table">
              <caption>{t('table.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('table.select')}</th>
                  <th scope="col">{t('table.when')}</th>
                  <th scope="col">{t('table.host')}</th>
                  <th scope="col">{t('table.user')}</th>
                  <th scope="col">{t('table.cann')}</th>
                  <th scope="col" className="num">
                    {t('table.baseline')}
                  </th>
                  <th scope="col" className="num">
                    {t('table.tuned')}
                  </th>
                  <th scope="col" className="num">
                    {t('table.measured')}
                  </th>
                  <th scope="col">{t('table.verdict')}</th>
                  <th scope="col">{t('table.open')}</th>
                </tr>
              </thead>
              <tbody>
                {newestFirst.map((r) => (
                  <tr key={r.id} data-run={r.id}>
                    <td>
                      <input
                        type="checkbox"
                        aria-label={`${t('table.select')} ${dateFmt.format(r.t)} ${r.host}`}
                        checked={selected.includes(r.id)}
                        disabled={!selected.includes(r.id) && selected.length >= 2}
                        onChange={(e) =>
                          setSelected((s) =>
                            e.target.checked ? [...s, r.id] : s.filter((x) => x !== r.id),
                          )
                        }
                      />
                    </td>
                    <td>{dateFmt.format(r.t)}</td>
                    <td>{r.host}</td>
                    <td>{r.user}</td>
                    <td>{r.cannVersion ?? '—'}</td>
                    <td className="num">
                      {r.baselineMs === null ? '—' : numFmt.format(r.baselineMs)}
                    </td>
                    <td className="num">{r.tunedMs === null ? '—' : numFmt.format(r.tunedMs)}</td>
                    <td className="num">
                      {r.measuredMs === null ? '—' : numFmt.format(r.measuredMs)}
                    </td>
                    <td>{r.verdict ? t(`verdict.${r.verdict}`) : '—'}</td>
                    <td>
                      <button
                        type="button"
                        disabled={busy !== null}
                        onClick={() => void open(r)}
                        title={r.fileName}
                      >
                        {busy === r.id ? t('opening') : t('table.open')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </section>
  );
}
