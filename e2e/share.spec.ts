// Sharing and exporting a comparison: a copied link opened in a fresh browser shows the same
// numbers and view, read-only, and can be added to that browser's workspace; broken links show
// a specific error; downloads (CSV with a BOM in zh-CN, Markdown against a golden file, JSON) are
// checked byte for byte where it matters.
import { readFileSync } from 'node:fs';
import { decodeFragment } from '../src/core/share/codec.ts';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { test, expect, openEmptyWorkspace, dropFiles } from './helpers/app.ts';

const FIX = join(import.meta.dirname, 'fixtures/compare');
const RUN1 = 'aoe_result_opat_20250301100000123_pid1001.json';
const RUN2 = 'aoe_result_opat_20250302100000123_pid1002.json';
const RUN3 = 'aoe_result_opat_20250303100000123_pid1003.json';

async function openCompare(page: Page, names: { compare: string; pin: (f: string) => string }) {
  await openEmptyWorkspace(page);
  await dropFiles(
    page,
    [RUN1, RUN2, RUN3].map((f) => join(FIX, f)),
  );
  await page.getByRole('navigation').getByRole('link', { name: names.compare }).click();
  for (const f of [RUN1, RUN2, RUN3])
    await page.getByRole('checkbox', { name: new RegExp(`: ${f} · resnet50$`) }).check();
  await page.getByRole('radio', { name: names.pin(`${RUN1} · resnet50`) }).check();
}

