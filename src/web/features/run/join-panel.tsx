// The profile-join tab: link a profile of the same model, then see the tuned operators' share of
// model time, the model gain their gains predict against the gain AOE measured and why the two
// differ, and a ranked "tune next" list that downloads as AOE's --tune_ops_file JSON. Each linked
// profile says why it is linked; one that is probably of another model is flagged, and its "tune
// next" list cannot be exported (it would tune another model's operators).
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useShallow } from 'zustand/react/shallow';
import { tuneOpsFileText } from '../../../core/export/tune-ops-file.ts';
import { joinTaskWithProfile, type JoinNote } from '../../../core/model/join.ts';
import type { TuningTask } from '../../../core/model/types.ts';
import { useNumberFormats } from '../../components/number-format.ts';
import {
  LinkEvidenceNote,
  LinkMismatchWarning,
  useLinkEvidence,
} from '../../components/link-evidence.tsx';
import { useAppStore } from '../../store/index.ts';
import { selectLinkedProfiles, selectProfiles } from '../../store/selectors.ts';
import { JoinTables } from './join-tables.tsx';
import { RUN_NS } from './strings.ts';
import { profileOf } from '../../../core/formats/content.ts';

function download(text: string, fileName: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

function LinkPicker({ reportId }: { reportId: string }) {
  const { t } = useTranslation(RUN_NS);
  const linked = useAppStore(useShallow((s) => s.links[reportId] ?? []));
  // Select the stored file objects (stable references): fresh objects from a selector would make
  // every store read look like a change.
  const profiles = useAppStore(useShallow(selectProfiles));
  const candidates = profiles.filter((p) => !linked.includes(p.id));
  const linkProfile = useAppStore((s) => s.linkProfile);
  const [choice, setChoice] = useState('');
  if (candidates.length === 0) return null;
  return (
    <form
      className="run-link-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (choice) linkProfile(reportId, choice);
        setChoice('');
      }}
    >
      <label className="dt-inline">
        {t('join.link')}
        <select value={choice} onChange={(e) => setChoice(e.target.value)}>
          <option value="">{t('join.choose')}</option>
          {candidates.map((c) => (
            <option key={c.id} value={c.id}>
              {c.fileName}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" disabled={!choice}>
        {t('join.linkButton')}
      </button>
    </form>
  );
}

export function JoinPanel({ reportId, task }: { reportId: string; task: TuningTask }) {
  const { t } = useTranslation(RUN_NS);
  const f = useNumberFormats();
  const linked = useAppStore(useShallow((s) => selectLinkedProfiles(s, reportId)));
  const anyProfile = useAppStore((s) => s.order.some((id) => profileOf(s.files[id])));
  const unlinkProfile = useAppStore((s) => s.unlinkProfile);
  const reportFile = useAppStore((s) => s.files[reportId]);
  const [params, setParams] = useSearchParams();
  const [includeTypes, setIncludeTypes] = useState(false);
  const chosen = linked.find((p) => p.id === params.get('profile')) ?? linked[0];
  const join = useMemo(() => {
    const profile = profileOf(chosen);
    return profile ? joinTaskWithProfile(task, profile.summary) : null;
  }, [task, chosen]);
  const evidence = useLinkEvidence(reportFile, chosen);
  const mismatch = evidence?.verdict === 'mismatch';

  const noteText = (n: JoinNote): string => {
    switch (n.kind) {
      case 'coverage':
        return t('join.notes.coverage', {
          matched: n.matched,
          share: f.share(n.tunedSharePct / 100),
        });
      case 'unmatched':
        return t('join.notes.unmatched', { count: n.count, names: n.names.join(', ') });
      case 'agree':
      case 'measured-below':
      case 'measured-above':
        return t(`join.notes.${n.kind}`, { gap: f.fixed2(Math.abs(n.gapPp)) });
      default:
        return t(`join.notes.${n.kind}`);
    }
  };

  return (
    <div className="run-join" data-testid="join-panel">
      <p className="muted">{t('join.intro')}</p>
      {linked.length > 0 ? (
        <div className="run-linked">
          <span>{t('join.linked')}:</span>
          {linked.map((p) => (
            <span key={p.id} className="run-chip">
              <label className="dt-inline">
                <input
                  type="radio"
                  name="join-profile"
                  checked={p.id === chosen?.id}
                  onChange={() =>
                    setParams((prev) => {
                      const next = new URLSearchParams(prev);
                      next.set('profile', p.id);
                      return next;
                    })
                  }
                />
                <span className="mono">{p.fileName}</span>
              </label>
              <button type="button" onClick={() => unlinkProfile(reportId, p.id)}>
                {t('join.unlink')}
              </button>
              {p.id === chosen?.id && evidence ? <LinkEvidenceNote evidence={evidence} /> : null}
            </span>
          ))}
        </div>
      ) : (
        <p>{anyProfile ? t('join.none') : t('join.noProfiles')}</p>
      )}
      <LinkPicker reportId={reportId} />
      {mismatch && evidence ? <LinkMismatchWarning evidence={evidence} /> : null}
      {join ? (
        <>
          <dl className="run-figures">
            <div className="run-figure card" data-testid="fig-predicted">
              <dt className="muted">{t('join.predicted')}</dt>
              <dd>
                <span className="run-figure-value">
                  {join.predictedGainPct === null ? '—' : f.pct(join.predictedGainPct)}
                </span>
                <span className="run-figure-note muted">{t('join.predictedHint')}</span>
              </dd>
            </div>
            <div className="run-figure card" data-testid="fig-measured">
              <dt className="muted">{t('join.measured')}</dt>
              <dd className="run-figure-value">
                {join.measuredGainPct === null ? '—' : f.pct(join.measuredGainPct)}
              </dd>
            </div>
            <div className="run-figure card" data-testid="fig-coverage">
              <dt className="muted">{t('join.coverage')}</dt>
              <dd className="run-figure-value">{f.share(join.tunedShare)}</dd>
            </div>
          </dl>
          <section>
            <h2>{t('join.why')}</h2>
            <ul className="run-notes" data-testid="join-notes">
              {join.notes.map((n, i) => (
                <li key={i} data-kind={n.kind}>
                  {noteText(n)}
                </li>
              ))}
            </ul>
          </section>
          <JoinTables join={join} />
          {join.tuneNext.length > 0 ? (
            <div className="run-export">
              <label className="dt-inline">
                <input
                  type="checkbox"
                  checked={includeTypes}
                  onChange={(e) => setIncludeTypes(e.target.checked)}
                />
                {t('join.includeTypes')}
              </label>
              <button
                type="button"
                className="primary"
                title={mismatch ? t('join.exportOff') : t('join.exportHint')}
                disabled={mismatch}
                onClick={() =>
                  download(tuneOpsFileText(join.tuneNext, { includeTypes }), 'tune_ops_file.json')
                }
              >
                {t('join.export')}
              </button>
              {mismatch ? (
                <button type="button" disabled title={t('join.exportOff')}>
                  {t('join.launch')}
                </button>
              ) : (
                <Link
                  className="button"
                  to={`/launch?tuneOps=${encodeURIComponent(tuneOpsFileText(join.tuneNext, { includeTypes }))}`}
                  title={t('join.launchHint')}
                >
                  {t('join.launch')}
                </Link>
              )}
            </div>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
