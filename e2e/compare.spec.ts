// The compare page against three fixture runs of one model (e2e/fixtures/compare, CANN 6.3+
// layout) whose figures are computed by hand:
//   R1 (baseline) tuned 100 ms; R2 94 ms (−6 %, accept); R3 97 ms (−3 %, Conv_1 +15 %: reject).
//   (R1–R3 name the fixtures here; the page names runs by model and time: resnet50 03-01 10:00.)
//   R2 vs R1: Conv_0 100→90 µs faster, Conv_1 120→126 (+5 %) slower, Conv_2 64→64.5 (+0.78 %, 0.5 µs)
//   and Gemm_0 40→40 unchanged, Relu_0 added, SoftmaxV2_0 removed; geometric mean
//   (100/90 × 120/126 × 64/64.5 × 1)^(1/4) = 1.012×.
//   R3 vs R1: Conv_1 120→138 (+15 %) slower, Conv_2 64→60 faster, three unchanged; 0.985×.
import { join } from 'node:path';
import { test, expect, openEmptyWorkspace, dropFiles, dropBuffers } from './helpers/app.ts';
import type { Page } from '@playwright/test';

test.use({ locale: 'en-US' });

const FIX = join(import.meta.dirname, 'fixtures/compare');
export const RUN1 = 'aoe_result_opat_20250301100000123_pid1001.json';
export const RUN2 = 'aoe_result_opat_20250302100000123_pid1002.json';
export const RUN3 = 'aoe_result_opat_20250303100000123_pid1003.json';
const OLD_GEN = 'aoe_result_opat_20240115093000456_pid2002.json';

async function openCompare(page: Page, files: readonly string[]): Promise<void> {
  await openEmptyWorkspace(page);
  await dropFiles(
    page,
    files.map((f) => join(FIX, f)),
  );
  await page.getByRole('navigation').getByRole('link', { name: 'Compare' }).click();
  await expect(page.getByTestId('compare-page')).toBeVisible();
  for (const f of files)
    await page.getByRole('checkbox', { name: `Compare: ${f} · resnet50` }).check();
  await page.getByRole('radio', { name: `Pin ${RUN1} · resnet50 as the baseline` }).check();
}

const opsRows = (page: Page) => page.getByTestId('ops-table').locator('tbody tr');

test('three runs: model deltas, operator buckets, geometric means and the verdict', async ({
  page,
}) => {
  await openCompare(page, [RUN1, RUN2, RUN3]);
  const verdict = page.getByTestId('verdict');
  await expect(verdict).toHaveAttribute('data-verdict', 'reject');
  await expect(verdict).toContainText('Verdict: ✕ Reject');
  await expect(verdict.locator('.verdict-run').nth(0)).toHaveAttribute('data-verdict', 'accept');
  await expect(verdict.locator('.verdict-run').nth(0)).toContainText(
    'Model latency (AOE): faster by 6% (at least 5% faster required).',
  );
  await expect(verdict.locator('.verdict-run').nth(1)).toHaveAttribute('data-verdict', 'reject');
  await expect(verdict.locator('.verdict-run').nth(1)).toContainText(
    'Model latency (AOE): faster by 3%; at least 5% faster required.',
  );
  await expect(verdict.locator('.verdict-run').nth(1)).toContainText('Conv_1 (+15.0%)');

  await page.getByRole('tab', { name: 'Model' }).click();
  await expect(page).toHaveURL(/tab=model/);
  const deltas = page.getByTestId('model-table').getByTestId('model-delta-pct');
  // ▼ is faster, with the word; sizes carry no sign (the word says which way).
  await expect(deltas).toHaveText(['—', '▼ 6.00%', '▼ 3.00%']);
  await expect(page.getByTestId('model-table').getByTestId('model-delta')).toHaveText([
    '—',
    '▼ 6.000 ms faster',
    '▼ 3.000 ms faster',
  ]);

  await page.getByRole('tab', { name: 'Operators' }).click();
  const summaries = page.getByTestId('ops-summary');
  await expect(summaries.nth(0)).toContainText(
    '1 faster, 1 slower, 2 unchanged, 1 added, 1 removed',
  );
  await expect(summaries.nth(0).getByTestId('geomean')).toHaveText(
    'geometric-mean speed-up 1.012× over 4 matched',
  );
  await expect(summaries.nth(1)).toContainText(
    '1 faster, 1 slower, 3 unchanged, 0 added, 0 removed',
  );
  await expect(summaries.nth(1).getByTestId('geomean')).toHaveText(
    'geometric-mean speed-up 0.985× over 5 matched',
  );
  await expect(opsRows(page)).toHaveCount(11);
  const conv0 = opsRows(page)
    .filter({ has: page.locator('td.op-name', { hasText: /^Conv_0$/ }) })
    .first();
  // Runs go by their model and time, not by their position in the selection.
  await expect(conv0.locator('td')).toHaveText([
    'resnet50 03-02 10:00',
    'Conv_0',
    'Conv2D',
    'Schedule',
    '▼ faster',
    '100.00',
    '90.00',
    '▼ 10.00 µs faster',
    '▼ 10.00%',
    '1.111×',
  ]);
});

