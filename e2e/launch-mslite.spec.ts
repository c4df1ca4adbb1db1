// The MindSpore Lite route from the Launch page, against the launcher with the stand-ins on its
// PATH (converter_lite, which runs the stand-in aoe itself, and MindSpore Lite's benchmark): pick
// the preset and its form, watch the two steps finish, read each step's log and figures ("P99 not
// reported": the tool prints none), the loop's result (the converter tuned, so benchmark measured
// the tuned model; no baseline, said so), its Measured view, and the AOE result the converter left
// opened from the launcher's store; screenshots in both languages.
import { expect, test, waitForReady } from './helpers/app.ts';
import { openLaunch, shoot, shootSizes, SHOTS } from './helpers/launch.ts';

test('mslite preset: converter_lite with AOE, then benchmark, to a finished run', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await openLaunch(page);
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

  await shootSizes(page, 'mslite-form-en');
  if (SHOTS) {
    await page.getByTestId('language-switch').selectOption('zh-CN');
    await expect(form.getByRole('radio', { name: /^MindSpore Lite \+ AOE/ })).toBeChecked();
    await shootSizes(page, 'mslite-form-zh');
    await page.getByTestId('language-switch').selectOption('en');
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
  // MindSpore Lite's benchmark prints no percentiles: said so, not a dash.
  await expect(steps.nth(1).getByTestId('step-figures')).toHaveText(
    /^Mean 1\.500 ms · P99 not reported/,
  );

  const log = page.getByRole('log');
  await steps.nth(0).getByRole('button', { name: 'Log of this step' }).click();
  await expect(log).toContainText('CONVERT RESULT SUCCESS:0');
  await expect(log).toContainText('[Aoe]');
  await steps.nth(1).getByRole('button', { name: 'Log of this step' }).click();
  await expect(log).toContainText('AvgRunTime = 1.500000 ms');
  await expect(log).not.toContainText('CONVERT RESULT');

  // The loop's result: the converter tuned, so benchmark measured the tuned model; no baseline
  // was measured, and the verdict says so.
  const result = page.getByTestId('pipeline-result');
  await expect(result.locator('li[data-role=tuned]')).toHaveText(
    /^Tuned: step 2 \(benchmark measurement\), Mean 1\.500 ms · P99 not reported/,
  );
  await expect(result.getByTestId('result-missing')).toHaveText(
    'Not in this run: a measurement of the baseline model',
  );
  if (SHOTS) {
    await shoot(page, 'mslite-done-en-1280');
    await page.getByTestId('language-switch').selectOption('zh-CN');
    await expect(steps.first().locator('.launch-step-name')).toHaveText(
      'converter_lite 模型转换（AOE 调优）',
    );
    await shoot(page, 'mslite-done-zh-1280');
    await page.getByTestId('language-switch').selectOption('en');
  }

  // Opened in the dashboard: the Measured view lists the tuned model, by the step that measured it.
  await result.getByRole('link', { name: 'Open the run with its measurements' }).click();
  await expect(page).toHaveURL(/\/run\/[0-9a-f]{64}\/0\?tab=measured$/);
  await waitForReady(page);
  const table = page.getByTestId('measured-run-table');
  await expect(table.locator('tr[data-role=tuned] th')).toContainText(
    'measured by step 2 (benchmark) of the launcher job',
  );
  await expect(table.locator('tr[data-role=baseline]')).toHaveCount(0);
  await expect(
    page.getByTestId('measured-verdict').locator('li[data-rule=measuredLatency]'),
  ).toContainText('Only one side was measured');
  await page.goBack();
  await waitForReady(page);

  // The AOE result converter_lite left opens from the launcher's stored run.
  const open = detail.getByRole('link', { name: /aoe_result_[a-z]+_\d+_pid\d+\.json/ }).first();
  await open.click();
  await expect(page).toHaveURL(/\/run\/[^/]+\/0.*#r=/);
  await waitForReady(page);
  await expect(page.locator('#content')).toContainText('resnet50');
});
