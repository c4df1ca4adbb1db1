// Issue 10's journey: a report, the ais_bench summaries of the OM before and after tuning and a
// trtexec export dropped together → the run page's Measured view (AOE's claim next to the
// measured change), the gate's P99 verdict, and the acceptance report downloaded and opened from
// disk in a new page with no request leaving it and the same figures.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dropFiles, expect, fileCard, openEmptyWorkspace, test } from './helpers/app.ts';

const SAMPLES = fileURLToPath(new URL('../public/samples/', import.meta.url));
const REPORT = `${SAMPLES}aoe_result_opat_20261102093015123_pid41873.json`;
const BASE = `${SAMPLES}resnet50_bs1_baseline_summary.json`;
const TUNED = `${SAMPLES}resnet50_bs1_tuned_summary.json`;
const GPU = `${SAMPLES}resnet50_bs1_gpu_trtexec_times.json`;

/** Mean and P99 as ais_bench wrote them, read with JSON.parse here, not the product's reader. */
function npu(path: string): { mean: number; p99: number } {
  const doc = JSON.parse(readFileSync(path, 'utf8')) as {
    NPU_compute_time: Record<string, number>;
  };
  return {
    mean: doc.NPU_compute_time['mean'] as number,
    p99: doc.NPU_compute_time['percentile(99%)'] as number,
  };
}
const pctFaster = (a: number, b: number) => (((a - b) / a) * 100).toFixed(2);

test('report + two ais_bench summaries + trtexec → Measured view, P99 verdict, offline HTML report', async ({
  page,
  context,
}, testInfo) => {
  const base = npu(BASE);
  const tuned = npu(TUNED);
  await openEmptyWorkspace(page);
  await dropFiles(page, [REPORT, BASE, TUNED, GPU]);
  await expect(page.getByTestId('file-card')).toHaveCount(4);
  await fileCard(page, 'aoe_result_opat_20261102093015123_pid41873.json')
    .getByRole('link', { name: 'resnet50' })
    .click();
  await page.getByRole('tab', { name: 'Measured' }).click();

  const claim = page.getByTestId('measured-claim');
  await expect(claim).toContainText(
    `measured: faster by ${pctFaster(base.mean, tuned.mean)}%, P99 faster by ${pctFaster(base.p99, tuned.p99)}%`,
  );
  await expect(claim).toContainText('AOE states 7.83 %');
  const table = page.getByTestId('measured-run-table');
  await expect(table.locator('tr[data-role="baseline"]')).toContainText(base.mean.toFixed(3));
  await expect(table.locator('tr[data-role="tuned"]')).toContainText(tuned.mean.toFixed(3));
  await expect(table.locator('tr[data-role="gpu"]')).toContainText('trtexec');
  await expect(page.getByTestId('measured-cdf').locator('polyline')).toHaveCount(3);

  const p99 = page.getByTestId('measured-verdict').locator('li', { hasText: 'P99 latency' });
  await expect(p99).toContainText(`P99 latency: faster by ${pctFaster(base.p99, tuned.p99)}%`);
  await expect(p99).toHaveAttribute('data-status', 'pass');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'HTML' }).click(),
  ]);
  // Saved under the name the browser offers (acceptance-….html), as a user saves it: Playwright's
  // own download path has no extension, and a file without one opens as plain text — its words
  // and figures are all there, but no chart is drawn.
  expect(download.suggestedFilename()).toMatch(/^acceptance-.+\.html$/);
  const file = join(testInfo.outputPath(), download.suggestedFilename());
  await download.saveAs(file);
  const html = readFileSync(file, 'utf8');
  expect(html).toContain(base.mean.toFixed(3));
  expect(html).toContain(tuned.mean.toFixed(3));

  const offline = await context.newPage();
  const requests: string[] = [];
  offline.on('request', (r) => {
    if (!r.url().startsWith('file:')) requests.push(r.url());
  });
  await offline.goto(`file://${file}`);
  // Rendered as HTML, not shown as its source.
  await expect(offline.locator('body')).not.toContainText('<svg');
  await expect(offline.locator('body')).toContainText(tuned.p99.toFixed(3));
  // The latency distribution is drawn inline: baseline, tuned and GPU.
  await expect(offline.locator('figure svg polyline')).toHaveCount(3);
  await expect(offline.locator('body')).toContainText(
    `P99 latency: faster by ${pctFaster(base.p99, tuned.p99)}%`,
  );
  expect(requests).toEqual([]);
});
