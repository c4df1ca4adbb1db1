// Measurements travel with shared runs, and a role set by hand stays. A compare page whose gate
// judges P99 on the runs' linked ais_bench summaries is shared as a link and opened in a new
// browser: the same P99 verdict, from the link alone. A run page's link shows its Measured tab
// with the same figures; a launcher permalink of the comparison judges the same. A role set by
// hand on the Measured view survives a reload.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import {
  dropBuffers,
  dropFiles,
  expect,
  fileCard,
  openEmptyWorkspace,
  reloadWhenSaved,
  test,
} from './helpers/app.ts';
import { launcherToken, newBrowser } from './helpers/new-browser.ts';

const SAMPLES = fileURLToPath(new URL('../public/samples/', import.meta.url));
const RUN_A = 'aoe_result_opat_20261102093015123_pid41873.json';
const RUN_B = 'aoe_result_opat_20261109101233789_pid52210.json';
const BASE = 'resnet50_bs1_baseline_summary.json';
const TUNED = 'resnet50_bs1_tuned_summary.json';
const GPU = 'resnet50_bs1_gpu_trtexec_times.json';

test.use({ locale: 'en-US' });

/** Mean and P99 as ais_bench wrote them, read with JSON.parse here, not the product's reader. */
function npu(name: string): { mean: number; p99: number; text: string } {
  const text = readFileSync(`${SAMPLES}${name}`, 'utf8');
  const doc = JSON.parse(text) as { NPU_compute_time: Record<string, number> };
  return {
    mean: doc.NPU_compute_time['mean'] as number,
    p99: doc.NPU_compute_time['percentile(99%)'] as number,
    text,
  };
}

const pct = (from: number, to: number) => (Math.abs((to - from) / from) * 100).toFixed(2);

test('a compare link opened in a new browser judges P99 from the measurements it carries', async ({
  page,
  browser,
  baseURL,
}) => {
  const tuned = npu(TUNED);
  const base = npu(BASE);
  await openEmptyWorkspace(page);
  // Run A with the tuned OM's summary; run B, in a drop of its own, with a summary that measured
  // as slow as the baseline OM did (named as run B's tuned OM).
  await dropFiles(page, [`${SAMPLES}${RUN_A}`, `${SAMPLES}${TUNED}`]);
  await dropBuffers(page, [
    { name: RUN_B, text: readFileSync(`${SAMPLES}${RUN_B}`, 'utf8') },
    { name: 'resnet50_bs1_kb2_tuned_summary.json', text: base.text },
  ]);
  await expect(page.getByTestId('file-card')).toHaveCount(4);

  await page.getByRole('navigation').getByRole('link', { name: 'Compare' }).click();
  await page.getByRole('checkbox', { name: `Compare: ${RUN_A} · resnet50` }).check();
  await page.getByRole('checkbox', { name: `Compare: ${RUN_B} · resnet50` }).check();
  await page.getByRole('radio', { name: `Pin ${RUN_A} · resnet50 as the baseline` }).check();
  await page.getByRole('tab', { name: 'Gate' }).click();

  const p99Text = `P99 latency: slower by ${pct(tuned.p99, base.p99)}%`;
  const p99 = (p: typeof page) =>
    p
      .getByTestId('verdict')
      .locator('.verdict-run li[data-code="TAIL_WORSE"]')
      .filter({ hasText: 'P99 latency' });
  await expect(p99(page)).toContainText(p99Text);

  await page.getByRole('button', { name: 'Copy link' }).click();
  const link = await page.getByTestId('share-link').inputValue();
  expect(link).toContain('#b=');

  const reviewer = await newBrowser(browser, baseURL);
  await reviewer.page.goto(link);
  await expect(reviewer.page.getByTestId('compare-page')).toHaveAttribute('data-mode', 'shared');
  await expect(p99(reviewer.page)).toContainText(p99Text);
  await expect(reviewer.page.getByTestId('verdict').locator('.verdict-run')).toHaveAttribute(
    'data-verdict',
    'reject',
  );
  // The same comparison as a launcher permalink (/r/<id>), opened in yet another browser.
  await page.evaluate(
    (token) => localStorage.setItem('aoe-dashboard.launcher-token', token),
    launcherToken(),
  );
  await page.getByRole('button', { name: 'Copy permalink' }).click();
  const stored = page.getByRole('status').filter({ hasText: 'Stored on the launcher' });
  const permalink = /(https?:\/\/\S+\/r\/[A-Za-z0-9_-]{24})$/.exec(
    (await stored.textContent()) ?? '',
  )?.[1];
  expect(permalink).toBeDefined();
  const colleague = await newBrowser(browser, baseURL);
  await colleague.page.goto(permalink ?? '');
  await expect(colleague.page.getByTestId('compare-page')).toHaveAttribute('data-mode', 'shared');
  await expect(p99(colleague.page)).toContainText(p99Text);
  await colleague.close();

  // The measured table of the Model tab: each run's mean, from the link.
  await reviewer.page.getByRole('tab', { name: 'Model' }).click();
  const table = reviewer.page.getByTestId('measured-table');
  await expect(table).toContainText(tuned.mean.toFixed(3));
  await expect(table).toContainText(base.mean.toFixed(3));
  await reviewer.close();
});

