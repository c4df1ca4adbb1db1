// The optimisation loop from the Launch page, against the launcher with the stand-in tools
// (playwright.config.ts puts atc, python3 -m ais_bench, msprof and npu-smi stand-ins on its PATH):
// pick the "full" preset and a model from the models root, watch the steps go by live with each
// step's own log, open the finished run from the launcher's store; a failing step names itself and
// its reason and can be resumed; screenshots of the page at three sizes in both languages.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test, waitForReady } from './helpers/app.ts';

function launcherToken(): string {
  const dir = process.env.E2E_LAUNCHER_DIR;
  if (!dir) throw new Error('E2E_LAUNCHER_DIR is set by playwright.config.ts');
  return readFileSync(join(dir, 'data', 'token'), 'utf8').trim();
}

/** Where screenshots go when asked for (kept out of the repository). */
const SHOTS = process.env.LAUNCH_SHOTS_DIR;

/** The top of the page as the user first sees it, and the whole page. */
async function shoot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    window.scrollTo(0, 0);
  });
  await page.screenshot({ path: join(SHOTS ?? '', `${name}.png`) });
  await page.screenshot({ path: join(SHOTS ?? '', `${name}-full.png`), fullPage: true });
}

test('full preset: live steps with their logs, then the finished run opens from the store', async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  await page.goto(`/launch#token=${launcherToken()}`);
  await waitForReady(page);
  // The host check names the pipeline tools the stand-ins provide.
  for (const id of ['atc', 'msprof', 'python3', 'aisBench'])
    await expect(page.locator(`[data-check=${id}]`)).toHaveClass(/launch-check-ok/);
  const form = page.locator('form.launch-form');
  await expect(form.getByRole('radio', { name: /^Full loop/ })).toBeChecked();
  await expect(form).toContainText('atc → ais_bench → AOE subgraph → AOE operator');
  // The models root is named, and its models are offered.
  await expect(page.getByTestId('models-root')).toContainText('fake-aoe/models');
  await page.getByTestId('model-picker').selectOption('slow-resnet50.onnx');
  await expect(page.getByLabel(/^Model \(/)).toHaveValue('slow-resnet50.onnx');
  await page.getByLabel(/^Loops/).fill('5');
  const start = page.getByRole('button', { name: 'Start job' });
  await expect(start).toBeEnabled();
  await start.click();

  const detail = page.locator('.launch-detail');
  const steps = detail.locator('li[data-step]');
  await expect(steps).toHaveCount(7);
  await expect(steps.locator('.launch-step-name')).toHaveText([
    'atc conversion',
    'ais_bench measurement',
    'AOE subgraph tuning',
    'AOE operator tuning',
    'atc with the knowledge base',
    'ais_bench measurement',
    'msprof profiling',
  ]);
  // Live: the slow tuning runs while the rebuild still waits.
  await expect(steps.nth(3)).toHaveAttribute('data-step-state', 'running', { timeout: 30_000 });
  await expect(steps.nth(4)).toHaveAttribute('data-step-state', 'queued');
  await expect(steps.nth(0)).toHaveAttribute('data-step-state', 'succeeded');
  await expect(steps.nth(3)).toContainText(/running for \d/);

  await expect(detail).toHaveAttribute('data-job-state', 'succeeded', { timeout: 60_000 });
  for (let i = 0; i < 7; i++)
    await expect(steps.nth(i)).toHaveAttribute('data-step-state', 'succeeded');
  await expect(steps.nth(0)).toContainText(/took \d/);
  await expect(steps.nth(0)).toContainText('Built slow-resnet50.om');
  await expect(steps.nth(5).getByTestId('step-figures')).toContainText(/Mean \d+\.\d{3} ms/);
  await expect(steps.nth(6)).toContainText('Files:');

  // Each step's own log: atc's lines, not aoe's.
  const log = page.getByRole('log');
  await steps.nth(0).getByRole('button', { name: 'Log of this step' }).click();
  await expect(log).toContainText('ATC run success');
  await expect(log).not.toContainText('[Aoe]');
  await detail.getByRole('button', { name: 'Whole log' }).click();
  await expect(log).toContainText('ATC run success');

  if (SHOTS) {
    mkdirSync(SHOTS, { recursive: true });
    for (const [w, h] of [
      [1440, 900],
      [1280, 720],
      [800, 1000],
    ] as const) {
      await page.setViewportSize({ width: w, height: h });
      await shoot(page, `launch-en-${w}`);
    }
    await page.getByTestId('language-switch').selectOption('zh-CN');
    await expect(steps.first().locator('.launch-step-name')).toHaveText('atc 模型转换');
    for (const [w, h] of [
      [1440, 900],
      [1280, 720],
      [800, 1000],
    ] as const) {
      await page.setViewportSize({ width: w, height: h });
      await shoot(page, `launch-zh-${w}`);
    }
    await page.getByTestId('language-switch').selectOption('en');
    await page.setViewportSize({ width: 1280, height: 720 });
  }

  // The tuning result opens from the launcher's stored run, with its manifest.
  const open = detail.getByRole('link', { name: /aoe_result_opat_\d+_pid\d+\.json/ }).first();
  const href = await open.getAttribute('href');
  expect(href).toMatch(/^\/r\/[A-Za-z0-9_-]{22,64}$/);
  await open.click();
  await expect(page).toHaveURL(/\/run\/[^/]+\/0.*#r=/);
  await waitForReady(page);
  await expect(page.locator('#content')).toContainText('slow-resnet50');
  // How it was made: the manifest of the aoe step that wrote it (what a share bundle carries:
  // host, device, model, hashes, times; the command and environment stay on the launcher).
  const manifest = page.getByTestId('run-manifest');
  await manifest.locator('summary').click();
  await expect(manifest).toContainText(/Model\s*\/.*fake-aoe\/models\/slow-resnet50\.onnx/);
  await expect(manifest).toContainText(/Tuned \.om SHA-256\s*[0-9a-f]{64}/);
  await expect(manifest).toContainText(/Device\s*0/);
  if (SHOTS) {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.screenshot({ path: join(SHOTS, 'run-manifest-en-1280.png'), fullPage: true });
  }

  // Opened by someone else (a new browser, no token): read-only, a link to copy, no permalink.
  const context = await browser.newContext({ locale: 'en-US', baseURL });
  const other = await context.newPage();
  await other.goto(href ?? '');
  await waitForReady(other);
  await expect(other.locator('#content')).toContainText('slow-resnet50');
  await expect(other.getByRole('button', { name: 'Copy link' })).toBeVisible();
  await expect(other.getByRole('button', { name: 'Copy permalink' })).toHaveCount(0);
  await context.close();
});

test('a failing step names itself and why; the job resumes from it, reusing the steps before', async ({
  page,
}) => {
  test.setTimeout(90_000);
  // A narrow window: the job's steps show below the form.
  await page.setViewportSize({ width: 800, height: 900 });
  await page.goto(`/launch#token=${launcherToken()}`);
  await waitForReady(page);
  await page.getByRole('radio', { name: /^Convert and measure/ }).check();
  // Fields the preset does not read are not asked for.
  await expect(page.getByLabel(/^Other aoe options/)).toHaveCount(0);
  await page.getByLabel(/^Model \(/).fill('busy-resnet50.onnx');
  await page.getByLabel(/^Loops/).fill('0');
  await page.getByRole('button', { name: 'Start job' }).click();
  // Checked here with the launcher's own schema: nothing was sent.
  await expect(page.locator('[data-field=loop] [role=alert]')).toHaveText(
    'A whole number from 1 to 100000.',
  );
  await page.getByLabel(/^Loops/).fill('3');
  await page.getByRole('button', { name: 'Start job' }).click();

  const detail = page.locator('.launch-detail');
  // Started from the bottom of the form, the job comes into view by itself.
  await expect(detail.getByRole('heading', { level: 2 })).toBeInViewport();
  await expect(detail).toHaveAttribute('data-job-state', 'failed');
  const firstJob = new URL(page.url()).searchParams.get('job') ?? '';
  await expect(page.getByTestId('failed-step')).toHaveText(
    'Failed at step 2 (ais_bench measurement): another process holds the device',
  );
  const steps = detail.locator('li[data-step]');
  await expect(steps.nth(0)).toHaveAttribute('data-step-state', 'succeeded');
  await expect(steps.nth(1)).toHaveAttribute('data-step-state', 'failed');
  await expect(steps.nth(1).getByTestId('step-error')).toContainText('another process holds');

  await detail.getByRole('button', { name: 'Resume from step 2' }).click();
  await expect(page).not.toHaveURL(new RegExp(`job=${firstJob}`));
  await expect(page.getByTestId('resumed-from')).toHaveText(
    `Continues job ${firstJob.slice(0, 8)} from step 2; the steps before it were reused.`,
  );
  await expect(steps.nth(0)).toContainText(`reused from job ${firstJob.slice(0, 8)}`);
  // The device is still held: the resumed job fails at the same step, and says so.
  await expect(detail).toHaveAttribute('data-job-state', 'failed');
  await expect(steps.nth(1)).toHaveAttribute('data-step-state', 'failed');

  // After a reload the job, its steps and their states come back from the launcher.
  await page.reload();
  await waitForReady(page);
  await expect(page.getByTestId('resumed-from')).toBeVisible();
  await expect(detail.locator('li[data-step]')).toHaveCount(2);
});
