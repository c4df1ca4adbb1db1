// A large kernel table (a generated ~40 MB kernel_details.csv, read as byte ranges by range
// workers) loads with the page responsive, and shows what a single reading of the file shows:
// the same card, the same profile figures and the same advice (the precision digest) as when
// range workers cannot start and the ingest worker reads the file as one stream.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, fileCard, openEmptyWorkspace, test, waitForReady } from './helpers/app.ts';

test.use({ locale: 'en-US' });

const ROWS = 330_000;

/**
 * A torch_npu Level1 kernel_details.csv of ~40 MB: CRLF, TAB after start times, quoted shapes,
 * some names quoted over several lines (range boundaries may fall inside them), FP32 and dynamic
 * rows for the precision advice, and a few bad rows late in the file.
 */
function generateKernelDetails(): string {
  const dir = mkdtempSync(join(tmpdir(), 'aoe-ranges-'));
  const file = join(dir, 'kernel_details.csv');
  const kinds = [
    ['Conv2D', 'AI_CORE', '"32,64,56,56;64,64,3,3"', 'FLOAT16;FLOAT16'],
    ['Relu', 'AI_VECTOR_CORE', '"32,64,56,56"', 'FLOAT16'],
    ['MatMulV2', 'AI_CORE', '"32,2048;2048,1000"', 'FLOAT;FLOAT'],
    ['LayerNorm', 'AI_VECTOR_CORE', '"32,1024"', 'FLOAT'],
  ] as const;
  const lines = [
    'Step Id,Device_id,Name,Type,OP State,Accelerator Core,Start Time(us),Duration(us),' +
      'Wait Time(us),Block Dim,Mix Block Dim,Input Shapes,Input Data Types,Input Formats,' +
      'Output Shapes,Output Data Types,Output Formats',
  ];
  let start = 1764246877073569;
  for (let r = 0; r < ROWS; r++) {
    const k = kinds[r % kinds.length] ?? kinds[0];
    const dur = 2 + (r % 97) * 3.125;
    start += Math.ceil(dur) + 1;
    const name = r % 1009 === 0 ? `"${k[0]}_${r}\n${'x'.repeat(70)}\nend"` : `${k[0]}_${r % 211}`;
    const duration = r % 50_021 === 49_999 ? 'n/a?' : dur.toFixed(3);
    lines.push(
      `${1 + Math.floor(r / 5000)},0,${name},${k[0]},${r % 13 === 0 ? 'dynamic' : 'static'},` +
        `${k[1]},${start}.125\t,${duration},0.500,24,0,${k[2]},${k[3]},NC1HWC0,${k[2]},` +
        `FLOAT16,NC1HWC0`,
    );
  }
  writeFileSync(file, lines.join('\r\n') + '\r\n');
  return file;
}

/** What the user sees of the file: its card, and its profile page's figures and advice. */
async function shown(page: Page): Promise<{ card: string; figures: string; advice: string }> {
  const card = fileCard(page, 'kernel_details.csv');
  await expect(card.getByTestId('format-label')).toContainText('kernel_details');
  const cardText = await card.innerText();
  await card.getByRole('link', { name: 'Open profile' }).click();
  const profile = page.getByTestId('profile-page');
  await expect(profile).toBeVisible();
  return {
    card: cardText,
    figures: await profile.locator('.profile-figures').innerText(),
    advice: await profile.getByTestId('advice-panel').innerText(),
  };
}

let csv = '';
test.beforeAll(() => {
  csv = generateKernelDetails();
});

test('a large table is read in ranges with the page responsive, and shows what one reading shows', async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  let rangeWorkerLoads = 0;
  page.context().on('request', (request) => {
    if (/\/assets\/range\.worker-[^/]*\.js$/.test(request.url())) rangeWorkerLoads++;
  });
  await openEmptyWorkspace(page);
  await page.getByTestId('file-input').setInputFiles(csv);
  // While it is read, the page answers: its progress is shown, and another page opens.
  await expect(page.getByTestId('ingest-job')).toBeVisible();
  // The bar shows the share of the file parsed that its label says (one pass reads and parses).
  const job = page.getByTestId('ingest-job');
  await expect(job.getByText(/^Parsing /)).toBeVisible();
  const bar = await job.getByRole('progressbar').evaluate((el) => ({
    value: (el as HTMLProgressElement).value,
    label: el.getAttribute('aria-valuetext') ?? '',
  }));
  const size = { B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 } as const;
  const bytes = (text: string) => {
    const m = /([\d.,]+) (B|KB|MB|GB)/.exec(text);
    return m ? Number((m[1] ?? '').replace(/,/g, '')) * size[m[2] as keyof typeof size] : NaN;
  };
  const [done = '', total = ''] = bar.label.replace(/^Parsing /, '').split(' of ');
  expect(Math.abs(bar.value - bytes(done) / bytes(total))).toBeLessThan(0.02);
  await page.getByRole('link', { name: 'History' }).first().click();
  await expect(page).toHaveURL(/\/history/);
  await page.goBack();
  await waitForReady(page);
  const ranged = await shown(page);
  expect(ranged.figures).toContain('330,000');
  expect(ranged.card).toMatch(/issue|warning/i);
  expect(rangeWorkerLoads).toBeGreaterThan(0);

  // The same file where range workers cannot start: the ingest worker reads it as one stream.
  const context = await browser.newContext({ locale: 'en-US' });
  // A worker that cannot start workers: the ingest worker's script is served with `Worker` gone.
  let refused = 0;
  await context.route(/\/assets\/ingest\.worker-[^/]*\.js$/, async (route) => {
    refused++;
    const response = await route.fetch();
    const body = `globalThis.Worker = undefined;\n${await response.text()}`;
    await route.fulfill({ response, body });
  });
  let singleRangeLoads = 0;
  context.on('request', (request) => {
    if (/\/assets\/range\.worker-[^/]*\.js$/.test(request.url())) singleRangeLoads++;
  });
  const single = await context.newPage();
  await openEmptyWorkspace(single);
  await single.getByTestId('file-input').setInputFiles(csv);
  await waitForReady(single);
  expect(await shown(single)).toEqual(ranged);
  expect(refused).toBeGreaterThan(0);
  expect(singleRangeLoads).toBe(0);
  await context.close();
});
