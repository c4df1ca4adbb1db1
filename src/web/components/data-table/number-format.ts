// Locale-aware number formats for tables and charts (zh-CN and en group digits the same way, but
// the locale also decides the percent sign spacing and the decimal mark elsewhere).
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

export interface NumberFormats {
  readonly ms: (v: number) => string;
  readonly us: (v: number) => string;
  readonly pct: (v: number) => string;
  /** A 0–1 share as a percentage. */
  readonly share: (v: number) => string;
  readonly int: (v: number) => string;
  readonly times: (v: number) => string;
  readonly signedUs: (v: number) => string;
  /** Two decimals, no unit (percentage points, ratios). */
  readonly fixed2: (v: number) => string;
}

export function useNumberFormats(): NumberFormats {
  const { i18n } = useTranslation();
  const lang = i18n.language;
  return useMemo(() => {
    const f = (o: Intl.NumberFormatOptions) => new Intl.NumberFormat(lang, o);
    const ms = f({ minimumFractionDigits: 3, maximumFractionDigits: 3 });
    const us = f({ maximumFractionDigits: 2 });
    const signed = f({ maximumFractionDigits: 2, signDisplay: 'exceptZero' });
    const pct = f({ minimumFractionDigits: 2, maximumFractionDigits: 2 });
    const share = f({ style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
    const int = f({ maximumFractionDigits: 0 });
    const times = f({ minimumFractionDigits: 3, maximumFractionDigits: 3 });
    return {
      ms: (v) => `${ms.format(v)} ms`,
      us: (v) => us.format(v),
      pct: (v) => `${pct.format(v)}%`,
      share: (v) => share.format(v),
      int: (v) => int.format(v),
      times: (v) => `${times.format(v)}×`,
      signedUs: (v) => signed.format(v),
      fixed2: (v) => pct.format(v),
    };
  }, [lang]);
}
