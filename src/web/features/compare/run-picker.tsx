// Choosing runs: every tuning task of the workspace, a checkbox to compare it and a radio to pin
// it as the baseline. Runs carry short names (model and time) that charts use as axis labels.
import { useTranslation } from 'react-i18next';
import type { SharedRun } from '../../../core/share/bundle-types.ts';
import { useNumberFormats } from '../../components/number-format.ts';
import { COMPARE_NS } from './strings.ts';

export function RunPicker(props: {
  readonly runs: readonly SharedRun[];
  readonly selected: readonly string[];
  readonly baseline: string | null;
  readonly short: ReadonlyMap<string, string>;
  readonly readOnly: boolean;
  readonly onSelect: (ids: readonly string[]) => void;
  readonly onPin: (id: string) => void;
}) {
  const { runs, selected, baseline, short, readOnly, onSelect, onPin } = props;
  const { t } = useTranslation(COMPARE_NS);
  const f = useNumberFormats();
  const toggle = (id: string, on: boolean) => {
    // Keep the workspace order, so runs are listed the same way whatever was ticked first.
    const next = new Set(selected);
    if (on) next.add(id);
    else next.delete(id);
    onSelect(runs.map((r) => r.run.id).filter((x) => next.has(x)));
  };
  return (
    <section className="run-picker card" aria-labelledby="picker-title">
      <h2 id="picker-title">{t('picker.title')}</h2>
      <div className="table-scroll">
        <table className="compare-table" data-testid="run-picker">
          <thead>
            <tr>
              <th scope="col">{t('picker.select')}</th>
              <th scope="col">{t('picker.baseline')}</th>
              <th scope="col">{t('picker.run')}</th>
              <th scope="col">{t('picker.generation')}</th>
              <th scope="col" className="num">
                {t('picker.tuned')}
              </th>
              <th scope="col" className="num">
                {t('picker.operators')}
              </th>
            </tr>
          </thead>
          <tbody>
            {runs.map(({ run }) => {
              const on = selected.includes(run.id);
              return (
                <tr key={run.id} data-run={run.id} className={on ? 'selected' : undefined}>
                  <td>
                    <input
                      type="checkbox"
                      checked={on}
                      disabled={readOnly}
                      aria-label={`${t('picker.select')}: ${run.label}`}
                      onChange={(e) => toggle(run.id, e.target.checked)}
                    />
                  </td>
                  <td>
                    <input
                      type="radio"
                      name="baseline"
                      checked={baseline === run.id}
                      disabled={readOnly || !on}
                      aria-label={t('picker.pin', { run: run.label })}
                      onChange={() => onPin(run.id)}
                    />
                  </td>
                  <td className="run-name">
                    {short.has(run.id) ? (
                      <span className="run-tag">{short.get(run.id)}</span>
                    ) : null}{' '}
                    {run.label}
                  </td>
                  <td>{t(`gen.${run.generation}`)}</td>
                  <td className="num">{f.ms(run.task.tunedMs)}</td>
                  <td className="num">{f.int(run.task.operators.length)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
