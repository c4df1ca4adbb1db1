// The new-job form. The launcher is the judge of what is valid (models root, documented options,
// this host's `aoe --help`): its 400 answer names each offending field, and the message appears
// beside that field. The form only checks what it must to build the request at all.
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from './api.ts';
import { groupErrors, parseOptions, type Errors, type FieldKey } from './form-model.ts';
import { LAUNCH_NS } from './strings.ts';

export function JobForm({
  token,
  initialTuneOps,
  onStarted,
}: {
  readonly token: string;
  readonly initialTuneOps: string;
  readonly onStarted: (id: string) => void;
}) {
  const { t } = useTranslation(LAUNCH_NS);
  const uid = useId();
  const [model, setModel] = useState('');
  const [subgraph, setSubgraph] = useState(false);
  const [operator, setOperator] = useState(true);
  const [device, setDevice] = useState('0');
  const [framework, setFramework] = useState('');
  const [inputShape, setInputShape] = useState('');
  const [inputFormat, setInputFormat] = useState('');
  const [options, setOptions] = useState('');
  const [bank, setBank] = useState('');
  const [repeatTune, setRepeatTune] = useState(false);
  const [timeout, setTimeoutS] = useState('');
  const [tuneOps, setTuneOps] = useState(initialTuneOps);
  const [errors, setErrors] = useState<Errors>({});
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const local: Errors = {};
    const parsed = parseOptions(options);
    if (parsed.bad.length > 0)
      local.options = parsed.bad.map((line) => t('form.badLine', { line }));
    let tuneOpsFile: unknown;
    if (tuneOps.trim() !== '') {
      try {
        tuneOpsFile = JSON.parse(tuneOps);
      } catch {
        local.tuneOps = [t('form.badJson')];
      }
    }
    if (Object.keys(local).length > 0) {
      setErrors(local);
      return;
    }
    const body: Record<string, unknown> = {
      model: model.trim(),
      jobTypes: [...(subgraph ? [1] : []), ...(operator ? [2] : [])],
      device: Number(device),
    };
    if (framework !== '') body.framework = Number(framework);
    if (inputShape.trim() !== '') body.inputShape = inputShape.trim();
    if (inputFormat !== '') body.inputFormat = inputFormat;
    if (Object.keys(parsed.options).length > 0) body.options = parsed.options;
    const env: Record<string, string> = {};
    if (bank.trim() !== '') env.TUNE_BANK_PATH = bank.trim();
    if (repeatTune) env.REPEAT_TUNE = 'True';
    if (Object.keys(env).length > 0) body.env = env;
    if (timeout.trim() !== '') body.timeoutS = Number(timeout);
    if (tuneOpsFile !== undefined) body.tuneOpsFile = tuneOpsFile;

    setBusy(true);
    setStatus(null);
    const res = await call<{ id: string }>('/api/jobs', token, { method: 'POST', body });
    setBusy(false);
    if (res.ok) {
      setErrors({});
      setStatus(t('form.started', { id: res.value.id.slice(0, 8) }));
      onStarted(res.value.id);
      return;
    }
    setErrors(groupErrors(res.errors, res.code, t));
    setStatus(
      res.status === 400
        ? t('form.rejected')
        : res.code === 'QUEUE_FULL' || res.code === 'DISK_FULL'
          ? t(`form.${res.code}`)
          : t('form.failed', { status: res.status || res.code }),
    );
  };

  const field = (
    key: FieldKey,
    label: string,
    control: (id: string, describedBy?: string) => ReactNode,
  ) => {
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

  return (
    <form
      className="launch-form card"
      onSubmit={(e) => void submit(e)}
      aria-labelledby={`${uid}-title`}
      noValidate
    >
      <h2 id={`${uid}-title`}>{t('form.title')}</h2>
      {field('model', t('form.model'), (id, d) => (
        <input
          id={id}
          value={model}
          onChange={(e) => setModel(e.target.value)}
          aria-describedby={d}
          aria-invalid={!!d}
          required
        />
      ))}
      <fieldset
        className="launch-field"
        data-field="jobTypes"
        aria-describedby={errors.jobTypes ? `${uid}-jobTypes-error` : undefined}
      >
        <legend>{t('form.jobTypes')}</legend>
        <label>
          <input
            type="checkbox"
            checked={subgraph}
            onChange={(e) => setSubgraph(e.target.checked)}
          />{' '}
          {t('form.subgraph')}
        </label>
        <label>
          <input
            type="checkbox"
            checked={operator}
            onChange={(e) => setOperator(e.target.checked)}
          />{' '}
          {t('form.operator')}
        </label>
        {errors.jobTypes ? (
          <p id={`${uid}-jobTypes-error`} className="launch-field-error" role="alert">
            {errors.jobTypes.join(' ')}
          </p>
        ) : null}
      </fieldset>
      <div className="launch-row">
        {field('device', t('form.device'), (id, d) => (
          <input
            id={id}
            type="number"
            min={0}
            value={device}
            onChange={(e) => setDevice(e.target.value)}
            aria-describedby={d}
          />
        ))}
        {field('framework', t('form.framework'), (id, d) => (
          <select
            id={id}
            value={framework}
            onChange={(e) => setFramework(e.target.value)}
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
            value={inputFormat}
            onChange={(e) => setInputFormat(e.target.value)}
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
      {field('inputShape', t('form.inputShape'), (id, d) => (
        <input
          id={id}
          value={inputShape}
          placeholder="input:1,3,224,224"
          onChange={(e) => setInputShape(e.target.value)}
          aria-describedby={d}
        />
      ))}
      {field('options', t('form.options'), (id, d) => (
        <textarea
          id={id}
          rows={3}
          value={options}
          placeholder="log=info"
          onChange={(e) => setOptions(e.target.value)}
          aria-describedby={d}
        />
      ))}
      {field('bank', t('form.bank'), (id, d) => (
        <input
          id={id}
          value={bank}
          onChange={(e) => setBank(e.target.value)}
          aria-describedby={d}
        />
      ))}
      <label className="launch-inline">
        <input
          type="checkbox"
          checked={repeatTune}
          onChange={(e) => setRepeatTune(e.target.checked)}
        />{' '}
        {t('form.repeatTune')}
      </label>
      {field('timeout', t('form.timeout'), (id, d) => (
        <input
          id={id}
          type="number"
          min={1}
          value={timeout}
          onChange={(e) => setTimeoutS(e.target.value)}
          aria-describedby={d}
        />
      ))}
      {field('tuneOps', t('form.tuneOps'), (id, d) => (
        <textarea
          id={id}
          rows={2}
          value={tuneOps}
          onChange={(e) => setTuneOps(e.target.value)}
          aria-describedby={d}
        />
      ))}
      {errors.general ? (
        <p className="launch-field-error" role="alert">
          {errors.general.join(' ')}
        </p>
      ) : null}
      <div className="launch-row">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('form.submitting') : t('form.submit')}
        </button>
        {status ? <span role="status">{status}</span> : null}
      </div>
    </form>
  );
}
