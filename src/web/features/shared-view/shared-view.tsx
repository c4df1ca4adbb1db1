// Opening what someone shared: a `#b=` link (decoded here, in the browser: the bundle never
// reaches a server) or a launcher permalink `/r/:id` (fetched from `/api/runs/:id`). A valid
// bundle opens the compare page read-only — handed over in the history state, with its view in
// the search params; anything else shows a specific, localized error.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import type { ImportIssue } from '../../../core/formats/types.ts';
import { decodeData, decodeFragment } from '../../../core/share/codec.ts';
import type { ShareBundleV1, SharedRun } from '../../../core/share/bundle-types.ts';
import type { RunManifest, TuningReport } from '../../../core/model/types.ts';
import { validate } from '../../../core/validation/index.ts';
import { fromBundle, toBundle } from '../../../core/share/bundle.ts';
import { DEFAULT_VIEW, viewToParams } from '../../../core/share/view-state.ts';
import { SHARED_NS } from './strings.ts';
import './shared-view.css';

type Outcome =
  | { readonly kind: 'loading' }
  | { readonly kind: 'error'; readonly code: string; readonly issues: readonly ImportIssue[] };

type Fetched =
  | { readonly ok: true; readonly bundle: ShareBundleV1 }
  | { readonly ok: false; readonly code: string; readonly issues: readonly ImportIssue[] };

const MANIFEST_TEXT = [
  'cannVersion',
  'soc',
  'modelSha256',
  'bankPath',
  'host',
  'modelPath',
] as const;

/** The string fields of a launcher manifest that compare uses (the rest is not needed here). */
function manifestOf(value: unknown): RunManifest | null {
  if (value === null || typeof value !== 'object') return null;
  const rec = value as Record<string, unknown>;
  const out: Record<string, string> = {};
  for (const k of MANIFEST_TEXT) if (typeof rec[k] === 'string') out[k] = rec[k];
  return Object.keys(out).length > 0 ? out : null;
}

/** A run the launcher's tuner produced: its tasks, compared against the first, as a bundle. */
function reportBundle(
  id: string,
  report: TuningReport,
  manifest: RunManifest | null,
): ShareBundleV1 {
  const runs: SharedRun[] = report.tasks.map((task, i) => ({
    run: {
      id: `${report.id}:${i}`,
      label:
        report.tasks.length > 1
          ? `${report.fileName} · ${task.name} #${i + 1}`
          : `${report.fileName} · ${task.name}`,
      fileName: report.fileName,
      generation: report.generation,
      task,
      manifest,
    },
    reportId: report.id || id,
    taskIndex: i,
    layout: report.layout,
    incomplete: report.incomplete,
    profile: null,
  }));
  const ids = runs.map((r) => r.run.id);
  return toBundle(runs, { ...DEFAULT_VIEW, runs: ids, baseline: ids[0] ?? '', tab: 'model' });
}

async function fetchPermalink(id: string): Promise<Fetched> {
  let res: Response;
  try {
    res = await fetch(`/api/runs/${encodeURIComponent(id)}`, {
      headers: { accept: 'application/json' },
    });
  } catch {
    return { ok: false, code: 'NETWORK', issues: [] };
  }
  if (res.status === 404) return { ok: false, code: 'NOT_FOUND', issues: [] };
  const body = (await res.json().catch(() => null)) as {
    kind?: unknown;
    bundle?: unknown;
    report?: unknown;
    manifests?: unknown;
  } | null;
  if (!res.ok || body === null) return { ok: false, code: 'NETWORK', issues: [] };
  let data: unknown = body.bundle;
  if (body.kind === 'report') {
    // Untrusted like any input: the report must be the normalized model before it is packed.
    const issues = validate('model.v1', body.report);
    if (issues.length > 0) return { ok: false, code: 'SCHEMA_MISMATCH', issues };
    const manifests = Array.isArray(body.manifests) ? body.manifests : [];
    data = reportBundle(id, body.report as TuningReport, manifestOf(manifests[0]));
  } else if (body.kind !== 'bundle') {
    return { ok: false, code: 'SCHEMA_MISMATCH', issues: [] };
  }
  const decoded = decodeData(data);
  return decoded.ok
    ? { ok: true, bundle: decoded.bundle }
    : { ok: false, code: decoded.issues[0]?.code ?? 'other', issues: decoded.issues };
}

export function SharedView() {
  const { t } = useTranslation(SHARED_NS);
  const { hash } = useLocation();
  const { permalinkId } = useParams();
  const navigate = useNavigate();
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'loading' });

  useEffect(() => {
    let live = true;
    const open = (bundle: ShareBundleV1) => {
      const { view } = fromBundle(bundle);
      const params = viewToParams(view).toString();
      void navigate(`/compare${params ? `?${params}` : ''}`, {
        replace: true,
        state: { shareBundle: bundle },
      });
    };
    if (hash.startsWith('#b=')) {
      const decoded = decodeFragment(hash);
      if (decoded.ok) open(decoded.bundle);
      else
        setOutcome({
          kind: 'error',
          code: decoded.issues[0]?.code ?? 'other',
          issues: decoded.issues,
        });
    } else if (permalinkId !== undefined) {
      void fetchPermalink(permalinkId).then((r) => {
        if (!live) return;
        if (r.ok) open(r.bundle);
        else setOutcome({ kind: 'error', code: r.code, issues: r.issues });
      });
    } else {
      setOutcome({ kind: 'error', code: 'UNKNOWN_FORMAT', issues: [] });
    }
    return () => {
      live = false;
    };
  }, [hash, permalinkId, navigate]);

  if (outcome.kind === 'loading') {
    return (
      <p className="muted" role="status" data-testid="shared-view">
        {t('opening')}
      </p>
    );
  }
  return (
    <section
      className="card shared-error"
      role="alert"
      data-testid="shared-view-error"
      data-code={outcome.code}
    >
      <h1>{t('title')}</h1>
      <p>{t(`codes.${outcome.code}`, { defaultValue: t('codes.other') })}</p>
      {outcome.issues.length > 0 ? (
        <details>
          <summary>{t('details')}</summary>
          <ul>
            {outcome.issues.map((i, n) => (
              <li key={n}>
                <code>{i.code}</code> {i.path ? <code>{i.path}</code> : null} {i.message}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      <Link className="button primary" to="/">
        {t('toWorkspace')}
      </Link>
    </section>
  );
}
