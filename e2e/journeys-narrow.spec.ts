// What the journeys' screenshots showed at 800 px and in Chinese: the compare run picker cut off
// its Tuned and Operators columns at the card's edge; a profile's kernel table scrolled sideways
// with nothing saying more columns were there; the run's Status card showed AOE's English
// "tuning successful" under 成功. Each walked as a user would see it.
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { dropFiles, expect, fileCard, openApp, openEmptyWorkspace, test } from './helpers/app.ts';

const ROOT = join(import.meta.dirname, '..');
const OWN_RUN = join(ROOT, 'e2e/fixtures/compare/aoe_result_opat_20250301100000123_pid1001.json');
const KERNELS = join(
  ROOT,
  'src/core/formats/kernel-details/fixtures/torch_npu-level1-2025.06/kernel_details.csv',
);
const DEMO_RUN = 'resnet50/aoe_result_opat_20261102093015123_pid41873.json';

/** Whether a box lies inside another horizontally (1 px of rounding allowed). */
async function insideX(page: Page, inner: string, outer: string): Promise<boolean> {
  return page.evaluate(
    ([i, o]) => {
      const a = document.querySelector(i)!.getBoundingClientRect();
      const b = document.querySelector(o)!.getBoundingClientRect();
      return a.left >= b.left - 1 && a.right <= b.right + 1;
    },
    [inner, outer] as const,
  );
}

test.describe('at 800 px', () => {
  test.use({ locale: 'en-US', viewport: { width: 800, height: 900 } });

  test('the compare run picker shows every column of the demo runs and the user’s own', async ({
    page,
  }) => {
    await openApp(page, '/');
    await dropFiles(page, [OWN_RUN]);
    await page.getByRole('navigation').getByRole('link', { name: 'Compare' }).click();
    const picker = page.getByTestId('run-picker');
    await expect(picker.locator('tbody tr')).toHaveCount(5);
    const frame = picker.locator('xpath=..');
    const { sw, cw } = await frame.evaluate((el) => ({ sw: el.scrollWidth, cw: el.clientWidth }));
    expect(sw).toBeLessThanOrEqual(cw);
    for (const name of ['Tuned', 'Operators'])
      await expect(picker.getByRole('columnheader', { name })).toBeInViewport({ ratio: 1 });
    expect(await insideX(page, '[data-testid=run-picker] thead th:last-child', '.run-picker')).toBe(
      true,
    );
    // The figures of the demo run with the longest name are on screen too.
    const row = picker.locator('tbody tr').filter({ hasText: DEMO_RUN });
    await expect(row.locator('td').last()).toHaveText('31');
    await expect(row.locator('td').last()).toBeInViewport({ ratio: 1 });
  });

  test('the top gainers and worst regressions stack, so each gainer keeps its change on its line', async ({
    page,
  }) => {
    await openApp(page, '/');
    await fileCard(page, DEMO_RUN).getByRole('link').first().click();
    const gainers = (await page.getByTestId('top-gainers').boundingBox())!;
    const regressions = (await page.getByTestId('worst-regressions').boundingBox())!;
    expect(regressions.y).toBeGreaterThanOrEqual(gainers.y + gainers.height);
    // The first gainer: its name and its change on one line (about one line's height).
    const first = page.getByTestId('top-gainers').locator('li').first();
    await expect(first).toContainText('▼ 46.49 µs faster');
    expect((await first.boundingBox())!.height).toBeLessThan(40);
  });

  test('a kernel table wider than the screen says how many columns are to the right, and scrolls to them', async ({
    page,
  }) => {
    await openEmptyWorkspace(page);
    await dropFiles(page, [KERNELS]);
    await fileCard(page, 'kernel_details.csv').getByRole('link', { name: 'Open profile' }).click();
    const table = page.getByTestId('profile-operators');
    const cue = table.getByTestId('dt-scroll-cue');
    const right = cue.getByRole('button', { name: /more columns? to the right/ });
    await expect(right).toBeVisible();
    const scroll = table.locator('.dt-scroll');
    const hiddenRight = await scroll.evaluate((el) => {
      const box = el.getBoundingClientRect();
      return [...el.querySelectorAll('thead tr:first-child > th')].filter(
        (th) => th.getBoundingClientRect().right > box.left + el.clientLeft + el.clientWidth + 1,
      ).length;
    });
    expect(hiddenRight).toBeGreaterThan(0);
    await expect(right).toHaveText(`${hiddenRight} more columns to the right →`);
    await right.click();
    await expect.poll(() => scroll.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
    await expect(cue.getByRole('button', { name: /to the left/ })).toBeVisible();
    // At the far right nothing is left to the right, and the cue says only what is to the left.
    await scroll.evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
    await expect(cue.getByRole('button', { name: /to the right/ })).toHaveCount(0);
    await expect(cue.getByRole('button', { name: /to the left/ })).toBeVisible();
  });
});

test('a table that fits its frame has no cue', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openEmptyWorkspace(page);
  await dropFiles(page, [KERNELS]);
  await fileCard(page, 'kernel_details.csv').getByRole('link', { name: 'Open profile' }).click();
  await expect(page.getByTestId('profile-by-name').locator('tbody tr')).toHaveCount(6);
  await expect(page.getByTestId('profile-by-name').getByTestId('dt-scroll-cue')).toHaveCount(0);
});

test.describe('in Chinese', () => {
  test.use({ locale: 'zh-CN' });

  test('the Status card says 成功 without AOE’s English words, which stay on hover', async ({
    page,
  }) => {
    await page.addInitScript(() => localStorage.setItem('aoe-dashboard.language', 'zh-CN'));
    await openApp(page, '/');
    await fileCard(page, DEMO_RUN).getByRole('link').first().click();
    const status = page.getByTestId('fig-status');
    await expect(status).toContainText('成功');
    await expect(status).not.toContainText('tuning successful');
    await expect(status.getByText('成功', { exact: true })).toHaveAttribute(
      'title',
      'AOE 原文：“tuning successful”',
    );
  });
});

test('the demo resnet50 run is not set against the yolov5s profile, though its Conv_ names match', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openApp(page, '/');
  await fileCard(page, DEMO_RUN).getByRole('link').first().click();
  const panel = page.getByTestId('run-claims');
  await expect(panel).toBeVisible();
  // One resnet50 profile only: the page asks for a second one instead of taking another model's.
  await expect(panel.getByTestId('run-claims-unclear')).toContainText(
    'Link two profiles of this model — one before tuning, one after',
  );
  await expect(page.getByTestId('run-claims-pafter').locator('option:checked')).not.toHaveText(
    /yolov5s/,
  );
  await expect(page.getByTestId('run-claims-operators')).toHaveCount(0);
});
