// Profiles and folders on the workspace page: each profiler table is labeled with its header
// set, a profile picked with a report is linked to it only on evidence (links can be changed by
// hand, and say why they hold), and a dropped folder loads the tables it holds while listing the
// rest as skipped.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  dropFiles,
  dropFolder,
  expect,
  fileCard,
  openEmptyWorkspace,
  reloadWhenSaved,
  test,
} from './helpers/app.ts';

const FORMATS = fileURLToPath(new URL('../src/core/formats/', import.meta.url));
const REPORT = `${FORMATS}aoe-opat/fixtures/cann63rc2-array.json`;
const KERNEL_DETAILS = `${FORMATS}kernel-details/fixtures/torch_npu-level1-2025.06/kernel_details.csv`;
const OP_SUMMARY = `${FORMATS}op-summary/fixtures/msprof-8.x/op_summary_20261102094530.csv`;
const OP_STATISTIC = `${FORMATS}op-statistic/fixtures/op_statistic-device/op_statistic_20261102094530.csv`;

test.use({ locale: 'en-US' });

test('each profiler table is labeled with its format and header set', async ({ page }) => {
  await openEmptyWorkspace(page);
  await dropFiles(page, [KERNEL_DETAILS, OP_SUMMARY, OP_STATISTIC]);
  await expect(fileCard(page, 'kernel_details.csv').getByTestId('format-label')).toHaveText(
    'torch_npu kernel_details table, torch_npu Level1/2 header, 2025-06 to 2026-01',
  );
  await expect(
    fileCard(page, 'op_summary_20261102094530.csv').getByTestId('format-label'),
  ).toHaveText('msprof op_summary table, msprof header, CANN 8.x');
  await expect(
    fileCard(page, 'op_statistic_20261102094530.csv').getByTestId('format-label'),
  ).toHaveText('op_statistic table, header with Device_id (CANN 8.x+, torch_npu 2025-06+)');
  await expect(
    fileCard(page, 'kernel_details.csv').getByRole('link', { name: 'Open profile' }),
  ).toHaveAttribute('href', /^\/profile\/[0-9a-f]{64}$/);
});

test('a profile picked with a report is linked only on evidence; links can be changed by hand', async ({
  page,
}) => {
  await openEmptyWorkspace(page);
  await dropFiles(page, [REPORT, KERNEL_DETAILS]);
  const report = fileCard(page, 'cann63rc2-array.json');
  // Picked together, but none of the report's tuned operators is in this table: not linked.
  await expect(report.locator('.link-chip')).toHaveCount(0);
  await report
    .getByRole('combobox', { name: 'Link a profile' })
    .selectOption({ label: 'kernel_details.csv' });
  await expect(report.locator('.link-chip')).toHaveText('kernel_details.csv');
  await expect(report.getByTestId('link-evidence')).toHaveAttribute('data-verdict', 'mismatch');
  await expect(fileCard(page, 'kernel_details.csv').locator('.link-chip')).toHaveText(
    'cann63rc2-array.json',
  );

  // A profile loaded later is not linked by itself, but can be chosen.
  await dropFiles(page, [OP_SUMMARY]);
  await expect(report.locator('.link-chip')).toHaveCount(1);
  await report
    .getByRole('combobox', { name: 'Link a profile' })
    .selectOption({ label: 'op_summary_20261102094530.csv' });
  await expect(report.locator('.link-chip')).toHaveText([
    'kernel_details.csv',
    'op_summary_20261102094530.csv',
  ]);
  await report.getByRole('button', { name: 'Unlink kernel_details.csv' }).click();
  await expect(report.locator('.link-chip')).toHaveText(['op_summary_20261102094530.csv']);

  // Links are part of the saved workspace.
  await reloadWhenSaved(page);
  await expect(page.locator('#root')).toHaveAttribute('data-state', 'ready');
  await expect(report.locator('.link-chip')).toHaveText(['op_summary_20261102094530.csv']);
});

