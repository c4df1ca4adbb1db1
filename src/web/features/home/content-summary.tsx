// The file card's lines for content beyond reports and profile tables: the measurements of a
// benchmark output (tool, batch size, mean / P99, iterations, throughput), and what a timeline,
// a step_trace table or a profiler database adds (step split, gaps, the tables figures come from).
import { useTranslation } from 'react-i18next';
import type { ImportedFile } from '../../../core/formats/types.ts';
import { measurementsOf, profileContentOf } from '../../../core/formats/content.ts';
import { formatNumber } from '../../components/number-format.ts';
import { CONTENT_NS } from './content-strings.ts';

export function MeasurementList({ file }: { readonly file: ImportedFile }) {
  const { t, i18n } = useTranslation(CONTENT_NS);
  const measurements = measurementsOf(file);
  if (measurements.length === 0) return null;
  const lang = i18n.language;
  const ms = (v: number) => formatNumber(v, lang, 3);
  return (
    <ul className="task-list" aria-label={t('measurements')} data-testid="measurements">
      {measurements.map((m, index) => {
        const l = m.latencyMs;
        return (
          <li key={index} data-testid="measurement">
            <strong>{t(`tool.${m.tool}`)}</strong>
            <span>
              {m.batchSize !== null
                ? t('batch', { n: formatNumber(m.batchSize, lang, 0) })
                : t('batchUnknown')}
            </span>
            {l.mean !== null ? (
              <span className="mono">{t('mean', { ms: ms(l.mean) })}</span>
            ) : (
              <span className="muted">{t('noLatency')}</span>
            )}
            {l.mean !== null ? (
              <span className="mono">
                {l.p99 !== null ? t('p99', { ms: ms(l.p99) }) : t('noP99')}
              </span>
            ) : null}
            <span className="muted">
              {l.count !== null
                ? t('count', { count: l.count, n: formatNumber(l.count, lang, 0) })
                : t('countUnknown')}
            </span>
            {m.throughputPerS !== null ? (
              <span className="mono">
                {t('throughput', { n: formatNumber(m.throughputPerS, lang, 2) })}
              </span>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}

export function ProfileExtras({ file }: { readonly file: ImportedFile }) {
  const { t, i18n } = useTranslation(CONTENT_NS);
  const content = profileContentOf(file);
  if (!content) return null;
  const lang = i18n.language;
  const pct = (share: number) => `${formatNumber(share * 100, lang, 1)}%`;
  const b = content.breakdown;
  const tl = content.timeline;
  const db = content.db;
  if (!b && !tl && !db) return null;
  return (
    <div className="profile-extras" data-testid="profile-extras">
      {b ? (
        <p className="profile-line">
          <strong>{t('breakdown')}</strong>
          {b.steps > 0 ? (
            <span className="muted">
              {t('steps', { count: b.steps, n: formatNumber(b.steps, lang, 0) })}
            </span>
          ) : null}
          {b.meanStepUs !== null ? (
            <span className="mono">
              {t('meanStep', { ms: formatNumber(b.meanStepUs / 1000, lang, 3) })}
            </span>
          ) : null}
          <span className="mono">
            {t('split', {
              compute: pct(b.computeShare),
              comm: pct(b.communicationShare),
              free: pct(b.freeShare),
            })}
          </span>
        </p>
      ) : null}
      {tl ? (
        <>
          <p className="profile-line muted">
            {t('timeline', {
              events: formatNumber(tl.events, lang, 0),
              kernels: formatNumber(tl.kernels, lang, 0),
              gaps: formatNumber(tl.gaps.count, lang, 0),
              gapMs: formatNumber(tl.gaps.totalUs / 1000, lang, 3),
            })}
          </p>
          <p className="profile-line muted">{t('openIn')}</p>
        </>
      ) : null}
      {db ? (
        <p className="profile-line muted">
          {t('db', {
            compute: formatNumber(db.computeTasks, lang, 0),
            computeFrom: db.rowSources.compute,
            comm: formatNumber(db.communicationOps, lang, 0),
            commFrom: db.rowSources.communication ?? '—',
          })}
        </p>
      ) : null}
      {db?.typeless ? <p className="profile-line muted">{t('typeless')}</p> : null}
    </div>
  );
}
