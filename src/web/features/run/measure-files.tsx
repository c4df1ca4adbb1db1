// The measurement files linked to a run, one row each: its tool, the batch size and the role it
// is counted under, and why — the evidence (the tool, words of the path) or "set by you", with
// what the evidence alone says next to a choice made by hand. On the workspace's runs the role
// and the batch size can be set by hand (kept in IndexedDB with the workspace); a shared run
// shows them read-only.
import { useTranslation } from 'react-i18next';
import {
  batchEvidence,
  type LinkedMeasurement,
  type MeasuredBatch,
  type MeasureRole,
  type RoleReason,
} from '../../../core/measure/link.ts';
import { useAppStore } from '../../store/index.ts';
import { MAX_HAND_BATCH, MEASURE_ROLES } from '../../store/slices/measure-choices.ts';
import { MEASURED_NS } from './measured-strings.ts';

type T = ReturnType<typeof useTranslation>['t'];

function whyText(t: T, role: MeasureRole | null, reason: RoleReason): string {
  switch (reason.kind) {
    case 'tool':
      return t('why.tool', { tool: reason.tool });
    case 'word':
      return t('why.word', { word: reason.word });
    case 'hand':
      return t('why.hand');
    case 'step':
      return t('why.step', { n: reason.step + 1, tool: reason.tool });
    case 'none':
      return role === null ? t('why.unknown') : t('why.none', { role: t(`role.${role}`) });
  }
}

function batchText(t: T, l: LinkedMeasurement): string {
  const e = batchEvidence(l);
  return e.from === 'none' ? t('batchFrom.none') : t(`batchFrom.${e.from}`, { bs: e.batchSize });
}

function RoleCell({ l, editable }: { readonly l: LinkedMeasurement; readonly editable: boolean }) {
  const { t } = useTranslation(MEASURED_NS);
  const setRole = useAppStore((s) => s.setMeasureRole);
  const hand = l.reason.kind === 'hand';
  const auto = l.evidence ?? { role: l.role, reason: l.reason };
  return (
    <td>
      {editable ? (
        <select
          aria-label={t('setRole', { name: l.path })}
          value={hand ? (l.role ?? '') : ''}
          onChange={(e) => {
            const v = MEASURE_ROLES.find((r) => r === e.target.value);
            setRole(l.id, v ?? null);
          }}
        >
          <option value="">
            {t('roleAuto', { role: auto.role ? t(`role.${auto.role}`) : t('roleNone') })}
          </option>
          {MEASURE_ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`role.${r}`)}
            </option>
          ))}
        </select>
      ) : (
        <span>{l.role ? t(`role.${l.role}`) : t('roleNone')}</span>
      )}
      <div className="muted measured-why" data-testid="measure-role-why">
        {hand ? (
          <>
            <strong data-testid="set-by-you">{t('setByYou')}</strong>
            {' · '}
            {t('evidence', {
              what: `${auto.role ? t(`role.${auto.role}`) : t('roleNone')} (${whyText(t, auto.role, auto.reason)})`,
            })}
          </>
        ) : (
          whyText(t, l.role, l.reason)
        )}
      </div>
    </td>
  );
}

function BatchCell({ l, editable }: { readonly l: LinkedMeasurement; readonly editable: boolean }) {
  const { t } = useTranslation(MEASURED_NS);
  const setBatch = useAppStore((s) => s.setMeasureBatch);
  const e = batchEvidence(l);
  const hand = l.handBatch !== undefined;
  return (
    <td className="num">
      {editable ? (
        <input
          type="number"
          inputMode="numeric"
          min={1}
          max={MAX_HAND_BATCH}
          step={1}
          className="measure-batch-input"
          aria-label={t('setBatch', { name: l.path })}
          placeholder={e.batchSize === null ? '—' : String(e.batchSize)}
          defaultValue={l.handBatch ?? ''}
          onChange={(ev) => {
            const text = ev.target.value.trim();
            if (text === '') return setBatch(l.id, null);
            const n = Number(text);
            if (Number.isInteger(n) && n > 0 && n <= MAX_HAND_BATCH) setBatch(l.id, n);
          }}
        />
      ) : (
        <span>{l.handBatch ?? e.batchSize ?? '—'}</span>
      )}
      <div className="muted measured-why">
        {hand ? (
          <>
            <strong>{t('setByYou')}</strong>
            {' · '}
            {t('evidence', { what: batchText(t, l) })}
          </>
        ) : (
          batchText(t, l)
        )}
      </div>
    </td>
  );
}

export function MeasureFiles(props: {
  readonly linked: readonly LinkedMeasurement[];
  readonly batches: readonly MeasuredBatch[];
  readonly editable: boolean;
}) {
  const { t } = useTranslation(MEASURED_NS);
  // A file whose role another file of its batch size already fills is listed but not counted.
  const counted = new Set(props.batches.flatMap((b) => [b.baseline, b.tuned, b.gpu]));
  return (
    <section className="measure-files" data-testid="measure-files">
      <h3>{t('files')}</h3>
      {props.editable ? <p className="muted">{t('filesHint')}</p> : null}
      <div className="table-scroll measured-scroll">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('col.file')}</th>
              <th scope="col">{t('col.tool')}</th>
              <th scope="col">{t('col.batch')}</th>
              <th scope="col">{t('col.role')}</th>
            </tr>
          </thead>
          <tbody>
            {props.linked.map((l, i) => (
              <tr
                key={`${l.id}:${i}`}
                data-testid="measure-file"
                data-file={l.path}
                data-role={l.role ?? ''}
              >
                <th scope="row" className="mono">
                  {l.path}
                  {counted.has(l) ? null : (
                    <div className="muted measured-why" data-testid="not-counted">
                      {t('notCounted')}
                    </div>
                  )}
                </th>
                <td>
                  {l.measurement.toolVersion
                    ? `${l.measurement.tool} ${l.measurement.toolVersion}`
                    : l.measurement.tool}
                </td>
                <BatchCell l={l} editable={props.editable} />
                <RoleCell l={l} editable={props.editable} />
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
