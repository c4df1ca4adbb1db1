// What a reviewer does with a shared link, and what the sender does to make one: the link is the
// view. A compare link or permalink opened in a new browser survives every tab, a reload and
// being forwarded from the address bar; a run page can be shared on its own; and the compare
// page's baseline and run names stay put while runs are ticked.
//
// Fixtures (e2e/fixtures/compare, one model): run 1 tuned 100 ms, run 2 94 ms, run 3 97 ms, run 4
// (an older CANN 6.2 file) 94 ms.
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { dropFiles, expect, fileCard, openEmptyWorkspace, test } from './helpers/app.ts';
import { launcherToken, newBrowser } from './helpers/new-browser.ts';

const FIX = join(import.meta.dirname, 'fixtures/compare');
const RUN1 = 'aoe_result_opat_20250301100000123_pid1001.json';
const RUN2 = 'aoe_result_opat_20250302100000123_pid1002.json';
const RUN3 = 'aoe_result_opat_20250303100000123_pid1003.json';
const RUN4 = 'aoe_result_opat_20240115093000456_pid2002.json';
const TABS = ['Model', 'Operators', 'Knowledge base', 'Gate'] as const;

test.use({ locale: 'en-US' });

const checkbox = (page: Page, file: string) =>
  page.getByRole('checkbox', { name: `Compare: ${file} · resnet50` });
const baselineRadio = (page: Page, file: string) =>
  page.getByRole('radio', { name: `Pin ${file} · resnet50 as the baseline` });
const runTag = (page: Page, file: string) =>
  page.getByTestId('run-picker').locator('tr').filter({ hasText: file }).locator('.run-tag');
const runVerdict = (page: Page, file: string) =>
  page.getByTestId('verdict').locator('.verdict-run').filter({ hasText: file });

async function compareThree(page: Page): Promise<void> {
  await openEmptyWorkspace(page);
  await dropFiles(
    page,
    [RUN1, RUN2, RUN3].map((f) => join(FIX, f)),
  );
  await page.getByRole('navigation').getByRole('link', { name: 'Compare' }).click();
  for (const f of [RUN1, RUN2, RUN3]) await checkbox(page, f).check();
  await baselineRadio(page, RUN1).check();
}

/** The shared comparison of `compareThree`, as a reviewer sees it whatever they click. */
async function expectSharedComparison(page: Page, tab: (typeof TABS)[number]): Promise<void> {
  await expect(page.getByTestId('compare-page')).toHaveAttribute('data-mode', 'shared');
  await expect(page.getByText('not in this workspace')).toHaveCount(0);
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'reject');
  await expect(runVerdict(page, RUN2)).toHaveAttribute('data-verdict', 'accept');
  await expect(baselineRadio(page, RUN1)).toBeChecked();
  await expect(page.getByRole('tab', { name: tab })).toHaveAttribute('aria-selected', 'true');
}

