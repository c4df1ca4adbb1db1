// Finding: profiles stopped at operator type. The profile page groups kernel rows by operator name
// (count, total, mean, max, share), labels the missing type of a Level0 profile, and links back to
// the runs that use the profile.
import { fileURLToPath } from 'node:url';
import {
  dropBuffers,
  dropFiles,
  expect,
  fileCard,
  openEmptyWorkspace,
  test,
} from './helpers/app.ts';

const FORMATS = fileURLToPath(new URL('../src/core/formats/', import.meta.url));
const LEVEL0 = `${FORMATS}kernel-details/fixtures/torch_npu-level0/kernel_details.csv`;
const REPORT = `${FORMATS}aoe-opat/fixtures/cann63rc2-array.json`;

test.use({ locale: 'en-US' });

const HEADER =
  'Device_id,Model ID,Task ID,Stream ID,Op Name,OP Type,OP State,Task Type,Task Start Time(us),' +
  'Task Duration(us),Task Wait Time(us),Block Dim,Mix Block Dim,HF32 Eligible,Input Shapes,' +
  'Input Data Types,Input Formats,Output Shapes,Output Data Types,Output Formats,Context ID';

function opSummary(rows: readonly (readonly [string, string, number])[]): string {
  let start = 1780676244313289;
  const lines = rows.map(([name, type, us], i) => {
    const line = `0,4294967295,${i},2,${name},${type},static,AI_CORE,${start.toFixed(3)}\t,${us},0.5,24,0,NO,"""1,64""",FLOAT16,ND,"""1,64""",FLOAT16,ND,N/A`;
    start += us + 1;
    return line;
  });
  return `${[HEADER, ...lines].join('\n')}\n`;
}

test('kernel rows are grouped by operator name, and the profile links to its runs', async ({
  page,
}) => {
  // Three steps of one model: each operator launched three times.
  const step: [string, string, number][] = [
    ['Conv_7', 'Conv2D', 80],
    ['Gemm_0', 'MatMulV2', 36],
    ['SoftmaxV2_0', 'SoftmaxV2', 20],
    ['Relu_0', 'Relu', 4],
  ];
  const rows = [0, 1, 2].flatMap((s) => step.map(([n, t, us]) => [n, t, us + s * 10] as const));
  await openEmptyWorkspace(page);
  await dropFiles(page, [REPORT]);
  await dropBuffers(page, [{ name: 'op_summary_20261102094530.csv', text: opSummary(rows) }]);
  // Loaded separately, so linked by hand.
  await fileCard(page, 'cann63rc2-array.json')
    .getByRole('combobox', { name: 'Link a profile' })
    .selectOption({ label: 'op_summary_20261102094530.csv' });
  await fileCard(page, 'op_summary_20261102094530.csv')
    .getByRole('link', { name: 'Open profile' })
    .click();

  const byName = page.getByTestId('profile-by-name');
  await expect(byName.getByRole('status')).toHaveText('4 of 4 rows');
  const conv = byName.locator('tbody tr').first();
  // Conv_7: 80 + 90 + 100 = 270 µs in 3 launches, mean 90, max 100; 270 / 540 = 50.00 %.
  await expect(conv.locator('td')).toHaveText([
    'Conv_7',
    'Conv2D',
    '3',
    '270',
    '90',
    '100',
    '50.00%',
  ]);
  await expect(page.getByTestId('profile-operators').getByRole('status')).toHaveText(
    '12 of 12 rows',
  );

  const usedBy = page.getByTestId('profile-used-by');
  await usedBy.getByRole('link', { name: 'resnet50_om_tune' }).click();
  await expect(page.getByTestId('run-page')).toBeVisible();
  await expect(page).toHaveURL(/\/run\/[0-9a-f]{64}\/0$/);
});

test('a Level0 profile’s missing type is labeled, not a blank bar', async ({ page }) => {
  await openEmptyWorkspace(page);
  await dropFiles(page, [LEVEL0]);
  await fileCard(page, 'kernel_details.csv').getByRole('link', { name: 'Open profile' }).click();
  const chart = page.getByTestId('type-chart');
  await expect(chart.locator('table tbody')).toContainText('(no type — Level0 profile)');
  await expect(page.getByTestId('type-table').locator('tbody')).toContainText(
    '(no type — Level0 profile)',
  );
  await expect(page.getByTestId('profile-used-by')).toContainText('No run is linked');
  // Conv_0 ran in two steps: one entry by name with both launches.
  const names = page.getByTestId('profile-by-name');
  await expect(
    names.locator('tbody tr').filter({ hasText: 'Conv_0' }).locator('td').nth(2),
  ).toHaveText('2');
});
