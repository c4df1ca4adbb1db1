// The launcher opened over plain http under a name that is not loopback — how a team opens it
// from another machine — is not a secure context: the page has no Web Crypto (crypto.subtle,
// crypto.randomUUID). Files still load there, hashed by the incremental SHA-256 in WebAssembly
// (which the launcher's CSP lets the page compile), and get the same ids (the sha-256 of their
// bytes) as on loopback, where Web Crypto hashes them. The name is mapped to 127.0.0.1 in the
// browser, so the spec needs no network of its own.
import type { ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { DEMO_CARDS, expect, fileCard, test, waitForReady } from './helpers/app.ts';
import { serveOwnLauncher } from './helpers/launch.ts';

test.use({ locale: 'en-US' });

const LAN_NAME = 'aoe-lan.test';
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

let dir = '';
let launcher: ChildProcess | null = null;
let lanBrowser: Browser | null = null;
let lanUrl = '';
/** A kernel_details.csv over the size read in byte ranges, and a small one. */
let big = '';
let small = '';

/** A torch_npu kernel_details.csv of about `rows` × 150 bytes. */
function kernelDetails(file: string, rows: number): string {
  const lines = [
    'Step Id,Device_id,Name,Type,Accelerator Core,Start Time(us),Duration(us),Wait Time(us),' +
      'Block Dim,Input Shapes,Input Data Types,Output Shapes',
  ];
  let start = 1764246877073569;
  for (let r = 0; r < rows; r++) {
    const dur = 2 + (r % 97) * 3.125;
    start += Math.ceil(dur) + 1;
    lines.push(
      `${1 + Math.floor(r / 5000)},0,MatMulV2_${r % 211},MatMulV2,AI_CORE,${start}.125\t,` +
        `${dur.toFixed(3)},0.500,24,"32,2048;2048,1000",FLOAT16;FLOAT16,"32,1000"`,
    );
  }
  writeFileSync(file, lines.join('\r\n') + '\r\n');
  return file;
}

const sha256Of = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'aoe-plain-http-'));
  big = kernelDetails(join(mkdtempSync(join(dir, 'big-')), 'kernel_details.csv'), 240_000);
  small = kernelDetails(join(mkdtempSync(join(dir, 'small-')), 'kernel_details.csv'), 40);
  const own = await serveOwnLauncher(join(dir, 'data'), ['--allowed-host', LAN_NAME, '--demo']);
  launcher = own.child;
  const port = new URL(own.url).port;
  lanUrl = `http://${LAN_NAME}:${port}`;
  lanBrowser = await chromium.launch({
    executablePath: existsSync(chromiumPath) ? chromiumPath : undefined,
    args: ['--no-sandbox', '--disable-gpu', `--host-resolver-rules=MAP ${LAN_NAME} 127.0.0.1`],
  });
});

test.afterAll(async () => {
  await lanBrowser?.close();
  launcher?.kill();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The card's file id (its profile link) and how the worker hashed the file. */
async function loaded(
  page: Page,
  path: string,
): Promise<{ id: string; hash: unknown; ranged: boolean }> {
  const before = Number((await page.locator('#root').getAttribute('data-drops')) ?? '0');
  await page.getByTestId('file-input').setInputFiles(path);
  await expect(page.locator('#root')).toHaveAttribute('data-drops', String(before + 1));
  await waitForReady(page);
  const card = fileCard(page, 'kernel_details.csv').last();
  await expect(card).toContainText('Loaded');
  const href = await card.getByRole('link', { name: 'Open profile' }).getAttribute('href');
  const hash = await page.evaluate(() => {
    const marks = performance.getEntriesByName('ingest kernel_details.csv');
    const detail = (marks.at(-1) as PerformanceMark | undefined)?.detail as
      { hash?: unknown; steps?: Record<string, number> } | undefined;
    return { hash: detail?.hash, ranged: detail?.steps?.rangesMerged !== undefined };
  });
  await card.getByRole('button', { name: 'Remove' }).click();
  await expect(fileCard(page, 'kernel_details.csv')).toHaveCount(0);
  return { id: decodeURIComponent(href?.replace(/^\/profile\//, '') ?? ''), ...hash };
}

test('over plain http from another machine, files load with the same ids as on loopback', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const context = await lanBrowser!.newContext({ locale: 'en-US' });
  const problems: string[] = [];
  try {
    const lan = await context.newPage();
    lan.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    lan.on('console', (m) => {
      // Chromium's note that it ignores the launcher's Cross-Origin-Opener-Policy on a page that
      // is not a secure context: the browser's own, about a header it drops, not the page's.
      if (/Cross-Origin-Opener-Policy header has been ignored/.test(m.text())) return;
      if (m.type() === 'error') problems.push(`console.error: ${m.text()}`);
    });
    await lan.goto(`${lanUrl}/`);
    // The demo's files load (before, each hung at "Parsing 0 B").
    await waitForReady(lan);
    expect(
      await lan.evaluate(() => [window.isSecureContext, typeof globalThis.crypto.subtle]),
    ).toEqual([false, 'undefined']);
    await expect(lan.getByTestId('file-card')).toHaveCount(DEMO_CARDS);
    await lan.getByTestId('demo-banner').getByRole('button').click();
    await expect(lan.getByTestId('file-card')).toHaveCount(0);

    // Small: hashed in the ingest worker; large: read in byte ranges, hashed in the hash worker.
    expect(await loaded(lan, small)).toEqual({ id: sha256Of(small), hash: 'wasm', ranged: false });
    expect(await loaded(lan, big)).toEqual({ id: sha256Of(big), hash: 'wasm', ranged: true });
    expect(problems).toEqual([]);
  } finally {
    await context.close();
  }

  // On loopback (a secure context) the same files get the same ids, from Web Crypto.
  await page.goto('/');
  await waitForReady(page);
  expect(await loaded(page, small)).toEqual({ id: sha256Of(small), hash: 'native', ranged: false });
  expect(await loaded(page, big)).toEqual({ id: sha256Of(big), hash: 'native', ranged: true });
});
