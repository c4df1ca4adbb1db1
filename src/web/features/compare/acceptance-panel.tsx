// Measured latency on the compare page (mean / median / P95 / P99 per run and the GPU baseline,
// when benchmark measurements are linked to the runs), from core's acceptance report like the
// "Download acceptance report" action (components/acceptance), so the page and the file show the
// same figures.
// The measurements come in as `MeasuredInputs` (by run id, plus the GPU baseline): whatever links
// measurement files to runs feeds that, nothing here reads files.
import { useTranslation } from 'react-i18next';
import type { Comparison } from '../../../core/model/comparison.ts';
import { acceptanceReport } from '../../components/acceptance/acceptance-download.tsx';
import { COMPARE_NS } from './strings.ts';

const ms = (v: number | null): string => (v === null || !Number.isFinite(v) ? '—' : v.toFixed(3));

/** The measured table; nothing when no run has a measurement. */
export function MeasuredTable({ comparison }: { comparison: Comparison }) {
  const { t, i18n } = useTranslation(COMPARE_NS);
  if (comparison.measured.runs.size === 0 && comparison.measured.gpu === null) return null;
  const report = acceptanceReport(comparison, i18n.language);
  const w = report.words;
  return (
    <section className="compare-panel" aria-labelledby="measured-title">
      <h2 id="measured-title">{t('acceptance.measuredTitle')}</h2>
      <div className="table-scroll">
        <table className="compare-table" data-testid="measured-table">
          <thead>
            <tr>
              <th scope="col">{w.col.role}</th>
              <th scope="col">{w.col.name}</th>
              <th scope="col">{w.col.tool}</th>
              <th scope="col">{w.col.count}</th>
              <th scope="col">{w.col.mean}</th>
              <th scope="col">{w.col.median}</th>
              <th scope="col">{w.col.p95}</th>
              <th scope="col">{w.col.p99}</th>
              <th scope="col">{w.col.vsBaseline}</th>
              <th scope="col">{w.col.vsGpu}</th>
            </tr>
          </thead>
          <tbody>
            {report.series.map((s, i) => (
              <tr key={i} data-role={s.role}>
                <td>{w.role[s.role]}</td>
                <td>{s.name}</td>
                <td>{s.tool}</td>
                <td className="num">{s.stats.count ?? '—'}</td>
                <td className="num">{ms(s.stats.mean)}</td>
                <td className="num">{ms(s.stats.median)}</td>
                <td className="num">{ms(s.stats.p95)}</td>
                <td className="num">{ms(s.stats.p99)}</td>
                <td>{s.vsBaseline ?? '—'}</td>
                <td>{s.vsGpu ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
