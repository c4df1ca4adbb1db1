// A launcher permalink end to end: the share bundle of a comparison is stored by the launcher
// that serves the dashboard (`POST /api/runs`, with the token), and `/r/<id>` opened in a fresh
// browser (no workspace, no token) shows the same comparison, read-only. Without a token, "Copy
// permalink" asks for one (and says so when the launcher refuses it), and shared views, whose
// readers have no token, offer no permalink.
import { join } from 'node:path';
import { decodeFragment } from '../src/core/share/codec.ts';
import { dropFiles, expect, openEmptyWorkspace, test, waitForReady } from './helpers/app.ts';
import { launcherToken } from './helpers/new-browser.ts';

const FIX = join(import.meta.dirname, 'fixtures/compare');
const RUNS = [
  'aoe_result_opat_20250301100000123_pid1001.json',
  'aoe_result_opat_20250302100000123_pid1002.json',
  'aoe_result_opat_20250303100000123_pid1003.json',
];

/** The bundle inside a `#b=` link, read by the dashboard's own decoder. */
function bundleOf(link: string): unknown {
  const decoded = decodeFragment(link.slice(link.indexOf('#b=')));
  if (!decoded.ok) throw new Error(`not a share link: ${decoded.issues[0]?.message ?? ''}`);
  return decoded.bundle;
}

test.use({ locale: 'en-US' });

test('a permalink stored by the launcher opens the same comparison in a fresh browser', async ({
  page,
  browser,
  baseURL,
}) => {
  await openEmptyWorkspace(page);
  await dropFiles(
    page,
    RUNS.map((f) => join(FIX, f)),
  );
  await page.getByRole('navigation').getByRole('link', { name: 'Compare' }).click();
  for (const f of RUNS)
    await page.getByRole('checkbox', { name: new RegExp(`: ${f} · resnet50$`) }).check();
  await page.getByRole('radio', { name: `Pin ${RUNS[0]} · resnet50 as the baseline` }).check();
  const verdict = await page.getByTestId('verdict').getAttribute('data-verdict');
  await page.getByRole('button', { name: 'Copy link' }).click();
  const bundle = bundleOf(await page.getByTestId('share-link').inputValue());

  const refused = await page.request.post('/api/runs', { data: bundle });
  expect(refused.status()).toBe(401);
  const stored = await page.request.post('/api/runs', {
    data: bundle,
    headers: { authorization: `Bearer ${launcherToken()}` },
  });
  expect(stored.status()).toBe(201);
  const { url } = (await stored.json()) as { url: string };
  expect(url).toMatch(/^\/r\/[A-Za-z0-9_-]{24}$/);

  const context = await browser.newContext({ locale: 'en-US', baseURL });
  const other = await context.newPage();
  const problems: string[] = [];
  other.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  other.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console.error: ${m.text()}`);
  });
  await other.goto(url);
  await waitForReady(other);
  await expect(other.getByTestId('compare-page')).toHaveAttribute('data-mode', 'shared');
  await expect(other.getByTestId('verdict')).toHaveAttribute('data-verdict', verdict ?? '');
  expect(problems).toEqual([]);
  await context.close();
});

test('"Copy permalink" on the compare page stores the view on the launcher and shows its URL', async ({
  page,
  browser,
  baseURL,
}) => {
  await openEmptyWorkspace(page);
  // The Launch page keeps the token the user entered here; the compare page reuses it.
  await page.evaluate(
    (token) => localStorage.setItem('aoe-dashboard.launcher-token', token),
    launcherToken(),
  );
  await dropFiles(
    page,
    RUNS.slice(0, 2).map((f) => join(FIX, f)),
  );
  await page.getByRole('navigation').getByRole('link', { name: 'Compare' }).click();
  for (const f of RUNS.slice(0, 2))
    await page.getByRole('checkbox', { name: new RegExp(`: ${f} · resnet50$`) }).check();
  await page.getByRole('radio', { name: `Pin ${RUNS[0]} · resnet50 as the baseline` }).check();
  const verdict = await page.getByTestId('verdict').getAttribute('data-verdict');
  await page.getByRole('button', { name: 'Copy permalink' }).click();
  const status = page.getByRole('status').filter({ hasText: 'Stored on the launcher' });
  await expect(status).toBeVisible();
  const url = /(https?:\/\/\S+\/r\/[A-Za-z0-9_-]{24})/.exec(
    (await status.textContent()) ?? '',
  )?.[1];
  expect(url).toBeDefined();

  const context = await browser.newContext({ locale: 'en-US', baseURL });
  const other = await context.newPage();
  await other.goto(url ?? '');
  await waitForReady(other);
  await expect(other.getByTestId('compare-page')).toHaveAttribute('data-mode', 'shared');
  await expect(other.getByTestId('verdict')).toHaveAttribute('data-verdict', verdict ?? '');
  await context.close();
});

test('"Copy permalink" without a token asks for it, says when it is refused, then stores the view', async ({
  page,
  browser,
  baseURL,
  problems,
}) => {
  await openEmptyWorkspace(page);
  await dropFiles(
    page,
    RUNS.slice(0, 2).map((f) => join(FIX, f)),
  );
  await page.getByRole('navigation').getByRole('link', { name: 'Compare' }).click();
  for (const f of RUNS.slice(0, 2))
    await page.getByRole('checkbox', { name: new RegExp(`: ${f} · resnet50$`) }).check();
  await page.getByRole('button', { name: 'Copy permalink' }).click();
  // Asked for, not told that a token it never had "is not valid".
  await expect(page.getByText('Storing on the launcher needs its access token')).toBeVisible();
  await expect(page.getByText('refused')).toHaveCount(0);
  const field = page.getByLabel('Launcher token');
  const store = page.getByRole('button', { name: 'Store on the launcher' });
  await expect(store).toBeDisabled();

  await field.fill('not-the-token');
  await store.click();
  await expect(page.getByText('The launcher refused this token.')).toBeVisible();
  // The browser logs the launcher's 401 for the wrong token; that one is expected, nothing else.
  const refused = problems.list.filter((p) => /status of 401 .*\/api\/runs\)$/.test(p));
  expect(refused).toHaveLength(1);
  problems.list.splice(problems.list.indexOf(refused[0] ?? ''), 1);

  await field.fill(launcherToken());
  await field.press('Enter');
  const status = page.getByTestId('share-permalink');
  await expect(status).toContainText('Stored on the launcher');
  const url = (await status.getAttribute('data-url')) ?? '';
  expect(url).toMatch(/\/r\/[A-Za-z0-9_-]{24}$/);
  // The token is kept: the next permalink is stored without asking.
  await page.reload();
  await waitForReady(page);
  await page.getByRole('button', { name: 'Copy permalink' }).click();
  await expect(page.getByTestId('share-permalink')).toBeVisible();
  await expect(page.getByLabel('Launcher token')).toHaveCount(0);

  // Its reader, in a new browser with no token, sees the view and no permalink control.
  const context = await browser.newContext({ locale: 'en-US', baseURL });
  const other = await context.newPage();
  await other.goto(url);
  await waitForReady(other);
  await expect(other.getByTestId('compare-page')).toHaveAttribute('data-mode', 'shared');
  await expect(other.getByRole('button', { name: 'Copy permalink' })).toHaveCount(0);
  await context.close();
});
