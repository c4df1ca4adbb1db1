// Copy link and exports. The link is the share bundle in the URL fragment (`#b=…`): no server sees
// it. Past the hard size limit the page offers the launcher's permalink (`POST /api/runs`, with the
// token the Launch page keeps) or an export instead. CSV gets a BOM by default in zh-CN.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Comparison } from '../../../core/model/comparison.ts';
import type { SharedRun } from '../../../core/share/bundle-types.ts';
import { toBundle } from '../../../core/share/bundle.ts';
import { encodeBundle } from '../../../core/share/codec.ts';
import type { ViewState } from '../../../core/share/view-state.ts';
import { defaultBom, modelComparisonCsv, operatorComparisonCsv } from '../../../core/export/csv.ts';
import { comparisonMarkdown } from '../../../core/export/markdown.ts';
import { comparisonToJson, prettyJson, runsToJson } from '../../../core/export/json.ts';
import { download } from './download.ts';
import { useCompareFormats } from './formats.ts';
import { COMPARE_NS } from './strings.ts';

/** The Launch page keeps the launcher token under this key (see the launch feature). */
const TOKEN_KEY = 'aoe-dashboard.launcher-token';

type LinkState =
  | { readonly kind: 'none' }
  | {
      readonly kind: 'link';
      readonly url: string;
      readonly bytes: number;
      readonly long: boolean;
      readonly copied: boolean;
    }
  | { readonly kind: 'too-large'; readonly bytes: number; readonly launcher: boolean }
  | { readonly kind: 'permalink'; readonly url: string }
  | { readonly kind: 'permalink-failed'; readonly message: string };

function readToken(): string {
  try {
    return globalThis.localStorage?.getItem(TOKEN_KEY) ?? '';
  } catch {
    return '';
  }
}

/** True when a launcher serves this page (its health endpoint answers), so permalinks can be stored. */
async function launcherAvailable(): Promise<boolean> {
  try {
    const res = await fetch('/api/health', { headers: { accept: 'application/json' } });
    const body = (await res.json().catch(() => null)) as { ok?: unknown } | null;
    return res.ok && body?.ok === true;
  } catch {
    return false;
  }
}

export function ShareBar(props: {
  readonly runs: readonly SharedRun[];
  readonly view: ViewState;
  readonly comparison: Comparison;
}) {
  const { runs, view, comparison } = props;
  const { t, i18n } = useTranslation(COMPARE_NS);
  const f = useCompareFormats();
  const [link, setLink] = useState<LinkState>({ kind: 'none' });
  const [bom, setBom] = useState(() => defaultBom(i18n.language));
  // Served by a launcher: a permalink can be stored there at any size, not only past the limit.
  const [launcher, setLauncher] = useState(false);
  useEffect(() => {
    let live = true;
    void launcherAvailable().then((ok) => {
      if (live) setLauncher(ok);
    });
    return () => {
      live = false;
    };
  }, []);
  const bundle = () => toBundle(runs, view, new Date().toISOString());

  const copy = async () => {
    const encoded = encodeBundle(bundle());
    if (!encoded.ok) {
      setLink({ kind: 'too-large', bytes: encoded.bytes, launcher: await launcherAvailable() });
      return;
    }
    const url = `${location.origin}/compare#${encoded.fragment}`;
    let copied = true;
    try {
      await navigator.clipboard.writeText(url);
    } catch {
      copied = false;
    }
    setLink({ kind: 'link', url, bytes: encoded.bytes, long: encoded.long, copied });
  };

  const permalink = async () => {
    try {
      const res = await fetch('/api/runs', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${readToken()}` },
        body: JSON.stringify(bundle()),
      });
      const body = (await res.json().catch(() => null)) as {
        url?: unknown;
        message?: unknown;
      } | null;
      if (res.ok && typeof body?.url === 'string') {
        const url = `${location.origin}${body.url}`;
        try {
          await navigator.clipboard.writeText(url);
        } catch {
          // The URL is shown beside the button; copying is a convenience.
        }
        setLink({ kind: 'permalink', url });
      } else
        setLink({
          kind: 'permalink-failed',
          message: typeof body?.message === 'string' ? body.message : `HTTP ${res.status}`,
        });
    } catch (err) {
      setLink({
        kind: 'permalink-failed',
        message: err instanceof Error ? err.message : String(err),
      });
    }
  };

  const labels = Object.fromEntries(comparison.runs.map((r) => [r.id, r.label]));
  const exportsList = [
    {
      key: 'csvOps',
      run: () =>
        download(
          'operators-comparison.csv',
          operatorComparisonCsv(comparison.operators, labels, { bom }),
          'text/csv;charset=utf-8',
        ),
    },
    {
      key: 'csvModel',
      run: () =>
        download(
          'model-comparison.csv',
          modelComparisonCsv(comparison.models, { bom }),
          'text/csv;charset=utf-8',
        ),
    },
    {
      key: 'markdown',
      run: () =>
        download('comparison.md', comparisonMarkdown(comparison), 'text/markdown;charset=utf-8'),
    },
    {
      key: 'json',
      run: () =>
        download('comparison.json', prettyJson(comparisonToJson(comparison)), 'application/json'),
    },
    {
      key: 'jsonRuns',
      run: () => download('runs.json', prettyJson(runsToJson(comparison.runs)), 'application/json'),
    },
  ] as const;

  return (
    <section className="share-bar" aria-label={t('share.exports')}>
      <div className="share-actions">
        <button type="button" className="primary" onClick={() => void copy()}>
          {t('share.copy')}
        </button>
        {launcher ? (
          <button type="button" onClick={() => void permalink()}>
            {t('share.copyPermalink')}
          </button>
        ) : null}
        <span className="export-group" role="group" aria-label={t('share.exports')}>
          <span className="muted">{t('share.exports')}:</span>
          {exportsList.map((e) => (
            <button key={e.key} type="button" onClick={e.run}>
              {t(`share.${e.key}`)}
            </button>
          ))}
          <label className="check">
            <input type="checkbox" checked={bom} onChange={(e) => setBom(e.target.checked)} />
            {t('share.bom')}
          </label>
        </span>
      </div>
      {link.kind === 'link' ? (
        <div className="share-result" role="status">
          <p className={link.long ? 'warning-text' : 'muted'}>
            {link.copied ? t('share.copied', { size: f.bytes(link.bytes) }) : t('share.copyFailed')}
            {link.long ? ` ${t('share.long', { size: f.bytes(link.bytes) })}` : ''}
          </p>
          <label className="share-link">
            <span className="visually-hidden">{t('share.linkLabel')}</span>
            <input
              readOnly
              value={link.url}
              data-testid="share-link"
              onFocus={(e) => e.target.select()}
            />
          </label>
        </div>
      ) : null}
      {link.kind === 'too-large' ? (
        <div className="share-result" role="alert">
          <p className="warning-text">
            {t(link.launcher ? 'share.tooLargeLauncher' : 'share.tooLarge', {
              size: f.bytes(link.bytes),
            })}
          </p>
          {link.launcher ? (
            <button type="button" onClick={() => void permalink()}>
              {t('share.permalink')}
            </button>
          ) : null}
        </div>
      ) : null}
      {link.kind === 'permalink' ? (
        <p role="status">{t('share.permalinkDone', { url: link.url })}</p>
      ) : null}
      {link.kind === 'permalink-failed' ? (
        <p role="alert" className="warning-text">
          {t('share.permalinkFailed', { message: link.message })}
        </p>
      ) : null}
    </section>
  );
}
