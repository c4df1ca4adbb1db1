// The MindSpore Lite route from the Launch page, against the launcher with the stand-ins on its
// PATH (converter_lite, which runs the stand-in aoe itself, and MindSpore Lite's benchmark): pick
// the preset and its form, watch the two steps finish, read each step's log and figures, open the
// AOE result the converter left from the launcher's store; screenshots in both languages.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test, waitForReady } from './helpers/app.ts';

function launcherToken(): string {
  const dir = process.env.E2E_LAUNCHER_DIR;
  if (!dir) throw new Error('E2E_LAUNCHER_DIR is set by playwright.config.ts');
  return readFileSync(join(dir, 'data', 'token'), 'utf8').trim();
}

const SHOTS = process.env.LAUNCH_SHOTS_DIR;

async function shoot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    window.scrollTo(0, 0);
  });
  await page.screenshot({ path: join(SHOTS ?? '', `${name}.png`) });
  await page.screenshot({ path: join(SHOTS ?? '', `${name}-full.png`), fullPage: true });
}

test('mslite preset: converter_lite with AOE, then benchmark, to a finished run', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto(`/launch#token=${launcherToken()}`);
  await waitForReady(page);
  for (const id of ['converterLite', 'msliteBenchmark'])
    await expect(page.locator(`[data-check=${id}]`)).toHaveClass(/launch-check-ok/);
  const form = page.locator('form.launch-form');
  await form.getByRole('radio', { name: /^MindSpore Lite with AOE/ }).check();
  await expect(form).toContainText('converter_lite converts to .mindir for Ascend');
  // Its own fields: the converter's AOE mode and AKG; none of atc's or ais_bench's batch size.
  await expect(form.locator('[data-field=aoeMode]')).toBeVisible();
  await expect(form.locator('[data-field=soc]')).toHaveCount(0);
  await expect(form.locator('[data-field=batchSize]')).toHaveCount(0);
  await page.getByTestId('model-picker').selectOption('resnet50.onnx');
  await page.getByLabel(/^AOE tuning in the converter/).selectOption('subgraph tuning');
  await form.locator('[data-field=akg] input').check();
  await page.getByLabel(/^Loops \(benchmark --loopCount\)/).fill('5');
  // The new host-check items and the form speak the page's language.
  await page.getByTestId('language-switch').selectOption('zh-CN');
  await expect(page.locator('[data-check=converterLite]')).toContainText('找到 converter_lite');
  await expect(page.locator('[data-check=msliteBenchmark]')).toContainText(
    '找到 MindSpore Lite benchmark',
  );
  await expect(page.getByLabel('AKG 图算融合（opt_level=2）')).toBeChecked();
  await page.getByTestId('language-switch').selectOption('en');

  if (SHOTS) {
    mkdirSync(SHOTS, { recursive: true });
    for (const [w, h] of [
      [1440, 900],
      [1280, 720],
      [800, 1000],
    ] as const) {
      await page.setViewportSize({ width: w, height: h });
      await shoot(page, `mslite-form-en-${w}`);
    }
    await page.getByTestId('language-switch').selectOption('zh-CN');
    await expect(form.getByRole('radio', { name: /^MindSpore Lite \+ AOE/ })).toBeChecked();
    for (const [w, h] of [
      [1440, 900],
      [1280, 720],
      [800, 1000],
    ] as const) {
      await page.setViewportSize({ width: w, height: h });
      await shoot(page, `mslite-form-zh-${w}`);
    }
    await page.getByTestId('language-switch').selectOption('en');
    await page.setViewportSize({ width: 1280, height: 720 });
  }

  const start = page.getByRole('button', { name: 'Start job' });
  await expect(start).toBeEnabled();
  await start.click();

  const detail = page.locator('.launch-detail');
  const steps = detail.locator('li[data-step]');
  await expect(steps).toHaveCount(2);
  await expect(steps.locator('.launch-step-name')).toHaveText([
    'converter_lite conversion with AOE',
    'benchmark measurement',
  ]);
  await expect(detail).toHaveAttribute('data-job-state', 'succeeded', { timeout: 60_000 });
  await expect(steps.nth(0)).toContainText('Built resnet50.mindir');
  await expect(steps.nth(1).getByTestId('step-figures')).toContainText('Mean 1.500 ms');

  const log = page.getByRole('log');
  await steps.nth(0).getByRole('button', { name: 'Log of this step' }).click();
  await expect(log).toContainText('CONVERT RESULT SUCCESS:0');
  await expect(log).toContainText('[Aoe]');
  await steps.nth(1).getByRole('button', { name: 'Log of this step' }).click();
  await expect(log).toContainText('AvgRunTime = 1.500000 ms');
  await expect(log).not.toContainText('CONVERT RESULT');

  if (SHOTS) {
    await shoot(page, 'mslite-done-en-1280');
    await page.getByTestId('language-switch').selectOption('zh-CN');
    await expect(steps.first().locator('.launch-step-name')).toHaveText(
      'converter_lite 模型转换（AOE 调优）',
    );
    await shoot(page, 'mslite-done-zh-1280');
    await page.getByTestId('language-switch').selectOption('en');
  }

  // The AOE result converter_lite left opens from the launcher's stored run.
  const open = detail.getByRole('link', { name: /aoe_result_[a-z]+_\d+_pid\d+\.json/ }).first();
  await open.click();
  await expect(page).toHaveURL(/\/run\/[^/]+\/0.*#r=/);
  await waitForReady(page);
  await expect(page.locator('#content')).toContainText('resnet50');
});
