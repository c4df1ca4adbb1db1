// The run and profile pages end to end: the numbers of a dropped AOE report (hand-computed from
// the fixture), a truncated file labeled incomplete with its salvaged operators, a report joined
// with a profile and its tune_ops_file download, and a generated 100,000-row profile table that
// sorts, filters and keeps its view in the URL across a reload.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import {
  dropBuffers,
  dropFiles,
  expect,
  fileCard,
  openEmptyWorkspace,
  test,
} from './helpers/app.ts';

const AOE = fileURLToPath(new URL('../src/core/formats/aoe-opat/fixtures/', import.meta.url));

test.use({ locale: 'en-US' });

const HEADER =
  'Device_id,Model ID,Task ID,Stream ID,Op Name,OP Type,OP State,Task Type,Task Start Time(us),' +
  'Task Duration(us),Task Wait Time(us),Block Dim,Mix Block Dim,HF32 Eligible,Input Shapes,' +
  'Input Data Types,Input Formats,Output Shapes,Output Data Types,Output Formats,Context ID';

/** An msprof op_summary table: one kernel row per [name, type, duration µs]. */
function opSummary(rows: readonly (readonly [string, string, number])[]): string {
  let start = 1780676244313289;
  const lines = rows.map(([name, type, us], i) => {
    const line = `0,4294967295,${i},2,${name},${type},static,AI_CORE,${start.toFixed(3)}\t,${us},0.5,24,0,NO,"""1,64,56,56""",FLOAT16,NC1HWC0,"""1,64,56,56""",FLOAT16,NC1HWC0,N/A`;
    start += us + 1;
    return line;
  });
  return `${[HEADER, ...lines].join('\n')}\n`;
}

async function openRun(page: Page, fileName: string, task: string): Promise<void> {
  await fileCard(page, fileName).getByRole('link', { name: task }).click();
  await expect(page.getByTestId('run-page')).toBeVisible();
}

