// The comparison itself, for the workspace's runs or a shared bundle's: run picker, comparability
// banner, verdict, the four tabs and the share/export bar. Everything shown is computed by core's
// `buildComparison` from the runs and the view state.
import { useMemo, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { buildComparison } from '../../../core/model/comparison.ts';
import type { SharedRun } from '../../../core/share/bundle-types.ts';
import {
  COMPARE_TABS,
  effectiveBaseline,
  mappingRecord,
  selectRuns,
  type ViewState,
} from '../../../core/share/view-state.ts';
import { toCompareRuns } from '../../../core/model/run.ts';
import { MeasuredTable } from './acceptance-panel.tsx';
import {
  AcceptanceDownload,
  type RunAdvice,
} from '../../components/acceptance/acceptance-download.tsx';
import { runFindings, sharedAdvice } from '../../components/advice/advice-input.ts';
import { useAppStore } from '../../store/index.ts';
import { ComparabilityBanner } from './banner.tsx';
import { GateEditor, VerdictCard } from './gate-panel.tsx';
import { KnowledgeBasePanel } from './kb-panel.tsx';
import { ModelPanel } from './model-panel.tsx';
import { OperatorsPanel } from './operators-panel.tsx';
import { RunPicker } from './run-picker.tsx';
import { ShareBar } from './share-bar.tsx';
import { COMPARE_NS } from './strings.ts';
import { shortRunNames } from './view-model.ts';

export function CompareView(props: {
  readonly available: readonly SharedRun[];
  readonly view: ViewState;
  readonly update: (patch: Partial<ViewState>) => void;
  readonly readOnly: boolean;
}) {
  const { available, view, update, readOnly } = props;
  const { t } = useTranslation(COMPARE_NS);
  const tabRefs = useRef<(HTMLButtonElement | null)[]>([]);
  const selected = useMemo(() => {
    const byId = new Map(available.map((r) => [r.run.id, r]));
    return view.runs.map((id) => byId.get(id)).filter((r): r is SharedRun => r !== undefined);
  }, [available, view.runs]);
  const selectedIds = useMemo(() => selected.map((r) => r.run.id), [selected]);
  const baselineId = effectiveBaseline({ ...view, runs: selectedIds });
  // Named from the runs on offer, not the selection: a run keeps its name as others come and go.
  const short = useMemo(() => shortRunNames(available), [available]);
  const labels = useMemo(() => new Map(selected.map((r) => [r.run.id, r.run.label])), [selected]);
  const comparison = useMemo(() => {
    // The runs' linked measurements feed the gate's measured rules (P95/P99, vs GPU).
    const { runs, measured } = toCompareRuns(selected);
    const base = runs.find((r) => r.id === baselineId);
    if (!base) return null;
    return buildComparison(
      runs,
      base,
      { noise: { pct: view.noisePct, us: view.noiseUs }, mapping: mappingRecord(view.mapping) },
      view.gate,
      measured,
    );
  }, [selected, baselineId, view.noisePct, view.noiseUs, view.mapping, view.gate]);
  const missing = view.runs.length - selected.length;

  const onTabKey = (e: KeyboardEvent, i: number) => {
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return;
    const next = (i + step + COMPARE_TABS.length) % COMPARE_TABS.length;
    const tab = COMPARE_TABS[next];
    if (tab) update({ tab });
    tabRefs.current[next]?.focus();
  };

  return (
    <>
      <RunPicker
        runs={readOnly ? selected : available}
        selected={selectedIds}
        baseline={baselineId}
        short={short}
        readOnly={readOnly}
        onSelect={(runs) =>
          update(selectRuns({ ...view, runs: selectedIds, baseline: baselineId ?? '' }, runs))
        }
        onPin={(baseline) => update({ baseline })}
      />
      {missing > 0 ? (
        <p className="warning-text" role="status">
          {t('missingRuns', { count: missing })}
        </p>
      ) : null}
      {comparison === null ? (
        <p className="muted" role="status" data-testid="choose-runs">
          {t('chooseRuns')}
        </p>
      ) : (
        <>
          <ComparabilityBanner warnings={comparison.comparability} labels={labels} />
          <VerdictCard gate={comparison.gate} labels={labels} />
          <ShareBar
            runs={selected}
            view={{ ...view, runs: selectedIds, baseline: baselineId ?? '' }}
            comparison={comparison}
          />
          <AcceptanceDownload
            comparison={comparison}
            advice={() => runsAdvice(selected, baselineId, readOnly)}
          />
          <div className="compare-tabs" role="tablist" aria-label={t('tabs.label')}>
            {COMPARE_TABS.map((tab, i) => (
              <button
                key={tab}
                ref={(el) => {
                  tabRefs.current[i] = el;
                }}
                type="button"
                role="tab"
                id={`compare-tab-${tab}`}
                aria-selected={view.tab === tab}
                aria-controls="compare-tabpanel"
                tabIndex={view.tab === tab ? 0 : -1}
                onClick={() => update({ tab })}
                onKeyDown={(e) => onTabKey(e, i)}
              >
                {t(`tabs.${tab}`)}
              </button>
            ))}
          </div>
          <div id="compare-tabpanel" role="tabpanel" aria-labelledby={`compare-tab-${view.tab}`}>
            {view.tab === 'model' ? (
              <>
                <ModelPanel rows={comparison.models} short={short} />
                <MeasuredTable comparison={comparison} />
              </>
            ) : null}
            {view.tab === 'operators' ? (
              <OperatorsPanel
                comparisons={comparison.operators}
                labels={labels}
                short={short}
                view={view}
                update={update}
                readOnly={readOnly}
              />
            ) : null}
            {view.tab === 'knowledge-base' ? (
              <KnowledgeBasePanel points={comparison.knowledgeBase} short={short} />
            ) : null}
            {view.tab === 'gate' ? (
              <GateEditor
                rules={view.gate}
                readOnly={readOnly}
                onChange={(gate) => update({ gate })}
              />
            ) : null}
          </div>
        </>
      )}
    </>
  );
}

/**
 * The Advice of the runs an acceptance report judges (every selected run but the baseline; the
 * baseline alone when it is the only one): a shared run's as its sender saw it, a workspace run's
 * as its Advice panel shows it, with the dismissals made there.
 */
function runsAdvice(
  selected: readonly SharedRun[],
  baselineId: string | null | undefined,
  readOnly: boolean,
): RunAdvice {
  const judged = selected.filter((r) => r.run.id !== baselineId);
  const state = useAppStore.getState();
  return (judged.length > 0 ? judged : selected).flatMap((r) => {
    if (r.advice) return [{ run: r.run.label, advice: r.advice }];
    if (readOnly) return [];
    const findings = runFindings(state, r.reportId, r.taskIndex);
    return findings ? [{ run: r.run.label, advice: sharedAdvice(findings, state.dismissals) }] : [];
  });
}