/** A second, fresh browser (no workspace) with the same page checks as the test fixture. */
async function freshPage(browser: Browser, locale: string) {
  const context = await browser.newContext({ locale });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console.error: ${m.text()}`);
  });
  return { context, page, problems };
}

const cellTexts = (page: Page) => page.getByTestId('ops-table').locator('tbody tr').allInnerTexts();

test.describe('in English', () => {
  test.use({ locale: 'en-US' });

  test('a copied link shows identical numbers and state in a new browser, read-only', async ({
    page,
    browser,
    context,
  }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await openCompare(page, { compare: 'Compare', pin: (r) => `Pin ${r} as the baseline` });
    await page.getByRole('tab', { name: 'Operators' }).click();
    await page.getByRole('checkbox', { name: 'Changes only' }).check();
    await page.getByLabel('Noise floor, %').fill('6');
    await page.getByRole('button', { name: /^Δ % \/ ×/ }).click();
    await expect(page.getByTestId('ops-table').locator('tbody tr')).toHaveCount(5);
    const rows = await cellTexts(page);
    const summaries = await page.getByTestId('ops-summary').allInnerTexts();

    await page.getByRole('button', { name: 'Copy link' }).click();
    const link = await page.getByTestId('share-link').inputValue();
    expect(link).toMatch(/\/compare#b=[A-Za-z0-9_-]+$/);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
    expect(link.length).toBeLessThan(4096);

    const other = await freshPage(browser, 'en-US');
    await other.page.goto(link);
    const shared = other.page.getByTestId('compare-page');
    await expect(shared).toHaveAttribute('data-mode', 'shared');
    await expect(other.page.getByRole('heading', { level: 1 })).toHaveText('Shared comparison');
    await expect(other.page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'reject');
    await expect(other.page.getByRole('tab', { name: 'Operators' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    await expect(other.page.getByRole('checkbox', { name: 'Changes only' })).toBeChecked();
    await expect(other.page.getByLabel('Noise floor, %')).toHaveValue('6');
    await expect(other.page.getByTestId('ops-table').locator('tbody tr')).toHaveCount(5);
    expect(await cellTexts(other.page)).toEqual(rows);
    expect(await other.page.getByTestId('ops-summary').allInnerTexts()).toEqual(summaries);
    // Read-only: the runs cannot be changed, the view can.
    await expect(other.page.getByTestId('run-picker').getByRole('checkbox').first()).toBeDisabled();

    await other.page.getByRole('button', { name: 'Add to my workspace' }).click();
    await expect(other.page.getByTestId('compare-page')).toHaveAttribute('data-mode', 'workspace');
    await expect(other.page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'reject');
    expect(await cellTexts(other.page)).toEqual(rows);
    expect(other.problems).toEqual([]);
    await other.context.close();
  });

  test('a launcher permalink (/r/:id) opens the same view', async ({ page }) => {
    await openCompare(page, { compare: 'Compare', pin: (r) => `Pin ${r} as the baseline` });
    await page.getByRole('tab', { name: 'Model' }).click();
    await page.getByRole('button', { name: 'Copy link' }).click();
    const link = await page.getByTestId('share-link').inputValue();
    const decoded = decodeFragment(link.slice(link.indexOf('#b=')));
    if (!decoded.ok) throw new Error(decoded.issues[0]?.message);
    const bundle = decoded.bundle;
    const id = 'AbCdEfGhIjKlMnOpQrStUvWx';
    await page.route(`**/api/runs/${id}`, (route) =>
      route.fulfill({ json: { id, kind: 'bundle', createdAt: '2025-03-04T10:00:00Z', bundle } }),
    );
    await page.goto(`/r/${id}`);
    await expect(page.getByTestId('compare-page')).toHaveAttribute('data-mode', 'shared');
    await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'reject');
    await expect(page.getByTestId('model-table').getByTestId('model-delta')).toHaveText([
      '—',
      '▼ 6.000 ms faster',
      '▼ 3.000 ms faster',
    ]);
  });

  test('an unknown permalink id says so', async ({ browser }) => {
    // Its own page: the browser logs the launcher's 404 as a console error, which is expected here.
    const other = await freshPage(browser, 'en-US');
    await other.page.route('**/api/runs/gone', (route) =>
      route.fulfill({ status: 404, json: { code: 'NOT_FOUND', message: 'no such run' } }),
    );
    await other.page.goto('/r/gone');
    const error = other.page.getByTestId('shared-view-error');
    await expect(error).toHaveAttribute('data-code', 'NOT_FOUND');
    await expect(error).toContainText('No shared comparison with this id');
    expect(other.problems.filter((p) => !p.includes('status of 404'))).toEqual([]);
    await other.context.close();
  });

  test.describe('broken links say what is wrong', () => {
    for (const [title, fragment, code, text] of [
      ['cut short', 'b=eNrtWMtu2zAQ', 'TRUNCATED', 'The link is cut short'],
      ['with foreign characters', 'b=abc$%25def', 'UNREADABLE', 'The link is corrupted'],
      ['not compressed data', 'b=________', 'UNREADABLE', 'The link is corrupted'],
    ] as const) {
      test(title, async ({ page }) => {
        await page.goto(`/compare#${fragment}`);
        const error = page.getByTestId('shared-view-error');
        await expect(error).toHaveAttribute('data-code', code);
        await expect(error).toContainText(text);
        await expect(page.getByRole('link', { name: 'Go to the workspace' })).toBeVisible();
      });
    }
  });

  test('Markdown, JSON, SVG and PNG exports', async ({ page }) => {
    await openCompare(page, { compare: 'Compare', pin: (r) => `Pin ${r} as the baseline` });
    const md = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Markdown summary' }).click();
    const mdPath = await (await md).path();
    expect(readFileSync(mdPath, 'utf8')).toBe(
      readFileSync(join(FIX, 'comparison.md.golden'), 'utf8'),
    );

    const json = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Comparison JSON' }).click();
    const out = JSON.parse(readFileSync(await (await json).path(), 'utf8')) as {
      models: { deltaPct: number | null }[];
      gate: { verdict: string };
    };
    expect(out.models.map((m) => m.deltaPct)).toEqual([0, -6, -3]);
    expect(out.gate.verdict).toBe('reject');

    // Charts: the SVG recharts drew, with the theme's colours resolved, and a PNG of it.
    await page.getByRole('tab', { name: 'Model' }).click();
    const svg = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Tuned latency per run: SVG' }).click();
    const svgText = readFileSync(await (await svg).path(), 'utf8');
    expect(svgText).toMatch(/^<svg[^>]+xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svgText).not.toContain('var(--');
    const png = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Tuned latency per run: PNG' }).click();
    const pngBytes = readFileSync(await (await png).path());
    expect([...pngBytes.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  });
});

test.describe('in Chinese', () => {
  test.use({ locale: 'zh-CN' });

  test('the operators CSV has a BOM by default, and none when switched off', async ({ page }) => {
    await openCompare(page, { compare: '对比', pin: (r) => `将 ${r} 固定为基线` });
    await expect(page.getByTestId('verdict')).toContainText('拒绝');
    const withBom = page.waitForEvent('download');
    await page.getByRole('button', { name: '算子 CSV' }).click();
    const bytes = readFileSync(await (await withBom).path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]).toBe(
      'run,operator,type,dimension,bucket,verdict,baseline_us,run_us,delta_us,delta_pct,speedup_x,matched_by',
    );
    expect(lines).toContain(
      `${RUN2} · resnet50,Conv_0,Conv2D,Schedule,faster,improvement,100,90,-10,-10,1.1111,name`,
    );

    await page.getByRole('checkbox', { name: 'Excel 用 BOM' }).uncheck();
    const noBom = page.waitForEvent('download');
    await page.getByRole('button', { name: '算子 CSV' }).click();
    expect(readFileSync(await (await noBom).path())[0]).toBe('r'.charCodeAt(0));
  });

  test('a corrupted link shows its error in Chinese', async ({ page }) => {
    await page.goto('/compare#b=eNrtWMtu2zAQ');
    await expect(page.getByTestId('shared-view-error')).toContainText('链接不完整');
  });
});
