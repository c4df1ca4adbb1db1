// Findings: the Summary tab did not say what tuning bought; the per-operator gains chart did not
// scale; signs and arrows contradicted each other. Walked as a user: a resnet50 run's summary (the
// model's change on a zoomed axis, the counts, the Pareto, the top gainers linking into the
// operators table), a generated 2,000-operator run (top N, hidden counts, shortened names with the
// full name on focus, SVG and PNG export), and a run that got slower (▲ and words, no "-").
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import {
  dropBuffers,
  dropFiles,
  expect,
  fileCard,
  openEmptyWorkspace,
  test,
} from './helpers/app.ts';

const AOE = fileURLToPath(new URL('../src/core/formats/aoe-opat/fixtures/', import.meta.url));

interface Op {
  readonly name: string;
  readonly before: number;
  readonly after: number;
  readonly stated: string;
}

/** A CANN 6.3+ operator-tuning report (array of sections). */
function report(name: string, baselineMs: number, tunedMs: number, ops: readonly Op[]): string {
  return JSON.stringify([
    { basic: { tuning_name: name, 'tuning_time(s)': 3600 } },
    {
      OPAT: {
        'model_baseline_performance(ms)': baselineMs,
        model_performance_improvement: `${((baselineMs / tunedMs - 1) * 100).toFixed(2)}%`,
        'model_result_performance(ms)': tunedMs,
        opat_tuning_result: 'tuning successful',
        repo_modified_operators: ops.map((o) => ({
          op_name: o.name,
          op_type: 'Conv2D',
          tune_performance: {
            Schedule: {
              'performance_after_tune(us)': o.after,
              'performance_before_tune(us)': o.before,
              performance_improvement: o.stated,
              update_mode: 'add',
            },
          },
        })),
      },
    },
  ]);
}

/** 2,000 operators with CANN 6.0-style scope names: 1,400 faster, 560 slower, 40 unchanged. */
function bigReport(): string {
  const ops: Op[] = Array.from({ length: 2000 }, (_, i) => {
    const name = `resnet_v1_152/block${1 + (i % 4)}/unit_${1 + (i % 36)}/bottleneck_v1/conv${1 + (i % 3)}/Conv2D_${i}`;
    const before = 100 + (i % 50);
    const after = i < 1400 ? before - 1 - (i % 40) : i < 1960 ? before + 1 + (i % 30) : before;
    return { name, before, after, stated: `${((before / after - 1) * 100).toFixed(2)}%` };
  });
  return report('resnet152_om_tune', 113.589, 113.237, ops);
}

async function openRun(page: Page, fileName: string, task: string): Promise<void> {
  await fileCard(page, fileName).getByRole('link', { name: task }).click();
  await expect(page.getByTestId('run-page')).toBeVisible();
}

