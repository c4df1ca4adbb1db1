// The user's pairs of renamed operators: an operator only the run has ↔ the baseline operator it
// replaces. Pairs go into the view state (URL, share links) and into core's matching.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ViewState } from '../../../core/share/view-state.ts';
import { COMPARE_NS } from './strings.ts';
import { renameCandidates, type TableRow } from './view-model.ts';

export function MappingEditor(props: {
  readonly rows: readonly TableRow[];
  readonly mapping: ViewState['mapping'];
  readonly readOnly: boolean;
  readonly onChange: (mapping: ViewState['mapping']) => void;
}) {
  const { rows, mapping, readOnly, onChange } = props;
  const { t } = useTranslation(COMPARE_NS);
  const { added, removed } = renameCandidates(rows);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const pick = (value: string, list: readonly string[]) =>
    list.includes(value) ? value : (list[0] ?? '');
  const a = pick(from, added);
  const b = pick(to, removed);
  return (
    <section className="mapping-editor" aria-labelledby="mapping-title">
      <h3 id="mapping-title">{t('mapping.title')}</h3>
      <p className="muted">{t('mapping.hint')}</p>
      {mapping.length === 0 ? (
        <p className="muted">{t('mapping.none')}</p>
      ) : (
        <ul className="mapping-list">
          {mapping.map(([x, y]) => (
            <li key={`${x}\u0000${y}`}>
              <code>{x}</code> → <code>{y}</code>{' '}
              {readOnly ? null : (
                <button
                  type="button"
                  aria-label={t('mapping.remove', { from: x, to: y })}
                  onClick={() => onChange(mapping.filter(([p, q]) => p !== x || q !== y))}
                >
                  ✕
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {readOnly || added.length === 0 || removed.length === 0 ? null : (
        <div className="mapping-form">
          <label>
            {t('mapping.from')}
            <select value={a} onChange={(e) => setFrom(e.target.value)}>
              {added.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('mapping.to')}
            <select value={b} onChange={(e) => setTo(e.target.value)}>
              {removed.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            onClick={() => a && b && onChange([...mapping.filter(([p]) => p !== a), [a, b]])}
          >
            {t('mapping.add')}
          </button>
        </div>
      )}
    </section>
  );
}
