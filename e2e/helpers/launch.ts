// What the Launch specs share: the launcher's access token (playwright.config.ts starts the
// launcher on a fresh data dir), opening the Launch page with it, a launcher of a spec's own, and
// screenshots of a page at the three widths the specs check, kept out of the repository
// (LAUNCH_SHOTS_DIR, when set).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { waitForReady } from './app.ts';

export function launcherToken(): string {
  const dir = process.env.E2E_LAUNCHER_DIR;
  if (!dir) throw new Error('E2E_LAUNCHER_DIR is set by playwright.config.ts');
  return readFileSync(join(dir, 'data', 'token'), 'utf8').trim();
}

/**
 * A launcher of the spec's own (`serve --port 0 --data-dir <dataDir>` and `args`), and the URL it
 * prints once it listens. The spec kills `child` when done.
 */
export async function serveOwnLauncher(
  dataDir: string,
  args: readonly string[],
  env?: NodeJS.ProcessEnv,
): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    ['bin/aoe-dashboard.js', 'serve', '--port', '0', '--data-dir', dataDir, ...args],
    { env: env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const m = /(http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
      if (m?.[1]) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`launcher exited with ${code}: ${out}`)));
  });
  return { child, url };
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
