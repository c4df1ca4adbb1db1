// Screenshots for review, not tests: the run page's Summary, the compare page and the profile page
// at three sizes, in both languages and both themes, written as PNGs to SCREENSHOTS_DIR (outside
// the repository). The launcher and browser are set up as for the specs (playwright.config.ts);
// only the files differ (e2e/screens/*.screens.ts, which the spec run does not pick up).
//   SCREENSHOTS_DIR=/some/dir E2E_PORT=4173 npx playwright test -c playwright.screens.config.ts
import { defineConfig } from '@playwright/test';
import base from './playwright.config.ts';

if (!process.env.SCREENSHOTS_DIR)
  throw new Error('Set SCREENSHOTS_DIR to the folder for the PNGs.');

export default defineConfig({
  ...base,
  testDir: 'e2e/screens',
  testMatch: '**/*.screens.ts',
  timeout: 300_000,
});
