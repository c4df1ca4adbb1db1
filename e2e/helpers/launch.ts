// What the Launch specs share: the launcher's access token (playwright.config.ts starts the
// launcher on a fresh data dir), opening the Launch page with it, and screenshots of a page at the
// three widths the specs check, kept out of the repository (LAUNCH_SHOTS_DIR, when set).
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { waitForReady } from './app.ts';

export function launcherToken(): string {
  const dir = process.env.E2E_LAUNCHER_DIR;
  if (!dir) throw new Error('E2E_LAUNCHER_DIR is set by playwright.config.ts');
  return readFileSync(join(dir, 'data', 'token'), 'utf8').trim();
}

/** The Launch page with the launcher's token, ready. */
export async function openLaunch(page: Page): Promise<void> {
  await page.goto(`/launch#token=${launcherToken()}`);
  await waitForReady(page);
}

/** Where screenshots go when asked for (kept out of the repository). */
export const SHOTS = process.env.LAUNCH_SHOTS_DIR;

/** The widths (and heights) every Launch screenshot is taken at. */
export const SIZES = [
  [1440, 900],
  [1280, 720],
  [800, 1000],
] as const;

/** The top of the page as the user first sees it, and the whole page. */
export async function shoot(page: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    window.scrollTo(0, 0);
  });
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
  await page.screenshot({ path: join(SHOTS, `${name}-full.png`), fullPage: true });
}

/** `shoot` at each of SIZES, named `<name>-<width>`; the viewport is left at 1280 × 720. */
export async function shootSizes(page: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  for (const [w, h] of SIZES) {
    await page.setViewportSize({ width: w, height: h });
    await shoot(page, `${name}-${w}`);
  }
  await page.setViewportSize({ width: 1280, height: 720 });
}
