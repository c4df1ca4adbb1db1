// Findings 9 and 10 of the users' journeys, walked as a user: changes read ▼ faster / ▲ slower in
// words on every page and export; the run's operator rows show above the fold on a laptop; at
// 800 px the compare table shows its change and speed-up columns without a sideways scroll; the
// user's own files come before the demo files and are scrolled to; Remove can be undone.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import {
  DEMO_CARDS,
  test,
  expect,
  openApp,
  openEmptyWorkspace,
  dropBuffers,
  dropFiles,
  fileCard,
  reloadWhenSaved,
} from './helpers/app.ts';

test.use({ locale: 'en-US' });

const FIX = join(import.meta.dirname, 'fixtures/compare');
const RUN1 = 'aoe_result_opat_20250301100000123_pid1001.json';
const RUN3 = 'aoe_result_opat_20250303100000123_pid1003.json';
const DEMO_RUN = 'aoe_result_opat_20261102093015123_pid41873.json';
const DEMO_PROFILE = 'resnet50/op_summary_20261102094530.csv';

const EN = { compare: 'Compare', pin: (run: string) => `Pin ${run} as the baseline` };

async function compareTwo(page: Page, words = EN): Promise<void> {
  await openEmptyWorkspace(page);
  await dropFiles(page, [join(FIX, RUN1), join(FIX, RUN3)]);
  await page.getByRole('navigation').getByRole('link', { name: words.compare }).click();
  for (const f of [RUN1, RUN3])
    await page.getByRole('checkbox', { name: `${words.compare}: ${f} · resnet50` }).check();
  await page.getByRole('radio', { name: words.pin(`${RUN1} · resnet50`) }).check();
}

test('compare says ▼ faster and ▲ slower in words, in the page and in its Markdown', async ({
  page,
}) => {
  await compareTwo(page);
  await page.getByRole('tab', { name: 'Model' }).click();
  const model = page.getByTestId('model-table');
  await expect(model.getByTestId('model-delta')).toHaveText(['—', '▼ 3.000 ms faster']);
  await expect(model.getByTestId('model-delta-pct')).toHaveText(['—', '▼ 3.00%']);

  await page.getByRole('tab', { name: 'Operators' }).click();
  const rows = page.getByTestId('ops-table').locator('tbody tr');
  // R3 vs R1: Conv_1 120 → 138 µs is slower, Conv_2 64 → 60 µs is faster.
  const conv1 = rows.filter({ has: page.locator('td.op-name', { hasText: /^Conv_1/ }) });
  await expect(conv1.getByTestId('ops-bucket')).toHaveText('▲ slower');
  await expect(conv1.getByTestId('ops-delta')).toHaveText('▲ 18.00 µs slower');
  await expect(conv1.getByTestId('ops-change')).toHaveText('▲ 15.00%');
  const conv2 = rows.filter({ has: page.locator('td.op-name', { hasText: /^Conv_2/ }) });
  await expect(conv2.getByTestId('ops-bucket')).toHaveText('▼ faster');
  await expect(conv2.getByTestId('ops-delta')).toHaveText('▼ 4.00 µs faster');
  await expect(page.getByTestId('ops-table')).not.toContainText('-18');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Markdown summary' }).click();
  const md = readFileSync((await (await download).path())!, 'utf8');
  expect(md).toContain('| 120.000 | 138.000 | +18.000 | 15.00% | 0.870× | ▲ slower |');
  expect(md).toContain('| 64.000 | 60.000 | −4.000 | 6.25% | 1.067× | ▼ faster |');
  expect(md).not.toMatch(/▲ better|▼ worse/);
});

test('a file card says ▲ slower for a run that got slower, never "improvement -…"', async ({
  page,
}) => {
  await openEmptyWorkspace(page);
  const text = readFileSync(join(FIX, RUN1), 'utf8')
    .replace('"model_result_performance(ms)": 100.0', '"model_result_performance(ms)": 120.852')
    .replace(
      '"model_performance_improvement": "20.00%"',
      '"model_performance_improvement": "-0.71%"',
    );
  await dropBuffers(page, [{ name: 'aoe_result_opat_20250305100000123_pid1005.json', text }]);
  const change = fileCard(page, 'aoe_result_opat_20250305100000123_pid1005.json').getByTestId(
    'task-change',
  );
  await expect(change).toHaveText('▲ 0.71% slower');
  await expect(change).toHaveAttribute('title', 'AOE states an improvement of -0.71%');
  await dropFiles(page, [join(FIX, RUN1)]);
  await expect(fileCard(page, RUN1).getByTestId('task-change')).toHaveText('▼ 16.67% faster');
});

