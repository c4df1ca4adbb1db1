// The Playwright fixture every dashboard spec uses. A spec fails on any uncaught page error, any
// console.error, and any request that leaves the page's origin (the dashboard runs air-gapped).
// Helpers load files through the real file input and wait on the app's ready signal, never sleep.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test as base, expect as baseExpect, type Page } from '@playwright/test';

/** The demo's file cards on a first start: one per file the demo index lists. */
export const DEMO_CARDS = (
  JSON.parse(
    readFileSync(join(import.meta.dirname, '../../public/samples/index.json'), 'utf8'),
  ) as { groups: { files: string[] }[] }
).groups.reduce((n, g) => n + g.files.length, 0);

// Assertions retry for up to 15 s: the machines that run these share their cores with builds and
// other suites, and a 100 MB parse takes seconds there. Waits end as soon as the state is reached.
export const expect = baseExpect.configure({ timeout: 15_000 });

export interface AppProblems {
  readonly list: string[];
}

/** Collects a page's uncaught errors, console errors and requests to another origin. */
function watchProblems(page: Page, list: string[], baseURL: string | undefined): void {
  const origin = new URL(baseURL ?? 'http://127.0.0.1').origin;
  page.on('pageerror', (error) => list.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const where = message.location().url;
    list.push(`console.error: ${message.text()}${where ? ` (${where})` : ''}`);
  });
  page.on('request', (request) => {
    const url = request.url();
    if (url.startsWith('data:') || url.startsWith('blob:')) return;
    if (new URL(url).origin !== origin) list.push(`request to another origin: ${url}`);
  });
}

export const test = base.extend<{ problems: AppProblems; anotherPage: Page }>({
  problems: [
    async ({ page, baseURL }, use) => {
      const list: string[] = [];
      watchProblems(page, list, baseURL);
      await use({ list });
      expect(list, 'page errors, console errors or requests to another origin').toEqual([]);
    },
    { auto: true },
  ],
  /** A second tab of the same browser profile (same storage), checked like the first. */
  anotherPage: async ({ context, baseURL, problems }, provide) => {
    const other = await context.newPage();
    watchProblems(other, problems.list, baseURL);
    await provide(other);
  },
});

const root = (page: Page) => page.locator('#root');

/** Waits until imports have settled (`data-state="ready"` on the app root). */
export async function waitForReady(page: Page): Promise<void> {
  await expect(root(page)).toHaveAttribute('data-state', 'ready');
}

/** Opens a page of the app and waits for it to be ready. */
export async function openApp(page: Page, path = '/'): Promise<void> {
  await page.goto(path);
  await waitForReady(page);
}

/** Opens the workspace with the demo data removed, for specs that want only their own files. */
export async function openEmptyWorkspace(page: Page): Promise<void> {
  await openApp(page, '/');
  const clearDemo = page.getByTestId('demo-banner').getByRole('button');
  if (await clearDemo.isVisible()) await clearDemo.click();
  await expect(page.getByTestId('file-card')).toHaveCount(0);
}

async function settledDrops(page: Page): Promise<number> {
  return Number((await root(page).getAttribute('data-drops')) ?? '0');
}

/** Reloads once every workspace change is stored (`<html data-saved="true">`), as a user would. */
export async function reloadWhenSaved(page: Page): Promise<void> {
  await expect(page.locator('html')).toHaveAttribute('data-saved', 'true');
  await page.reload();
}

/** Loads files as if picked in "choose files", and waits until that load has settled. */
export async function dropFiles(page: Page, paths: readonly string[]): Promise<void> {
  const before = await settledDrops(page);
  await page.getByTestId('file-input').setInputFiles([...paths]);
  await expect(root(page)).toHaveAttribute('data-drops', String(before + 1));
  await waitForReady(page);
}

/** Loads in-memory files (generated content, hostile names) through the same input. */
export async function dropBuffers(
  page: Page,
  files: readonly { readonly name: string; readonly text: string; readonly mimeType?: string }[],
): Promise<void> {
  const before = await settledDrops(page);
  await page.getByTestId('file-input').setInputFiles(
    files.map((f) => ({
      name: f.name,
      mimeType: f.mimeType ?? 'application/octet-stream',
      buffer: Buffer.from(f.text, 'utf8'),
    })),
  );
  await expect(root(page)).toHaveAttribute('data-drops', String(before + 1));
  await waitForReady(page);
}

/** Loads a whole folder as if picked in "choose folder". */
export async function dropFolder(page: Page, dir: string): Promise<void> {
  const before = await settledDrops(page);
  await page.getByTestId('folder-input').setInputFiles(dir);
  await expect(root(page)).toHaveAttribute('data-drops', String(before + 1));
  await waitForReady(page);
}

/** The card of a loaded file, by its file name. */
export function fileCard(page: Page, fileName: string) {
  return page.getByTestId('file-card').filter({
    has: page.getByRole('heading', { name: fileName, exact: true }),
  });
}
