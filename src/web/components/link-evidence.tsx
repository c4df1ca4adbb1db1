// Why a profile is (or should not be) linked to a report, in words: shown beside every link on the
// workspace cards and on the run page's profile join. The evidence itself is decided in
// core/model/link-evidence.ts; this only says it.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportedFile } from '../../core/formats/types.ts';
import { linkEvidence, type LinkEvidence } from '../../core/model/link-evidence.ts';
import { registerStrings } from '../i18n/index.ts';
import './link-evidence.css';
import { profileOf, reportOf } from '../../core/formats/content.ts';

export const LINK_EVIDENCE_NS = 'linkEvidence';

registerStrings(LINK_EVIDENCE_NS, {
  en: {
    operators: '{{matched}} of {{total}} tuned operators found in the profile',
    agree: 'model “{{name}}” named by both',
    disagree: 'the report names {{report}}, the profile {{profile}}',
    none: 'no model name or operator to compare',
    match: 'Same model',
    mismatch: 'Probably another model',
    unknown: 'Not checked',
    warning:
      'This profile is probably of another model ({{why}}). Its shares and the “tune next” list do not describe this run, so the tune_ops_file export is off.',
  },
  'zh-CN': {
    operators: 'Profiling 数据中找到 {{matched}}/{{total}} 个调优算子',
    agree: '两者都指向模型“{{name}}”',
    disagree: '报告指向 {{report}}，Profiling 数据指向 {{profile}}',
    none: '没有可比较的模型名称或算子',
    match: '同一模型',
    mismatch: '可能是其他模型',
    unknown: '无法判断',
    warning:
      '此 Profiling 数据可能来自其他模型（{{why}}）。其中的占比和“建议下一步调优”列表与本次调优无关，因此已停用 tune_ops_file 导出。',
  },
});

/** The evidence for one report ↔ profile pair (file names carry the dropped folders). */
export function useLinkEvidence(
  report: ImportedFile | undefined,
  profile: ImportedFile | undefined,
): LinkEvidence | null {
  return useMemo(() => {
    const r = reportOf(report);
    const p = profileOf(profile);
    return report && profile && r && p
      ? linkEvidence({ path: report.fileName, report: r }, { path: profile.fileName, profile: p })
      : null;
  }, [report, profile]);
}

/** The reasons, as one sentence fragment each (names first, then operators). */
export function useEvidenceReasons(): (e: LinkEvidence) => string {
  const { t } = useTranslation(LINK_EVIDENCE_NS);
  return (e) => {
    const parts: string[] = [];
    if (e.names.kind === 'agree') parts.push(t('agree', { name: e.names.name }));
    if (e.names.kind === 'disagree')
      parts.push(
        t('disagree', {
          report: e.names.reportNames.join(', '),
          profile: e.names.profileNames.join(', '),
        }),
      );
    if (e.operators)
      parts.push(t('operators', { matched: e.operators.matched, total: e.operators.total }));
    return parts.length > 0 ? parts.join('; ') : t('none');
  };
}

/** "Same model: 3 of 3 tuned operators found", marked by verdict (a glyph and words, not colour). */
export function LinkEvidenceNote({ evidence }: { readonly evidence: LinkEvidence }) {
  const { t } = useTranslation(LINK_EVIDENCE_NS);
  const reasons = useEvidenceReasons();
  const glyph = evidence.verdict === 'match' ? '✓' : evidence.verdict === 'mismatch' ? '⚠' : '?';
  return (
    <span
      className={`link-evidence link-evidence-${evidence.verdict}`}
      data-testid="link-evidence"
      data-verdict={evidence.verdict}
    >
      <span aria-hidden="true">{glyph} </span>
      {t(evidence.verdict)}: {reasons(evidence)}
    </span>
  );
}

/** The warning a run page shows for a linked profile that is probably of another model. */
export function LinkMismatchWarning({ evidence }: { readonly evidence: LinkEvidence }) {
  const { t } = useTranslation(LINK_EVIDENCE_NS);
  const reasons = useEvidenceReasons();
  return (
    <p className="link-mismatch" role="alert" data-testid="link-mismatch">
      <span aria-hidden="true">⚠ </span>
      {t('warning', { why: reasons(evidence) })}
    </p>
  );
}