test('at 1280×720 the run’s Operators tab shows operator rows above the fold', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openApp(page, '/');
  await fileCard(page, `resnet50/${DEMO_RUN}`).getByRole('link').first().click();
  await page.getByRole('tab', { name: 'Operators' }).click();
  const firstRow = page.getByTestId('operators-table').locator('tbody tr').first();
  await expect(firstRow).toBeVisible();
  const box = await firstRow.boundingBox();
  expect(box).not.toBeNull();
  expect(box!.y + box!.height).toBeLessThanOrEqual(720);
});

test('at 800 px the compare table shows the change and speed-up without scrolling sideways', async ({
  page,
}) => {
  await page.setViewportSize({ width: 800, height: 900 });
  await compareTwo(page);
  await page.getByRole('tab', { name: 'Operators' }).click();
  await expect(page.getByTestId('ops-table').locator('tbody tr').first()).toBeVisible();
  // The box that scrolls the table sideways, whatever the table is built from: the nearest
  // element (the table's own or an ancestor) whose overflow-x scrolls.
  await page.getByTestId('ops-table').evaluate((table) => {
    let box: Element | null = table.querySelector('.dt-scroll') ?? table;
    while (box && !/auto|scroll/.test(getComputedStyle(box).overflowX)) box = box.parentElement;
    box?.setAttribute('data-scroll-box', '');
  });
  const scroll = page.locator('[data-scroll-box]');
  await expect(scroll).toHaveCount(1);
  const { scrollWidth, clientWidth } = await scroll.evaluate((el) => ({
    scrollWidth: el.scrollWidth,
    clientWidth: el.clientWidth,
  }));
  await scroll.screenshot({ path: test.info().outputPath('compare-800.png') });
  expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
  const frame = (await scroll.boundingBox())!;
  for (const name of [/^Δ % \/ ×/, /^Speed-up/]) {
    const header = (await page.getByRole('button', { name }).boundingBox())!;
    expect(header.x + header.width).toBeLessThanOrEqual(frame.x + frame.width);
  }
  // The model table's change columns are in view too: long run names wrap.
  await page.getByRole('tab', { name: 'Model' }).click();
  const modelScroll = page.getByTestId('model-table').locator('xpath=..');
  const model = await modelScroll.evaluate((el) => ({ sw: el.scrollWidth, cw: el.clientWidth }));
  expect(model.sw).toBeLessThanOrEqual(model.cw);
  await expect(page.getByTestId('model-delta-pct').last()).toBeInViewport();
  await page.getByRole('tab', { name: 'Operators' }).click();
  // Type and dimension are still there, under the operator name.
  const conv1 = page
    .getByTestId('ops-table')
    .locator('tbody tr')
    .filter({ has: page.locator('td.op-name', { hasText: /^Conv_1/ }) });
  await expect(conv1.locator('td.op-name')).toHaveAttribute('data-sub', 'Conv2D · Schedule');
  await expect(conv1.locator('td.ops-wide').first()).toBeHidden();
  const under = await conv1
    .locator('td.op-name')
    .evaluate((el) => getComputedStyle(el, '::after').content);
  expect(under).toBe('"Conv2D · Schedule"');
  // The hidden type and dimension cells do not stretch the row: name and the line under it.
  const rowHeight = (await conv1.boundingBox())!.height;
  expect(rowHeight).toBeLessThan(70);
  // Each change ("▲ 15.00%") is whole on one line: one box, the % not wrapped below, nothing cut.
  const changes = page.getByTestId('ops-change');
  await expect(changes.first()).toBeVisible();
  const lines = await changes.evaluateAll((cells) =>
    cells.map((cell) => {
      const range = document.createRange();
      range.selectNodeContents(cell);
      const tops = new Set([...range.getClientRects()].map((r) => r.top)).size;
      // Not cut either: the text fits its cell (an ellipsis would hide the figure).
      return { text: cell.textContent, tops, cut: cell.scrollWidth > cell.clientWidth };
    }),
  );
  expect(lines.length).toBeGreaterThan(0);
  for (const line of lines) expect(line).toEqual({ text: line.text, tops: 1, cut: false });
});

