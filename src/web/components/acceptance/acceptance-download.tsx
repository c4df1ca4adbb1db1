// "Download acceptance report" (迁移验收表), the same on the run page's Measured view and on the
// compare page: one offline HTML file or Markdown, in the page's language, built by core from the
// page's comparison and — asked for when the button is pressed — the Advice of the runs it is
// about (dismissed findings listed apart with their reasons).
import { useTranslation } from 'react-i18next';
import type { Comparison } from '../../../core/model/comparison.ts';
import type { ReportLang } from '../../../core/model/gate-words.ts';
import type { SharedAdvice } from '../../../core/share/bundle-types.ts';
import {
  acceptanceHtml,
  acceptanceMarkdown,
  buildAcceptanceReport,
  type AcceptanceReport,
} from '../../../core/report/index.ts';
import { registerStrings } from '../../i18n/index.ts';
import { download } from '../save-file.ts';

const NS = 'acceptance';

registerStrings(NS, {
  en: { download: 'Download acceptance report' },
  'zh-CN': { download: '下载迁移验收表' },
});

export const reportLang = (language: string): ReportLang =>
  language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';

/** The Advice of each run a report is about. */
export type RunAdvice = readonly { readonly run: string; readonly advice: SharedAdvice }[];

/** The acceptance report of a comparison, now, in a UI language. */
export function acceptanceReport(
  comparison: Comparison,
  language: string,
  advice?: RunAdvice,
): AcceptanceReport {
  return buildAcceptanceReport({
    comparison,
    lang: reportLang(language),
    generatedAt: new Date().toISOString(),
    ...(advice ? { advice } : {}),
  });
}

export function AcceptanceDownload(props: {
  readonly comparison: Comparison;
  /** The runs' Advice as the page has it when the button is pressed. */
  readonly advice?: () => RunAdvice;
}) {
  const { t, i18n } = useTranslation(NS);
  const save = (html: boolean) => {
    const report = acceptanceReport(props.comparison, i18n.language, props.advice?.());
    const name = `acceptance-${report.model.replace(/[^\w.-]+/g, '_').slice(0, 60) || 'model'}`;
    if (html) download(`${name}.html`, acceptanceHtml(report), 'text/html;charset=utf-8');
    else download(`${name}.md`, acceptanceMarkdown(report), 'text/markdown;charset=utf-8');
  };
  return (
    <div className="export-group" role="group" aria-label={t('download')}>
      <span className="muted">{t('download')}:</span>
      <button type="button" onClick={() => save(true)}>
        HTML
      </button>
      <button type="button" onClick={() => save(false)}>
        Markdown
      </button>
    </div>
  );
}
