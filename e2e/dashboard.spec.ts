// The workspace page end to end: every AOE layout is recognised and labeled, a wrong file shows
// its hint without disturbing what is loaded, the workspace survives a reload, the language and
// theme switch (and stay switched), names from files render as text, and the demo shows on first
// start.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  DEMO_CARDS,
  dropBuffers,
  dropFiles,
  expect,
  fileCard,
  openApp,
  openEmptyWorkspace,
  reloadWhenSaved,
  test,
} from './helpers/app.ts';

const AOE_FIXTURES = fileURLToPath(
  new URL('../src/core/formats/aoe-opat/fixtures/', import.meta.url),
);

test.use({ locale: 'en-US' });

const LAYOUTS = [
  {
    file: 'cann601-array-success.json',
    label: 'AOE operator tuning, CANN 6.0.x layout · array of sections',
    task: 'resnet50_v1_offline',
  },
  {
    file: 'cann601-singleop-report-map.json',
    label: 'AOE operator tuning, CANN 6.0.x layout · several tasks (report map)',
    task: 'single_op_matmul',
  },
  {
    file: 'cann62rc1-array.json',
    label: 'AOE operator tuning, CANN 6.2 layout · array of sections',
    task: 'bert_base_offline',
  },
  {
    file: 'cann63rc2-array.json',
    label: 'AOE operator tuning, CANN 6.3+ layout · array of sections',
    task: 'resnet50_om_tune',
  },
  {
    file: 'cann8x-training-report-map.json',
    label: 'AOE operator tuning, CANN 6.3+ layout · several tasks (report map)',
    task: 'train_step_graph_1',
  },
  {
    file: 'bare-object.json',
    label: 'AOE operator tuning, CANN 6.3+ layout · single object',
    task: 'yolo_bare',
  },
] as const;

for (const layout of LAYOUTS) {
  test(`an AOE file in ${layout.file} is labeled with its layout and links to its tasks`, async ({
    page,
  }) => {
    await openEmptyWorkspace(page);
    await dropFiles(page, [`${AOE_FIXTURES}${layout.file}`]);
    const card = fileCard(page, layout.file);
    await expect(card.getByTestId('format-label')).toHaveText(layout.label);
    const taskLink = card.getByRole('link', { name: layout.task, exact: true });
    await expect(taskLink).toHaveAttribute('href', /^\/run\/[0-9a-f]{64}\/\d+$/);
  });
}

test('a profiler table renamed as an AOE result shows a hint naming what it is', async ({
  page,
}) => {
  await openEmptyWorkspace(page);
  await dropFiles(page, [`${AOE_FIXTURES}cann63rc2-array.json`]);
  await dropFiles(page, [`${AOE_FIXTURES}renamed/aoe_result_opat_x.json`]);
  const wrong = fileCard(page, 'aoe_result_opat_x.json');
  await expect(wrong.locator('[data-code="WRONG_FORMAT"]')).toContainText(
    'Recognised from its content as: torch_npu kernel_details table.',
  );
  // What was loaded before is untouched.
  await expect(fileCard(page, 'cann63rc2-array.json').getByTestId('format-label')).toHaveText(
    'AOE operator tuning, CANN 6.3+ layout · array of sections',
  );
});

test('a broken file is listed with its error and never removes what is loaded', async ({
  page,
}) => {
  await openEmptyWorkspace(page);
  await dropFiles(page, [`${AOE_FIXTURES}cann62rc1-array.json`]);
  await dropFiles(page, [`${AOE_FIXTURES}not-json.json`, `${AOE_FIXTURES}empty.json`]);
  await expect(fileCard(page, 'empty.json').locator('[data-code="EMPTY"]')).toContainText(
    'The file is empty.',
  );
  await expect(fileCard(page, 'not-json.json').locator('.issue-error')).not.toHaveCount(0);
  await expect(page.getByTestId('file-card')).toHaveCount(3);
  // Removing the broken ones leaves the report.
  await page.getByRole('button', { name: 'Remove empty.json' }).click();
  await page.getByRole('button', { name: 'Remove not-json.json' }).click();
  await expect(page.getByTestId('file-card')).toHaveCount(1);
  await expect(fileCard(page, 'cann62rc1-array.json')).toBeVisible();
});

test('a reload keeps the workspace, and clearing it empties it for good', async ({ page }) => {
  await openEmptyWorkspace(page);
  await dropFiles(page, [`${AOE_FIXTURES}cann63rc2-array.json`, `${AOE_FIXTURES}bare-object.json`]);
  await expect(page.getByTestId('file-card')).toHaveCount(2);
  await reloadWhenSaved(page);
  await expect(page.locator('#root')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('file-card')).toHaveCount(2);
  await expect(fileCard(page, 'bare-object.json').getByTestId('format-label')).toHaveText(
    'AOE operator tuning, CANN 6.3+ layout · single object',
  );
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: 'Clear workspace' }).click();
  await expect(page.getByTestId('file-card')).toHaveCount(0);
  await reloadWhenSaved(page);
  await expect(page.locator('#root')).toHaveAttribute('data-state', 'ready');
  // Cleared means cleared: no files, and the demo does not come back.
  await expect(page.getByTestId('file-card')).toHaveCount(0);
  await expect(page.getByTestId('demo-banner')).toHaveCount(0);
});