test('a compare link survives every tab, a reload and being forwarded from the address bar', async ({
  page,
  browser,
  baseURL,
}) => {
  await compareThree(page);
  await page.getByRole('button', { name: 'Copy link' }).click();
  const link = await page.getByTestId('share-link').inputValue();

  const reviewer = await newBrowser(browser, baseURL);
  await reviewer.page.goto(link);
  await expect(reviewer.page.getByTestId('compare-page')).toHaveAttribute('data-mode', 'shared');
  // The fragment stays in the address bar: what the reviewer sees, they can forward.
  await expect(reviewer.page).toHaveURL(/#b=/);
  await expectSharedComparison(reviewer.page, 'Operators');
  for (const tab of TABS) {
    await reviewer.page.getByRole('tab', { name: tab }).click();
    await expectSharedComparison(reviewer.page, tab);
    expect(reviewer.page.url()).toContain('#b=');
  }
  await reviewer.page.getByRole('tab', { name: 'Model' }).click();
  await reviewer.page.reload();
  await expectSharedComparison(reviewer.page, 'Model');
  await expect(reviewer.page.getByTestId('model-table').getByTestId('model-delta')).toHaveText([
    '—',
    '▼ 6.000 ms faster',
    '▼ 3.000 ms faster',
  ]);
  await expect(reviewer.page.getByTestId('shared-session')).toContainText('read-only');

  // Another page of the app and back: still the shared runs, not the reviewer's workspace.
  await reviewer.page.getByRole('navigation').getByRole('link', { name: 'Workspace' }).click();
  await expect(reviewer.page.getByTestId('shared-session')).toBeVisible();
  // The shared runs come back as they were shared (on the Operators tab).
  await reviewer.page.getByRole('link', { name: 'Show the shared runs' }).click();
  await expectSharedComparison(reviewer.page, 'Operators');
  await reviewer.page.getByRole('tab', { name: 'Model' }).click();

  // Forwarded: the address bar opens the same view in yet another browser.
  const forwarded = reviewer.page.url();
  const colleague = await newBrowser(browser, baseURL);
  await colleague.page.goto(forwarded);
  await expectSharedComparison(colleague.page, 'Model');
  await expect(colleague.page.getByTestId('model-table').getByTestId('model-delta')).toHaveText([
    '—',
    '▼ 6.000 ms faster',
    '▼ 3.000 ms faster',
  ]);
  await colleague.close();

  // Back to the reviewer's own workspace: the shared runs are gone from every page.
  await reviewer.page.getByRole('button', { name: 'Back to my workspace' }).click();
  await expect(reviewer.page.getByTestId('shared-session')).toHaveCount(0);
  expect(reviewer.page.url()).not.toContain('#');
  await reviewer.page.getByRole('navigation').getByRole('link', { name: 'Compare' }).click();
  await expect(reviewer.page.getByTestId('compare-page')).toHaveAttribute('data-mode', 'workspace');
  await reviewer.close();
});

test('a launcher permalink survives every tab and a reload, and its address reopens it', async ({
  page,
  browser,
  baseURL,
}) => {
  await compareThree(page);
  await page.evaluate(
    (token) => localStorage.setItem('aoe-dashboard.launcher-token', token),
    launcherToken(),
  );
  await page.getByRole('tab', { name: 'Knowledge base' }).click();
  await page.getByRole('button', { name: 'Copy permalink' }).click();
  const stored = page.getByRole('status').filter({ hasText: 'Stored on the launcher' });
  const url = /(https?:\/\/\S+\/r\/[A-Za-z0-9_-]{24})$/.exec(
    (await stored.textContent()) ?? '',
  )?.[1];
  expect(url).toBeDefined();

  const reviewer = await newBrowser(browser, baseURL);
  await reviewer.page.goto(url ?? '');
  await expectSharedComparison(reviewer.page, 'Knowledge base');
  for (const tab of TABS) {
    await reviewer.page.getByRole('tab', { name: tab }).click();
    await expectSharedComparison(reviewer.page, tab);
  }
  await reviewer.page.reload();
  await expectSharedComparison(reviewer.page, 'Gate');
  await expect(reviewer.page.getByTestId('shared-session')).toHaveAttribute(
    'data-source',
    'permalink',
  );

  const colleague = await newBrowser(browser, baseURL);
  await colleague.page.goto(reviewer.page.url());
  await expectSharedComparison(colleague.page, 'Gate');
  await colleague.close();
  await reviewer.close();
});

test('a run page can be shared: its link and permalink open that run in a new browser', async ({
  page,
  browser,
  baseURL,
}) => {
  await openEmptyWorkspace(page);
  await dropFiles(
    page,
    [RUN1, RUN2].map((f) => join(FIX, f)),
  );
  await page.evaluate(
    (token) => localStorage.setItem('aoe-dashboard.launcher-token', token),
    launcherToken(),
  );
  await fileCard(page, RUN2).getByRole('link', { name: 'resnet50' }).click();
  await page.getByRole('tab', { name: 'Operators' }).click();
  const rows = await page.getByTestId('operators-table').locator('tbody tr').allInnerTexts();
  expect(rows.length).toBeGreaterThan(0);

  await page.getByRole('button', { name: 'Copy link' }).click();
  const link = await page.getByTestId('share-link').inputValue();
  expect(link).toMatch(/\/run\/[0-9a-f]{64}\/0\?tab=operators#b=[A-Za-z0-9_-]+$/);

  const reviewer = await newBrowser(browser, baseURL);
  await reviewer.page.goto(link);
  const run = reviewer.page.getByTestId('run-page');
  await expect(run).toHaveAttribute('data-mode', 'shared');
  await expect(reviewer.page.getByTestId('shared-badge')).toHaveText('Shared · read-only');
  await expect(reviewer.page.getByRole('heading', { level: 1 })).toContainText('resnet50');
  await expect(reviewer.page.getByRole('tab', { name: 'Operators' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  expect(
    await reviewer.page.getByTestId('operators-table').locator('tbody tr').allInnerTexts(),
  ).toEqual(rows);
  await reviewer.page.getByRole('tab', { name: 'Summary' }).click();
  await expect(reviewer.page.getByTestId('fig-tuned')).toContainText('94');
  await reviewer.page.getByRole('tab', { name: 'Knowledge base' }).click();
  await expect(reviewer.page.getByTestId('fig-repo-total')).toBeVisible();
  await reviewer.page.reload();
  await expect(run).toHaveAttribute('data-mode', 'shared');
  await expect(reviewer.page.getByTestId('fig-repo-total')).toBeVisible();

  const colleague = await newBrowser(browser, baseURL);
  await colleague.page.goto(reviewer.page.url());
  await expect(colleague.page.getByTestId('run-page')).toHaveAttribute('data-mode', 'shared');
  await expect(colleague.page.getByRole('tab', { name: 'Knowledge base' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await colleague.close();

  // Added to the reviewer's workspace, the run page is their own, on the same tab.
  await reviewer.page.getByRole('button', { name: 'Add to my workspace' }).click();
  await expect(run).toHaveAttribute('data-mode', 'workspace');
  await expect(reviewer.page.getByTestId('shared-saved')).toHaveText('Added to your workspace.');
  await expect(reviewer.page.getByTestId('fig-repo-total')).toBeVisible();
  await reviewer.close();

  // The permalink carries the tab too.
  await page.getByRole('button', { name: 'Copy permalink' }).click();
  const permalink = await page.getByTestId('share-permalink').getAttribute('data-url');
  expect(permalink).toMatch(/\/r\/[A-Za-z0-9_-]{24}\?tab=operators$/);
  const other = await newBrowser(browser, baseURL);
  await other.page.goto(permalink ?? '');
  await expect(other.page.getByTestId('run-page')).toHaveAttribute('data-mode', 'shared');
  await expect(other.page.getByRole('tab', { name: 'Operators' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await expect(other.page.getByTestId('shared-session')).toHaveAttribute(
    'data-source',
    'permalink',
  );
  await other.close();
});

test('the pinned baseline and the run names stay put while runs are ticked', async ({ page }) => {
  await openEmptyWorkspace(page);
  await dropFiles(
    page,
    [RUN1, RUN2, RUN3, RUN4].map((f) => join(FIX, f)),
  );
  await page.getByRole('navigation').getByRole('link', { name: 'Compare' }).click();

  await checkbox(page, RUN2).check();
  await expect(baselineRadio(page, RUN2)).toBeChecked();
  await baselineRadio(page, RUN2).click();
  await checkbox(page, RUN3).check();
  await checkbox(page, RUN4).check();
  await expect(baselineRadio(page, RUN2)).toBeChecked();
  const verdicts = {
    all: await page.getByTestId('verdict').getAttribute('data-verdict'),
    run3: await runVerdict(page, RUN3).getAttribute('data-verdict'),
    run4: await runVerdict(page, RUN4).getAttribute('data-verdict'),
  };
  // Run 4 is written by another AOE layout (CANN 6.2) than run 2: the banner flags it, so it is
  // "not comparable" rather than judged (it would improve nothing: 94 ms against 94 ms).
  expect(verdicts.run4).toBe('incomparable');
  const names = [
    await runTag(page, RUN2).textContent(),
    await runTag(page, RUN3).textContent(),
    await runTag(page, RUN4).textContent(),
  ];

  await checkbox(page, RUN1).check();
  await expect(baselineRadio(page, RUN2)).toBeChecked();
  await expect(baselineRadio(page, RUN1)).not.toBeChecked();
  await expect(runVerdict(page, RUN3)).toHaveAttribute('data-verdict', verdicts.run3 ?? '');
  await expect(runVerdict(page, RUN4)).toHaveAttribute('data-verdict', verdicts.run4 ?? '');
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', verdicts.all ?? '');
  await expect(runTag(page, RUN2)).toHaveText(names[0] ?? '');
  await expect(runTag(page, RUN3)).toHaveText(names[1] ?? '');
  await expect(runTag(page, RUN4)).toHaveText(names[2] ?? '');
  expect(names).toEqual(['resnet50 03-02 10:00', 'resnet50 03-03 10:00', 'resnet50 01-15 09:30']);
  await expect(runTag(page, RUN1)).toHaveText('resnet50 03-01 10:00');
  // The model table's baseline row (no delta) is run 2's.
  await page.getByRole('tab', { name: 'Model' }).click();
  await expect(
    page
      .getByTestId('model-table')
      .locator('tr')
      .filter({ hasText: RUN2 })
      .getByTestId('model-delta'),
  ).toHaveText('—');

  // Unticking another run leaves the baseline; unticking the baseline passes it on.
  await checkbox(page, RUN3).uncheck();
  await expect(baselineRadio(page, RUN2)).toBeChecked();
  await checkbox(page, RUN2).uncheck();
  await expect(baselineRadio(page, RUN1)).toBeChecked();
});
