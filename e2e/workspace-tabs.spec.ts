// One workspace across tabs: two pages of one browser profile each load a file, and each shows
// the other's at once and after a reload. A reload right after a drop keeps the file, and one
// made while a file is still being read is asked about first.
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import {
  dropFiles,
  expect,
  fileCard,
  openApp,
  openEmptyWorkspace,
  reloadWhenSaved,
  test,
  waitForReady,
} from './helpers/app.ts';

const FORMATS = fileURLToPath(new URL('../src/core/formats/', import.meta.url));
const REPORT = `${FORMATS}aoe-opat/fixtures/cann63rc2-array.json`;
const PROFILE = `${FORMATS}kernel-details/fixtures/torch_npu-level1-2025.06/kernel_details.csv`;

test.use({ locale: 'en-US' });

async function expectBothFiles(page: Page): Promise<void> {
  await expect(page.getByTestId('file-card')).toHaveCount(2);
  await expect(fileCard(page, 'cann63rc2-array.json')).toBeVisible();
  await expect(fileCard(page, 'kernel_details.csv')).toBeVisible();
}

/** The demo cleared and that stored, so the next page opened starts from the same workspace. */
async function openEmptyAndStored(page: Page): Promise<void> {
  await openEmptyWorkspace(page);
  await expect(page.locator('html')).toHaveAttribute('data-saved', 'true');
}

test('two tabs see each other’s files at once, and both keep both after a reload', async ({
  page,
  anotherPage,
}) => {
  await openEmptyAndStored(page);
  await openApp(anotherPage);
  await expect(anotherPage.getByTestId('file-card')).toHaveCount(0);

  await dropFiles(page, [REPORT]);
  // The other tab shows it without a reload.
  await expect(fileCard(anotherPage, 'cann63rc2-array.json')).toBeVisible();
  await dropFiles(anotherPage, [PROFILE]);
  await expect(fileCard(page, 'kernel_details.csv')).toBeVisible();
  await expectBothFiles(page);
  await expectBothFiles(anotherPage);

  // A link made in one tab shows in the other.
  await fileCard(anotherPage, 'cann63rc2-array.json')
    .getByRole('combobox', { name: 'Link a profile' })
    .selectOption({ label: 'kernel_details.csv' });
  await expect(fileCard(page, 'cann63rc2-array.json').locator('.link-chip')).toHaveText(
    'kernel_details.csv',
  );

  for (const tab of [page, anotherPage]) {
    await reloadWhenSaved(tab);
    await waitForReady(tab);
    await expectBothFiles(tab);
    await expect(fileCard(tab, 'cann63rc2-array.json').locator('.link-chip')).toHaveText(
      'kernel_details.csv',
    );
  }

  // Removing a file in one tab removes it in the other, and for good.
  await fileCard(page, 'kernel_details.csv')
    .getByRole('button', { name: 'Remove kernel_details.csv' })
    .click();
  await expect(anotherPage.getByTestId('file-card')).toHaveCount(1);
  await reloadWhenSaved(anotherPage);
  await waitForReady(anotherPage);
  await expect(anotherPage.getByTestId('file-card')).toHaveCount(1);
  await expect(fileCard(anotherPage, 'cann63rc2-array.json')).toBeVisible();
});

test('a reload as soon as the dropped file shows keeps it', async ({ page }) => {
  await openEmptyAndStored(page);
  // Should the page still be writing, it asks before the reload; the answer is to leave.
  page.on('dialog', (dialog) => void dialog.accept());
  await page.getByTestId('file-input').setInputFiles([REPORT]);
  await expect(fileCard(page, 'cann63rc2-array.json')).toBeVisible();
  await page.reload();
  await waitForReady(page);
  await expect(fileCard(page, 'cann63rc2-array.json')).toBeVisible();
});

