// A large profile loads in the worker: a progress bar shows while it is read, the page keeps
// answering (the theme switch works mid-load), cancel stops it without adding anything, and a
// second try completes.
import { closeSync, existsSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, fileCard, openEmptyWorkspace, test, waitForReady } from './helpers/app.ts';

const ROWS = 700_000;

/** ~80 MB torch_npu kernel_details.csv, written once per machine. */
function bigKernelDetails(): string {
  const dir = join(tmpdir(), 'aoe-dashboard-e2e-big');
  const file = join(dir, 'kernel_details.csv');
  if (existsSync(file)) return file;
  mkdirSync(dir, { recursive: true });
  const fd = openSync(`${file}.tmp`, 'w');
  writeSync(
    fd,
    'Step Id,Device_id,Name,Type,Accelerator Core,Start Time(us),Duration(us),Wait Time(us),Block Dim,Mix Block Dim,Input Shapes,Input Data Types,Input Formats,Output Shapes,Output Data Types,Output Formats\r\n',
  );
  let rows: string[] = [];
  for (let r = 0; r < ROWS; r++) {
    rows.push(
      `1,0,Conv_${r % 53},Conv2D,AI_CORE,${1764246877073569 + r * 130}.250\t,${(r % 97) + 20.5},0,24,0,"32,64,56,56;64,64,3,3",FLOAT16,NC1HWC0,"32,64,56,56",FLOAT16,NC1HWC0`,
    );
    if (rows.length === 10_000) {
      writeSync(fd, rows.join('\r\n') + '\r\n');
      rows = [];
    }
  }
  writeSync(fd, rows.join('\r\n') + '\r\n');
  closeSync(fd);
  // Renamed only when complete, so a half-written file is never reused.
  renameSync(`${file}.tmp`, file);
  return file;
}

test.use({ locale: 'en-US' });

test('a large profile shows progress, keeps the page responsive, and can be canceled', async ({
  page,
}) => {
  const file = bigKernelDetails();
  await openEmptyWorkspace(page);
  const root = page.locator('#root');

  await page.getByTestId('file-input').setInputFiles(file);
  const job = page.getByTestId('ingest-job');
  await expect(job).toBeVisible();
  await expect(root).toHaveAttribute('data-state', 'loading');
  await expect(job.getByRole('progressbar')).toBeVisible();
  // The page answers while the worker parses.
  await page.getByTestId('theme-switch').selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await job.getByRole('button', { name: 'Cancel loading kernel_details.csv' }).click();
  await waitForReady(page);
  await expect(job).toHaveCount(0);
  await expect(page.getByTestId('file-card')).toHaveCount(0);

  // A second try, left alone, completes.
  await page.getByTestId('file-input').setInputFiles(file);
  await expect(fileCard(page, 'kernel_details.csv').getByTestId('format-label')).toContainText(
    'torch_npu kernel_details table',
    { timeout: 60_000 },
  );
  await waitForReady(page);
  await expect(fileCard(page, 'kernel_details.csv')).toContainText('700,000 rows');
});
