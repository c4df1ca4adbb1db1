// Opening what someone shared: a `#b=` link (decoded here, in the browser: the bundle never
// reaches a server) or a launcher permalink `/r/:id` (fetched from `/api/runs/:id`). A valid
// bundle opens the compare page read-only — handed over in the history state, with its view in
// the search params; anything else shows a specific, localized error.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import type { ImportIssue } from '../../../core/formats/types.ts';
import { decodeData, decodeFragment } from '../../../core/share/codec.ts';
import type { ShareBundleV1 } from '../../../core/share/bundle-types.ts';
import { fromBundle } from '../../../core/share/bundle.ts';
import { viewToParams } from '../../../core/share/view-state.ts';
import { SHARED_NS } from './strings.ts';
import './shared-view.css';

type Outcome =
  | { readonly kind: 'loading' }
  | { readonly kind: 'error'; readonly code: string; readonly issues: readonly ImportIssue[] };

async function fetchPermalink(
  id: string,
): Promise<
  { ok: true; bundle: ShareBundleV1 } | { ok: false; code: string; issues: readonly ImportIssue[] }
> {
  let res: Response;
  try {
    res = await fetch(`/api/runs/${encodeURIComponent(id)}`, {
      headers: { accept: 'application/json' },
    });
  } catch {
    return { ok: false, code: 'NETWORK', issues: [] };
  }
  if (res.status === 404) return { ok: false, code: 'NOT_FOUND', issues: [] };
  const body = (await res.json().catch(() => null)) as { kind?: unknown; bundle?: unknown } | null;
  if (!res.ok || body === null) return { ok: false, code: 'NETWORK', issues: [] };
  if (body.kind !== 'bundle') return { ok: false, code: 'SCHEMA_MISMATCH', issues: [] };
  const decoded = decodeData(body.bundle);
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
