// The two tables of the profile join: where each tuned operator sits in the profile, and the
// ranked "tune next" list.
import { useTranslation } from 'react-i18next';
import type { TaskProfileJoin } from '../../../core/model/join.ts';
import { useNumberFormats } from '../../components/number-format.ts';
import { RUN_NS } from './strings.ts';

export function JoinTables({ join }: { join: TaskProfileJoin }) {
  const { t } = useTranslation(RUN_NS);
  const f = useNumberFormats();
  const ops = [...join.operators].sort((a, b) => (b.share ?? -1) - (a.share ?? -1));
  return (
    <>
      <section>
        <h2>{t('join.operators')}</h2>
        <div className="run-table-scroll">
          <table className="run-simple-table" data-testid="join-operators">
            <thead>
              <tr>
                <th scope="col">{t('ops.name')}</th>
                <th scope="col">{t('ops.type')}</th>
                <th scope="col">{t('join.match')}</th>
                <th scope="col" className="num">
                  {t('join.share')}
                </th>
                <th scope="col" className="num">
                  {t('ops.before')}
                </th>
                <th scope="col" className="num">
                  {t('ops.after')}
                </th>
                <th scope="col" className="num">
                  {t('join.contribution')}
                </th>
              </tr>
            </thead>
            <tbody>
              {ops.map((o) => (
                <tr key={o.name}>
                  <td className="mono">{o.name}</td>
                  <td>{o.type}</td>
                  <td>{t(`join.matchKinds.${o.match ?? 'none'}`)}</td>
                  <td className="num">{o.share === null ? '—' : f.share(o.share)}</td>
                  <td className="num">{f.us(o.beforeUs)}</td>
                  <td className="num">{f.us(o.afterUs)}</td>
                  <td className="num">
                    {o.predictedGainPct === null ? '—' : f.pct(o.predictedGainPct)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section>
        <h2>{t('join.tuneNext')}</h2>
        <p className="muted">{t('join.tuneNextHint')}</p>
        {join.tuneNext.length === 0 ? (
          <p>{t('join.noTuneNext')}</p>
        ) : (
          <div className="run-table-scroll">
            <table className="run-simple-table" data-testid="tune-next">
              <thead>
                <tr>
                  <th scope="col" className="num">
                    {t('join.rank')}
                  </th>
                  <th scope="col">{t('ops.name')}</th>
                  <th scope="col">{t('ops.type')}</th>
                  <th scope="col" className="num">
                    {t('join.time')}
                  </th>
                  <th scope="col" className="num">
                    {t('join.share')}
                  </th>
                  <th scope="col" className="num">
                    {t('join.cumulative')}
                  </th>
                  <th scope="col">{t('join.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {join.tuneNext.map((e) => (
                  <tr key={e.name}>
                    <td className="num">{e.rank}</td>
                    <td className="mono">{e.name}</td>
                    <td>{e.type}</td>
                    <td className="num">{f.us(e.totalUs)}</td>
                    <td className="num">{f.share(e.share)}</td>
                    <td className="num">{f.share(e.cumulativeShare)}</td>
                    <td>{t(`join.reasons.${e.reason}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
