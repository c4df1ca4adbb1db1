// Report ↔ profile links of one file: the linked files with an unlink button each and why each
// link holds (or that it probably does not: another model), and (for a report) a picker to link
// another profile of the workspace.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { Icon } from '../../components/icons.tsx';
import { LinkEvidenceNote, useLinkEvidence } from '../../components/link-evidence.tsx';
import type { ImportedFile } from '../../store/index.ts';
import { useAppStore } from '../../store/index.ts';
import { HOME_NS } from './strings.ts';
import { measurementsOf, profileOf, reportOf } from '../../../core/formats/content.ts';

/** Why the report and one of its profiles are linked, or a warning that they probably are not. */
function Evidence(props: { readonly reportId: string; readonly profileId: string }) {
  const report = useAppStore((s) => s.files[props.reportId]);
  const profile = useAppStore((s) => s.files[props.profileId]);
  const evidence = useLinkEvidence(report, profile);
  return evidence ? <LinkEvidenceNote evidence={evidence} /> : null;
}

function ReportLinks({ report }: { readonly report: ImportedFile }) {
  const { t } = useTranslation(HOME_NS);
  const linked = useAppStore(useShallow((s) => s.links[report.id] ?? []));
  // Primitive arrays only: useShallow compares elements with Object.is, so new objects built in
  // a selector would never compare equal and would re-render forever.
  // Profiles and measurement files (a run's baseline / tuned / GPU measurements) can be linked.
  const profileIds = useAppStore(
    useShallow((s) =>
      s.order.filter((id) => profileOf(s.files[id]) || measurementsOf(s.files[id]).length > 0),
    ),
  );
  const files = useAppStore((s) => s.files);
  const profiles = useMemo(
    () => profileIds.map((id) => ({ id, name: files[id]?.fileName ?? id })),
    [profileIds, files],
  );
  const linkProfile = useAppStore((s) => s.linkProfile);
  const unlinkProfile = useAppStore((s) => s.unlinkProfile);
  if (profiles.length === 0 && linked.length === 0) return null;
  const nameOf = (id: string) => files[id]?.fileName ?? id;
  const candidates = profiles.filter((p) => !linked.includes(p.id));
  return (
    <div className="file-links">
      <span className="muted">{t('links.profiles')}:</span>{' '}
      {linked.length === 0 ? <span className="muted">{t('links.none')}</span> : null}
      {linked.map((id) => (
        <span key={id} className="link-item">
          <span className="link-chip">
            <span className="mono">{nameOf(id)}</span>
            <button
              type="button"
              className="chip-button"
              aria-label={t('links.unlink', { name: nameOf(id) })}
              title={t('links.unlink', { name: nameOf(id) })}
              onClick={() => unlinkProfile(report.id, id)}
            >
              <Icon name="unlink" />
            </button>
          </span>
          <Evidence reportId={report.id} profileId={id} />
        </span>
      ))}
      {candidates.length > 0 ? (
        <select
          aria-label={t('links.add')}
          value=""
          onChange={(e) => {
            if (e.target.value) linkProfile(report.id, e.target.value);
          }}
        >
          <option value="">{t('links.choose')}</option>
          {candidates.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      ) : null}
    </div>
  );
}

function ProfileLinks({ profile }: { readonly profile: ImportedFile }) {
  const { t } = useTranslation(HOME_NS);
  const reports = useAppStore(
    useShallow((s) =>
      Object.entries(s.links).flatMap(([reportId, ids]) =>
        ids.includes(profile.id) ? [s.files[reportId]?.fileName ?? reportId] : [],
      ),
    ),
  );
  if (reports.length === 0) return null;
  return (
    <div className="file-links">
      <span className="muted">{t('links.reports')}:</span>{' '}
      {reports.map((name) => (
        <span key={name} className="link-chip mono">
          {name}
        </span>
      ))}
    </div>
  );
}

export function LinkControls({ file }: { readonly file: ImportedFile }) {
  if (reportOf(file)) return <ReportLinks report={file} />;
  if (profileOf(file) || measurementsOf(file).length > 0) return <ProfileLinks profile={file} />;
  return null;
}
