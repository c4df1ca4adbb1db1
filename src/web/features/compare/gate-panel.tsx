// The verdict with its reasons (worded from core's reason codes in the viewer's language), and
// the editor of the gate rules, which live in the view state.
import { useTranslation } from 'react-i18next';
import type { GateReason, GateResult, GateRules } from '../../../core/model/gate.ts';
import { DEFAULT_GATE_RULES } from '../../../core/model/gate.ts';
import { NumberField } from './number-field.tsx';
import { COMPARE_NS } from './strings.ts';

const STATUS_GLYPH = { pass: '✓', fail: '✕', insufficient: '?', skipped: '–' } as const;
const VERDICT_CLASS = { accept: 'better', reject: 'worse', insufficient: 'neutral' } as const;
const VERDICT_GLYPH = { accept: '▲', reject: '▼', insufficient: '●' } as const;

function ReasonItem({ reason }: { reason: GateReason }) {
  const { t } = useTranslation(COMPARE_NS);
  return (
    <li className={`reason reason-${reason.status}`} data-code={reason.code}>
      <span aria-hidden="true" className="reason-glyph">
        {STATUS_GLYPH[reason.status]}
      </span>
      <span className="visually-hidden">{t(`verdict.status.${reason.status}`)}: </span>
      {t(`reason.${reason.code}`, { ...reason.params })}
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
    </div>
  );
}

export function GateEditor({
  rules,
  readOnly,
  onChange,
}: {
  rules: GateRules;
  readOnly: boolean;
  onChange: (rules: GateRules) => void;
}) {
  const { t } = useTranslation(COMPARE_NS);
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
        onChange={(enabled, minRepeats) =>
          onChange({
            ...rules,
            tailLatency: { ...rules.tailLatency, enabled, minRepeats: Math.round(minRepeats) },
          })
        }
      />
      {readOnly ? null : (
        <button type="button" className="gate-reset" onClick={() => onChange(DEFAULT_GATE_RULES)}>
          {t('gate.reset')}
        </button>
      )}
    </section>
  );
}
