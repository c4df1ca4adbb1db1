import { expect, test } from 'vitest';
import { i18next, matchLanguage, registerStrings } from './index.ts';

test.each([
  ['zh-CN', 'zh-CN'],
  ['zh-TW', 'zh-CN'],
  ['zh', 'zh-CN'],
  ['en-US', 'en'],
  ['fr-FR', 'en'],
])('browser language %s reads as %s', (tag, lang) => expect(matchLanguage(tag)).toBe(lang));

test('registered strings are served in the current language, values unescaped (React escapes)', async () => {
  registerStrings('probe', {
    en: { a: { b: 'Hello {{name}}' } },
    'zh-CN': { a: { b: '你好 {{name}}' } },
  });
  await i18next.changeLanguage('zh-CN');
  expect(i18next.t('probe:a.b', { name: '<b>' })).toBe('你好 <b>');
  await i18next.changeLanguage('en');
  expect(i18next.t('probe:a.b', { name: '<b>' })).toBe('Hello <b>');
});
