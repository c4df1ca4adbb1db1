// The one i18next instance of the dashboard. Each feature keeps its strings beside its code
// (`features/<page>/strings.ts`) and registers them here under its own namespace, so no feature
// edits a shared resource file. The language defaults to the browser's, can be switched, and the
// choice is kept in localStorage.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** A namespace's strings: nested objects of strings (i18next's JSON v4 shape). */
export interface StringTree {
  readonly [key: string]: string | StringTree;
}

const STORAGE_KEY = 'aoe-dashboard.language';

function isLanguage(value: unknown): value is Language {
  return value === 'zh-CN' || value === 'en';
}

/** Maps any BCP 47 tag onto one of ours: every Chinese variant reads zh-CN, the rest English. */
export function matchLanguage(tag: string): Language {
  return tag.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

function readStoredLanguage(): Language | null {
  try {
    const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
    return isLanguage(stored) ? stored : null;
  } catch {
    // Storage can be disabled (privacy mode, sandboxed frames): fall back to the browser's language.
    return null;
  }
}

/** The stored choice, else the browser's first preferred language, else English. */
export function initialLanguage(): Language {
  const stored = readStoredLanguage();
  if (stored) return stored;
  const nav = globalThis.navigator;
  const tags = nav?.languages?.length ? nav.languages : nav?.language ? [nav.language] : [];
  const first = tags[0];
  return first ? matchLanguage(first) : 'en';
}

function applyDocumentLanguage(lang: Language): void {
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
}

void i18next.use(initReactI18next).init({
  lng: initialLanguage(),
  fallbackLng: 'en',
  supportedLngs: [...LANGUAGES],
  // Resources are bundled and registered synchronously, so `t` works on the first render.
  initAsync: false,
  resources: {},
  ns: [],
  interpolation: { escapeValue: false }, // React escapes; escaping twice would show `&lt;` in names
  returnNull: false,
  react: { useSuspense: false },
});
applyDocumentLanguage(i18next.language as Language);

/** Registers a namespace's strings in both languages. Safe to call more than once (HMR, tests). */
export function registerStrings(
  namespace: string,
  strings: { readonly en: StringTree; readonly 'zh-CN': StringTree },
): void {
  for (const lang of LANGUAGES) {
    i18next.addResourceBundle(lang, namespace, strings[lang], true, true);
  }
}

export function currentLanguage(): Language {
  // `language`, not `resolvedLanguage`: the latter stays unset until a namespace has resources.
  const lang = i18next.language;
  return isLanguage(lang) ? lang : matchLanguage(lang ?? 'en');
}

/** Switches the UI language and remembers the choice for the next visit. */
export async function setLanguage(lang: Language): Promise<void> {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, lang);
  } catch {
    // Not persisted when storage is unavailable; the switch still applies to this page.
  }
  await i18next.changeLanguage(lang);
  applyDocumentLanguage(lang);
}

export { i18next };