test('a CANN 6.3+ report shows its times, the time actually saved and its knowledge base', async ({
  page,
}) => {
  await openEmptyWorkspace(page);
  await dropFiles(page, [`${AOE}cann63rc2-array.json`]);
  await openRun(page, 'cann63rc2-array.json', 'resnet50_om_tune');

  await expect(page.getByTestId('fig-status')).toContainText('Succeeded');
  await expect(page.getByTestId('fig-tuning-time')).toContainText('2,210 s');
  await expect(page.getByTestId('fig-baseline')).toContainText('12.754 ms');
  await expect(page.getByTestId('fig-tuned')).toContainText('12.402 ms');
  await expect(page.getByTestId('fig-stated')).toContainText('2.84%');
  // 12.754321 − 12.401876 = 0.352445 ms, 0.352445 / 12.754321 = 2.76 % of the baseline.
  await expect(page.getByTestId('fig-saved')).toContainText('▼ 0.352 ms faster');
  await expect(page.getByTestId('fig-saved')).toContainText('2.76% of the baseline');
  // Conv_7 is tuned in two dimensions: 3 operators, 4 rows.
  await expect(page.getByTestId('fig-operators')).toContainText('3');
  await expect(page.getByTestId('fig-operators')).toContainText('4 rows');
  await expect(page.getByTestId('fig-failed')).toContainText('None');
  await expect(page.getByTestId('incomplete-badge')).toHaveCount(0);

  // The chart has its data as a table.
  const latency = page.getByTestId('latency-chart');
  await latency.getByRole('button', { name: 'Table' }).click();
  await expect(latency.getByRole('table')).toContainText('12.754 ms');
  await latency.getByRole('button', { name: 'Table' }).click();
  await expect(latency.locator('svg')).toBeVisible();

  await page.getByRole('tab', { name: 'Operators' }).click();
  await expect(page).toHaveURL(/tab=operators/);
  const table = page.getByTestId('operators-table');
  await expect(table.getByRole('status')).toHaveText('4 of 4 rows');
  // Default sort: Δ ascending, the largest gain first (Conv_7 Format 88.32 → 80.5 = −7.82 µs).
  await expect(table.locator('tbody tr').first()).toContainText('Conv_7');
  await expect(table.locator('tbody tr').first()).toContainText('▼ 7.82 µs faster');
  await table.getByLabel('Group by').selectOption({ label: 'Type' });
  await expect(page).toHaveURL(/ops\.group=type/);
  await expect(table.locator('.dt-group')).toHaveCount(3);
  await expect(table.getByRole('button', { name: 'Collapse Conv2D' })).toContainText('(2 rows)');
  await expect(table.locator('tbody tr')).toHaveCount(7); // 3 group rows + 4 operator rows
  await table.getByRole('button', { name: 'Collapse Conv2D' }).click();
  await expect(table.locator('tbody tr')).toHaveCount(5);
  await expect(table.getByRole('button', { name: 'Expand Conv2D' })).toHaveAttribute(
    'aria-expanded',
    'false',
  );
  await table.getByLabel('Group by').selectOption({ label: 'No grouping' });
  await expect(table.locator('.dt-group')).toHaveCount(0);
  await table.locator('summary', { hasText: 'Columns' }).click();
  await table.getByRole('checkbox', { name: 'Dimension' }).uncheck();
  await expect(table.getByRole('columnheader', { name: /Dimension/ })).toHaveCount(0);
  await table.getByLabel('Filter Type').fill('matmul');
  await expect(table.getByRole('status')).toHaveText('1 of 4 rows');
  await expect(table.locator('tbody tr')).toHaveCount(1);
  await expect(table.locator('tbody tr').first()).toContainText('Updated');

  await page.getByRole('tab', { name: 'Knowledge base' }).click();
  // repo_summary: hit 5 of total 8.
  await expect(page.getByTestId('fig-hit-rate')).toContainText('62.5%');
  const modified = page.getByTestId('repo-operators');
  await expect(modified.locator('tbody tr')).toHaveCount(4);
  await expect(modified).toContainText('Gemm_0');

  // The tab and the table filter are in the URL: back returns to the filtered operators tab.
  await page.goBack();
  await expect(page.getByRole('tab', { name: 'Operators' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await expect(page.getByTestId('operators-table').getByLabel('Filter Type')).toHaveValue('matmul');
});

test('a failed CANN 6.0 run lists its failed operators and the cross-check warnings show', async ({
  page,
}) => {
  await openEmptyWorkspace(page);
  await dropFiles(page, [
    `${AOE}cann601-array-tune-failed.json`,
    `${AOE}inconsistent-figures.json`,
  ]);
  await openRun(page, 'cann601-array-tune-failed.json', 'detector_offline');
  await expect(page.getByTestId('fig-status')).toContainText('Failed');
  await expect(page.getByTestId('fig-failed')).toContainText('2');
  await expect(page.getByTestId('fig-failed')).toContainText('res4a_branch1x/Conv2D');

  await page.goto('/');
  await openRun(page, 'inconsistent-figures.json', 'inconsistent_demo');
  const warnings = page.getByTestId('cross-check-warnings');
  await expect(warnings.locator('[data-code="INCONSISTENT"]')).toHaveCount(5);
  await expect(page.getByTestId('fig-stated')).toContainText('5.00%');
  await expect(page.getByTestId('fig-stated')).toContainText('recomputed from the times: 2.04%');
});

test('a truncated report is marked incomplete and shows the operators read before the cut', async ({
  page,
}) => {
  await openEmptyWorkspace(page);
  await dropFiles(page, [`${AOE}truncated-mid-operator.json`]);
  await openRun(page, 'truncated-mid-operator.json', 'resnet50_om_tune');
  await expect(page.getByTestId('incomplete-badge')).toHaveText('Incomplete');
  await page.getByRole('tab', { name: 'Operators' }).click();
  const table = page.getByTestId('operators-table');
  await expect(table.getByRole('status')).toHaveText('3 of 3 rows');
  await expect(table.locator('tbody')).toContainText('SoftmaxV2_0');
  await expect(table.locator('tbody')).not.toContainText('Gemm_0');
});

test('a report joined with a profile predicts the model gain and exports tune_ops_file', async ({
  page,
}) => {
  await openEmptyWorkspace(page);
  await dropFiles(page, [`${AOE}cann63rc2-array.json`]);
  // 210.77 µs in all; Conv_7, SoftmaxV2_0 and Gemm_0 were tuned (and improved).
  await dropBuffers(page, [
    {
      name: 'op_summary_20261102094530.csv',
      text: opSummary([
        ['Conv_7', 'Conv2D', 88.32],
        ['Conv_1', 'Conv2D', 50],
        ['Gemm_0', 'MatMulV2', 36.05],
        ['SoftmaxV2_0', 'SoftmaxV2', 21.4],
        ['Relu_0', 'Relu', 10],
        ['Add_0', 'Add', 5],
      ]),
    },
  ]);
  await openRun(page, 'cann63rc2-array.json', 'resnet50_om_tune');
  await page.getByRole('tab', { name: 'Profile join' }).click();
  await page.getByLabel('Link a profile').selectOption({ label: 'op_summary_20261102094530.csv' });
  await page.getByRole('button', { name: 'Link', exact: true }).click();

  // (88.32 − 74.01 + 21.4 − 18.9 + 36.05 − 36.04) / 210.77 = 16.82 / 210.77 = 7.98 %
  await expect(page.getByTestId('fig-predicted')).toContainText('7.98%');
  await expect(page.getByTestId('fig-measured')).toContainText('2.76%');
  // (88.32 + 21.4 + 36.05) / 210.77 = 69.2 %
  await expect(page.getByTestId('fig-coverage')).toContainText('69.2%');
  await expect(
    page.getByTestId('join-notes').locator('[data-kind="measured-below"]'),
  ).toBeVisible();
  const next = page.getByTestId('tune-next');
  await expect(next.locator('tbody tr')).toHaveCount(3);

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export tune_ops_file' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('tune_ops_file.json');
  const text = readFileSync(await file.path(), 'utf8');
  expect(JSON.parse(text)).toEqual({
    tune_ops_name: ['Conv_1', 'Relu_0', 'Add_0'],
    tune_ops_type: [],
  });

  // The same list prefills a new tuning job on the Launch page.
  await page.getByRole('link', { name: 'Start a tuning job with these operators' }).click();
  await expect(page).toHaveURL(/\/launch\?tuneOps=/);
  const prefilled = new URL(page.url()).searchParams.get('tuneOps');
  expect(JSON.parse(prefilled ?? '')).toEqual({
    tune_ops_name: ['Conv_1', 'Relu_0', 'Add_0'],
    tune_ops_type: [],
  });
});

test('a 100,000-row profile table sorts, filters and keeps its view across a reload', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const n = 100_000;
  // Listed in the order a text sort puts them.
  const types = ['Add', 'Conv2D', 'Relu'] as const;
  // 7919 is coprime with 100,000, so every duration 1 … 10,000.9 occurs exactly once.
  const duration = (i: number) => ((i * 7919) % n) / 10 + 1;
  const rows = Array.from(
    { length: n },
    (_, i) => [`Op_${i}`, types[i % 3] ?? 'Add', duration(i)] as const,
  );
  await openEmptyWorkspace(page);
  await dropBuffers(page, [{ name: 'op_summary_20261102120000.csv', text: opSummary(rows) }]);
  await fileCard(page, 'op_summary_20261102120000.csv')
    .getByRole('link', { name: 'Open profile' })
    .click();

  const table = page.getByTestId('profile-operators');
  await expect(table.getByRole('status')).toHaveText('100,000 of 100,000 rows');
  const first = table.locator('tbody tr').first();
  // Default: duration descending.
  const longest = rows.reduce((a, b) => (b[2] > a[2] ? b : a));
  await expect(first).toContainText(`${longest[0]}`);

  await table.getByRole('button', { name: /^Duration/ }).click();
  await expect(first.locator('td').first()).toHaveText('Op_0');
  await expect(table.getByRole('columnheader', { name: /Duration/ })).toHaveAttribute(
    'aria-sort',
    'ascending',
  );

  // Multi-sort: type ascending, then (Shift) duration descending → the longest Add row first.
  await table.getByRole('button', { name: /^Type/ }).click();
  await table.getByRole('button', { name: /^Duration/ }).click({ modifiers: ['Shift'] });
  const longestAdd = rows.filter((r) => r[1] === 'Add').reduce((a, b) => (b[2] > a[2] ? b : a));
  await expect(first.locator('td').first()).toHaveText(longestAdd[0]);

  await table.getByLabel('Filter Operator').fill('Op_9999');
  // Op_9999 and Op_99990 … Op_99999.
  await expect(table.getByRole('status')).toHaveText('11 of 100,000 rows');
  await table.getByLabel('Filter Operator').fill('');
  await table.getByLabel('Maximum Duration (µs)').fill('1.45');
  // Durations 1.0, 1.1, 1.2, 1.3, 1.4: five rows.
  await expect(table.getByRole('status')).toHaveText('5 of 100,000 rows');

  await page.reload();
  await expect(page.locator('#root')).toHaveAttribute('data-state', 'ready');
  await expect(table.getByRole('status')).toHaveText('5 of 100,000 rows');
  await expect(table.getByLabel('Maximum Duration (µs)')).toHaveValue('1.45');
  const typeOrder: readonly string[] = types;
  const expectedFirst = rows
    .filter((r) => r[2] <= 1.45)
    .sort((a, b) => typeOrder.indexOf(a[1]) - typeOrder.indexOf(b[1]) || b[2] - a[2])[0];
  await expect(first.locator('td').first()).toHaveText(expectedFirst?.[0] ?? '');
});

test('operator names from the file render as text, and the tabs work from the keyboard', async ({
  page,
}) => {
  const hostile = '<img src=x onerror=alert(1)>';
  const report = [
    { basic: { tuning_name: 'hostile_names', 'tuning_time(s)': 10 } },
    {
      OPAT: {
        'model_baseline_performance(ms)': 2,
        model_performance_improvement: '0.00%',
        'model_result_performance(ms)': 2,
        opat_tuning_result: 'tuning successful',
        repo_modified_operators: [
          {
            op_name: hostile,
            op_type: 'Conv2D',
            tune_performance: {
              Schedule: {
                'performance_after_tune(us)': 60,
                'performance_before_tune(us)': 55,
                performance_improvement: '-8.33%',
                update_mode: 'add',
              },
            },
          },
        ],
      },
    },
  ];
  await openEmptyWorkspace(page);
  await dropBuffers(page, [
    { name: 'aoe_result_opat_20261102093015123_pid1.json', text: JSON.stringify(report) },
  ]);
  await openRun(page, 'aoe_result_opat_20261102093015123_pid1.json', 'hostile_names');

  const summaryTab = page.getByRole('tab', { name: 'Summary' });
  await summaryTab.focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Operators' })).toBeFocused();
  await expect(page.getByRole('tab', { name: 'Operators' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  const table = page.getByTestId('operators-table');
  // 55 → 60 µs is a regression (Δ +5 µs, 5 µs lost): ▲, the word and the "worse" class.
  await expect(table.locator('tbody tr').first()).toContainText(hostile);
  const delta = table.locator('tbody tr').first().locator('.worse');
  await expect(delta.first()).toContainText('▲ 5 µs slower');
  const chart = page.getByTestId('gains-chart');
  await chart.getByRole('button', { name: 'Table' }).click();
  await expect(chart.getByRole('table')).toContainText(hostile);
  await expect(chart.getByRole('table')).toContainText('▲ 5 µs slower');
  await expect(page.locator('img[src="x"]')).toHaveCount(0);

  await page.getByRole('tab', { name: 'Operators' }).focus();
  await page.keyboard.press('End');
  await expect(page.getByRole('tab', { name: 'Measured' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
});
