// Lint: TypeScript rules, React hooks, no import cycles, and the import zones of
// ARCHITECTURE.md: core imports nothing of ours (and no DOM/Node/React), web and launcher never
// import each other, and features inside web do not import each other.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import globals from 'globals';
import { existsSync, readdirSync } from 'node:fs';

const FEATURES = 'src/web/features';
const features = existsSync(FEATURES)
  ? readdirSync(FEATURES, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
  : [];

// Paths are resolved, so `../../launcher/x.ts` and `../compare/y.ts` are caught whatever the depth.
const zones = [
  { target: './src/core', from: './src/web', message: 'core imports nothing of web' },
  { target: './src/core', from: './src/launcher', message: 'core imports nothing of the launcher' },
  { target: './src/web', from: './src/launcher', message: 'web never imports the launcher' },
  { target: './src/launcher', from: './src/web', message: 'the launcher never imports web' },
  ...features.map((f) => ({
    target: `./${FEATURES}/${f}`,
    from: `./${FEATURES}`,
    except: [`./${f}`],
    message: 'features do not import each other; compose them in the app shell',
  })),
];

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
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js'] })],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    rules: { 'import-x/no-restricted-paths': ['error', { zones }] },
  },
  {
    // core is pure: it runs in the browser, a worker and Node alike.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['react', 'react-dom', 'react/*', 'react-dom/*'],
              message: 'core is pure: no React',
            },
            { group: ['node:*'], message: 'core is pure: no Node built-ins' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/web/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ group: ['node:*'], message: 'web runs in the browser: no Node built-ins' }],
        },
      ],
    },
  },
);