test("a run page's link shows its Measured tab with the same figures and distribution", async ({
  page,
  browser,
  baseURL,
}) => {
  const tuned = npu(TUNED);
  const base = npu(BASE);
  await openEmptyWorkspace(page);
  await dropFiles(
    page,
    [RUN_A, BASE, TUNED, GPU].map((f) => `${SAMPLES}${f}`),
  );
  await fileCard(page, RUN_A).getByRole('link', { name: 'resnet50' }).click();
  await page.getByRole('tab', { name: 'Measured' }).click();
  const claim = `measured: faster by ${pct(base.mean, tuned.mean)}%, P99 faster by ${pct(base.p99, tuned.p99)}%`;
  await expect(page.getByTestId('measured-claim').first()).toContainText(claim);
  await page.getByRole('button', { name: 'Copy link' }).click();
  const link = await page.getByTestId('share-link').inputValue();

  const reviewer = await newBrowser(browser, baseURL);
  await reviewer.page.goto(link);
  await expect(reviewer.page.getByTestId('run-page')).toHaveAttribute('data-mode', 'shared');
  await reviewer.page.getByRole('tab', { name: 'Measured' }).click();
  await expect(reviewer.page.getByTestId('measured-claim').first()).toContainText(claim);
  const rows = reviewer.page.getByTestId('measured-run-table');
  await expect(rows.locator('tr[data-role="baseline"]')).toContainText(base.mean.toFixed(3));
  await expect(rows.locator('tr[data-role="tuned"]')).toContainText(tuned.p99.toFixed(3));
  await expect(rows.locator('tr[data-role="gpu"]')).toContainText('trtexec');
  // 1000 iterations each travel whole: the three distributions are drawn.
  await expect(reviewer.page.getByTestId('measured-cdf').locator('polyline')).toHaveCount(3);
  const p99 = reviewer.page
    .getByTestId('measured-verdict')
    .locator('li', { hasText: 'P99 latency' });
  await expect(p99).toContainText(`P99 latency: faster by ${pct(base.p99, tuned.p99)}%`);
  // Read-only: no role can be set on a shared run.
  await expect(reviewer.page.getByRole('combobox', { name: /^Role of/ })).toHaveCount(0);
  await reviewer.close();
});

