// The optimisation loop from the Launch page, against the launcher with the stand-in tools
// (playwright.config.ts puts atc, python3 -m ais_bench, msprof and npu-smi stand-ins on its PATH):
// pick the "full" preset and a model from the models root, watch the steps go by live with each
// step's own log, then the finished loop is one Run: its verdict on the Launch page, and opened in
// the dashboard its report's Measured view with the baseline and tuned measurements (their roles
// from the steps that measured them) and the gate's verdict; the tuning result also opens alone
// from the store. A failing step names itself and its reason and can be resumed; screenshots of
// the pages at three sizes in both languages.
import { join } from 'node:path';
import { expect, test, waitForReady } from './helpers/app.ts';
import { openLaunch, SHOTS, shootSizes } from './helpers/launch.ts';

test('full preset: live steps, the finished Run with its verdict, its Measured view', async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(150_000);
  await openLaunch(page);
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
  // 100 loops: enough iterations for the gate to judge P99.
  await page.getByLabel(/^Loops/).fill('100');
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
  // The baseline measurement shows what it measured while the loop goes on.
  await expect(steps.nth(1).getByTestId('step-figures')).toHaveText(
    /^Mean 2\.500 ms · P99 2\.5\d\d ms · \d+\.\d \/s$/,
  );
  await shootSizes(page, 'launch-running-en');

  await expect(detail).toHaveAttribute('data-job-state', 'succeeded', { timeout: 60_000 });
  for (let i = 0; i < 7; i++)
    await expect(steps.nth(i)).toHaveAttribute('data-step-state', 'succeeded');
  await expect(steps.nth(0)).toContainText(/took \d/);
  await expect(steps.nth(0)).toContainText('Built slow-resnet50.om');
  // The stand-in runs the model built with the knowledge base 20 % faster.
  await expect(steps.nth(5).getByTestId('step-figures')).toHaveText(
    /^Mean 2\.000 ms · P99 2\.0\d\d ms · \d+\.\d \/s$/,
  );
  await expect(steps.nth(6)).toContainText('Files:');

  // Each step's own log: atc's lines, not aoe's.
  const log = page.getByRole('log');
  await steps.nth(0).getByRole('button', { name: 'Log of this step' }).click();
  await expect(log).toContainText('ATC run success');
  await expect(log).not.toContainText('[Aoe]');
  await detail.getByRole('button', { name: 'Whole log' }).click();
  await expect(log).toContainText('ATC run success');

  // The loop's result: the verdict under the default gate on the two measurements.
  const result = page.getByTestId('pipeline-result');
  await expect(result).toHaveAttribute('data-verdict', 'reject');
  await expect(result).toContainText('Verdict under the default gate: Reject');
  await expect(result.locator('li[data-role=baseline]')).toHaveText(
    /^Baseline: step 2 \(ais_bench measurement\), Mean 2\.500 ms/,
  );
  await expect(result.locator('li[data-role=tuned]')).toHaveText(
    /^Tuned: step 6 \(ais_bench measurement\), Mean 2\.000 ms/,
  );
  await expect(result.getByTestId('result-missing')).toHaveCount(0);
  await result.locator('summary').click();
  // AOE's own figure misses the 5 % rule; the measured latency is 20 % faster.
  await expect(result.locator('li[data-rule=modelImprovement]')).toHaveAttribute(
    'data-status',
    'fail',
  );
  await expect(result.locator('li[data-rule=measuredLatency]').first()).toContainText(
    'faster by 20% (2.500 → 2.000 ms)',
  );
  await shootSizes(page, 'launch-done-en');
  await page.getByTestId('language-switch').selectOption('zh-CN');
  await expect(steps.first().locator('.launch-step-name')).toHaveText('atc 模型转换');
  await expect(result).toContainText('默认验收规则的结论：拒绝');
  await expect(steps.nth(5).getByTestId('step-figures')).toContainText('平均 2.000 ms');
  await shootSizes(page, 'launch-done-zh');
  await page.getByTestId('language-switch').selectOption('en');
  const jobUrl = page.url();

  // Opened in the dashboard: the stored report, measurements and profile go into the workspace
  // as they are, and the report's Measured view judges them.
  await result.getByRole('link', { name: 'Open the run with its measurements' }).click();
  await expect(page).toHaveURL(/\/run\/[0-9a-f]{64}\/0\?tab=measured$/);
  await waitForReady(page);
  const runPage = page.getByTestId('run-page');
  await expect(runPage).toHaveAttribute('data-mode', 'workspace');
  await expect(page.getByRole('tab', { name: 'Measured' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  const verdict = page.getByTestId('measured-verdict');
  await expect(verdict).toHaveAttribute('data-verdict', 'reject');
  await expect(verdict.locator('li[data-rule=measuredLatency]').first()).toContainText(
    'faster by 20% (2.500 → 2.000 ms)',
  );
  await expect(verdict.locator('li[data-rule=tailLatency]').first()).toHaveAttribute(
    'data-status',
    'pass',
  );
  // Both files are measure_summary.json: the roles come from the steps that measured them.
  const table = page.getByTestId('measured-run-table');
  await expect(table.locator('tr[data-role=baseline] th')).toContainText(
    'measured by step 2 (ais_bench) of the launcher job',
  );
  await expect(table.locator('tr[data-role=tuned] th')).toContainText(
    'measured by step 6 (ais_bench) of the launcher job',
  );
  await expect(table.locator('tr[data-role=tuned] td').nth(3)).toHaveText('2.000');
  await expect(page.getByTestId('measured-claim').first()).toContainText(
    'AOE: faster by 0.39%; measured: faster by 20.00%, P99 faster by',
  );
  await expect(page.getByTestId('measured-cdf')).toBeVisible();
  await shootSizes(page, 'measured-en');
  await page.getByTestId('language-switch').selectOption('zh-CN');
  await expect(page.getByTestId('measured-verdict')).toContainText('拒绝');
  await expect(table.locator('tr[data-role=tuned] th')).toContainText(
    '由启动器作业的第 6 步（ais_bench）测得',
  );
  await shootSizes(page, 'measured-zh');
  await page.getByTestId('language-switch').selectOption('en');

  // A reload keeps the Run in the workspace, with the roles its steps gave.
  await page.reload();
  await waitForReady(page);
  await expect(page.getByTestId('measured-verdict')).toHaveAttribute('data-verdict', 'reject');
  await expect(table.locator('tr[data-role=baseline] th')).toContainText('step 2 (ais_bench)');
  // The profile msprof exported is in the workspace too, linked to the report.
  await page.goto('/');
  await waitForReady(page);
  await expect(page.locator('#content')).toContainText(/op_summary_\d+\.csv/);

  // The tuning result also opens alone from the launcher's stored run, with its manifest.
  await page.goto(jobUrl);
  await waitForReady(page);
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

test('a running loop shows its live steps in both languages, and Cancel stops it', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await openLaunch(page);
  await page.getByTestId('model-picker').selectOption('hang-resnet50.onnx');
  await page.getByRole('button', { name: 'Start job' }).click();
  const detail = page.locator('.launch-detail');
  const steps = detail.locator('li[data-step]');
  // The conversion hangs: it stays the running step, the others wait.
  await expect(steps.nth(0)).toHaveAttribute('data-step-state', 'running');
  await expect(steps.nth(0)).toContainText(/running for \d/);
  await expect(steps.nth(6)).toHaveAttribute('data-step-state', 'queued');
  await shootSizes(page, 'launch-running-hang-en');
  await page.getByTestId('language-switch').selectOption('zh-CN');
  await expect(steps.nth(0)).toContainText('运行中');
  await shootSizes(page, 'launch-running-hang-zh');
  await page.getByTestId('language-switch').selectOption('en');
  await detail.getByRole('button', { name: 'Cancel' }).click();
  await expect(detail).toHaveAttribute('data-job-state', 'canceled', { timeout: 30_000 });
  await expect(steps.nth(0)).toHaveAttribute('data-step-state', 'canceled');
  await expect(steps.nth(1)).toHaveAttribute('data-step-state', 'skipped');
  // A canceled loop made no Run.
  await expect(page.getByTestId('pipeline-result')).toHaveCount(0);
});

test('a failing step names itself and why; the job resumes from it, reusing the steps before', async ({
  page,
}) => {
  test.setTimeout(90_000);
  // A narrow window: the job's steps show below the form.
  await page.setViewportSize({ width: 800, height: 900 });
  await openLaunch(page);
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
