// The Advice panel on the demo data: the yolov5s run (post-processing on the AI CPU, Focus slices
// and detect-head transposes, a tuning that bought 0.36 %) shows ranked findings whose evidence
// opens the table rows they rest on and whose commands copy; a dismissal with its reason holds
// after a reload and in another tab, and a share link opened in a new browser shows the same
// findings with the same dismissal. The healthy resnet50 demo run gets no warning; the other
// resnet50 run's claim is weighed against the measured baseline and tuned files linked to it.
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { DEMO_CARDS, expect, fileCard, openApp, test } from './helpers/app.ts';

const YOLO = 'yolov5s/aoe_result_opat_20261105150233456_pid60312.json';
const RESNET = 'resnet50/aoe_result_opat_20261109101233789_pid52210.json';

test.use({ locale: 'en-US', viewport: { width: 1440, height: 900 } });

const panel = (page: Page) => page.getByTestId('advice-panel');
const findings = (page: Page) => panel(page).getByTestId('advice-finding');
const finding = (page: Page, rule: string) =>
  panel(page).locator(`[data-testid="advice-finding"][data-rule="${rule}"]`);

async function openRun(page: Page, file: string, task: string): Promise<void> {
  await openApp(page, '/');
  await expect(page.getByTestId('file-card')).toHaveCount(DEMO_CARDS);
  await fileCard(page, file).getByRole('link', { name: task }).click();
  await expect(page.getByTestId('run-page')).toBeVisible();
}

/** Opens a finding's details (the first one is open already). */
async function expand(page: Page, rule: string): Promise<void> {
  const details = finding(page, rule).locator('details');
  if ((await details.getAttribute('open')) === null)
    await finding(page, rule).locator('summary').click();
  await expect(details).toHaveAttribute('open', '');
}