/** A torch_npu kernel_details.csv of ~8 MB: long enough to read that a reload lands mid-way. */
function largeProfile(): Buffer {
  const lines = [
    'Step Id,Device_id,Name,Type,Accelerator Core,Start Time(us),Duration(us),Wait Time(us),Block Dim,Mix Block Dim,Input Shapes,Input Data Types,Input Formats,Output Shapes,Output Data Types,Output Formats',
  ];
  for (let r = 0; r < 60_000; r++) {
    lines.push(
      `1,0,Conv_${r % 53},Conv2D,AI_CORE,${1764246877073569 + r * 130}.250\t,${(r % 97) + 20.5},0,24,0,"32,64,56,56;64,64,3,3",FLOAT16,NC1HWC0,"32,64,56,56",FLOAT16,NC1HWC0`,
    );
  }
  return Buffer.from(lines.join('\r\n') + '\r\n', 'utf8');
}

test('a reload while a dropped file is still being read is asked about first', async ({ page }) => {
  await openEmptyAndStored(page);
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.type());
    // Stay on the page: the file goes on loading.
    void dialog.dismiss();
  });
  await page.getByTestId('file-input').setInputFiles({
    name: 'kernel_details.csv',
    mimeType: 'text/csv',
    buffer: largeProfile(),
  });
  await expect(page.getByTestId('ingest-job')).toBeVisible();
  // A reload the page itself does not start (as F5 would): it returns once the dialog is answered.
  await page.evaluate(() => location.reload());
  expect(dialogs).toEqual(['beforeunload']);

  await expect(fileCard(page, 'kernel_details.csv')).toContainText('60,000 rows', {
    timeout: 60_000,
  });
  await reloadWhenSaved(page);
  await waitForReady(page);
  await expect(fileCard(page, 'kernel_details.csv')).toContainText('60,000 rows');
});

/** How many files the workspace has stored in this browser (records and their entries both). */
async function storedFiles(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('aoe-dashboard');
        open.onerror = () => reject(new Error('no workspace database'));
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('workspace')) return resolve(0);
          const all = db.transaction('workspace').objectStore('workspace').getAllKeys();
          all.onsuccess = () => {
            const keys = all.result.map(String);
            const ids = (prefix: string) =>
              new Set(keys.filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length)));
            const files = ids('file:');
            resolve([...ids('entry:')].filter((id) => files.has(id)).length);
            db.close();
          };
        };
      }),
  );
}

test('a reload while the demo loads is not asked about, and the next start finishes the demo', async ({
  page,
}) => {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.type());
    void dialog.accept();
  });
  // A demo of one report and one profile long enough to read that the reload lands mid-way.
  await page.route('**/samples/index.json', (route) =>
    route.fulfill({
      json: {
        version: 1,
        groups: [
          {
            name: 'resnet50',
            files: ['aoe_result_opat_20261102093015123_pid41873.json', 'slow/kernel_details.csv'],
          },
        ],
      },
    }),
  );
  await page.route('**/samples/slow/kernel_details.csv', (route) =>
    route.fulfill({ body: largeProfile(), contentType: 'text/csv' }),
  );
  await page.goto('/');
  const report = fileCard(page, 'resnet50/aoe_result_opat_20261102093015123_pid41873.json');
  await expect(report).toBeVisible();
  await expect(page.getByTestId('ingest-job')).toBeVisible();
  // The report is stored while the profile is still being read.
  await expect.poll(() => storedFiles(page)).toBe(1);
  await page.evaluate(() => location.reload());
  expect(dialogs).toEqual([]);

  // The next start loads the profile the reload cut short, once, beside the stored report.
  await waitForReady(page);
  await expect(fileCard(page, 'resnet50/kernel_details.csv')).toContainText('60,000 rows', {
    timeout: 60_000,
  });
  await expect(page.getByTestId('file-card')).toHaveCount(2);
  await reloadWhenSaved(page);
  await waitForReady(page);
  await expect(page.getByTestId('file-card')).toHaveCount(2);
  await expect(fileCard(page, 'resnet50/kernel_details.csv')).toContainText('60,000 rows');
  expect(dialogs).toEqual([]);
});
