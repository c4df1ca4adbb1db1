// The comparability banner: what differs between the baseline and a run that makes the
// comparison possibly unfair. A warning; the comparison is shown regardless.
import { useTranslation } from 'react-i18next';
import type { ComparabilityWarning } from '../../../core/model/compare.ts';
import { COMPARE_NS } from './strings.ts';

export function ComparabilityBanner({
  warnings,
  labels,
}: {
  warnings: readonly ComparabilityWarning[];
  labels: ReadonlyMap<string, string>;
}) {
  const { t } = useTranslation(COMPARE_NS);
  if (warnings.length === 0) return null;
  const value = (field: string, v: string) =>
    field === 'generation' ? t(`gen.${v}`, { defaultValue: v }) : v;
  return (
    <section className="compare-banner" role="status" data-testid="comparability-banner">
      <strong>⚠ {t('banner.title')}</strong>
      <ul>
        {warnings.map((w, i) => (
          <li key={i} data-field={w.field}>
            {t('banner.line', {
              run: labels.get(w.runId) ?? w.runId,
              field: t(`banner.fields.${w.field}`),
              base: value(w.field, w.baseValue),
              value: value(w.field, w.runValue),
            })}
          </li>
        ))}
      </ul>
    </section>
  );
}