test('the demo run shows ranked findings with evidence links and commands that copy', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openRun(page, YOLO, 'yolov5s');
  await expect(panel(page).getByRole('heading', { name: 'Advice' })).toBeVisible();
  await expect(panel(page).getByTestId('advice-counts')).toHaveText(
    '0 critical · 3 warning · 2 info',
  );
  // Ranked: warnings first, by the share of model time at stake.
  await expect(findings(page)).toHaveCount(5);
  const rules = await findings(page).evaluateAll((els) =>
    els.map((e) => e.getAttribute('data-rule')),
  );
  expect(rules.slice(0, 3).sort()).toEqual(
    ['ai-cpu-operators', 'data-rearrangement', 'little-gain'].sort(),
  );
  expect(rules.slice(3).sort()).toEqual(['knowledge-base-use', 'tune-next']);
  for (const f of await findings(page).all())
    await expect(f.locator('.advice-severity')).toHaveText(/Warning|Info/);

  // AI CPU evidence → the profile's kernel rows of that operator type, in view.
  await expand(page, 'ai-cpu-operators');
  const aiCpu = finding(page, 'ai-cpu-operators');
  await expect(aiCpu).toContainText(
    'of the operator time is in operators that fell back to the AI CPU',
  );
  await aiCpu
    .getByTestId('advice-evidence-link')
    .filter({ hasText: /^5 × ·/ })
    .first()
    .click();
  await expect(page).toHaveURL(/\/profile\/[0-9a-f]+\?ops\.q=NonMaxSuppressionV3$/);
  const kernels = page.getByTestId('profile-operators');
  await expect(kernels.getByText('NonMaxSuppression_0').first()).toBeInViewport();
  await page.goBack();
  await expect(page.getByTestId('run-page')).toBeVisible();

  // Little gain evidence → the run's operator that gained most, filtered in the operators tab.
  await expand(page, 'little-gain');
  const best = finding(page, 'little-gain')
    .getByTestId('advice-evidence-link')
    .filter({ hasText: /^4 · Conv_\d+ / });
  const name = ((await best.textContent()) ?? '').match(/Conv_\d+/)?.[0] ?? '';
  expect(name).toMatch(/^Conv_\d+$/);
  await best.click();
  await expect(page.getByRole('tab', { name: 'Operators' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  expect(new URL(page.url()).searchParams.get('ops.q')).toBe(name);
  const table = page.getByTestId('operators-table');
  await expect(table.getByText(name, { exact: true }).first()).toBeInViewport();

  // The command copies exactly as shown.
  await expand(page, 'ai-cpu-operators');
  const command = finding(page, 'ai-cpu-operators').getByTestId('advice-command');
  await command.getByRole('button', { name: 'Copy: Command' }).click();
  await expect(command.getByRole('status')).toHaveText('Copied');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe('msprof-analyze advisor computation -d <profiling dir>');
  expect(copied).toBe(await command.locator('code').textContent());

  // tune-next: its first operator opens that operator's kernel rows in the profile.
  await expand(page, 'tune-next');
  const first = finding(page, 'tune-next')
    .getByTestId('advice-evidence-link')
    .filter({ hasText: 'µs' })
    .first();
  const label =
    (await finding(page, 'tune-next')
      .locator('dt')
      .filter({ hasText: 'not tuned' })
      .first()
      .textContent()) ?? '';
  const op = label.match(/^(\S+) \(/)?.[1] ?? '';
  // The largest untuned AI Core operator (the AI CPU ones are not AOE's to tune).
  expect(op).toBe('Transpose_0');
  await first.click();
  await expect(page).toHaveURL(new RegExp(`/profile/[0-9a-f]+\\?ops\\.q=${op}$`));
  await expect(
    page.getByTestId('profile-operators').getByText(op, { exact: true }).first(),
  ).toBeInViewport();
  await page.goBack();
  await expect(page.getByTestId('run-page')).toBeVisible();

  // Each warning and the tune-next advice has a command that copies exactly as shown.
  for (const rule of ['little-gain', 'tune-next']) {
    await expand(page, rule);
    const block = finding(page, rule).getByTestId('advice-command');
    await block.getByRole('button', { name: 'Copy: Command' }).click();
    await expect(block.getByRole('status')).toHaveText('Copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
      await block.locator('code').textContent(),
    );
  }

  // tune-next: the aoe command and the tune_ops_file to save beside it.
  await expand(page, 'tune-next');
  const tuneNext = finding(page, 'tune-next');
  await expect(tuneNext.getByTestId('advice-command').locator('code')).toHaveText(
    'aoe --framework=5 --model=<model>.onnx --job_type=2 --tune_ops_file=tune_ops.json',
  );
  await expect(tuneNext.getByTestId('advice-config').locator('code')).toContainText(
    '"tune_ops_name"',
  );
});

test('a dismissed finding stays dismissed after a reload, in another tab and in a share link', async ({
  page,
  anotherPage,
  browser,
  baseURL,
}) => {
  // Two browsers, a reload and a share link: more than the default minute on a busy machine.
  test.slow();
  await openRun(page, YOLO, 'yolov5s');
  await expect(findings(page)).toHaveCount(5);
  const reason = 'NMS runs on the AI CPU by design <b>here</b>';

  // Dismiss, undo, dismiss again with a reason.
  await expand(page, 'ai-cpu-operators');
  await finding(page, 'ai-cpu-operators').getByRole('button', { name: 'Dismiss…' }).click();
  await finding(page, 'ai-cpu-operators').getByLabel('Reason (optional)').fill('first try');
  await finding(page, 'ai-cpu-operators')
    .getByRole('button', { name: 'Dismiss', exact: true })
    .click();
  await expect(findings(page)).toHaveCount(4);
  await panel(page).getByRole('button', { name: 'Undo' }).click();
  await expect(findings(page)).toHaveCount(5);
  await expand(page, 'ai-cpu-operators');
  await finding(page, 'ai-cpu-operators').getByRole('button', { name: 'Dismiss…' }).click();
  await finding(page, 'ai-cpu-operators').getByLabel('Reason (optional)').fill(reason);
  await finding(page, 'ai-cpu-operators').getByLabel('Reason (optional)').press('Enter');
  await expect(findings(page)).toHaveCount(4);
  await expect(finding(page, 'ai-cpu-operators')).toHaveCount(0);
  await expect(panel(page).getByTestId('advice-counts')).toHaveText(
    '0 critical · 2 warning · 2 info',
  );
  const dismissed = panel(page).getByTestId('advice-dismissed');
  await dismissed.locator('summary').click();
  await expect(dismissed.getByTestId('advice-dismissed-finding')).toHaveCount(1);
  await expect(dismissed).toContainText(reason);
  expect(await dismissed.locator('b').count()).toBe(0);

  // The run's Markdown carries the advice, the dismissed finding last with its reason.
  const download = page.waitForEvent('download');
  await panel(page).getByRole('button', { name: 'Download Markdown' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('yolov5s-advice.md');
  const md = readFileSync((await file.path()) ?? '', 'utf8');
  expect(md).toMatch(/^# AOE run — /);
  expect(md).toContain('## Advice\n\n4 finding(s): 0 critical, 2 warning, 2 info. 1 dismissed');
  expect(md).toContain('### ⚠️ Warning: Operator tuning saved 0.36 % of the model time');
  expect(md).toContain('### Dismissed\n\n- ⚠️ Warning: 16.0 % of the operator time');
  expect(md).toContain('NMS runs on the AI CPU by design &lt;b&gt;here&lt;/b&gt;');

  // Reload once it is stored: still dismissed.
  await expect(page.locator('html')).toHaveAttribute('data-dismissals-saved', 'true');
  const runUrl = page.url();
  await page.reload();
  await expect(findings(page)).toHaveCount(4);
  await expect(finding(page, 'ai-cpu-operators')).toHaveCount(0);
  await panel(page).getByTestId('advice-dismissed').locator('summary').click();
  await expect(panel(page).getByTestId('advice-dismissed')).toContainText(reason);

  // Another tab of the same browser shows it dismissed too.
  await anotherPage.goto(runUrl);
  await expect(findings(anotherPage)).toHaveCount(4);
  await expect(finding(anotherPage, 'ai-cpu-operators')).toHaveCount(0);

  // A share link, opened in a new browser: the same findings, the same dismissal, read-only.
  await page.getByRole('button', { name: 'Copy link' }).click();
  const link = await page.getByTestId('share-link').inputValue();
  const other = await browser.newContext({ locale: 'en-US', baseURL });
  const reviewer = await other.newPage();
  const problems: string[] = [];
  reviewer.on('pageerror', (e) => problems.push(e.message));
  reviewer.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  await reviewer.goto(link);
  await expect(reviewer.getByTestId('run-page')).toHaveAttribute('data-mode', 'shared');
  await expect(findings(reviewer)).toHaveCount(4);
  const shownHere = await findings(page).evaluateAll((els) => els.map((e) => e.textContent));
  await expand(reviewer, 'data-rearrangement');
  await expand(page, 'data-rearrangement');
  expect(
    await findings(reviewer).evaluateAll((els) =>
      els.map((e) => e.querySelector('.advice-title')?.textContent),
    ),
  ).toEqual(
    await findings(page).evaluateAll((els) =>
      els.map((e) => e.querySelector('.advice-title')?.textContent),
    ),
  );
  expect(shownHere).toHaveLength(4);
  const sharedDismissed = panel(reviewer).getByTestId('advice-dismissed');
  await expect(sharedDismissed.locator('summary')).toHaveText('Dismissed by the sender (1)');
  await sharedDismissed.locator('summary').click();
  await expect(sharedDismissed).toContainText(reason);
  await expect(panel(reviewer).getByRole('button', { name: 'Dismiss…' })).toHaveCount(0);
  // Evidence in the run's own tables still links; the profile is not in the link.
  await expand(reviewer, 'little-gain');
  await finding(reviewer, 'little-gain')
    .getByTestId('advice-evidence-link')
    .filter({ hasText: /^4 · Conv_\d+ / })
    .click();
  await expect(reviewer.getByRole('tab', { name: 'Operators' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await expect(reviewer.getByTestId('run-page')).toHaveAttribute('data-mode', 'shared');
  expect(problems).toEqual([]);
  await other.close();

  // Shown again: back in the list, and after a reload too.
  await panel(page).getByRole('button', { name: 'Show again' }).click();
  await expect(findings(page)).toHaveCount(5);
  await expect(page.locator('html')).toHaveAttribute('data-dismissals-saved', 'true');
  await page.reload();
  await expect(findings(page)).toHaveCount(5);
});

test('the healthy resnet50 demo run gets no warning', async ({ page }) => {
  await openRun(page, RESNET, 'resnet50');
  await expect(panel(page).getByTestId('advice-counts')).toHaveText(
    '0 critical · 0 warning · 2 info',
  );
  for (const f of await findings(page).all())
    await expect(f).toHaveAttribute('data-severity', 'info');
});

test('the panel speaks Chinese with Huawei’s terms', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ locale: 'zh-CN', baseURL });
  const page = await context.newPage();
  await page.goto('/');
  await expect(page.getByTestId('file-card')).toHaveCount(DEMO_CARDS);
  await fileCard(page, YOLO).getByRole('link', { name: 'yolov5s' }).click();
  await expect(panel(page).getByRole('heading', { name: '调优建议' })).toBeVisible();
  await expect(panel(page).getByTestId('advice-counts')).toHaveText('严重 0 · 警告 3 · 提示 2');
  await expect(finding(page, 'ai-cpu-operators')).toContainText('回退到 AI CPU 的算子');
  await context.close();
});

const RESNET_FIRST = 'resnet50/aoe_result_opat_20261102093015123_pid41873.json';

test('the resnet50 demo run weighs AOE’s claim against its measured files, with links to them', async ({
  page,
  anotherPage,
}) => {
  await openRun(page, RESNET_FIRST, 'resnet50');
  // AOE: 12.835 → 11.902 ms, 7.26 % saved; ais_bench: 12.937 → 12.538 ms, 3.09 % saved, under
  // half the claim.
  const claim = finding(page, 'claim-vs-measured');
  await expect(claim).toHaveAttribute('data-severity', 'warning');
  await expect(claim.locator('.advice-title')).toHaveText(
    'batch 1: measured 3.09 % saved, AOE stated 7.26 %',
  );
  await expand(page, 'claim-vs-measured');
  await expect(claim.getByTestId('advice-command').locator('code')).toHaveText(
    'python3 -m ais_bench --model <model>_tune.om --loop 100 --warmup_count 10',
  );
  const links = claim.getByTestId('advice-evidence-link');
  await expect(links).toHaveCount(3);
  await expect(links.nth(1)).toHaveText('12.937 ms · resnet50/resnet50_bs1_baseline_summary.json');

  // The untuned model's figure → its row in the run's Measured view, in view.
  await links.nth(1).click();
  await expect(page.getByRole('tab', { name: 'Measured' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  expect(new URL(page.url()).searchParams.get('tab')).toBe('measured');
  const row = page
    .getByTestId('measured-run-table')
    .locator('tr[data-role="baseline"]')
    .filter({ hasText: 'resnet50_bs1_baseline_summary.json' });
  await expect(row).toBeInViewport();
  await expect(row).toBeFocused();

  // The tuned model's link opened in another tab: the run's Measured view with that row.
  const href = (await links.nth(2).getAttribute('href')) ?? '';
  expect(href).toMatch(/\?tab=measured$/);
  await anotherPage.goto(href);
  await expect(
    anotherPage
      .getByTestId('measured-run-table')
      .locator('tr[data-role="tuned"]')
      .filter({ hasText: 'resnet50_bs1_tuned_summary.json' }),
  ).toBeVisible();

  // AOE's figure → the run summary.
  await links.nth(0).click();
  await expect(page.getByRole('tab', { name: 'Summary' })).toHaveAttribute('aria-selected', 'true');

  // The acceptance report downloaded from the Measured view carries the finding.
  await page.getByRole('tab', { name: 'Measured' }).click();
  const download = page.waitForEvent('download');
  await page
    .getByRole('group', { name: 'Download acceptance report' })
    .getByRole('button', { name: 'Markdown' })
    .click();
  const md = readFileSync((await (await download).path()) ?? '', 'utf8');
  const advice = md.slice(md.indexOf('## Advice'));
  expect(advice).toMatch(/### \d+\. Warning: batch 1: measured 3\.09 % saved, AOE stated 7\.26 %/);
  expect(advice).toContain('python3 -m ais_bench --model <model>_tune.om --loop 100');
});