test('the user’s own file comes before the demo files and is scrolled to and focused', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openApp(page, '/');
  await expect(page.getByTestId('file-card')).toHaveCount(DEMO_CARDS);
  await dropFiles(page, [join(FIX, RUN1)]);
  const cards = page.getByTestId('file-card');
  await expect(cards).toHaveCount(DEMO_CARDS + 1);
  await expect(cards.first()).toContainText(RUN1);
  await expect(cards.first()).toBeFocused();
  await expect(cards.first()).toBeInViewport();
  await expect(page.getByRole('heading', { name: 'Demo files' })).toBeVisible();
  // Still first after a reload.
  await reloadWhenSaved(page);
  await expect(page.getByTestId('file-card').first()).toContainText(RUN1);
});

test('Remove can be undone: the file and its links come back, and stay after a reload', async ({
  page,
}) => {
  await openApp(page, '/');
  const report = fileCard(page, `resnet50/${DEMO_RUN}`);
  const unlink = report.getByRole('button', { name: `Unlink ${DEMO_PROFILE}` });
  await expect(unlink).toBeVisible();
  const profile = fileCard(page, DEMO_PROFILE);
  await profile.getByRole('button', { name: `Remove ${DEMO_PROFILE}` }).click();
  await expect(page.getByTestId('file-card')).toHaveCount(DEMO_CARDS - 1);
  await expect(unlink).toHaveCount(0);

  const toast = page.getByTestId('removed-toast');
  await expect(toast).toContainText(`Removed ${DEMO_PROFILE}.`);
  await toast.getByRole('button', { name: 'Undo' }).click();
  await expect(toast).toHaveCount(0);
  await expect(page.getByTestId('file-card')).toHaveCount(DEMO_CARDS);
  await expect(unlink).toBeVisible();
  await expect(fileCard(page, DEMO_PROFILE)).toBeFocused();

  await reloadWhenSaved(page);
  await expect(page.getByTestId('file-card')).toHaveCount(DEMO_CARDS);
  await expect(unlink).toBeVisible();

  // Removing for good: no undo taken, the file stays gone after a reload.
  await fileCard(page, DEMO_PROFILE)
    .getByRole('button', { name: `Remove ${DEMO_PROFILE}` })
    .click();
  await page.getByTestId('removed-toast').getByRole('button', { name: 'Dismiss' }).click();
  await reloadWhenSaved(page);
  await expect(page.getByTestId('file-card')).toHaveCount(DEMO_CARDS - 1);
});

test.describe('in Chinese', () => {
  test.use({ locale: 'zh-CN' });

  test('Remove and undo, and the compare words, read in Chinese', async ({ page }) => {
    await page.addInitScript(() => localStorage.setItem('aoe-dashboard.language', 'zh-CN'));
    await openApp(page, '/');
    await fileCard(page, DEMO_PROFILE)
      .getByRole('button', { name: `移除 ${DEMO_PROFILE}` })
      .click();
    const toast = page.getByTestId('removed-toast');
    await expect(toast).toContainText(`已移除 ${DEMO_PROFILE}。`);
    await toast.getByRole('button', { name: '撤销' }).click();
    await expect(page.getByTestId('file-card')).toHaveCount(DEMO_CARDS);
  });

  test('a file’s issue names the expected type in Chinese, and the compare words read 变快 / 变慢', async ({
    page,
  }) => {
    await page.addInitScript(() => localStorage.setItem('aoe-dashboard.language', 'zh-CN'));
    await compareTwo(page, { compare: '对比', pin: (run) => `将 ${run} 固定为基线` });
    await page.getByRole('tab', { name: '算子' }).click();
    const rows = page.getByTestId('ops-table').locator('tbody tr');
    const conv1 = rows.filter({ has: page.locator('td.op-name', { hasText: /^Conv_1/ }) });
    await expect(conv1.getByTestId('ops-bucket')).toHaveText('▲ 变慢');
    await expect(page.getByTestId('ops-table')).not.toContainText('-18');

    // A report with text where AOE writes a number: the issue says so in Chinese.
    await page.getByRole('navigation').getByRole('link', { name: '工作区' }).click();
    const text = readFileSync(join(FIX, RUN1), 'utf8').replace(
      '"performance_after_tune(us)": 100,',
      '"performance_after_tune(us)": "fast",',
    );
    const name = 'aoe_result_opat_20250306100000123_pid1006.json';
    await dropBuffers(page, [{ name, text }]);
    const issue = fileCard(page, name).locator('.issue').first();
    // The message is Chinese; only the validator's own line, labeled 原始信息, stays as it was.
    await expect(issue).toContainText('应为 数值，实际为 "fast"');
    await expect(issue).not.toContainText('应为 number');
    await expect(page.getByTestId('file-card')).toHaveCount(3);
  });
});
