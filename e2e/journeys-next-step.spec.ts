// One step past the journeys' walks, as a user takes it: leaving the compare page to add another
// run and coming back through the header's Compare link keeps the comparison (runs ticked, the
// pinned baseline, the tab); a comparison cleared on the page stays cleared. A run's address
// opened in another browser says it is not there with a button-sized way back.
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { dropFiles, expect, fileCard, openEmptyWorkspace, test } from './helpers/app.ts';

const FIX = join(import.meta.dirname, 'fixtures/compare');
const RUN1 = 'aoe_result_opat_20250301100000123_pid1001.json';
const RUN2 = 'aoe_result_opat_20250302100000123_pid1002.json';
const RUN3 = 'aoe_result_opat_20250303100000123_pid1003.json';

test.use({ locale: 'en-US' });

const checkbox = (page: Page, file: string) =>
  page.getByRole('checkbox', { name: `Compare: ${file} · resnet50` });
const baselineRadio = (page: Page, file: string) =>
  page.getByRole('radio', { name: `Pin ${file} · resnet50 as the baseline` });
const nav = (page: Page, name: string) =>
  page.getByRole('navigation').getByRole('link', { name, exact: true });

test('adding a run from the workspace and coming back to Compare keeps the comparison', async ({
  page,
}) => {
  await openEmptyWorkspace(page);
  await dropFiles(
    page,
    [RUN1, RUN2].map((f) => join(FIX, f)),
  );
  await nav(page, 'Compare').click();
  await checkbox(page, RUN1).check();
  await checkbox(page, RUN2).check();
  await baselineRadio(page, RUN2).check();
  await page.getByRole('tab', { name: 'Operators' }).click();

  await nav(page, 'Workspace').click();
  await dropFiles(page, [join(FIX, RUN3)]);
  await nav(page, 'Compare').click();
  await expect(checkbox(page, RUN1)).toBeChecked();
  await expect(checkbox(page, RUN2)).toBeChecked();
  await expect(checkbox(page, RUN3)).not.toBeChecked();
  await expect(baselineRadio(page, RUN2)).toBeChecked();
  await expect(page.getByRole('tab', { name: 'Operators' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  // The new run joins with a tick; the baseline stays where the user pinned it.
  await checkbox(page, RUN3).check();
  await expect(baselineRadio(page, RUN2)).toBeChecked();
  await expect(page).toHaveURL(/[?&]runs=/);

  // A reload keeps it too (the address has it).
  await page.reload();
  await expect(checkbox(page, RUN3)).toBeChecked();
  await expect(baselineRadio(page, RUN2)).toBeChecked();

  // Cleared on the page, it stays cleared when the user comes back.
  for (const f of [RUN1, RUN2, RUN3]) await checkbox(page, f).uncheck();
  await nav(page, 'Workspace').click();
  await nav(page, 'Compare').click();
  for (const f of [RUN1, RUN2, RUN3]) await expect(checkbox(page, f)).not.toBeChecked();
});

test('a removed run is left out of the comparison the Compare link brings back', async ({
  page,
}) => {
  await openEmptyWorkspace(page);
  await dropFiles(
    page,
    [RUN1, RUN2, RUN3].map((f) => join(FIX, f)),
  );
  await nav(page, 'Compare').click();
  for (const f of [RUN1, RUN2, RUN3]) await checkbox(page, f).check();
  await baselineRadio(page, RUN3).check();
  await nav(page, 'Workspace').click();
  await fileCard(page, RUN3)
    .getByRole('button', { name: `Remove ${RUN3}` })
    .click();
  await expect(fileCard(page, RUN3)).toHaveCount(0);
  await nav(page, 'Compare').click();
  await expect(checkbox(page, RUN1)).toBeChecked();
  await expect(checkbox(page, RUN2)).toBeChecked();
  await expect(page.getByTestId('run-picker').locator('tbody tr')).toHaveCount(2);
  await expect(baselineRadio(page, RUN1)).toBeChecked();
  await expect(page.getByText('not in this workspace')).toHaveCount(0);
});

test('a run’s address opened in another browser offers a button-sized way back', async ({
  page,
  browser,
}) => {
  await openEmptyWorkspace(page);
  await dropFiles(page, [join(FIX, RUN1)]);
  await fileCard(page, RUN1).getByRole('link').first().click();
  await expect(page.getByTestId('run-page')).toBeVisible();
  const other = await browser.newContext({
    locale: 'en-US',
    viewport: { width: 1280, height: 720 },
  });
  const reader = await other.newPage();
  await reader.goto(page.url());
  await expect(reader.getByRole('alert')).toContainText('This run is not in the workspace.');
  const back = reader.getByRole('link', { name: 'Back to workspace' });
  const box = (await back.boundingBox())!;
  expect(box.width).toBeLessThan(400);
  await back.click();
  await expect(reader).toHaveURL(/\/$/);
  await other.close();
});
