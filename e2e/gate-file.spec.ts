// The Gate tab exports the gate as the command line's gate file and imports one: validated, with
// located errors, and a bad file changes nothing. Runs the comparability banner flags are "not
// comparable", not "Reject"; slowdowns read "slower by" / "变慢", never "improved by -x %".
// Fixtures: e2e/fixtures/compare (R1 100 ms baseline, R3 97 ms with Conv_1 +15 %: reject by default).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, openEmptyWorkspace, dropFiles } from './helpers/app.ts';
import type { Page } from '@playwright/test';

const FIX = join(import.meta.dirname, 'fixtures/compare');
const RUN1 = 'aoe_result_opat_20250301100000123_pid1001.json';
const RUN3 = 'aoe_result_opat_20250303100000123_pid1003.json';
const OLD_GEN = 'aoe_result_opat_20240115093000456_pid2002.json';

async function openCompare(page: Page, files: readonly string[], compare: string, pin: string) {
  await openEmptyWorkspace(page);
  await dropFiles(
    page,
    files.map((f) => join(FIX, f)),
  );
  await page.getByRole('navigation').getByRole('link', { name: compare }).click();
  await expect(page.getByTestId('compare-page')).toBeVisible();
  for (const f of files)
    await page.getByRole('checkbox', { name: `${compare}: ${f} · resnet50` }).check();
  await page.getByRole('radio', { name: pin }).check();
}

test.describe('en', () => {
  test.use({ locale: 'en-US' });

  test('export the gate, edit the file, import it: the verdict follows', async ({ page }) => {
    await openCompare(page, [RUN1, RUN3], 'Compare', `Pin ${RUN1} · resnet50 as the baseline`);
    const verdict = page.getByTestId('verdict');
    await expect(verdict).toHaveAttribute('data-verdict', 'reject');
    await page.getByRole('tab', { name: 'Gate' }).click();

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export gate file' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('aoe-gate.json');
    const exported = JSON.parse(readFileSync(await file.path(), 'utf8')) as Record<string, unknown>;
    expect(exported).toMatchObject({
      version: 1,
      modelImprovement: { enabled: true, minPct: 5 },
      measuredLatency: { enabled: true, minImprovementPct: 0 },
      gpuBaseline: { enabled: true, maxSlowerPct: 0 },
    });

    const edited = {
      ...exported,
      modelImprovement: { enabled: true, minPct: 2 },
      operatorRegression: { enabled: false, maxPct: 10 },
    };
    await page.getByTestId('gate-file-input').setInputFiles({
      name: 'team-gate.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(edited)),
    });
    await expect(page.getByTestId('gate-file-status')).toContainText(
      'Gate rules imported from team-gate.json.',
    );
    await expect(verdict).toHaveAttribute('data-verdict', 'accept');
    await expect(page.getByLabel('Model latency improves by at least (%)')).toHaveValue('2');
    await expect(page).toHaveURL(/gate=/);
    await page.reload();
    await expect(verdict).toHaveAttribute('data-verdict', 'accept');
  });

  test('a bad gate file is refused with where and what, and nothing changes', async ({ page }) => {
    await openCompare(page, [RUN1, RUN3], 'Compare', `Pin ${RUN1} · resnet50 as the baseline`);
    await page.getByRole('tab', { name: 'Gate' }).click();
    await page.getByLabel('Model latency improves by at least (%)').fill('3');
    const input = page.getByTestId('gate-file-input');
    await input.setInputFiles({
      name: 'bad<img src=x onerror=alert(1)>.json',
      mimeType: 'application/json',
      buffer: Buffer.from(
        '{"version":1,"modelImprovement":{"enabled":true,"minPct":"five"},"operatorRegression":{"enabled":true,"maxPct":10},"tailLatency":{"enabled":true,"maxRegressionPct":2,"percentiles":[95],"minRepeats":20}}',
      ),
    });
    const status = page.getByTestId('gate-file-status');
    await expect(status).toContainText(
      'bad<img src=x onerror=alert(1)>.json is not a valid gate file; the current rules are kept.',
    );
    await expect(status).toContainText('/modelImprovement/minPct');
    await expect(page.getByLabel('Model latency improves by at least (%)')).toHaveValue('3');
    await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'reject');

    await input.setInputFiles({
      name: 'cut.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{\n  "version": 1,\n  "modelImprovement": {'),
    });
    await expect(status).toContainText('cut.json is not a valid gate file');
    await expect(status.locator('[data-code="NOT_JSON"]')).toContainText('line 3');
  });

  test('a run from another AOE generation is "not comparable", with the reason', async ({
    page,
  }) => {
    await openCompare(page, [RUN1, OLD_GEN], 'Compare', `Pin ${RUN1} · resnet50 as the baseline`);
    const verdict = page.getByTestId('verdict');
    await expect(verdict).toHaveAttribute('data-verdict', 'incomparable');
    await expect(verdict).toContainText('Verdict: ≠ Not comparable');
    await expect(verdict.locator('[data-code="NOT_COMPARABLE"]')).toContainText(
      'Not comparable: AOE layout generation differs from the baseline (CANN 6.3+ vs CANN 6.2)',
    );
    await expect(verdict.locator('[data-code="NOT_COMPARABLE"]')).toContainText('not comparable:');
    await expect(verdict).not.toContainText('Reject');
  });
});

