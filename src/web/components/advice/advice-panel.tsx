// The Advice panel on the run and profile pages: the advisor's findings, ranked (critical, warning,
// info, then by the share of model time at stake), each with its evidence linked to the table
// rows it rests on, why it matters, and what to run next with a Copy button. A finding can be
// dismissed with a reason (kept with the workspace, in every tab) and shown again. A shared run
// shows the findings and dismissals its sender saw, read-only.
import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useShallow } from 'zustand/react/shallow';
import { findingKey, splitDismissed, type Dismissal } from '../../../core/advisor/dismissals.ts';
import type { AdviceLang, AdviceSeverity, Finding } from '../../../core/advisor/types.ts';
import { runMarkdown } from '../../../core/export/markdown.ts';
import { useAppStore } from '../../store/index.ts';
import { workspaceRuns } from '../../store/shared-runs.ts';
import { adviceFor, profileAdviceInput, runAdviceInput, sharedAdvice } from './advice-input.ts';
import { evidenceTarget, focusWhenShown, type EvidenceContext } from './evidence-link.ts';
import { ADVICE_NS } from './strings.ts';
import { download } from '../save-file.ts';
import './advice.css';
import { profileOf, reportOf } from '../../../core/formats/content.ts';

type Props =
  | {
      readonly run: { readonly reportId: string; readonly taskIndex: number };
      readonly profileId?: undefined;
    }
  | { readonly profileId: string; readonly run?: undefined };

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** Advisor text with `code` spans (options, config keys) shown as code; everything else as text. */
function RichText({ text }: { readonly text: string }) {
  const parts = text.split(/(`[^`\n]+`)/);
  return (
    <>
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          <code key={i} className="mono advice-inline-code">
            {part.slice(1, -1)}
          </code>
        ) : (
          part
        ),
      )}
    </>
  );
}

/** A command or config with its Copy button. */
function CopyBlock(props: {
  readonly label: string;
  readonly text: string;
  readonly testId: string;
}) {
  const { t } = useTranslation(ADVICE_NS);
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  return (
    <div className="advice-copy" data-testid={props.testId}>
      <div className="advice-copy-head">
        <span className="muted">{props.label}</span>
        <button
          type="button"
          className="button"
          aria-label={t('copyLabel', { what: props.label })}
          onClick={() => void copyText(props.text).then((ok) => setState(ok ? 'copied' : 'failed'))}
        >
          {t('copy')}
        </button>
        <span role="status" className={state === 'failed' ? 'advice-copy-failed' : 'muted'}>
          {state === 'copied' ? t('copied') : state === 'failed' ? t('copyFailed') : ''}
        </span>
      </div>
      <pre className="mono advice-code">
        <code>{props.text}</code>
      </pre>
    </div>
  );
}

function DismissForm(props: {
  readonly onDismiss: (reason: string) => void;
  readonly onCancel: () => void;
}) {
  const { t } = useTranslation(ADVICE_NS);
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    props.onDismiss(input.current?.value ?? '');
  };
  return (
    <form className="advice-dismiss-form" onSubmit={submit} aria-label={t('dismissTitle')}>
      <label htmlFor={id}>{t('reason')}</label>
      <input
        id={id}
        ref={input}
        type="text"
        maxLength={500}
        placeholder={t('reasonPlaceholder')}
        onKeyDown={(e) => {
          if (e.key === 'Escape') props.onCancel();
        }}
      />
      <button type="submit" className="button primary">
        {t('confirmDismiss')}
      </button>
      <button type="button" className="button" onClick={props.onCancel}>
        {t('cancel')}
      </button>
    </form>
  );
}

function FindingCard(props: {
  readonly finding: Finding;
  readonly lang: AdviceLang;
  readonly open: boolean;
  readonly ctx: EvidenceContext;
  readonly onDismiss: ((reason: string) => void) | null;
}) {
  const { t } = useTranslation(ADVICE_NS);
  const navigate = useNavigate();
  const { finding: f, lang } = props;
  const [dismissing, setDismissing] = useState(false);
  return (
    <li
      className="advice-finding"
      data-severity={f.severity}
      data-rule={f.ruleId}
      data-testid="advice-finding"
    >
      <details open={props.open}>
        <summary>
          <span className={`advice-severity advice-${f.severity}`}>
            {t(`severity.${f.severity}`)}
          </span>
          <span className="advice-title">{f.title[lang]}</span>
        </summary>
        <div className="advice-body">
          {f.evidence.length > 0 ? (
            <>
              <h4>{t('evidence')}</h4>
              <dl className="advice-evidence">
                {f.evidence.map((e, i) => {
                  const target = evidenceTarget(e.ref, props.ctx);
                  const label = e.label[lang];
                  return (
                    <div key={i}>
                      <dt>{label}</dt>
                      <dd className="mono">
                        {target ? (
                          <Link
                            to={{
                              pathname: target.pathname,
                              search: target.search,
                              hash: window.location.hash,
                            }}
                            aria-label={t('openEvidence', { what: `${label}: ${e.value}` })}
                            data-testid="advice-evidence-link"
                            onClick={(ev) => {
                              ev.preventDefault();
                              void Promise.resolve(
                                navigate({
                                  pathname: target.pathname,
                                  search: target.search,
                                  hash: window.location.hash,
                                }),
                              ).then(() => focusWhenShown(target.focus));
                            }}
                          >
                            {e.value}
                          </Link>
                        ) : (
                          e.value
                        )}
                      </dd>
                    </div>
                  );
                })}
              </dl>
            </>
          ) : null}
          <h4>{t('why')}</h4>
          <p>
            <RichText text={f.why[lang]} />
          </p>
          <h4>{t('todo')}</h4>
          <p>
            <RichText text={f.action.text[lang]} />
          </p>
          {f.action.command ? (
            <CopyBlock label={t('command')} text={f.action.command} testId="advice-command" />
          ) : null}
          {f.action.config ? (
            <CopyBlock
              label={f.action.configName ?? t('config')}
              text={f.action.config}
              testId="advice-config"
            />
          ) : null}
          <p className="advice-rule muted">{t('rule', { id: f.ruleId })}</p>
          {props.onDismiss ? (
            dismissing ? (
              <DismissForm
                onDismiss={(reason) => props.onDismiss?.(reason)}
                onCancel={() => setDismissing(false)}
              />
            ) : (
              <button type="button" className="button" onClick={() => setDismissing(true)}>
                {t('dismiss')}
              </button>
            )
          ) : null}
        </div>
      </details>
    </li>
  );
}

/** The findings of the page's run or profile: computed after the page has painted. */
function useFindings(props: Props): {
  readonly findings: readonly Finding[] | null;
  readonly shared: { readonly dismissed: readonly (readonly [number, string])[] } | null;
  readonly taskName: string;
} {
  const isRun = props.run !== undefined;
  const reportId = props.run?.reportId ?? '';
  const taskIndex = props.run?.taskIndex ?? -1;
  const session = useAppStore((s) => s.shared);
  const sharedRun = useMemo(
    () =>
      isRun
        ? (session?.runs.find((r) => r.reportId === reportId && r.taskIndex === taskIndex) ?? null)
        : null,
    [session, isRun, reportId, taskIndex],
  );
  const report = useAppStore((s) =>
    props.run && Object.hasOwn(s.files, reportId) ? reportOf(s.files[reportId]) : null,
  );
  // The files linked to the run's report (profiles, timelines, measurements), or — on a profile
  // page — every link (the timelines beside the profile): a new link gives new findings.
  const linked = useAppStore(
    useShallow((s) =>
      props.run
        ? (Object.hasOwn(s.links, reportId) ? (s.links[reportId] ?? []) : []).map(
            (id) => s.files[id],
          )
        : Object.values(s.links).flatMap((ids) => ids.map((id) => s.files[id])),
    ),
  );
  const profile = useAppStore((s) =>
    props.profileId !== undefined && Object.hasOwn(s.files, props.profileId)
      ? profileOf(s.files[props.profileId])
      : null,
  );
  const [computed, setComputed] = useState<{ key: unknown; findings: Finding[] } | null>(null);
  const anchor: object | null = sharedRun ? null : props.run ? report : profile;
  const inputKey = useMemo(() => ({ anchor, linked, taskIndex }), [anchor, linked, taskIndex]);
  useEffect(() => {
    if (!anchor) return;
    // After the page has painted: on a 100 MB profile the rules take a noticeable moment.
    const timer = setTimeout(() => {
      const state = useAppStore.getState();
      let findings: Finding[] = [];
      if (isRun && report) {
        const input = runAdviceInput(state, reportId, taskIndex);
        if (input) findings = adviceFor(report, `task:${taskIndex}`, input);
      } else if (profile && props.profileId !== undefined) {
        const input = profileAdviceInput(state, props.profileId);
        if (input) findings = adviceFor(profile, 'profile', input);
      }
      setComputed({ key: inputKey, findings });
    }, 0);
    return () => clearTimeout(timer);
  }, [anchor, inputKey, isRun, report, profile, props.profileId, reportId, taskIndex]);

  const taskName = sharedRun?.run.task.name ?? report?.tasks[taskIndex]?.name ?? '';
  if (sharedRun)
    return {
      findings: sharedRun.advice?.findings ?? null,
      shared: { dismissed: sharedRun.advice?.dismissed ?? [] },
      taskName,
    };
  return {
    findings: computed && computed.key === inputKey ? computed.findings : null,
    shared: null,
    taskName,
  };
}

export function AdvicePanel(props: Props) {
  const { t, i18n } = useTranslation(ADVICE_NS);
  const lang: AdviceLang = i18n.language === 'zh-CN' ? 'zh-CN' : 'en';
  const headingId = useId();
  const { findings, shared, taskName } = useFindings(props);
  const own = useAppStore((s) => s.dismissals);
  const dismiss = useAppStore((s) => s.dismissFinding);
  const restore = useAppStore((s) => s.restoreFinding);
  const [undo, setUndo] = useState<{ key: string; title: string } | null>(null);
  const session = useAppStore((s) => s.shared);

  // A shared run: the sender's dismissals, by index.
  const dismissals = useMemo((): Readonly<Record<string, Dismissal>> => {
    if (!shared || !findings) return own;
    const out = Object.create(null) as Record<string, Dismissal>;
    for (const [i, reason] of shared.dismissed) {
      const f = findings[i];
      if (f) out[findingKey(f)] = { reason, at: '' };
    }
    return out;
  }, [shared, findings, own]);

  if (props.run && shared && findings === null) return null; // a link made before advice was shared
  const ctx: EvidenceContext = {
    run: props.run ? { ...props.run, taskName } : null,
    profiles: session === null,
  };
  const split = findings ? splitDismissed(findings, dismissals) : null;
  const count = (s: AdviceSeverity) => split?.shown.filter((f) => f.severity === s).length ?? 0;

  const exportMarkdown = () => {
    if (!props.run || !findings) return;
    const state = useAppStore.getState();
    const runs = shared
      ? (state.shared?.runs ?? [])
      : workspaceRuns({ files: state.files, order: [props.run.reportId], links: state.links });
    const run = runs.find(
      (r) => r.reportId === props.run?.reportId && r.taskIndex === props.run.taskIndex,
    );
    if (!run) return;
    const advice = shared ? { findings, dismissed: shared.dismissed } : sharedAdvice(findings, own);
    const name = `${run.run.task.name || 'run'}-advice.md`.replace(/[^\w.-]+/g, '_');
    download(name, runMarkdown(run.run, advice), 'text/markdown;charset=utf-8');
  };

  return (
    <section className="advice-panel card" aria-labelledby={headingId} data-testid="advice-panel">
      <header className="advice-head">
        <h2 id={headingId}>{t('title')}</h2>
        {split ? (
          <span className="muted" data-testid="advice-counts">
            {t('counts', {
              critical: count('critical'),
              warning: count('warning'),
              info: count('info'),
            })}
          </span>
        ) : null}
        {props.run && findings ? (
          <button type="button" className="button advice-md" onClick={exportMarkdown}>
            {t('markdown')}
          </button>
        ) : null}
      </header>
      <p className="muted advice-intro">{props.run ? t('intro') : t('introProfile')}</p>
      {undo ? (
        <p className="advice-undo" role="status">
          {t('dismissedNote', { title: undo.title })}{' '}
          <button
            type="button"
            className="button"
            onClick={() => {
              restore(undo.key);
              setUndo(null);
            }}
          >
            {t('undo')}
          </button>
        </p>
      ) : null}
      {split === null ? (
        <p className="muted" role="status">
          {t('working')}
        </p>
      ) : split.shown.length === 0 ? (
        <p className="advice-none" data-testid="advice-none">
          {split.hidden.length > 0 ? t('noneLeft') : t('none')}
        </p>
      ) : (
        <ol className="advice-list">
          {split.shown.map((f) => {
            const key = findingKey(f);
            return (
              <FindingCard
                key={key}
                finding={f}
                lang={lang}
                open={f.severity === 'critical'}
                ctx={ctx}
                onDismiss={
                  shared
                    ? null
                    : (reason) => {
                        dismiss(key, reason);
                        setUndo({ key, title: f.title[lang] });
                      }
                }
              />
            );
          })}
        </ol>
      )}
      {split && split.hidden.length > 0 ? (
        <details className="advice-dismissed" data-testid="advice-dismissed">
          <summary>
            {shared
              ? t('sharedDismissed', { count: split.hidden.length })
              : t('dismissed', { count: split.hidden.length })}
          </summary>
          <ul>
            {split.hidden.map(({ finding: f, dismissal }) => {
              const key = findingKey(f);
              return (
                <li key={key} data-testid="advice-dismissed-finding">
                  <span className={`advice-severity advice-${f.severity}`}>
                    {t(`severity.${f.severity}`)}
                  </span>{' '}
                  <span>{f.title[lang]}</span>{' '}
                  <span className="muted">— {dismissal.reason || t('noReason')}</span>{' '}
                  {shared ? null : (
                    <button
                      type="button"
                      className="button"
                      onClick={() => {
                        restore(key);
                        if (undo?.key === key) setUndo(null);
                      }}
                    >
                      {t('showAgain')}
                    </button>
                  )}
                </li>
              );
            })}
          </ul>
        </details>
      ) : null}
    </section>
  );
}
