// Lint: type-aware TypeScript rules, React hooks, no import cycles, and the import zones of
// ARCHITECTURE.md: core imports nothing of ours (and no DOM/Node/React), web and launcher never
// import each other, and features inside web do not import each other.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import importX from 'eslint-plugin-import-x';
import globals from 'globals';

const zone = (files, patterns) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns }] },
});

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      'test-results/**',
      'playwright-report/**',
      'src/core/validation/generated/**',
      '.bench/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.browser, ...globals.node },
    },
    plugins: { 'react-hooks': reactHooks, 'import-x': importX },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      'import-x/no-cycle': ['error', { maxDepth: 10 }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
    settings: {
      'import-x/resolver': { node: { extensions: ['.ts', '.tsx', '.js'] } },
    },
  },
  zone(
    ['src/core/**'],
    [
      { group: ['**/web/**', '**/launcher/**'], message: 'core imports nothing of web or launcher' },
      { group: ['react', 'react-dom', 'react/*', 'node:*'], message: 'core is pure: no React, no Node built-ins' },
    ],
  ),
  zone(['src/web/**'], [{ group: ['**/launcher/**', 'node:*'], message: 'web never imports launcher or Node built-ins' }]),
  zone(['src/launcher/**'], [{ group: ['**/web/**'], message: 'launcher never imports web' }]),
  zone(
    ['src/web/features/**'],
    [
      { group: ['**/launcher/**', 'node:*'], message: 'web never imports launcher or Node built-ins' },
      { group: ['../../features/*', '../../../features/*', '../*/**', '!../components/**'], message: 'features do not import each other; compose them in the app shell' },
    ],
  ),
);
