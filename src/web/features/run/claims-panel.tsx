// "AOE said this operator got 35 % faster; the profiles show x %": the run's claims set against
// a profile before tuning and one after (core/model/profile-claims.ts chooses them and says why;
// the user can choose others, kept in the address as `pbefore` / `pafter`). Per tuned operator,
// the model line, and the operators that explain the difference.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useShallow } from 'zustand/react/shallow';
import { profileOf } from '../../../core/formats/content.ts';
import { taskNameEvidence } from '../../../core/model/link-evidence.ts';
import {
  chooseProfilePair,
  profileClaims,
  type CandidateRole,
} from '../../../core/model/profile-claims.ts';
import type { TuningTask } from '../../../core/model/types.ts';
import { useNumberFormats } from '../../components/number-format.ts';
import { useAppStore } from '../../store/index.ts';
import { selectProfiles } from '../../store/selectors.ts';
import { CLAIMS_NS } from './claims-strings.ts';

export function ClaimsPanel({ reportId, task }: { reportId: string; task: TuningTask }) {
  const { t } = useTranslation(CLAIMS_NS);
  const f = useNumberFormats();
  // A time change in words, never a bare sign: saved (negative) or added; the gap likewise.
  const usChange = (us: number) =>
    us < 0
      ? t('change.saved', { us: f.us(-us) })
      : us > 0
        ? t('change.added', { us: f.us(us) })
        : t('change.none');
  const residual = (us: number) =>
    us < 0
      ? t('residual.faster', { us: f.us(-us) })
      : us > 0
        ? t('residual.slower', { us: f.us(us) })
        : t('residual.none');
  const [params, setParams] = useSearchParams();
  const files = useAppStore(useShallow(selectProfiles));
  const linked = useAppStore(useShallow((s) => s.links[reportId] ?? []));
  const reportPath = useAppStore((s) => s.files[reportId]?.fileName ?? '');
  const withRows = useMemo(
    () =>
      files.flatMap((file) => {
        const p = profileOf(file);
        return p && p.summary.topOperators.length > 0 ? [{ file, summary: p.summary }] : [];
      }),
    [files],
  );
  const auto = useMemo(
    () =>
      chooseProfilePair(
        task,
        withRows.map(({ file, summary }) => ({
          id: file.id,
          path: file.fileName,
          summary,
          linked: linked.includes(file.id),
          otherModel: taskNameEvidence(reportPath, [task.name], file.fileName).kind === 'disagree',
        })),
      ),
    [task, withRows, linked, reportPath],
  );
  const handBefore = params.get('pbefore');
  const handAfter = params.get('pafter');
  const hand: CandidateRole['reason'] = { kind: 'none' };
  const beforeRole: CandidateRole | null =
    handBefore !== null
      ? { id: handBefore, role: 'baseline', reason: hand }
      : auto.ok
        ? auto.before
        : null;
  const afterRole: CandidateRole | null =
    handAfter !== null
      ? { id: handAfter, role: 'tuned', reason: hand }
      : auto.ok
        ? auto.after
        : null;
  const before = withRows.find((x) => x.file.id === beforeRole?.id) ?? null;
  const after = withRows.find((x) => x.file.id === afterRole?.id) ?? null;
  const claims = useMemo(
    () =>
      before && after && before.file.id !== after.file.id
        ? profileClaims(task, before.summary, after.summary)
        : null,
    [task, before, after],
  );

  if (withRows.length < 2) {
    return (
      <section className="card run-claims" data-testid="run-claims">
        <h2>{t('title')}</h2>
        <p className="muted" data-testid="run-claims-missing">
          {t('fewer')}
        </p>
      </section>
    );
  }

  const change = (pct: number | null) =>
    pct === null
      ? '—'
      : Math.abs(pct) < 0.005
        ? t('unchanged')
        : t(pct > 0 ? 'faster' : 'slower', { pct: f.pct(Math.abs(pct)) });
  const why = (r: CandidateRole | null) => {
    if (!r) return '';
    const reason = r.reason;
    if (reason.kind === 'word') return t('why.word', { word: reason.word });
    if (reason.kind === 'times')
      return r.role === 'baseline'
        ? t('why.times', { before: reason.nearBefore, all: reason.nearBefore + reason.nearAfter })
        : t('why.timesAfter', {
            after: reason.nearAfter,
            all: reason.nearBefore + reason.nearAfter,
          });
    if (reason.kind === 'other') return t('why.other');
    return t('why.hand');
  };
  const choose = (key: 'pbefore' | 'pafter', id: string) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (id === '') next.delete(key);
        else next.set(key, id);
        return next;
      },
      { replace: true, preventScrollReset: true },
    );
  const swap = () =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        next.set('pbefore', after?.file.id ?? '');
        next.set('pafter', before?.file.id ?? '');
        return next;
      },
      { replace: true, preventScrollReset: true },
    );
  const picker = (key: 'pbefore' | 'pafter', value: string, label: string, reason: string) => (
    <label className="run-claims-pick">
      <span className="muted">{label}</span>
      <select
        value={value}
        onChange={(e) => choose(key, e.target.value)}
        data-testid={`run-claims-${key}`}
      >
        <option value="">{t('choose')}</option>
        {withRows.map(({ file }) => (
          <option key={file.id} value={file.id}>
            {file.fileName}
          </option>
        ))}
      </select>
      {reason ? (
        <span className="muted run-claims-why" data-testid={`run-claims-${key}-why`}>
          {reason}
        </span>
      ) : null}
    </label>
  );

  return (
    <section className="card run-claims" data-testid="run-claims">
      <h2>{t('title')}</h2>
      <p className="muted">{t('intro')}</p>
      <div className="run-claims-pickers">
        {picker('pbefore', before?.file.id ?? '', t('before'), before ? why(beforeRole) : '')}
        <button type="button" onClick={swap} disabled={!before || !after}>
          {t('swap')}
        </button>
        {picker('pafter', after?.file.id ?? '', t('after'), after ? why(afterRole) : '')}
      </div>
      {!before || !after ? (
        <p className="muted" data-testid="run-claims-unclear">
          {t(!auto.ok && auto.reason === 'fewer-than-two' ? 'fewer' : 'unclear')}
        </p>
      ) : !claims ? (
        <p className="muted">{t('same')}</p>
      ) : (
        <>
          <p data-testid="run-claims-model">
            {t(claims.model.aoePct === null ? 'modelNoAoe' : 'model', {
              aoe: change(claims.model.aoePct),
              profiles: change(claims.model.profilePct),
              before: f.ms(claims.model.beforeTotalUs / 1000),
              after: f.ms(claims.model.afterTotalUs / 1000),
            })}{' '}
            {claims.model.impliedPct !== null
              ? t('implied', { implied: change(claims.model.impliedPct) })
              : null}
          </p>
          <h3>{t('operators')}</h3>
          <div className="run-claims-scroll">
            <table className="run-claims-table" data-testid="run-claims-operators">
              <thead>
                <tr>
                  <th scope="col">{t('operator')}</th>
                  <th scope="col">{t('type')}</th>
                  <th scope="col">{t('aoeSaid')}</th>
                  <th scope="col">{t('profilesShow')}</th>
                </tr>
              </thead>
              <tbody>
                {claims.operators.map((o) => (
                  <tr
                    key={o.name}
                    data-name={o.name}
                    title={t('sentence', {
                      aoe: change(o.aoePct),
                      profiles: o.profilePct === null ? t('notFound') : change(o.profilePct),
                    })}
                  >
                    <th scope="row" className="mono">
                      {o.name}
                    </th>
                    <td>{o.type}</td>
                    <td data-testid="run-claims-aoe">
                      {change(o.aoePct)}{' '}
                      <span className="muted">
                        ({f.us(o.aoeBeforeUs)} → {f.us(o.aoeAfterUs)} µs)
                      </span>
                    </td>
                    <td data-testid="run-claims-profiles">
                      {o.profilePct === null ? (
                        <span className="muted">{t('notFound')}</span>
                      ) : (
                        <>
                          {change(o.profilePct)}{' '}
                          <span className="muted">
                            ({f.us(o.beforeMeanUs)} → {f.us(o.afterMeanUs)} µs {t('perCall')})
                          </span>
                        </>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h3>{t('explain')}</h3>
          {claims.explain.length === 0 ? (
            <p className="muted">{t('nothingToExplain')}</p>
          ) : (
            <>
              <p className="muted">{t('explainIntro')}</p>
              <ol className="run-claims-explain" data-testid="run-claims-explain">
                {claims.explain.map((g) => (
                  <li key={g.name} data-name={g.name}>
                    <span className="mono">{g.name}</span>{' '}
                    <span className="badge">{t(g.tuned ? 'tuned' : 'notTuned')}</span>{' '}
                    {t('explainLine', {
                      expected: usChange(g.expectedDeltaUs),
                      actual: usChange(g.actualDeltaUs),
                      residual: residual(g.residualUs),
                      pp: f.fixed2(Math.abs(g.residualPp)),
                    })}
                  </li>
                ))}
              </ol>
            </>
          )}
        </>
      )}
    </section>
  );
}
