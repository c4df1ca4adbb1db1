// The host check: each preflight item with a glyph, a status word and a localized sentence.
import { useTranslation } from 'react-i18next';
import type { Preflight, PreflightItem } from '../../lib/launcher-client.ts';
import './pipeline-strings.ts';
import { LAUNCH_NS } from './strings.ts';

const GLYPH = { ok: '✓', warning: '!', error: '✕' } as const;

/** The string key of an item: its id and status, with the variants the launcher distinguishes. */
export function itemKey(item: PreflightItem): string {
  if (item.id === 'aoe' && item.status === 'error' && item.values?.error !== undefined)
    return 'aoe.broken';
  if (item.id === 'bank' && item.status === 'ok' && item.values?.path === undefined)
    return 'bank.unset';
  return `${item.id}.${item.status}`;
}

const TOOL_ITEMS = new Set([
  'atc',
  'msprof',
  'python3',
  'aisBench',
  'converterLite',
  'msliteBenchmark',
]);

/** An item's sentence in the page's language, from its id, status and values. */
export function itemText(
  item: PreflightItem,
  t: (key: string, opts?: Record<string, unknown>) => string,
): string {
  const key = TOOL_ITEMS.has(item.id)
    ? `preflightTool.${item.id}.${item.status}`
    : `preflight.${itemKey(item)}`;
  return t(key, { ...item.values, defaultValue: item.message });
}

export function PreflightPanel({
  preflight,
  failed = false,
  onRefresh,
}: {
  readonly preflight: Preflight | null;
  readonly failed?: boolean;
  readonly onRefresh: () => void;
}) {
  const { t } = useTranslation(LAUNCH_NS);
  return (
    <section className="launch-preflight card" aria-labelledby="launch-preflight-title">
      <div className="launch-section-head">
        <h2 id="launch-preflight-title">{t('preflight.title')}</h2>
        <button type="button" onClick={onRefresh}>
          {t('preflight.refresh')}
        </button>
      </div>
      {failed ? (
        <p className="launch-field-error" role="alert">
          {t('pform.checkFailed')}
        </p>
      ) : preflight === null ? (
        <p className="muted">{t('checking')}</p>
      ) : (
        <ul className="launch-checks">
          {preflight.items.map((item) => (
            <li
              key={item.id}
              className={`launch-check launch-check-${item.status}`}
              data-check={item.id}
            >
              <span className="launch-check-glyph" aria-hidden="true">
                {GLYPH[item.status]}
              </span>
              <span className="visually-hidden">{t(`preflight.status.${item.status}`)}</span>
              <span>{itemText(item, t)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