test('a role set by hand shows as set by you, changes the claim and survives a reload', async ({
  page,
}) => {
  const tuned = npu(TUNED);
  const base = npu(BASE);
  await openEmptyWorkspace(page);
  await dropFiles(
    page,
    [RUN_A, BASE, TUNED].map((f) => `${SAMPLES}${f}`),
  );
  await fileCard(page, RUN_A).getByRole('link', { name: 'resnet50' }).click();
  await page.getByRole('tab', { name: 'Measured' }).click();
  const claim = page.getByTestId('measured-claim').first();
  await expect(claim).toContainText(`measured: faster by ${pct(base.mean, tuned.mean)}%`);

  // The files were swapped when they were named: say so by hand.
  await page.getByRole('combobox', { name: `Role of ${BASE}` }).selectOption('tuned');
  // Two tuned OMs of batch 1 for a moment: the one the evidence named is listed, not counted.
  const tunedRow = page.getByTestId('measure-file').filter({ hasText: TUNED });
  await expect(tunedRow.getByTestId('not-counted')).toBeVisible();
  await page.getByRole('combobox', { name: `Role of ${TUNED}` }).selectOption('baseline');
  await expect(page.getByTestId('not-counted')).toHaveCount(0);
  const swapped = `measured: slower by ${pct(tuned.mean, base.mean)}%`;
  await expect(claim).toContainText(swapped);
  const baseRow = page.getByTestId('measure-file').filter({ hasText: BASE });
  await expect(baseRow.getByTestId('set-by-you')).toHaveText('set by you');
  await expect(baseRow).toContainText(
    'the evidence says: Baseline OM (the file name says “baseline”)',
  );

  await expect(page.locator('html')).toHaveAttribute('data-choices-saved', 'true');
  await reloadWhenSaved(page);
  await expect(page.getByRole('tab', { name: 'Measured' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await expect(claim).toContainText(swapped);
  await expect(page.getByRole('combobox', { name: `Role of ${BASE}` })).toHaveValue('tuned');
  await expect(baseRow.getByTestId('set-by-you')).toBeVisible();

  // Back to the evidence: the file name decides again, also after a reload.
  await page.getByRole('combobox', { name: `Role of ${BASE}` }).selectOption('');
  await page.getByRole('combobox', { name: `Role of ${TUNED}` }).selectOption('');
  await expect(claim).toContainText(`measured: faster by ${pct(base.mean, tuned.mean)}%`);
  await expect(page.locator('html')).toHaveAttribute('data-choices-saved', 'true');
  await reloadWhenSaved(page);
  await expect(claim).toContainText(`measured: faster by ${pct(base.mean, tuned.mean)}%`);
  await expect(page.getByTestId('set-by-you')).toHaveCount(0);
});

/** The acceptance report the Measured view downloads, as text. */
async function downloadReport(page: Page): Promise<string> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'HTML' }).click(),
  ]);
  return readFileSync(await download.path(), 'utf8');
}

test('the acceptance report draws its latency chart inline: fresh, after a reload, from a link', async ({
  page,
  browser,
  baseURL,
}) => {
  await openEmptyWorkspace(page);
  await dropFiles(
    page,
    [RUN_A, BASE, TUNED, GPU].map((f) => `${SAMPLES}${f}`),
  );
  await fileCard(page, RUN_A).getByRole('link', { name: 'resnet50' }).click();
  await page.getByRole('tab', { name: 'Measured' }).click();
  const polylines = (html: string) => html.match(/<polyline /g)?.length ?? 0;
  expect(polylines(await downloadReport(page))).toBe(3);

  await reloadWhenSaved(page);
  await expect(page.getByTestId('measured-cdf').locator('polyline')).toHaveCount(3);
  expect(polylines(await downloadReport(page))).toBe(3);

  await page.getByRole('button', { name: 'Copy link' }).click();
  const link = await page.getByTestId('share-link').inputValue();
  const reviewer = await newBrowser(browser, baseURL);
  await reviewer.page.goto(link);
  await reviewer.page.getByRole('tab', { name: 'Measured' }).click();
  expect(polylines(await downloadReport(reviewer.page))).toBe(3);
  await reviewer.close();
});
