// The new-job form: a preset picker (with a line saying what each runs) and the fields that
// preset's steps read. The request is checked here with the same schema the launcher checks it
// against, and the launcher stays the judge of the rest (models root, documented options, this
// host's --help): its 400 answer names each offending field, shown beside that field. Start is
// unavailable, with the reason, while the host check says the preset's tools cannot run.
import { useId, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { launcher, type ModelListing, type Preflight } from '../../lib/launcher-client.ts';
import {
  asRequest,
  blockingItems,
  buildRequest,
  groupErrors,
  modelSuits,
  PRESET_FIELDS,
  PRESET_IDS,
  type Errors,
  type FieldKey,
  type FormValues,
  type PresetId,
} from './form-model.ts';
import './pipeline-strings.ts';
import { itemText } from './preflight-panel.tsx';
import { LAUNCH_NS } from './strings.ts';

const INITIAL: FormValues = {
  preset: 'full',
  model: '',
  subgraph: false,
  operator: true,
  device: '0',
  framework: '',
  inputShape: '',
  inputFormat: '',
  dynamicBatchSize: '',
  soc: '',
  outputType: '',
  loop: '100',
  warmup: '5',
  batchSize: '',
  aoeMode: '',
  akg: false,
  options: '',
  bank: '',
  repeatTune: false,
  timeout: '',
  tuneOps: '',
};

function ModelPicker({
  listing,
  preset,
  onPick,
}: {
  readonly listing: ModelListing | null | 'failed';
  readonly preset: PresetId;
  readonly onPick: (path: string) => void;
}) {
  const { t } = useTranslation(LAUNCH_NS);
  const id = useId();
  if (listing === null) return null;
  if (listing === 'failed')
    return <p className="muted launch-root">{t('pform.modelsRootUnknown')}</p>;
  const models = listing.models.filter((m) => modelSuits(m.path, preset));
  const kind =
    preset === 'measure' || preset === 'profile' ? t('pform.kindOm') : t('pform.kindFramework');
  return (
    <div className="launch-picker">
      <p className="launch-root" data-testid="models-root">
        {t('pform.modelsRoot', { root: listing.root })}
      </p>
      {models.length === 0 ? (
        <p className="muted">{t('pform.pickEmpty', { kind })}</p>
      ) : (
        <>
          <label htmlFor={id}>{t('pform.pick')}</label>
          <select
            id={id}
            value=""
            data-testid="model-picker"
            onChange={(e) => {
              if (e.target.value !== '') onPick(e.target.value);
            }}
          >
            <option value="">{t('pform.pickNone')}</option>
            {models.map((m) => (
              <option key={m.path} value={m.path}>
                {m.path}
              </option>
            ))}
          </select>
        </>
      )}
      {listing.truncated ? (
        <p className="muted">{t('pform.pickTruncated', { count: listing.models.length })}</p>
      ) : null}
    </div>
  );
}

export function JobForm({
  initialTuneOps,
  preflight,
  models,
  onStarted,
}: {
  readonly initialTuneOps: string;
  readonly preflight: Preflight | null;
  readonly models: ModelListing | null | 'failed';
  readonly onStarted: (id: string) => void;
}) {
  const { t } = useTranslation(LAUNCH_NS);
  const uid = useId();
  const [v, setV] = useState<FormValues>(() =>
    initialTuneOps === '' ? INITIAL : { ...INITIAL, preset: 'aoe', tuneOps: initialTuneOps },
  );
  const set = <K extends keyof FormValues>(key: K, value: FormValues[K]) =>
    setV((prev) => ({ ...prev, [key]: value }));
  const [errors, setErrors] = useState<Errors>({});
  // A key and its values, not a sentence: the status follows a change of language.
  const [status, setStatus] = useState<{ key: string; opts?: Record<string, unknown> } | null>(
    null,
  );
  const [busy, setBusy] = useState(false);
  const fields = PRESET_FIELDS[v.preset];
  const blocking = useMemo(() => blockingItems(preflight, v.preset), [preflight, v.preset]);
  const blockedReason =
    preflight === null
      ? t('pform.blockedChecking')
      : blocking.length > 0
        ? t('pform.blocked', { reasons: blocking.map((i) => itemText(i, t)).join(' ') })
        : null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (blockedReason !== null) return;
    const { body, errors: local } = buildRequest(v, t);
    if (Object.keys(local).length > 0) {
      setErrors(local);
      setStatus({ key: 'form.rejected' });
      return;
    }
    setBusy(true);
    setStatus(null);
    const res = await launcher.startJob(asRequest(body));
    setBusy(false);
    if (res.ok) {
      setErrors({});
      setStatus({ key: 'form.started', opts: { id: res.value.id.slice(0, 8) } });
      onStarted(res.value.id);
      return;
    }
    setErrors(groupErrors(res.errors, res.code, t));
    setStatus(
      res.status === 400
        ? { key: 'form.rejected' }
        : res.code === 'QUEUE_FULL' || res.code === 'DISK_FULL'
          ? { key: `form.${res.code}` }
          : { key: 'form.failed', opts: { status: res.message || res.status || res.code } },
    );
  };

  const field = (
    key: FieldKey,
    label: string,
    control: (id: string, describedBy?: string) => ReactNode,
  ) => {
    if (!fields.has(key)) return null;
    const id = `${uid}-${key}`;
    const errs = errors[key];
    const errId = `${id}-error`;
    return (
      <div className="launch-field" data-field={key}>
        <label htmlFor={id}>{label}</label>
        {control(id, errs ? errId : undefined)}
        {errs ? (
          <p id={errId} className="launch-field-error" role="alert">
            {errs.join(' ')}
          </p>
        ) : null}
      </div>
    );
  };
  const input = (key: keyof FormValues, extra: Record<string, unknown> = {}) =>
    function Input(id: string, d?: string) {
      return (
        <input
          id={id}
          value={String(v[key])}
          onChange={(e) => set(key, e.target.value as never)}
          aria-describedby={d}
          aria-invalid={d ? true : undefined}
          {...extra}
        />
      );
    };

  return (
    <form
      className="launch-form card"
      onSubmit={(e) => void submit(e)}
      aria-labelledby={`${uid}-title`}
      data-preset={v.preset}
      noValidate
    >
      <h2 id={`${uid}-title`}>{t('form.title')}</h2>
      <fieldset className="launch-presets">
        <legend>{t('preset.legend')}</legend>
        {PRESET_IDS.map((p) => (
          <label key={p} className="launch-preset" data-preset-option={p}>
            <input
              type="radio"
              name={`${uid}-preset`}
              value={p}
              checked={v.preset === p}
              onChange={() => {
                set('preset', p);
                setErrors({});
                setStatus(null);
              }}
            />
            <span>
              <strong>{t(`preset.${p}.name`)}</strong>
              <span className="muted launch-preset-line">{t(`preset.${p}.line`)}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <ModelPicker listing={models} preset={v.preset} onPick={(m) => set('model', m)} />
      {field('model', t('form.model'), input('model', { required: true, spellCheck: false }))}
      {fields.has('jobTypes') ? (
        <fieldset
          className="launch-field"
          data-field="jobTypes"
          aria-describedby={errors.jobTypes ? `${uid}-jobTypes-error` : undefined}
        >
          <legend>{t('form.jobTypes')}</legend>
          <label>
            <input
              type="checkbox"
              checked={v.subgraph}
              onChange={(e) => set('subgraph', e.target.checked)}
            />{' '}
            {t('form.subgraph')}
          </label>
          <label>
            <input
              type="checkbox"
              checked={v.operator}
              onChange={(e) => set('operator', e.target.checked)}
            />{' '}
            {t('form.operator')}
          </label>
          {errors.jobTypes ? (
            <p id={`${uid}-jobTypes-error`} className="launch-field-error" role="alert">
              {errors.jobTypes.join(' ')}
            </p>
          ) : null}
        </fieldset>
      ) : null}
      <div className="launch-row">
        {field('device', t('form.device'), input('device', { type: 'number', min: 0, max: 63 }))}
        {field('framework', t('form.framework'), (id, d) => (
          <select
            id={id}
            value={v.framework}
            onChange={(e) => set('framework', e.target.value)}
            aria-describedby={d}
          >
            <option value="">{t('form.frameworkAuto')}</option>
            <option value="5">ONNX (5)</option>
            <option value="3">TensorFlow (3)</option>
            <option value="1">MindSpore (1)</option>
            <option value="0">Caffe (0)</option>
          </select>
        ))}
        {field('inputFormat', t('form.inputFormat'), (id, d) => (
          <select
            id={id}
            value={v.inputFormat}
            onChange={(e) => set('inputFormat', e.target.value)}
            aria-describedby={d}
          >
            <option value="">{t('form.formatDefault')}</option>
            {['NCHW', 'NHWC', 'ND', 'NCDHW', 'NDHWC'].map((f) => (
              <option key={f} value={f}>
                {f}
              </option>
            ))}
          </select>
        ))}
      </div>
      {field(
        'inputShape',
        t('form.inputShape'),
        input('inputShape', { placeholder: 'input:1,3,224,224', spellCheck: false }),
      )}
      <div className="launch-row">
        {field(
          'dynamicBatchSize',
          t('pform.dynamicBatchSize'),
          input('dynamicBatchSize', { placeholder: '1,4,8,16', spellCheck: false }),
        )}
        {field(
          'soc',
          t('pform.soc'),
          input('soc', { placeholder: 'Ascend310P3', spellCheck: false }),
        )}
        {field('outputType', t('pform.outputType'), (id, d) => (
          <select
            id={id}
            value={v.outputType}
            onChange={(e) => set('outputType', e.target.value)}
            aria-describedby={d}
          >
            <option value="">FP16</option>
            {['FP32', 'UINT8', 'INT8'].map((f) => (
              <option key={f} value={f}>
                {f}
              </option>
            ))}
          </select>
        ))}
      </div>
      <div className="launch-row">
        {field(
          'loop',
          t(v.preset === 'mslite' ? 'pform.loopBenchmark' : 'pform.loop'),
          input('loop', { type: 'number', min: 1 }),
        )}
        {field('warmup', t('pform.warmup'), input('warmup', { type: 'number', min: 0 }))}
        {field('batchSize', t('pform.batchSize'), input('batchSize', { type: 'number', min: 1 }))}
      </div>
      {field('aoeMode', t('pform.aoeMode'), (id, d) => (
        <select
          id={id}
          value={v.aoeMode}
          onChange={(e) => set('aoeMode', e.target.value)}
          aria-describedby={d}
        >
          <option value="">{t('pform.aoeModeBoth')}</option>
          <option value="subgraph tuning">{t('pform.aoeModeSubgraph')}</option>
          <option value="operator tuning">{t('pform.aoeModeOperator')}</option>
          <option value="none">{t('pform.aoeModeNone')}</option>
        </select>
      ))}
      {fields.has('akg') ? (
        <label className="launch-inline" data-field="akg">
          <input type="checkbox" checked={v.akg} onChange={(e) => set('akg', e.target.checked)} />{' '}
          {t('pform.akg')}
        </label>
      ) : null}
      {field('options', t('form.options'), (id, d) => (
        <textarea
          id={id}
          rows={3}
          value={v.options}
          placeholder="log=info"
          onChange={(e) => set('options', e.target.value)}
          aria-describedby={d}
        />
      ))}
      {field('bank', t('form.bank'), input('bank', { spellCheck: false }))}
      {fields.has('repeatTune') ? (
        <label className="launch-inline">
          <input
            type="checkbox"
            checked={v.repeatTune}
            onChange={(e) => set('repeatTune', e.target.checked)}
          />{' '}
          {t('form.repeatTune')}
        </label>
      ) : null}
      {field('timeout', t('form.timeout'), input('timeout', { type: 'number', min: 1 }))}
      {field('tuneOps', t('form.tuneOps'), (id, d) => (
        <textarea
          id={id}
          rows={2}
          value={v.tuneOps}
          onChange={(e) => set('tuneOps', e.target.value)}
          aria-describedby={d}
        />
      ))}
      {errors.general ? (
        <p className="launch-field-error" role="alert">
          {errors.general.join(' ')}
        </p>
      ) : null}
      <div className="launch-row launch-submit">
        <button
          type="submit"
          className="primary"
          disabled={busy || blockedReason !== null}
          aria-describedby={blockedReason !== null ? `${uid}-blocked` : undefined}
        >
          {busy ? t('form.submitting') : t('form.submit')}
        </button>
        {status ? <span role="status">{t(status.key, status.opts)}</span> : null}
      </div>
      {blockedReason !== null ? (
        <p id={`${uid}-blocked`} className="launch-blocked" data-testid="start-blocked">
          {blockedReason}
        </p>
      ) : null}
    </form>
  );
}
