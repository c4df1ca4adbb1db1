// Copy link, Copy permalink and exports. The link and the permalink come from the share control
// every shareable page uses; the exports are the comparison's own. CSV gets a BOM by default in
// zh-CN.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Comparison } from '../../../core/model/comparison.ts';
import type { SharedRun } from '../../../core/share/bundle-types.ts';
import { toBundle } from '../../../core/share/bundle.ts';
import type { ViewState } from '../../../core/share/view-state.ts';
import { defaultBom, modelComparisonCsv, operatorComparisonCsv } from '../../../core/export/csv.ts';
import { comparisonMarkdown } from '../../../core/export/markdown.ts';
import { comparisonToJson, prettyJson, runsToJson } from '../../../core/export/json.ts';
import { ShareLinkControl } from '../../components/share/share-link.tsx';
import { download } from './download.ts';
import { COMPARE_NS } from './strings.ts';

export function ShareBar(props: {
  readonly runs: readonly SharedRun[];
  readonly view: ViewState;
  readonly comparison: Comparison;
}) {
  const { runs, view, comparison } = props;
  const { t, i18n } = useTranslation(COMPARE_NS);
  const [bom, setBom] = useState(() => defaultBom(i18n.language));
  const bundle = () => toBundle(runs, view, new Date().toISOString());

  const labels = Object.fromEntries(comparison.runs.map((r) => [r.id, r.label]));
  const exportsList = [
    {
      key: 'csvOps',
      run: () =>
        download(
          'operators-comparison.csv',
          operatorComparisonCsv(comparison.operators, labels, { bom }),
          'text/csv;charset=utf-8',
        ),
    },
    {
      key: 'csvModel',
      run: () =>
        download(
          'model-comparison.csv',
          modelComparisonCsv(comparison.models, { bom }),
          'text/csv;charset=utf-8',
        ),
    },
    {
      key: 'markdown',
      run: () =>
        download('comparison.md', comparisonMarkdown(comparison), 'text/markdown;charset=utf-8'),
    },
    {
      key: 'json',
      run: () =>
        download('comparison.json', prettyJson(comparisonToJson(comparison)), 'application/json'),
    },
    {
      key: 'jsonRuns',
      run: () => download('runs.json', prettyJson(runsToJson(comparison.runs)), 'application/json'),
    },
  ] as const;

  return (
    <section className="share-bar" aria-label={t('share.exports')}>
      <ShareLinkControl bundle={bundle} path="/compare">
        <span className="export-group" role="group" aria-label={t('share.exports')}>
          <span className="muted">{t('share.exports')}:</span>
          {exportsList.map((e) => (
            <button key={e.key} type="button" onClick={e.run}>
              {t(`share.${e.key}`)}
            </button>
          ))}
          <label className="check">
            <input type="checkbox" checked={bom} onChange={(e) => setBom(e.target.checked)} />
            {t('share.bom')}
          </label>
        </span>
      </ShareLinkControl>
    </section>
  );
}
