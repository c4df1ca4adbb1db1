// "What is this file", in the user's language: the format, then the AOE layout generation and
// shape, or the profiler header set. Unknown header-set ids (a newer parser) show as written.
import type { TFunction } from 'i18next';
import type { ImportedFile } from '../../core/formats/types.ts';
import { FORMATS_NS } from './format-strings.ts';
import { profileOf, reportOf } from '../../core/formats/content.ts';

export { FORMATS_NS };

/** i18next reads '.' in a key as nesting: ids such as `cann-6.3+` are stored as `cann-6_3+`. */
export function labelKey(id: string): string {
  return id.replaceAll('.', '_');
}

export function formatLabel(t: TFunction, file: ImportedFile): string {
  const format = t(`${FORMATS_NS}:format.${file.format}`);
  const sep = t(`${FORMATS_NS}:separator`, { defaultValue: ', ' });
  const report = reportOf(file);
  if (report) {
    const generation = t(`${FORMATS_NS}:generation.${labelKey(report.generation)}`);
    const layout = t(`${FORMATS_NS}:layout.${report.layout}`);
    return `${format}${sep}${generation} · ${layout}`;
  }
  const profile = profileOf(file);
  if (profile) {
    const id = profile.headerSet;
    const headerSet = t(`${FORMATS_NS}:headerSet.${labelKey(id)}`, { defaultValue: id });
    return `${format}${sep}${headerSet}`;
  }
  return format;
}
