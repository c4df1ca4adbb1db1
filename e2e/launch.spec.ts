// The Launch page against the launcher that serves the dashboard (playwright.config.ts starts
// `aoe-dashboard serve` with the stand-in aoe): check the host, start a job, watch its live log
// and progress, then open the resulting run in the run view. A second launcher started on a host
// without aoe shows why Start is unavailable instead of queueing a job that fails at once.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test, waitForReady } from './helpers/app.ts';
import { serveOwnLauncher } from './helpers/launch.ts';
import { launcherToken } from './helpers/new-browser.ts';

/** The plain AOE job (not a pipeline preset), and its model field. */
function aoeForm(page: Page) {
  return {
    async fill(model: string) {
      await page.getByRole('radio', { name: /^AOE tuning|^AOE 调优/ }).check();
      await page.getByLabel(/^Model \(|^模型（/).fill(model);
    },
  };
}

test('start a job, follow its live log, open its run', async ({ page }) => {
  await page.goto(`/launch#token=${launcherToken()}`);
  await waitForReady(page);
  // The token moves from the address bar into storage.
  await expect(page).toHaveURL(/\/launch$/);
  const main = page.locator('[data-page=launch]');
  await expect(main).toHaveAttribute('data-launcher', 'present');
  await expect(page.locator('[data-check=aoe]')).toContainText('fake-aoe/aoe');
  await expect(page.locator('[data-check=help]')).toContainText(/\d+/);

  await aoeForm(page).fill('slow-resnet50.onnx');
  await page.getByRole('button', { name: /Start job|启动任务/ }).click();

  const detail = page.locator('.launch-detail');
  const log = page.getByRole('log');
  await expect(log).toContainText('[Aoe] start opat tuning of slow-resnet50');
  await expect(log).toContainText('operator Conv_3 tuned (4/4)');
  await expect(detail).toHaveAttribute('data-job-state', 'succeeded', { timeout: 20_000 });
  await expect(log).toContainText('process finished. Performance improved by');
  await expect(page.getByTestId('launch-progress')).toContainText('4');
  await expect(page.locator('tr[data-job] [data-state-name]').first()).toHaveAttribute(
    'data-state-name',
    'succeeded',
  );

  // The run opens from the launcher's stored, normalized report (`/r/<id>`), not its raw file.
  const open = detail.getByRole('link', { name: /aoe_result_opat_\d+_pid\d+\.json/ });
  await open.click();
  await expect(page).toHaveURL(/\/run\/[^/]+\/0#r=/);
  await waitForReady(page);
  // The stand-in reports a 20.48 ms baseline and 0.02 ms saved per operator: 4 → 20.40 ms.
  const content = page.locator('#content');
  await expect(content).toContainText('slow-resnet50');
  await expect(content).toContainText('20.480 ms');
  await expect(content).toContainText('20.400 ms');
});

test('the job list and the log survive a reload (replay from the launcher)', async ({ page }) => {
  await page.goto(`/launch#token=${launcherToken()}`);
  await waitForReady(page);
  await aoeForm(page).fill('resnet50.onnx');
  await page.getByRole('button', { name: /Start job|启动任务/ }).click();
  await expect(page.locator('.launch-detail')).toHaveAttribute('data-job-state', 'succeeded');
  await expect(page).toHaveURL(/[?&]job=/);
  await page.reload();
  await waitForReady(page);
  await expect(page.getByRole('log')).toContainText('operator Conv_3 tuned (4/4)');
  await expect(page.locator('.launch-detail')).toHaveAttribute('data-job-state', 'succeeded');
});

test('a failing job shows its code and aoe’s last lines; a hanging one is canceled', async ({
  page,
}) => {
  await page.goto(`/launch#token=${launcherToken()}`);
  await waitForReady(page);
  const detail = page.locator('.launch-detail');
  await aoeForm(page).fill('fail-resnet50.onnx');
  await page.getByRole('button', { name: /Start job|启动任务/ }).click();
  await expect(detail).toHaveAttribute('data-job-state', 'failed');
  await expect(detail).toContainText(/aoe failed|aoe 运行失败/);
  await expect(page.getByTestId('launch-failure')).toContainText('exit code 1');
  await expect(page.getByTestId('launch-failure')).toContainText('EXECUTE_FAILED');

  await aoeForm(page).fill('hang-resnet50.onnx');
  await page.getByRole('button', { name: /Start job|启动任务/ }).click();
  await expect(detail).toHaveAttribute('data-job-state', 'running');
  await expect(page.getByRole('log')).toContainText('compiling graph');
  await detail.getByRole('button', { name: /Cancel|取消/ }).click();
  await expect(detail).toHaveAttribute('data-job-state', 'canceled');
});

test('on a host without aoe, Start is unavailable and says why, and the models root is named', async ({
  browser,
}) => {
  // A launcher of its own, with no aoe where it is told to look and none on its PATH.
  const dir = mkdtempSync(join(tmpdir(), 'aoe-dashboard-no-aoe-'));
  const models = join(process.cwd(), 'e2e', 'fixtures', 'fake-aoe', 'models');
  let child: ChildProcess | undefined;
  try {
    const own = await serveOwnLauncher(
      join(dir, 'data'),
      ['--aoe-bin', join(dir, 'missing', 'aoe'), '--models-root', models],
      { ...process.env, PATH: '/usr/bin:/bin' },
    );
    child = own.child;
    const url = own.url;
    const token = readFileSync(join(dir, 'data', 'token'), 'utf8').trim();
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(`${url}/launch#token=${token}`);
    await waitForReady(page);
    await expect(page.locator('[data-check=aoe]')).toContainText('aoe was not found');
    await expect(page.getByTestId('models-root')).toContainText(`Models root: ${models}`);

    await aoeForm(page).fill('resnet50.onnx');
    const start = page.getByRole('button', { name: 'Start job' });
    await expect(start).toBeDisabled();
    const reason = page.getByTestId('start-blocked');
    await expect(reason).toContainText('Start is unavailable: aoe was not found');
    await expect(start).toHaveAccessibleDescription(/Start is unavailable: aoe was not found/);
    // Enter in the form queues nothing either.
    await page.getByLabel(/^Model \(/).press('Enter');
    await expect(page.locator('.launch-detail')).toHaveCount(0);
    await expect(page.getByText('queued', { exact: false })).toHaveCount(0);

    // The same in Chinese.
    const zh = await browser.newContext({ locale: 'zh-CN' });
    const zhPage = await zh.newPage();
    await zhPage.goto(`${url}/launch#token=${token}`);
    await waitForReady(zhPage);
    await expect(zhPage.getByTestId('start-blocked')).toContainText('无法启动');
    await expect(zhPage.getByRole('button', { name: '启动任务' })).toBeDisabled();
    await zh.close();
    await context.close();
  } finally {
    child?.kill();
    rmSync(dir, { recursive: true, force: true });
  }
});