test('diff-only and the noise floor hide what they should, and stay in the URL', async ({
  page,
}) => {
  await openCompare(page, [RUN1, RUN2, RUN3]);
  await page.getByRole('tab', { name: 'Operators' }).click();
  await expect(opsRows(page)).toHaveCount(11);
  await page.getByRole('checkbox', { name: 'Changes only' }).check();
  // Unchanged: R2 Conv_2 (+0.5 µs) and Gemm_0; R3 Conv_0, Gemm_0, SoftmaxV2_0.
  await expect(opsRows(page)).toHaveCount(6);
  await expect(opsRows(page).filter({ hasText: 'unchanged' })).toHaveCount(0);
  await page.getByLabel('Noise floor, %').fill('6');
  // R2 Conv_1 (+5 %) is now inside the noise floor; R3 Conv_2 (−6.25 %) and Conv_1 (+15 %) are not.
  await expect(opsRows(page)).toHaveCount(5);
  await expect(page.getByTestId('ops-summary').nth(0)).toContainText(
    '1 faster, 0 slower, 3 unchanged',
  );
  await expect(page).toHaveURL(/diff=1/);
  await expect(page).toHaveURL(/noisePct=6/);
  await page.reload();
  await expect(opsRows(page)).toHaveCount(5);
  await expect(page.getByRole('checkbox', { name: 'Changes only' })).toBeChecked();
});

test('runs of different AOE generations get the comparability banner, not an error', async ({
  page,
}) => {
  await openCompare(page, [RUN1, OLD_GEN]);
  const banner = page.getByTestId('comparability-banner');
  await expect(banner).toBeVisible();
  await expect(banner).toContainText(
    'AOE layout generation differs from the baseline (CANN 6.3+ vs CANN 6.2)',
  );
  // The banner's runs are not judged: "not comparable", not accept or reject.
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'incomparable');
  // The 6.2 file has no dimensions: its operators still meet the 6.3+ rows by name and type.
  await page.getByRole('tab', { name: 'Operators' }).click();
  await expect(page.getByTestId('ops-summary')).toContainText(
    '1 faster, 1 slower, 2 unchanged, 1 added, 1 removed',
  );
});

test('the gate is editable and its rules are part of the view', async ({ page }) => {
  await openCompare(page, [RUN1, RUN3]);
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'reject');
  await page.getByRole('tab', { name: 'Gate' }).click();
  await page.getByLabel('Model latency improves by at least (%)').fill('2');
  await page.locator('.gate-rule').nth(1).getByRole('checkbox', { name: 'On' }).uncheck();
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'accept');
  await expect(page).toHaveURL(/gate=/);
  await page.reload();
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'accept');
});

