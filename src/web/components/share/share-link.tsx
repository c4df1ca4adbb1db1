// Copy link and Copy permalink, for any page that can be shared. The link is the page's address
// with the share bundle in the URL fragment (`<path>#b=…`): no server sees it, and opening it
// anywhere shows that page with the bundle's runs. Past the hard size limit the control offers the
// launcher's permalink (`POST /api/runs`, with the token the launcher client keeps; without one
// it asks for it) instead; where a launcher serves the page, the permalink is offered at any size,
// except in a read-only shared view.
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ShareBundleV1 } from '../../../core/share/bundle-types.ts';
import { encodeBundle } from '../../../core/share/codec.ts';
import {
  launcher as launcherApi,
  probeLauncher as launcherAvailable,
  readToken,
  storeToken,
} from '../../lib/launcher-client.ts';
import { useAppStore } from '../../store/index.ts';
import { formatBytes } from '../number-format.ts';
import { SHARE_NS } from './share-strings.ts';
import './share.css';

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
  | { readonly kind: 'token'; readonly refused: boolean }
  | { readonly kind: 'permalink-failed'; readonly message: string };

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

export function ShareLinkControl(props: {
  /** The bundle to share, made when the user asks for a link. */
  readonly bundle: () => ShareBundleV1;
  /** Path and query of the page the link opens (`/run/<id>/0?tab=operators`). */
  readonly path: string;
  /** Query a permalink carries beside its id (view state the bundle does not hold). */
  readonly permalinkQuery?: string;
  /** More controls on the same row as the buttons (the compare page's exports). */
  readonly children?: ReactNode;
}) {
  const { bundle, path, permalinkQuery = '', children } = props;
  const { t, i18n } = useTranslation(SHARE_NS);
  const bytes = (n: number) => formatBytes(n, i18n.language);
  const [link, setLink] = useState<LinkState>({ kind: 'none' });
  const [launcher, setLauncher] = useState(false);
  // A read-only shared view (a link or permalink opened here) offers the link, not a permalink:
  // its reader is usually not the launcher's user and has no token to store one with.
  const readOnly = useAppStore((s) => s.shared !== null);
  useEffect(() => {
    let live = true;
    void launcherAvailable().then((ok) => {
      if (live) setLauncher(ok);
    });
    return () => {
      live = false;
    };
  }, []);

  const copy = async () => {
    const encoded = encodeBundle(bundle());
    if (!encoded.ok) {
      const available = !readOnly && (await launcherAvailable());
      setLink({ kind: 'too-large', bytes: encoded.bytes, launcher: available });
      return;
    }
    const url = `${location.origin}${path}#${encoded.fragment}`;
    const copied = await copyText(url);
    setLink({ kind: 'link', url, bytes: encoded.bytes, long: encoded.long, copied });
  };

  const [token, setToken] = useState('');
  const permalink = async (given?: string) => {
    const bearer = given ?? readToken();
    if (bearer === '') {
      setLink({ kind: 'token', refused: false });
      return;
    }
    const res = await launcherApi.storePermalink(bundle(), bearer);
    if (!res.ok && res.status === 401) {
      // A token typed in and refused says so; a stored one that no longer works asks again.
      setLink({ kind: 'token', refused: given !== undefined });
      return;
    }
    if (given !== undefined) storeToken(given);
    if (res.ok && typeof res.value.url === 'string' && res.value.url.startsWith('/r/')) {
      const url = `${location.origin}${res.value.url}${permalinkQuery}`;
      // The URL is shown beside the button; copying is a convenience.
      await copyText(url);
      setLink({ kind: 'permalink', url });
    } else
      setLink({
        kind: 'permalink-failed',
        message: res.ok
          ? 'HTTP 200'
          : res.message || (res.status ? `HTTP ${res.status}` : res.code),
      });
  };

  return (
    <div className="share-control">
      <div className="share-actions">
        <button type="button" className="primary" onClick={() => void copy()}>
          {t('copy')}
        </button>
        {launcher && !readOnly ? (
          <button type="button" onClick={() => void permalink()}>
            {t('copyPermalink')}
          </button>
        ) : null}
        {children}
      </div>
      {link.kind === 'link' ? (
        <div className="share-result" role="status">
          <p className={link.long ? 'warning-text' : 'muted'}>
            {link.copied ? t('copied', { size: bytes(link.bytes) }) : t('copyFailed')}
            {link.long ? ` ${t('long', { size: bytes(link.bytes) })}` : ''}
          </p>
          <label className="share-link">
            <span className="visually-hidden">{t('linkLabel')}</span>
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
            {t(link.launcher ? 'tooLargeLauncher' : 'tooLarge', { size: bytes(link.bytes) })}
          </p>
          {link.launcher ? (
            <button type="button" onClick={() => void permalink()}>
              {t('permalink')}
            </button>
          ) : null}
        </div>
      ) : null}
      {link.kind === 'permalink' ? (
        <p role="status" data-testid="share-permalink" data-url={link.url}>
          {t('permalinkDone', { url: link.url })}
        </p>
      ) : null}
      {link.kind === 'token' ? (
        <form
          className="share-token"
          onSubmit={(e) => {
            e.preventDefault();
            if (token.trim() !== '') void permalink(token.trim());
          }}
        >
          <p className={link.refused ? 'warning-text' : 'muted'}>
            {t(link.refused ? 'tokenRefused' : 'tokenNeeded')}
          </p>
          <label>
            {t('tokenLabel')}
            <input
              type="password"
              autoComplete="off"
              value={token}
              onChange={(e) => setToken(e.target.value)}
            />
          </label>
          <button type="submit" disabled={token.trim() === ''}>
            {t('permalink')}
          </button>
        </form>
      ) : null}
      {link.kind === 'permalink-failed' ? (
        <p role="alert" className="warning-text">
          {t('permalinkFailed', { message: link.message })}
        </p>
      ) : null}
    </div>
  );
}

/** Marks a page that shows shared runs: read-only, not in the user's workspace. */
export function SharedBadge() {
  const { t } = useTranslation(SHARE_NS);
  return (
    <span className="badge badge-shared" title={t('badgeHint')} data-testid="shared-badge">
      {t('badge')}
    </span>
  );
}