test('a dropped folder loads its tables, links them, and lists what it skipped', async ({
  page,
}) => {
  const dir = mkdtempSync(join(tmpdir(), 'aoe-dashboard-e2e-'));
  const run = join(dir, 'resnet50_run');
  const summary = join(run, 'PROF_000001_20261102094530_ABCDEF', 'device_0', 'summary');
  mkdirSync(summary, { recursive: true });
  copyFileSync(REPORT, join(run, 'aoe_result_opat_20261102094530_pid42.json'));
  // The profile of the tuned model: it holds the operators the report tuned.
  writeFileSync(
    join(summary, 'op_summary_0_1.csv'),
    readFileSync(OP_SUMMARY, 'utf8')
      .replace(',Conv_0,', ',Conv_7,')
      .replace(',Relu_0,', ',SoftmaxV2_0,')
      .replace(',Conv_1,', ',Gemm_0,'),
  );
  writeFileSync(join(run, 'aoe.log'), 'tuning log\n');
  writeFileSync(join(summary, 'trace_view.json'), '[{"name":"x","ph":"X","pid":1,"tid":1,"ts":0}]');

  await openEmptyWorkspace(page);
  await dropFolder(page, run);
  await expect(page.getByTestId('file-card')).toHaveCount(3);
  const report = fileCard(page, 'resnet50_run/aoe_result_opat_20261102094530_pid42.json');
  await expect(report.locator('.link-chip')).toHaveText([/op_summary_0_1\.csv$/]);
  await expect(report.getByTestId('link-evidence')).toContainText(
    'Same model: model “resnet50” named by both; 3 of 3 tuned operators found in the profile',
  );

  const skipped = page.getByTestId('skipped');
  // The timeline is read now; the log beside it is listed as not used, without an error.
  await expect(skipped.getByText('1 file not used')).toBeVisible();
  await skipped.getByText('1 file not used').click();
  await expect(skipped.getByRole('listitem').filter({ hasText: 'aoe.log' })).toContainText(
    'not a format the dashboard reads',
  );
  await expect(skipped.locator('.issue')).toHaveCount(0);
  await expect(
    fileCard(
      page,
      'resnet50_run/PROF_000001_20261102094530_ABCDEF/device_0/summary/trace_view.json',
    ),
  ).toContainText('Perfetto');
});

test('the side files of a torch_npu *_ascend_pt folder are listed as not used, never as errors', async ({
  page,
}) => {
  // The layout torch_npu writes: the tables the dashboard reads and the ones beside them.
  const dir = mkdtempSync(join(tmpdir(), 'aoe-dashboard-e2e-'));
  const pt = join(dir, 'rank0_ascend_pt');
  const out = join(pt, 'ASCEND_PROFILER_OUTPUT');
  mkdirSync(out, { recursive: true });
  copyFileSync(KERNEL_DETAILS, join(out, 'kernel_details.csv'));
  writeFileSync(
    join(out, 'api_statistic.csv'),
    'Level,API Name,Time(us),Count,Avg(us),Min(us),Max(us),Variance\nruntime,launch,10,1,10,10,10,0\n',
  );
  writeFileSync(
    join(out, 'memory_record.csv'),
    'Component,Timestamp(us),Total Allocated(MB),Total Reserved(MB),Device Type\nPTA,1,2,4,NPU:0\n',
  );
  writeFileSync(join(out, 'l2_cache.csv'), 'Stream Id,Task Id,Hit Rate,Victim Rate,Op Name\n');
  writeFileSync(
    join(pt, 'profiler_info_0.json'),
    '{"config":{"common_config":{}},"start_info":{}}',
  );
  writeFileSync(join(pt, 'profiler_metadata.json'), '{"ENV_VARIABLES":{}}');

  await openEmptyWorkspace(page);
  await dropFolder(page, pt);
  await expect(
    fileCard(page, 'rank0_ascend_pt/ASCEND_PROFILER_OUTPUT/kernel_details.csv'),
  ).toBeVisible();
  await expect(page.getByTestId('file-card')).toHaveCount(1);
  const skipped = page.getByTestId('skipped');
  await skipped.getByText('5 files not used').click();
  for (const name of [
    'api_statistic.csv',
    'memory_record.csv',
    'l2_cache.csv',
    'profiler_info_0.json',
    'profiler_metadata.json',
  ])
    await expect(skipped.getByRole('listitem').filter({ hasText: name })).toHaveCount(1);
  // Listed with their kind, neutrally: no error and no UNKNOWN_FORMAT anywhere on the page.
  await expect(
    skipped.getByRole('listitem').filter({ hasText: 'memory_record.csv' }),
  ).toContainText('not a format the dashboard reads (memory)');
  await expect(skipped.locator('.issue')).toHaveCount(0);
  await expect(page.locator('.issue-error')).toHaveCount(0);
  await expect(page.getByText('UNKNOWN_FORMAT')).toHaveCount(0);
});

test('files dragged onto the drop zone are loaded', async ({ page }) => {
  await openEmptyWorkspace(page);
  const text = readFileSync(REPORT, 'utf8');
  const dataTransfer = await page.evaluateHandle((json) => {
    const dt = new DataTransfer();
    dt.items.add(new File([json], 'dragged_aoe_result.json', { type: 'application/json' }));
    return dt;
  }, text);
  const zone = page.getByTestId('drop-zone');
  await zone.dispatchEvent('dragover', { dataTransfer });
  await expect(zone).toHaveClass(/over/);
  await zone.dispatchEvent('drop', { dataTransfer });
  await expect(fileCard(page, 'dragged_aoe_result.json').getByTestId('format-label')).toHaveText(
    'AOE operator tuning, CANN 6.3+ layout · array of sections',
  );
  await expect(zone).not.toHaveClass(/over/);
});