test('a rename pair matches an operator the run renamed', async ({ page }) => {
  await openCompare(page, [RUN1, RUN2]);
  await page.getByRole('tab', { name: 'Operators' }).click();
  const summary = page.getByTestId('ops-summary');
  await expect(summary).toContainText('1 faster, 1 slower, 2 unchanged, 1 added, 1 removed');
  await page.getByLabel('In the run').selectOption('Relu_0');
  await page.getByLabel('In the baseline').selectOption('SoftmaxV2_0');
  await page.getByRole('button', { name: 'Pair', exact: true }).click();
  // Relu_0 (30 µs) now meets SoftmaxV2_0 (16 µs): +87.5 %, slower; nothing added or removed.
  await expect(summary).toContainText('1 faster, 2 slower, 2 unchanged, 0 added, 0 removed');
  await expect(
    page.getByRole('listitem').filter({ hasText: 'Relu_0 → SoftmaxV2_0' }),
  ).toBeVisible();
  await expect(page).toHaveURL(/map=/);
});

/** A CANN 6.3+ operator-tuning report of `n` Conv operators, each tuned from 100 µs to `after(i)`. */
function bigReport(n: number, tunedMs: number, after: (i: number) => number): string {
  const ops = Array.from({ length: n }, (_, i) => {
    const a = after(i);
    const pct = `${((100 / a - 1) * 100).toFixed(2)}%`;
    return {
      op_name: `Conv_${i}`,
      op_type: 'Conv2D',
      tune_performance: {
        Schedule: {
          'performance_after_tune(us)': a,
          'performance_before_tune(us)': 100,
          performance_improvement: pct,
          update_mode: 'add',
        },
      },
    };
  });
  return JSON.stringify([
    { basic: { tuning_name: 'bigmodel', 'tuning_time(s)': 3600 } },
    {
      OPAT: {
        'model_baseline_performance(ms)': 100,
        model_performance_improvement: `${((100 / tunedMs - 1) * 100).toFixed(2)}%`,
        'model_result_performance(ms)': tunedMs,
        opat_tuning_result: 'tuning successful',
        repo_modified_operators: ops,
        repo_summary: {
          repo_add_num: n,
          repo_hit_num: 0,
          repo_reserved_num: 0,
          repo_unsatisfied_num: 0,
          repo_update_num: 0,
          total_num: n,
        },
      },
    },
  ]);
}

test('a comparison of thousands of operators renders only the rows in view and scrolls to the last', async ({
  page,
}) => {
  const n = 4000;
  const base = 'aoe_result_opat_20250401100000123_pid3001.json';
  const cand = 'aoe_result_opat_20250402100000123_pid3002.json';
  await openEmptyWorkspace(page);
  await dropBuffers(page, [
    { name: base, text: bigReport(n, 95, () => 90) },
    // Every third operator slower than in the baseline, the rest faster.
    { name: cand, text: bigReport(n, 94, (i) => (i % 3 === 0 ? 99 : 80)) },
  ]);
  await page.getByRole('navigation').getByRole('link', { name: 'Compare' }).click();
  for (const f of [base, cand])
    await page.getByRole('checkbox', { name: `Compare: ${f} · bigmodel` }).check();
  await page.getByRole('radio', { name: `Pin ${base} · bigmodel as the baseline` }).check();
  await page.getByRole('tab', { name: 'Operators' }).click();

  await expect(page.getByTestId('ops-shown')).toHaveText(`Showing ${n} of ${n} rows`);
  const rendered = page.getByTestId('ops-table').locator('tbody tr:not([data-spacer])');
  await expect(rendered.first()).toBeVisible();
  expect(await rendered.count()).toBeLessThan(200);

  // Scrolled to the end, the last rows are rendered and no spacer is left below them.
  await page
    .getByTestId('ops-table')
    .locator('.dt-scroll')
    .evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await expect(rendered.last()).toHaveAttribute('data-index', String(n - 1));
  await expect(page.getByTestId('ops-table').locator('tbody tr').last()).not.toHaveAttribute(
    'data-spacer',
    '',
  );
});