test.describe('zh-CN', () => {
  test.use({ locale: 'zh-CN' });

  test('changes read 提速 / 变慢 and the flagged run is 不可比', async ({ page }) => {
    await openCompare(page, [RUN1, RUN3, OLD_GEN], '对比', `将 ${RUN1} · resnet50 固定为基线`);
    const verdict = page.getByTestId('verdict');
    await expect(verdict.locator('.verdict-run').nth(0)).toContainText(
      '模型时延（AOE）：提速 3%；要求至少提速 5%。',
    );
    await expect(verdict.locator('.verdict-run').nth(1)).toHaveAttribute(
      'data-verdict',
      'incomparable',
    );
    await expect(verdict.locator('.verdict-run').nth(1)).toContainText('不可比');
    await expect(verdict).not.toContainText('-');
  });
});

test.describe('acceptance report from the compare page', () => {
  test.use({ locale: 'zh-CN' });

  test('downloads one offline HTML file that opens from disk with the verdict', async ({
    page,
    browser,
  }, testInfo) => {
    await openCompare(page, [RUN1, RUN3], '对比', `将 ${RUN1} · resnet50 固定为基线`);
    const group = page.getByRole('group', { name: '下载迁移验收表' });
    const download = page.waitForEvent('download');
    await group.getByRole('button', { name: 'HTML' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('acceptance-resnet50.html');
    const path = testInfo.outputPath(file.suggestedFilename());
    await file.saveAs(path);
    const html = readFileSync(path, 'utf8');
    expect(html).not.toMatch(/https?:|@import|url\(/i);

    // A new browser context, the file opened from disk: nothing is requested, the figures are there.
    const other = await browser.newContext();
    const reader = await other.newPage();
    const requests: string[] = [];
    reader.on('request', (r) => requests.push(r.url()));
    await reader.goto(`file://${path}`);
    await expect(reader.getByRole('heading', { level: 1 })).toHaveText('迁移验收表');
    await expect(reader.locator('[data-verdict]')).toHaveAttribute('data-verdict', 'reject');
    await expect(reader.locator('body')).toContainText(
      '模型时延（AOE）：提速 3%；要求至少提速 5%。',
    );
    await expect(reader.locator('body')).toContainText('Conv_1');
    await expect(reader.locator('body')).toContainText('没有 GPU 基线测量');
    expect(requests.filter((u) => !u.startsWith('file:'))).toEqual([]);
    await other.close();

    const md = page.waitForEvent('download');
    await group.getByRole('button', { name: 'Markdown' }).click();
    const mdText = readFileSync(await (await md).path(), 'utf8');
    expect(mdText).toMatch(/^# 迁移验收表 — ❌ 拒绝/);
  });
});
