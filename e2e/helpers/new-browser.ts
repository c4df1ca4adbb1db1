// A reviewer's fresh browser for the sharing specs (no workspace, no session, no token), failing
// on page errors, console errors and dialogs; and the token of the launcher the config starts.
import type { Browser, Page } from '@playwright/test';
import { expect } from './app.ts';

export async function newBrowser(browser: Browser, baseURL: string | undefined, locale = 'en-US') {
  const context = await browser.newContext({ locale, baseURL });
  const problems: string[] = [];
  const watch = (page: Page) => {
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console.error: ${m.text()}`);
    });
    // Recorded, then closed: a dialog left open would hold a reload or a close until the timeout.
    page.on('dialog', (d) => {
      problems.push(`dialog (${d.type()}): ${d.message()}`);
      void (d.type() === 'beforeunload' ? d.accept() : d.dismiss()).catch(() => undefined);
    });
    return page;
  };
  return {
    page: watch(await context.newPage()),
    newTab: async () => watch(await context.newPage()),
    async close() {
      expect(problems, 'page or console errors in the new browser').toEqual([]);
      await context.close();
    },
  };
}

/** The access token of the launcher playwright.config.ts starts (E2E_LAUNCHER_DIR). */
export { launcherToken } from './launch.ts';
