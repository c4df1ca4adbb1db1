// Opening what someone shared: a `#b=` link (decoded here, in the browser: the bundle never
// reaches a server) or a launcher permalink `/r/:id` (fetched from `/api/runs/:id`). A valid
// bundle becomes the tab's shared session (read-only, kept across pages and reloads of the tab)
// and its page opens with the session's fragment in the address; anything else shows a specific,
// localized error.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import type { ImportIssue } from '../../../core/formats/types.ts';
import { decodeData, decodeFragment } from '../../../core/share/codec.ts';
import type { ShareBundleV1 } from '../../../core/share/bundle-types.ts';
import { reportRuns } from '../../../core/model/run.ts';
import type { RunManifest, TuningReport } from '../../../core/model/types.ts';
import { validate } from '../../../core/validation/index.ts';
import { toBundle } from '../../../core/share/bundle.ts';
import { DEFAULT_VIEW } from '../../../core/share/view-state.ts';
import { launcher } from '../../lib/launcher-client.ts';
import { openPipelineRun, type OpenedPipelineRun } from '../../lib/launcher-run.ts';
import { runPath } from '../../components/paths.ts';
import { useAppStore } from '../../store/index.ts';
import {
  isPermalinkId,
  sourceFromHash,
  sourceHash,
  type SharedSource,
} from '../../store/slices/shared-session.ts';
import { sharedPage } from './addresses.ts';
import { SHARED_NS } from './strings.ts';
import './shared-view.css';

type Outcome =
  | { readonly kind: 'loading' }
  | { readonly kind: 'error'; readonly code: string; readonly issues: readonly ImportIssue[] };

type Fetched =
  | { readonly ok: true; readonly bundle: ShareBundleV1 }
  | { readonly ok: true; readonly bundle: null; readonly pipeline: OpenedPipelineRun }
  | { readonly ok: false; readonly code: string; readonly issues: readonly ImportIssue[] };

const MANIFEST_TEXT = [
  'cannVersion',
  'soc',
  'modelSha256',
  'bankPath',
  'host',
  'modelPath',
  'tunedOmSha256',
  'workDir',
  'startedAt',
  'finishedAt',
] as const;

/** The fields of a launcher manifest the dashboard shows (compare, the run page's manifest). */
function manifestOf(value: unknown): RunManifest | null {
  if (value === null || typeof value !== 'object') return null;
  const rec = value as Record<string, unknown>;
  const out: Record<string, string> = {};
  for (const k of MANIFEST_TEXT) if (typeof rec[k] === 'string') out[k] = rec[k];
  // The launcher's tool manifests name the model `model`.
  if (out.modelPath === undefined && typeof rec.model === 'string') out.modelPath = rec.model;
  // The device, a number; the command and environment stay on the launcher (a share bundle
  // carries neither: schemas/share-bundle.v1.schema.json).
  const extra: { device?: number } = {};
  if (typeof rec.device === 'number' && Number.isInteger(rec.device)) extra.device = rec.device;
  const all = { ...out, ...extra };
  return Object.keys(all).length > 0 ? all : null;
}

/** A run the launcher's tuner produced: its tasks, compared against the first, as a bundle. */
function reportBundle(
  id: string,
  report: TuningReport,
  manifest: RunManifest | null,
): ShareBundleV1 {
  const runs = reportRuns(report, { reportId: report.id || id, manifest });
  const ids = runs.map((r) => r.run.id);
  // One stored report: its run page (with the manifest), not a comparison of one run.
  return toBundle(runs, {
    ...DEFAULT_VIEW,
    page: 'run',
    runs: ids,
    baseline: ids[0] ?? '',
    tab: 'model',
  });
}

async function fetchPermalink(id: string): Promise<Fetched> {
  const res = await launcher.run(id);
  if (!res.ok) return { ok: false, code: res.status === 404 ? 'NOT_FOUND' : 'NETWORK', issues: [] };
  const body = res.value as {
    kind?: unknown;
    bundle?: unknown;
    report?: unknown;
    manifests?: unknown;
  } | null;
  if (body === null || typeof body !== 'object') return { ok: false, code: 'NETWORK', issues: [] };
  if (body.kind === 'pipeline') {
    // A finished pipeline's Run: opened into the workspace, where its Measured view lives.
    const opened = openPipelineRun(body);
    return opened.ok
      ? { ok: true, bundle: null, pipeline: opened.value }
      : { ok: false, code: 'SCHEMA_MISMATCH', issues: opened.issues };
  }
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

/**
 * Opens a shared session: from the fragment (`#b=…` is decoded here, in the browser; `#r=<id>`
 * is fetched from the launcher) or from the `/r/:id` route. The runs go into the tab's shared
 * session and the page the bundle shows is opened in place, keeping the fragment — an address
 * that already names a view of that page (a reviewer forwarding their address bar) keeps it.
 */
export function SharedView() {
  const { t } = useTranslation(SHARED_NS);
  const { hash, pathname, search } = useLocation();
  const { permalinkId } = useParams();
  const navigate = useNavigate();
  const openShared = useAppStore((s) => s.openShared);
  const addFiles = useAppStore((s) => s.addFiles);
  const linkProfile = useAppStore((s) => s.linkProfile);
  const leaveShared = useAppStore((s) => s.leaveShared);
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'loading' });

  useEffect(() => {
    let live = true;
    // The route's id first: a tab with another session open may still show that one's fragment.
    const source: SharedSource | null =
      permalinkId !== undefined
        ? isPermalinkId(permalinkId)
          ? { kind: 'permalink', id: permalinkId }
          : null
        : sourceFromHash(hash);
    const open = (bundle: ShareBundleV1, from: SharedSource) => {
      const page = sharedPage(bundle);
      const fromRoute = permalinkId !== undefined;
      const keep =
        !fromRoute && pathname === page.pathname && (search !== '' || page.search === '');
      openShared(bundle, from);
      if (keep) return;
      void navigate(
        {
          pathname: page.pathname,
          search: fromRoute && search !== '' ? search : page.search,
          hash: sourceHash(from),
        },
        { replace: true },
      );
    };
    if (source === null) {
      setOutcome({
        kind: 'error',
        code: permalinkId !== undefined ? 'NOT_FOUND' : 'UNKNOWN_FORMAT',
        issues: [],
      });
    } else if (source.kind === 'link') {
      const decoded = decodeFragment(source.fragment);
      if (decoded.ok) open(decoded.bundle, source);
      else
        setOutcome({
          kind: 'error',
          code: decoded.issues[0]?.code ?? 'other',
          issues: decoded.issues,
        });
    } else {
      void fetchPermalink(source.id).then((r) => {
        if (!live) return;
        if (!r.ok) setOutcome({ kind: 'error', code: r.code, issues: r.issues });
        else if (r.bundle) open(r.bundle, source);
        else {
          // The Run's files join the workspace (same bytes, same id: opened twice, kept once);
          // its report's run page opens on the Measured view with the verdict.
          const { files, links, reportId, taskIndex } = r.pipeline;
          leaveShared();
          addFiles(files);
          for (const [report, ids] of Object.entries(links))
            for (const other of ids) linkProfile(report, other);
          void navigate(reportId === null ? '/' : `${runPath(reportId, taskIndex)}?tab=measured`, {
            replace: true,
          });
        }
      });
    }
    return () => {
      live = false;
    };
  }, [
    hash,
    pathname,
    search,
    permalinkId,
    navigate,
    openShared,
    addFiles,
    linkProfile,
    leaveShared,
  ]);

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