test.describe('in Chinese', () => {
  test.use({ locale: 'zh-CN' });

  test('the language follows the browser, switches to English and stays switched', async ({
    page,
  }) => {
    await openApp(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('工作区');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(page.getByTestId('language-switch')).toHaveValue('zh-CN');
    await page.getByTestId('language-switch').selectOption('en');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Workspace');
    await expect(page.getByRole('link', { name: 'Compare' })).toBeVisible();
    await reloadWhenSaved(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Workspace');
    await page.getByTestId('language-switch').selectOption('zh-CN');
    await expect(page.getByRole('navigation').getByRole('link', { name: '对比' })).toBeVisible();
  });
});

test('the dark theme applies, and stays applied after a reload', async ({ page }) => {
  await openApp(page);
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const light = await background();
  await page.getByTestId('theme-switch').selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await background()).not.toBe(light);
  await reloadWhenSaved(page);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
});

test('the system theme is the default', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await openApp(page);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
});

test('names from a file render as text, never as markup', async ({ page }) => {
  const hostile = '<img src=x onerror=alert(1)>';
  let dialogs = 0;
  page.on('dialog', (dialog) => {
    dialogs += 1;
    void dialog.dismiss();
  });
  const report = JSON.parse(readFileSync(`${AOE_FIXTURES}cann63rc2-array.json`, 'utf8')) as [
    { basic: { tuning_name: string } },
    { OPAT: { repo_modified_operators: { op_name: string }[] } },
  ];
  report[0].basic.tuning_name = hostile;
  for (const op of report[1].OPAT.repo_modified_operators) op.op_name = hostile;
  await openEmptyWorkspace(page);
  await dropBuffers(page, [
    { name: `aoe_result_opat_${hostile}.json`, text: JSON.stringify(report) },
  ]);
  const card = page.getByTestId('file-card');
  await expect(card.getByRole('heading')).toHaveText(`aoe_result_opat_${hostile}.json`);
  const taskLink = card.getByRole('link', { name: hostile, exact: true });
  await expect(taskLink).toBeVisible();
  await expect(page.locator('img')).toHaveCount(0);
  await taskLink.click();
  await expect(page.locator('#root')).toHaveAttribute('data-state', 'ready');
  await expect(page.locator('img')).toHaveCount(0);
  // The run page lists the operators by name: as text there too.
  await page.goto(`${new URL(page.url()).pathname}?tab=operators`);
  await expect(page.locator('#root')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByText(hostile, { exact: true }).first()).toBeVisible();
  await expect(page.locator('img')).toHaveCount(0);
  expect(dialogs).toBe(0);
});

test('an unknown page says so and leads back to the workspace', async ({ page }) => {
  await openApp(page, '/no/such/page');
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await page.getByRole('link', { name: 'Back to workspace' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Workspace');
});

test('the skip link moves focus to the content', async ({ page }) => {
  await openApp(page);
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('#content')).toBeFocused();
  expect(new URL(page.url()).hash).toBe('');
});

test('the first start shows the demo, labeled, linked, and removable', async ({ page }) => {
  await openApp(page);
  const banner = page.getByTestId('demo-banner');
  await expect(banner).toContainText('Demo data');
  const cards = page.getByTestId('file-card');
  await expect(cards).toHaveCount(DEMO_CARDS);
  for (const card of await cards.all())
    await expect(card.locator('.badge-demo')).toHaveText('demo');
  const opat = fileCard(page, 'resnet50/aoe_result_opat_20261102093015123_pid41873.json');
  await expect(opat.getByTestId('format-label')).toHaveText(
    'AOE operator tuning, CANN 6.3+ layout · array of sections',
  );
  await expect(opat.locator('.link-chip')).toHaveText([
    'resnet50/op_summary_20261102094530.csv',
    'resnet50/op_statistic_20261102094530.csv',
    'resnet50/resnet50_bs1_baseline_summary.json',
    'resnet50/resnet50_bs1_tuned_summary.json',
    'resnet50/resnet50_bs1_gpu_trtexec_times.json',
  ]);
  await banner.getByRole('button', { name: 'Clear demo data' }).click();
  await expect(cards).toHaveCount(0);
  await reloadWhenSaved(page);
  await expect(page.locator('#root')).toHaveAttribute('data-state', 'ready');
  await expect(cards).toHaveCount(0);
  await expect(banner).toHaveCount(0);
  // It can be brought back from the empty workspace.
  await page.getByRole('button', { name: 'Load the demo data' }).click();
  await expect(page.locator('#root')).toHaveAttribute('data-state', 'ready');
  await expect(cards).toHaveCount(DEMO_CARDS);
  await expect(banner).toBeVisible();
});

test('copy diagnostics puts a plain-text report of the file and its issues on the clipboard', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openEmptyWorkspace(page);
  await dropFiles(page, [`${AOE_FIXTURES}truncated-mid-operator.json`]);
  const card = fileCard(page, 'truncated-mid-operator.json');
  await card.getByRole('button', { name: 'Copy diagnostics' }).click();
  await expect(card.getByRole('status')).toHaveText('Diagnostics copied');
  const text = await page.evaluate(() => navigator.clipboard.readText());
  expect(text).toContain('file: truncated-mid-operator.json');
  expect(text).toContain('layout: array, generation: cann-6.3+, incomplete: true');
  expect(text).toMatch(/\[error\] TRUNCATED: The file ends early/);
  expect(text).toMatch(/byte \d+/);
});

test('the header works from the keyboard, and a new page starts at its content', async ({
  page,
}) => {
  await openApp(page);
  const compare = page.getByRole('navigation').getByRole('link', { name: 'Compare' });
  await compare.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/compare$/);
  await expect(page.locator('#content')).toBeFocused();
  await expect(compare).toHaveAttribute('aria-current', 'page');
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Workspace');
});
