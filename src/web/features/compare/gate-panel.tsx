// The verdict with its reasons (worded from core's reason codes in the viewer's language: a change
// is "faster by" or "slower by", never a signed "improved by"), and the editor of the gate rules,
// which live in the view state and can be exported and imported as the command line's gate file.
import { useRef, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { ImportIssue } from '../../../core/formats/types.ts';
import type { GateReason, GateResult, GateRules } from '../../../core/model/gate.ts';
import { DEFAULT_GATE_RULES, completeRules } from '../../../core/model/gate.ts';
import {
  GATE_FILE_NAME,
  MAX_GATE_FILE_BYTES,
  gateFileText,
  parseGateFile,
} from '../../../core/model/gate-file.ts';
import { IssueList } from '../../components/issues/issue-list.tsx';
import { download } from './download.ts';
import { NumberField } from './number-field.tsx';
import { COMPARE_NS } from './strings.ts';
import { reasonParams } from '../../../core/model/gate-words.ts';
import './gate-panel.css';

const STATUS_GLYPH = { pass: '✓', fail: '✕', insufficient: '?', skipped: '–' } as const;
const VERDICT_CLASS = {
  accept: 'better',
  reject: 'worse',
  insufficient: 'neutral',
  incomparable: 'neutral',
} as const;
// Not ▲/▼: those mean slower/faster everywhere else on the page.
const VERDICT_GLYPH = { accept: '✓', reject: '✕', insufficient: '?', incomparable: '≠' } as const;

/** The reason's phrases in the viewer's language; generation values read as the picker shows them. */
function localParams(t: TFunction, reason: GateReason): Record<string, string | number> {
  const out = reasonParams((key, params) => t(key, params ?? {}), reason);
  if (reason.params['field'] === 'generation') {
    for (const k of ['base', 'value']) {
      const v = String(reason.params[k]);
      out[k] = t(`gen.${v}`, { defaultValue: v });
    }
  }
  return out;
}

function ReasonItem({ reason }: { reason: GateReason }) {
  const { t } = useTranslation(COMPARE_NS);
  // The comparability reason is the verdict itself, not a rule that passed or failed.
  const incomparable = reason.code === 'NOT_COMPARABLE';
  return (
    <li className={`reason reason-${reason.status}`} data-code={reason.code}>
      <span aria-hidden="true" className="reason-glyph">
        {incomparable ? VERDICT_GLYPH.incomparable : STATUS_GLYPH[reason.status]}
      </span>
      <span className="visually-hidden">
        {incomparable
          ? t('verdict.incomparable').toLocaleLowerCase()
          : t(`verdict.status.${reason.status}`)}
        :{' '}
      </span>
      {t(`reason.${reason.code}`, localParams(t, reason))}
    </li>
  );
}

export function VerdictCard({
  gate,
  labels,
}: {
  gate: GateResult;
  labels: ReadonlyMap<string, string>;
}) {
  const { t } = useTranslation(COMPARE_NS);
  return (
    <section
      className={`verdict card verdict-${gate.verdict}`}
      aria-labelledby="verdict-title"
      data-testid="verdict"
      data-verdict={gate.verdict}
    >
      <h2 id="verdict-title">
        {t('verdict.title')}:{' '}
        <span className={VERDICT_CLASS[gate.verdict]}>
          {VERDICT_GLYPH[gate.verdict]} {t(`verdict.${gate.verdict}`)}
        </span>
      </h2>
      {gate.reasons.length > 0 ? (
        <ul className="reasons">
          {gate.reasons.map((r, i) => (
            <ReasonItem key={i} reason={r} />
          ))}
        </ul>
      ) : null}
      {gate.runs.map((v) => (
        <div key={v.runId} className="verdict-run" data-run={v.runId} data-verdict={v.verdict}>
          <h3 className={VERDICT_CLASS[v.verdict]}>
            {t('verdict.run', {
              run: labels.get(v.runId) ?? v.runId,
              verdict: t(`verdict.${v.verdict}`),
            })}
          </h3>
          <ul className="reasons">
            {v.reasons.map((r, i) => (
              <ReasonItem key={i} reason={r} />
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}

function NumberRule(props: {
  readonly label: string;
  readonly enabled: boolean;
  readonly value: number;
  readonly min: number;
  readonly max: number;
  readonly step?: number;
  readonly readOnly: boolean;
  /** False for a setting of the rule above (it has no switch of its own). */
  readonly switchable?: boolean;
  readonly note?: string;
  readonly onChange: (enabled: boolean, value: number) => void;
}) {
  const { t } = useTranslation(COMPARE_NS);
  return (
    <div className={props.switchable === false ? 'gate-rule gate-rule-setting' : 'gate-rule'}>
      {props.switchable === false ? null : (
        <label className="check">
          <input
            type="checkbox"
            checked={props.enabled}
            disabled={props.readOnly}
            onChange={(e) => props.onChange(e.target.checked, props.value)}
          />
          {t('gate.enabled')}
        </label>
      )}
      <label>
        {props.label}
        <NumberField
          value={props.value}
          min={props.min}
          max={props.max}
          step={props.step ?? 0.5}
          disabled={props.readOnly || !props.enabled}
          onValue={(n) => props.onChange(props.enabled, n)}
        />
      </label>
      {props.note ? <p className="gate-rule-note muted">{props.note}</p> : null}
    </div>
  );
}

type ImportState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'ok'; readonly file: string }
  | { readonly kind: 'failed'; readonly file: string; readonly issues: readonly ImportIssue[] };

/** Export the rules as the CLI's gate file, or import one (validated; a bad file changes nothing). */
function GateFileActions({
  rules,
  readOnly,
  onChange,
}: {
  rules: GateRules;
  readOnly: boolean;
  onChange: (rules: GateRules) => void;
}) {
  const { t } = useTranslation(COMPARE_NS);
  const input = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<ImportState>({ kind: 'idle' });

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    const result =
      file.size > MAX_GATE_FILE_BYTES
        ? parseGateFile(' '.repeat(MAX_GATE_FILE_BYTES + 1))
        : parseGateFile(await file.text().catch(() => ''));
    if (result.ok) {
      onChange(result.rules);
      setState({ kind: 'ok', file: file.name });
    } else {
      setState({ kind: 'failed', file: file.name, issues: result.issues });
    }
  };

  return (
    <div className="gate-file">
      <div className="gate-file-actions">
        <button
          type="button"
          onClick={() => download(GATE_FILE_NAME, gateFileText(rules), 'application/json')}
        >
          {t('gate.export')}
        </button>
        {readOnly ? null : (
          <>
            <button type="button" onClick={() => input.current?.click()}>
              {t('gate.import')}
            </button>
            <input
              ref={input}
              type="file"
              accept=".json,application/json"
              hidden
              data-testid="gate-file-input"
              onChange={(e) => void onFile(e)}
            />
          </>
        )}
        <span className="muted">{t('gate.fileHint')}</span>
      </div>
      <div role="status" aria-live="polite" data-testid="gate-file-status">
        {state.kind === 'ok' ? <p>{t('gate.imported', { file: state.file })}</p> : null}
        {state.kind === 'failed' ? (
          <>
            <p className="warning-text">{t('gate.importFailed', { file: state.file })}</p>
            <IssueList issues={state.issues} />
          </>
        ) : null}
      </div>
    </div>
  );
}

export function GateEditor({
  rules: given,
  readOnly,
  onChange,
}: {
  rules: GateRules;
  readOnly: boolean;
  onChange: (rules: GateRules) => void;
}) {
  const { t } = useTranslation(COMPARE_NS);
  const rules = completeRules(given);
  const statList = (stats: readonly string[]) =>
    t('gate.statistics', { list: stats.map((s) => t(`stat.${s}`)).join(t('gate.listSep')) });
  return (
    <section className="compare-panel gate-editor" aria-labelledby="gate-title">
      <h2 id="gate-title">{t('gate.title')}</h2>
      <p className="muted">{t('gate.hint')}</p>
      <NumberRule
        label={t('gate.model')}
        enabled={rules.modelImprovement.enabled}
        value={rules.modelImprovement.minPct}
        min={-100}
        max={100}
        readOnly={readOnly}
        onChange={(enabled, minPct) =>
          onChange({ ...rules, modelImprovement: { enabled, minPct } })
        }
      />
      <NumberRule
        label={t('gate.ops')}
        enabled={rules.operatorRegression.enabled}
        value={rules.operatorRegression.maxPct}
        min={0}
        max={100000}
        readOnly={readOnly}
        onChange={(enabled, maxPct) =>
          onChange({ ...rules, operatorRegression: { enabled, maxPct } })
        }
      />
      <NumberRule
        label={t('gate.tail')}
        enabled={rules.tailLatency.enabled}
        value={rules.tailLatency.maxRegressionPct}
        min={0}
        max={100000}
        readOnly={readOnly}
        onChange={(enabled, maxRegressionPct) =>
          onChange({ ...rules, tailLatency: { ...rules.tailLatency, enabled, maxRegressionPct } })
        }
      />
      <NumberRule
        label={t('gate.minRepeats')}
        enabled={rules.tailLatency.enabled}
        value={rules.tailLatency.minRepeats}
        min={2}
        max={1000000}
        step={1}
        switchable={false}
        readOnly={readOnly}
        note={t('gate.minRepeatsNote')}
        onChange={(enabled, minRepeats) =>
          onChange({
            ...rules,
            tailLatency: { ...rules.tailLatency, enabled, minRepeats: Math.round(minRepeats) },
          })
        }
      />
      <NumberRule
        label={t('gate.measured')}
        enabled={rules.measuredLatency.enabled}
        value={rules.measuredLatency.minImprovementPct}
        min={-100}
        max={100}
        readOnly={readOnly}
        note={statList(rules.measuredLatency.statistics)}
        onChange={(enabled, minImprovementPct) =>
          onChange({
            ...rules,
            measuredLatency: { ...rules.measuredLatency, enabled, minImprovementPct },
          })
        }
      />
      <NumberRule
        label={t('gate.gpu')}
        enabled={rules.gpuBaseline.enabled}
        value={rules.gpuBaseline.maxSlowerPct}
        min={-100}
        max={100000}
        readOnly={readOnly}
        note={statList(rules.gpuBaseline.statistics)}
        onChange={(enabled, maxSlowerPct) =>
          onChange({ ...rules, gpuBaseline: { ...rules.gpuBaseline, enabled, maxSlowerPct } })
        }
      />
      <GateFileActions rules={given} readOnly={readOnly} onChange={onChange} />
      {readOnly ? null : (
        <button type="button" className="gate-reset" onClick={() => onChange(DEFAULT_GATE_RULES)}>
          {t('gate.reset')}
        </button>
      )}
    </section>
  );
}
