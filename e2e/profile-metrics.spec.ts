// Finding 8: the AI Core cube / vector utilisation columns a kernel table has are offered on the
// profile page — the main ones shown, the rest under Columns — as percentages, with N/A as "—".
import { fileURLToPath } from 'node:url';
import {
  dropFiles,
  expect,
  fileCard,
  openEmptyWorkspace,
  reloadWhenSaved,
  test,
} from './helpers/app.ts';

const FIXTURE = fileURLToPath(
  new URL(
    '../src/core/formats/kernel-details/fixtures/torch_npu-level1-2025.06/kernel_details.csv',
    import.meta.url,
  ),
);
const LEVEL0 = fileURLToPath(
  new URL(
    '../src/core/formats/kernel-details/fixtures/torch_npu-level0/kernel_details.csv',
    import.meta.url,
  ),
);

test.use({ locale: 'en-US' });

test('a PipeUtilization kernel table offers its utilisation columns, and keeps them after a reload', async ({
  page,
}) => {
  await openEmptyWorkspace(page);
  await dropFiles(page, [FIXTURE]);
  await fileCard(page, 'kernel_details.csv').getByRole('link', { name: 'Open profile' }).click();
  const table = page.getByTestId('profile-operators');
  await expect(page.getByTestId('profile-metrics-note')).toContainText(
    'aic_mac_ratio, aiv_vec_ratio, cube_utilization(%)',
  );
  await expect(table.getByRole('columnheader', { name: /aic_mac_ratio/ })).toBeVisible();
  await expect(table.getByRole('columnheader', { name: /aiv_vec_ratio/ })).toBeVisible();
  await expect(table.getByRole('columnheader', { name: /cube_utilization\(%\)/ })).toBeVisible();

  // Rows are sorted by duration: FlashAttention (2254.595 µs) first, then the HCCL row of N/A.
  const rows = table.locator('tbody tr');
  const cells = async (n: number) => (await rows.nth(n).locator('td').allInnerTexts()).slice(7);
  expect(await cells(0)).toEqual(['66.70%', '55.60%', '41.20%']);
  expect(await cells(1)).toEqual(['—', '—', '—']);

  // Sorting by a utilisation column puts the busiest vector unit first.
  await table
    .getByRole('columnheader', { name: /aiv_vec_ratio/ })
    .getByRole('button')
    .click();
  await expect(rows.first().locator('td').nth(8)).toHaveText('55.60%');
  await table.locator('summary', { hasText: 'Columns' }).click();
  await table.getByRole('checkbox', { name: 'cube_utilization(%)' }).uncheck();
  await expect(table.getByRole('columnheader', { name: /cube_utilization/ })).toHaveCount(0);
  await reloadWhenSaved(page);
  await expect(table.getByRole('columnheader', { name: /aic_mac_ratio/ })).toBeVisible();
  await expect(table.getByRole('columnheader', { name: /cube_utilization/ })).toHaveCount(0);
});

test('a table without utilisation columns says nothing about them', async ({ page }) => {
  await openEmptyWorkspace(page);
  await dropFiles(page, [LEVEL0]);
  await fileCard(page, 'kernel_details.csv').getByRole('link', { name: 'Open profile' }).click();
  await expect(page.getByTestId('profile-operators')).toBeVisible();
  await expect(page.getByTestId('profile-metrics-note')).toHaveCount(0);
});
