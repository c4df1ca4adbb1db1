// A large profiler table (a generated ~20 MB kernel_details.csv) picked → ready, then a reload
// brings it back; and when the browser's storage refuses it (as when the disk is full), the card
// says it is not saved, the file still opens, and a reload no longer has it.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  dropFiles,
  expect,
  fileCard,
  openEmptyWorkspace,
  reloadWhenSaved,
  test,
  waitForReady,
} from './helpers/app.ts';

test.use({ locale: 'en-US' });

const ROWS = 200_000;

/** A torch_npu Level1 kernel_details.csv of ~20 MB (CRLF, TAB after start times, quoted shapes). */
function generateKernelDetails(): string {
  const dir = mkdtempSync(join(tmpdir(), 'aoe-large-'));
  const file = join(dir, 'kernel_details.csv');
  const kinds = [
    ['Conv2D', 'AI_CORE', '"32,64,56,56;64,64,3,3"'],
    ['Relu', 'AI_VECTOR_CORE', '"32,64,56,56"'],
    ['MatMulV2', 'AI_CORE', '"32,2048;2048,1000"'],
  ] as const;
  const lines = [
    'Step Id,Device_id,Name,Type,Accelerator Core,Start Time(us),Duration(us),Wait Time(us),' +
      'Block Dim,Mix Block Dim,Input Shapes,Input Data Types,Input Formats,Output Shapes,' +
      'Output Data Types,Output Formats',
  ];
  let start = 1764246877073569;
  for (let r = 0; r < ROWS; r++) {
    const k = kinds[r % kinds.length] ?? kinds[0];
    const dur = 2 + (r % 97) * 3.125;
    start += Math.ceil(dur) + 1;
    lines.push(
      `${1 + Math.floor(r / 5000)},0,${k[0]}_${r % 211},${k[0]},${k[1]},${start}.125\t,` +
        `${dur.toFixed(3)},0.500,24,0,${k[2]},FLOAT16,NC1HWC0,${k[2]},FLOAT16,NC1HWC0`,
    );
  }
  writeFileSync(file, lines.join('\r\n') + '\r\n');
  return file;
}

let csv = '';
test.beforeAll(() => {
  csv = generateKernelDetails();
});

test('a ~20 MB table is read, listed, opened, and still there after a reload', async ({ page }) => {
  await openEmptyWorkspace(page);
  await dropFiles(page, [csv]);
  const card = fileCard(page, 'kernel_details.csv');
  await expect(card.getByTestId('format-label')).toContainText('kernel_details');
  await expect(card.getByRole('note')).toHaveCount(0);

  await reloadWhenSaved(page);
  await waitForReady(page);
  await expect(card).toBeVisible();
  await expect(card.getByRole('note')).toHaveCount(0);
  await card.getByRole('link', { name: 'Open profile' }).click();
  await expect(page.getByTestId('profile-page')).toBeVisible();
});

/**
 * IndexedDB refuses file records as a full disk does. Init scripts do not reach workers, and the
 * ingest worker is what stores files: its script is served with the refusal in front.
 */
const REFUSE_FILE_RECORDS = `
const put = IDBObjectStore.prototype.put;
IDBObjectStore.prototype.put = function (value, key) {
  if (String(key).startsWith('file:')) throw new DOMException('Quota exceeded', 'QuotaExceededError');
  return put.call(this, value, key);
};
`;

test('when storage refuses it, the card says not saved and the file still opens', async ({
  page,
}) => {
  await page.route(/\/assets\/ingest\.worker-[^/]*\.js$/, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, body: REFUSE_FILE_RECORDS + (await response.text()) });
  });
  await openEmptyWorkspace(page);
  await dropFiles(page, [csv]);
  const card = fileCard(page, 'kernel_details.csv');
  await expect(card.getByRole('note')).toHaveText(/Not saved — kept for this session/);
  await card.getByRole('link', { name: 'Open profile' }).click();
  await expect(page.getByTestId('profile-page')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'kernel_details.csv', level: 1 })).toBeVisible();

  // Kept for this session only: a reload does not bring it back.
  await reloadWhenSaved(page);
  await waitForReady(page);
  await page.goto('/');
  await waitForReady(page);
  await expect(page.getByTestId('file-card')).toHaveCount(0);
});
