// The top bar: product name, the three entry points (Workspace, Compare, Launch), and the
// language and theme switches. Both switches are native <select>s: keyboard and screen-reader
// friendly without extra code.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { Icon } from '../components/icons.tsx';
import { LANGUAGES, currentLanguage, setLanguage, type Language } from '../i18n/index.ts';
import {
  THEME_CHOICES,
  applyTheme,
  readThemeChoice,
  saveThemeChoice,
  watchSystemTheme,
  type ThemeChoice,
} from '../styles/theme.ts';
import { SHELL_NS } from './strings.ts';

const LANGUAGE_NAMES: Record<Language, string> = { 'zh-CN': '中文', en: 'English' };

function ThemeSwitch() {
  const { t } = useTranslation(SHELL_NS);
  const [choice, setChoice] = useState<ThemeChoice>(readThemeChoice);
  // Follow the OS while the choice is "system".
  useEffect(
    () => (choice === 'system' ? watchSystemTheme(() => applyTheme('system')) : undefined),
    [choice],
  );
  return (
    <label className="header-switch">
      <Icon name={choice === 'dark' ? 'moon' : choice === 'light' ? 'sun' : 'monitor'} />
      <span className="visually-hidden">{t('theme.label')}</span>
      <select
        aria-label={t('theme.label')}
        data-testid="theme-switch"
        value={choice}
        onChange={(e) => {
          const next = THEME_CHOICES.find((c) => c === e.target.value) ?? 'system';
          saveThemeChoice(next);
          setChoice(next);
        }}
      >
        {THEME_CHOICES.map((c) => (
          <option key={c} value={c}>
            {t(`theme.${c}`)}
          </option>
        ))}
      </select>
    </label>
  );
}

function LanguageSwitch() {
  // useTranslation re-renders this component on a language change, so this stays current.
  const { t } = useTranslation(SHELL_NS);
  const lang = currentLanguage();
  return (
    <label className="header-switch">
      <Icon name="globe" />
      <span className="visually-hidden">{t('language.label')}</span>
      <select
        aria-label={t('language.label')}
        data-testid="language-switch"
        value={lang}
        onChange={(e) => {
          const next = LANGUAGES.find((l) => l === e.target.value);
          if (next) void setLanguage(next);
        }}
      >
        {LANGUAGES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LANGUAGE_NAMES[l]}
          </option>
        ))}
      </select>
    </label>
  );
}

export function Header() {
  const { t } = useTranslation(SHELL_NS);
  const appName = t('appName');
  useEffect(() => {
    document.title = appName;
  }, [appName]);
  const navClass = ({ isActive }: { isActive: boolean }) =>
    isActive ? 'nav-link active' : 'nav-link';
  return (
    <header className="app-header">
      <a
        className="skip-link"
        href="#content"
        onClick={(e) => {
          // Focus the content without putting `#content` in the URL (fragments carry share links).
          e.preventDefault();
          document.getElementById('content')?.focus();
        }}
      >
        {t('skipToContent')}
      </a>
      <NavLink to="/" className="app-title" end>
        <Icon name="chart" /> {t('appName')}
      </NavLink>
      <nav aria-label={t('nav.label')} className="app-nav">
        <NavLink to="/" end className={navClass}>
          {t('nav.workspace')}
        </NavLink>
        <NavLink to="/compare" className={navClass}>
          {t('nav.compare')}
        </NavLink>
        <NavLink to="/launch" className={navClass}>
          {t('nav.launch')}
        </NavLink>
        <NavLink to="/history" className={navClass}>
          {t('nav.history')}
        </NavLink>
      </nav>
      <div className="header-tools">
        <LanguageSwitch />
        <ThemeSwitch />
      </div>
    </header>
  );
}