test.describe('in English', () => {
  test.use({ locale: 'en-US' });

  test('the summary says what tuning bought and links its top gainers', async ({ page }) => {
    await openEmptyWorkspace(page);
    await dropFiles(page, [`${AOE}cann63rc2-array.json`]);
    await openRun(page, 'cann63rc2-array.json', 'resnet50_om_tune');

    // The change, on an axis zoomed around the two latencies, with the baseline marked.
    const delta = page.getByTestId('latency-chart');
    await expect(delta).toContainText('Baseline 12.754 ms');
    await expect(delta).toContainText('Tuned 12.402 ms');
    await expect(delta).toContainText('▼ 0.352 ms (2.76%) faster');
    await expect(delta).toContainText('does not start at 0');
    await expect(page.getByTestId('fig-saved')).toContainText('▼ 0.352 ms faster');

    // Every operator row is counted once: faster + slower + unchanged = 4 rows.
    await expect(page.getByTestId('count-faster')).toHaveText('▼ 4 faster');
    await expect(page.getByTestId('count-slower')).toHaveText('▲ 0 slower');
    await expect(page.getByTestId('count-unchanged')).toHaveText('= 0 unchanged');
    await expect(page.getByTestId('outcome-counts')).toContainText('of 4 rows');
    await expect(page.getByTestId('fig-operators')).toContainText('Operators in the report');

    // Where the time saved came from, largest first, with the running share reaching 100 %.
    const pareto = page.getByTestId('pareto-chart');
    await pareto.getByRole('button', { name: 'Table' }).click();
    await expect(pareto.getByRole('table').locator('tbody tr')).toHaveCount(4);
    await expect(pareto.getByRole('table').locator('tbody tr').last()).toContainText('100.0%');

    const gainers = page.getByTestId('top-gainers');
    await expect(gainers.getByRole('listitem')).toHaveCount(4);
    await expect(gainers.getByRole('listitem').first()).toContainText('Conv_7');
    await expect(page.getByTestId('worst-regressions')).toContainText(
      'No operator row got slower.',
    );
    await gainers.getByRole('listitem').first().getByRole('link').click();
    await expect(page).toHaveURL(/tab=operators/);
    await expect(page.getByRole('tab', { name: 'Operators' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    await expect(page.getByTestId('operators-table').getByRole('status')).toHaveText('2 of 4 rows');

    // Counts on the knowledge-base tab say what they count.
    await page.getByRole('tab', { name: 'Knowledge base' }).click();
    await expect(page.getByTestId('fig-repo-total')).toContainText(
      'Operators AOE looked up in the knowledge base',
    );
    await expect(page.getByTestId('repo-chart')).toContainText('repo_summary');
  });

  test('2,000 operators: top N chosen, the rest counted, names shortened, exports', async ({
    page,
  }) => {
    await openEmptyWorkspace(page);
    await dropBuffers(page, [
      { name: 'aoe_result_opat_20261102093015123_pid2000.json', text: bigReport() },
    ]);
    await openRun(page, 'aoe_result_opat_20261102093015123_pid2000.json', 'resnet152_om_tune');
    await expect(page.getByTestId('count-faster')).toHaveText('▼ 1,400 faster');
    await expect(page.getByTestId('count-slower')).toHaveText('▲ 560 slower');
    await expect(page.getByTestId('count-unchanged')).toHaveText('= 40 unchanged');

    await page.getByRole('tab', { name: 'Operators' }).click();
    const chart = page.getByTestId('gains-chart');
    const bars = chart.locator('svg [role="listitem"]');
    await expect(bars).toHaveCount(20);
    await expect(chart.getByTestId('diverging-counts')).toHaveText(
      'Showing 10 of 1,400 faster and 10 of 560 slower; 1,940 hidden, 40 unchanged.',
    );
    await chart.getByLabel('Show the largest').selectOption({ label: '50 each' });
    await expect(bars).toHaveCount(100);
    await expect(chart.getByTestId('diverging-counts')).toContainText('1,860 hidden');
    await expect(chart.getByTestId('chart-runs')).toHaveText('Run: resnet152_om_tune');

    // Rows never wrap into each other: every label stays on its row, shortened in the middle.
    const first = bars.first();
    const label = first.locator('text').first();
    await expect(label).toContainText('…');
    const labelText = (await label.textContent()) ?? '';
    expect(labelText).toMatch(/Conv2D_\d+ · Schedule$/);
    const boxes = await bars.evaluateAll((els) =>
      els.slice(0, 5).map((e) => (e as SVGGElement).getBBox()),
    );
    for (let i = 1; i < boxes.length; i++)
      expect(boxes[i]?.y ?? 0).toBeGreaterThanOrEqual(
        (boxes[i - 1]?.y ?? 0) + (boxes[i - 1]?.height ?? 0) - 1,
      );
    const svgBox = await chart.locator('svg').first().boundingBox();
    const cardBox = await chart.boundingBox();
    expect((svgBox?.width ?? 0) <= (cardBox?.width ?? 0)).toBe(true);

    // The full name on keyboard focus, with ▼ and the word (the pointer off the chart, as for a
    // keyboard user: a bar under a resting pointer shows its own name on hover).
    await page.mouse.move(0, 0);
    await first.focus();
    const full = await first.getAttribute('aria-label');
    expect(full).toMatch(
      /^resnet_v1_152\/block\d\/unit_\d+\/bottleneck_v1\/conv\d\/Conv2D_\d+ · Schedule: ▼ [\d.]+ µs faster$/,
    );
    await expect(chart.getByTestId('diverging-focus')).toContainText(full?.split(':')[0] ?? '');
    await expect(bars.last()).toHaveAttribute('aria-label', /▲ [\d.]+ µs slower$/);

    // SVG export carries the title, the legend and the run name; PNG export is a real image.
    const svgDownload = page.waitForEvent('download');
    await chart.getByRole('button', { name: 'SVG' }).click();
    const svgFile = await svgDownload;
    expect(svgFile.suggestedFilename()).toBe('resnet152_om_tune-operator-gains.svg');
    const svg = readFileSync(await svgFile.path(), 'utf8');
    expect(svg).toContain('Largest gains and regressions');
    expect(svg).toContain('Run: resnet152_om_tune');
    expect(svg).toContain('▼ faster (time saved)');
    expect(svg).toContain('▲ slower (time lost)');
    expect(svg).not.toContain('var(--');
    const pngDownload = page.waitForEvent('download');
    await chart.getByRole('button', { name: 'PNG' }).click();
    const png = readFileSync(await (await pngDownload).path());
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.length).toBeGreaterThan(10_000);
  });

  test('a slowdown reads ▲ slower, never "improved by" a negative number', async ({ page }) => {
    await openEmptyWorkspace(page);
    await dropBuffers(page, [
      {
        name: 'aoe_result_opat_20261102093015123_pid3.json',
        text: report('slower_run', 10, 10.071, [
          { name: 'Conv_1', before: 10, after: 95.138, stated: '-851.38%' },
          { name: 'Conv_2', before: 100, after: 53.51, stated: '86.88%' },
        ]),
      },
    ]);
    await openRun(page, 'aoe_result_opat_20261102093015123_pid3.json', 'slower_run');
    await expect(page.getByTestId('fig-saved')).toContainText('▲ 0.071 ms slower');
    await expect(page.getByTestId('fig-saved')).not.toContainText('-');
    await expect(page.getByTestId('latency-chart')).toContainText('▲ 0.071 ms (0.71%) slower');
    await expect(page.getByTestId('worst-regressions')).toContainText('Conv_1');
    await expect(page.getByTestId('worst-regressions')).toContainText('▲ 85.14 µs slower');
    await expect(page.getByTestId('top-gainers')).toContainText('▼ 46.49 µs faster');

    await page.getByRole('tab', { name: 'Operators' }).click();
    const rows = page.getByTestId('operators-table').locator('tbody tr');
    const slow = rows.filter({ hasText: 'Conv_1' });
    await expect(slow).toContainText('▲ 85.14 µs slower');
    // 10 → 95.138 µs is 9.51 times the time: a factor reads plainer than 851.38 %.
    await expect(slow).toContainText('▲ 9.51× slower');
    await expect(slow).not.toContainText('-851.38');
    await expect(rows.filter({ hasText: 'Conv_2' })).toContainText('▼ 46.49 µs faster');
  });
});

test.describe('in Chinese', () => {
  test.use({ locale: 'zh-CN' });

  test('the summary and the chart counts are in Chinese', async ({ page }) => {
    await openEmptyWorkspace(page);
    await dropBuffers(page, [
      { name: 'aoe_result_opat_20261102093015123_pid2000.json', text: bigReport() },
    ]);
    await openRun(page, 'aoe_result_opat_20261102093015123_pid2000.json', 'resnet152_om_tune');
    await expect(page.getByTestId('count-faster')).toHaveText('▼ 1,400 行变快');
    await expect(page.getByTestId('fig-saved')).toContainText('▼ 0.352 ms 变快');
    await page.getByRole('tab', { name: '算子' }).click();
    await expect(page.getByTestId('gains-chart').getByTestId('diverging-counts')).toHaveText(
      '显示 1,400 个变快中的 10 个、560 个变慢中的 10 个；隐藏 1,940 个，40 个不变。',
    );
    await expect(page.getByTestId('gains-chart')).not.toContainText('more');
  });
});
