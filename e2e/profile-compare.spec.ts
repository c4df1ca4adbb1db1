// Finding: two profiles could not be put side by side. Two op_summary tables (before and after
// tuning) are dropped, compared from the profile page's "Compare with…", and the page's figures
// are checked against sums worked out here from the rows themselves; two step_trace_time files
// compare their step split. Screenshots in both languages at three widths go to SHOT_DIR.
import type { Page } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import {
  dropBuffers,
  dropFiles,
  expect,
  fileCard,
  openEmptyWorkspace,
  test,
} from './helpers/app.ts';
import { launcherToken, newBrowser } from './helpers/new-browser.ts';

const TIMELINES = fileURLToPath(new URL('../src/core/formats/timeline/fixtures/', import.meta.url));

const HEADER =
  'Device_id,Model ID,Task ID,Stream ID,Op Name,OP Type,OP State,Task Type,Task Start Time(us),' +
  'Task Duration(us),Task Wait Time(us),Block Dim,Mix Block Dim,HF32 Eligible,Input Shapes,' +
  'Input Data Types,Input Formats,Output Shapes,Output Data Types,Output Formats,Context ID';

type Row = readonly [name: string, type: string, us: number];

function opSummary(rows: readonly Row[]): string {
  let start = 1780676244313289;
  const lines = rows.map(([name, type, us], i) => {
    const line = `0,4294967295,${i},2,${name},${type},static,AI_CORE,${start.toFixed(3)}\t,${us},0.5,24,0,NO,"""1,64""",FLOAT16,ND,"""1,64""",FLOAT16,ND,N/A`;
    start += us + 1;
    return line;
  });
  return `${[HEADER, ...lines].join('\n')}\n`;
}

// Before tuning: two steps of four operators. After: Conv_7 and Gemm_0 got faster, Relu_0 was
// fused away, a Cast_3 appeared.
const BEFORE: Row[] = [0, 1].flatMap((s) => [
  ['Conv_7', 'Conv2D', 120 + s * 10] as const,
  ['Gemm_0', 'MatMulV2', 60] as const,
  ['SoftmaxV2_0', 'SoftmaxV2', 20] as const,
  ['Relu_0', 'Relu', 8] as const,
]);
const AFTER: Row[] = [0, 1].flatMap((s) => [
  ['Conv_7', 'Conv2D', 70 + s * 10] as const,
  ['Gemm_0', 'MatMulV2', 45] as const,
  ['SoftmaxV2_0', 'SoftmaxV2', 20] as const,
  ['Cast_3', 'Cast', 6] as const,
]);

const total = (rows: readonly Row[], name?: string) =>
  rows.filter((r) => name === undefined || r[0] === name).reduce((s, r) => s + r[2], 0);

async function addPair(page: Page) {
  await openEmptyWorkspace(page);
  await dropBuffers(page, [
    { name: 'op_summary_20261101080000.csv', text: opSummary(BEFORE) },
    { name: 'op_summary_20261102080000.csv', text: opSummary(AFTER) },
  ]);
  await expect(fileCard(page, 'op_summary_20261102080000.csv')).toBeVisible();
}

/** The comparison's figures, worked out from the rows above, as any viewer must see them. */
async function expectPairFigures(page: Page) {
  const before = total(BEFORE); // 2×(120+60+20+8)+10 = 426 µs
  const after = total(AFTER); // 2×(70+45+20+6)+10 = 292 µs
  await expect(page.getByTestId('pcmp-total-base')).toHaveText(`${(before / 1000).toFixed(3)} ms`);
  await expect(page.getByTestId('pcmp-total-other')).toHaveText(`${(after / 1000).toFixed(3)} ms`);
  const pct = (((before - after) / before) * 100).toFixed(2);
  await expect(page.getByTestId('pcmp-total-change')).toHaveText(`▼ ${pct}% faster`);
  await expect(page.getByTestId('pcmp-new')).toHaveText('1');
  await expect(page.getByTestId('pcmp-vanished')).toHaveText('1');
  const first = page.getByTestId('pcmp-operators').locator('tbody tr').first();
  const convBefore = total(BEFORE, 'Conv_7');
  const convAfter = total(AFTER, 'Conv_7');
  await expect(first).toContainText('Conv_7');
  await expect(first).toContainText(
    `▼ ${(((convBefore - convAfter) / convBefore) * 100).toFixed(2)}% faster`,
  );
  await expect(first).toContainText(`${((convBefore / before) * 100).toFixed(2)}%`);
  await expect(page.getByTestId('pcmp-matching')).toHaveText(
    'Operators are matched by name, type and input shapes.',
  );
  await expect(page.getByTestId('pcmp-types').locator('tbody tr').first()).toContainText('Conv2D');
}

async function comparePair(page: Page) {
  await addPair(page);
  await page.goto('/profiles/compare');
  await page.getByTestId('pcmp-pick-a').selectOption({ label: 'op_summary_20261101080000.csv' });
  await page.getByTestId('pcmp-pick-b').selectOption({ label: 'op_summary_20261102080000.csv' });
  await expectPairFigures(page);
}

// The run both profiles belong to: AOE tuned Conv_7 (two dimensions: 125 µs before, 75 µs at
// best) and Gemm_0 (60 → 50 µs); the model 1.000 → 0.950 ms.
const REPORT = JSON.stringify([
  { basic: { tuning_name: 'resnet50', 'tuning_time(s)': 600 } },
  {
    OPAT: {
      'model_baseline_performance(ms)': 1.0,
      model_performance_improvement: '5.26%',
      'model_result_performance(ms)': 0.95,
      opat_tuning_result: 'tuning successful',
      repo_modified_operators: [
        {
          op_name: 'Conv_7',
          op_type: 'Conv2D',
          tune_performance: {
            Format: {
              'performance_after_tune(us)': 80,
              'performance_before_tune(us)': 125,
              performance_improvement: '56.25%',
              update_mode: 'add',
            },
            Schedule: {
              'performance_after_tune(us)': 75,
              'performance_before_tune(us)': 80,
              performance_improvement: '6.67%',
              update_mode: 'add',
            },
          },
        },
        {
          op_name: 'Gemm_0',
          op_type: 'MatMulV2',
          tune_performance: {
            Schedule: {
              'performance_after_tune(us)': 50,
              'performance_before_tune(us)': 60,
              performance_improvement: '20.00%',
              update_mode: 'add',
            },
          },
        },
      ],
    },
  },
]);

/** Mean per call of an operator in the rows. */
const meanOf = (rows: readonly Row[], name: string) =>
  total(rows, name) / rows.filter((r) => r[0] === name).length;
const savedPct = (before: number, after: number) => ((before - after) / before) * 100;

test.describe('en', () => {
  test.use({ locale: 'en-US' });

  test('two profiles compared from the profile page: totals, operators, one-sided operators', async ({
    page,
    anotherPage,
  }) => {
    await addPair(page);
    await fileCard(page, 'op_summary_20261101080000.csv')
      .getByRole('link', { name: 'Open profile' })
      .click();
    await page.getByTestId('profile-compare-with').click();
    await page.getByTestId('pcmp-pick-b').selectOption({ label: 'op_summary_20261102080000.csv' });

    const before = total(BEFORE); // 2×(120+60+20+8)+10 = 426 µs
    const after = total(AFTER); // 2×(70+45+20+6)+10 = 292 µs
    await expect(page.getByTestId('pcmp-total-base')).toHaveText(
      `${(before / 1000).toFixed(3)} ms`,
    );
    await expect(page.getByTestId('pcmp-total-other')).toHaveText(
      `${(after / 1000).toFixed(3)} ms`,
    );
    const pct = (((before - after) / before) * 100).toFixed(2);
    await expect(page.getByTestId('pcmp-total-change')).toHaveText(`▼ ${pct}% faster`);
    await expect(page.getByTestId('pcmp-new')).toHaveText('1');
    await expect(page.getByTestId('pcmp-vanished')).toHaveText('1');

    // The largest change first: Conv_7 250 → 150 µs.
    const ops = page.getByTestId('pcmp-operators');
    const first = ops.locator('tbody tr').first();
    const convBefore = total(BEFORE, 'Conv_7');
    const convAfter = total(AFTER, 'Conv_7');
    await expect(first).toContainText('Conv_7');
    await expect(first).toContainText(String(convBefore));
    await expect(first).toContainText(String(convAfter));
    await expect(first).toContainText(
      `▼ ${(((convBefore - convAfter) / convBefore) * 100).toFixed(2)}% faster`,
    );
    await expect(first).toContainText(
      `${((convBefore / before) * 100).toFixed(2)}%`, // share before
    );
    const relu = ops.locator('tbody tr', { hasText: 'Relu_0' });
    await expect(relu).toContainText('baseline only');
    await expect(relu).toContainText(`▼ ${total(BEFORE, 'Relu_0')} µs faster`);
    await expect(relu).toContainText(`−${total(BEFORE, 'Relu_0')}`.replace('−', '-'));
    const cast = ops.locator('tbody tr', { hasText: 'Cast_3' });
    await expect(cast).toContainText('compared only');

    // The bars and the per-type table are there; the export carries the same figures.
    await expect(page.getByTestId('pcmp-bars')).toBeVisible();
    await expect(page.getByTestId('pcmp-types').locator('tbody tr').first()).toContainText(
      'Conv2D',
    );
    const csv = page.waitForEvent('download');
    await page.getByTestId('pcmp-export-csv').click();
    const text = await (await (await csv).createReadStream()).toArray();
    const lines = Buffer.concat(text).toString('utf8').split('\r\n');
    expect(lines).toContain(
      `operator,Conv_7,Conv2D,"1,64",both,2,2,${convBefore},${convAfter},${convBefore / 2},${convAfter / 2},${convAfter - convBefore},-40,${Math.round((convBefore / before) * 10000) / 100},${Math.round((convAfter / after) * 10000) / 100}`,
    );

    // Reload keeps the pair (it lives in the address).
    await page.reload();
    await expect(page.getByTestId('pcmp-total-other')).toHaveText(
      `${(after / 1000).toFixed(3)} ms`,
    );
    void anotherPage;
  });

  test('a profile comparison shared by link: same figures in a new browser, after a reload, after another page, and once added to that workspace', async ({
    page,
    browser,
    baseURL,
  }) => {
    await comparePair(page);
    await page.getByRole('button', { name: 'Copy link' }).click();
    const link = await page.getByTestId('share-link').inputValue();
    expect(link).toMatch(/\/profiles\/compare\?a=[0-9a-f]{64}&b=[0-9a-f]{64}#b=/);

    const reviewer = await newBrowser(browser, baseURL);
    const r = reviewer.page;
    await r.goto(link);
    await expect(r.getByTestId('profile-compare-page')).toHaveAttribute('data-mode', 'shared');
    await expect(r.getByTestId('shared-badge')).toBeVisible();
    await expect(r.getByTestId('shared-session')).toContainText(
      'a comparison of two profiles from a link',
    );
    await expectPairFigures(r);
    await expect(r).toHaveURL(/#b=/);

    await r.reload();
    await expect(r.getByTestId('profile-compare-page')).toHaveAttribute('data-mode', 'shared');
    await expectPairFigures(r);

    // Another view and back through the session bar.
    await r.getByRole('navigation').getByRole('link', { name: 'Workspace' }).click();
    await expect(r.getByTestId('shared-session')).toBeVisible();
    // The reviewer's own workspace (the demo) does not hold the shared profiles.
    await expect(fileCard(r, 'op_summary_20261101080000.csv')).toHaveCount(0);
    await r.getByRole('link', { name: 'Show the shared comparison' }).click();
    await expectPairFigures(r);

    // Kept: the two profiles become the reviewer's files, and the page shows the same figures.
    await r.getByRole('button', { name: 'Add to my workspace' }).click();
    await expect(r.getByTestId('shared-session')).toHaveCount(0);
    await expect(r.getByTestId('profile-compare-page')).toHaveAttribute('data-mode', 'workspace');
    await expectPairFigures(r);
    await r.reload();
    await expectPairFigures(r);
    await r.getByRole('navigation').getByRole('link', { name: 'Workspace' }).click();
    await expect(fileCard(r, 'op_summary_20261101080000.csv')).toBeVisible();
    await expect(fileCard(r, 'op_summary_20261102080000.csv')).toBeVisible();
    await reviewer.close();
  });

  test('a profile comparison stored as a launcher permalink opens with the same figures', async ({
    page,
    browser,
    baseURL,
  }) => {
    await comparePair(page);
    await page.getByRole('button', { name: 'Copy permalink' }).click();
    await page.getByLabel('Launcher token').fill(launcherToken());
    await page.getByRole('button', { name: 'Store on the launcher' }).click();
    const url = await page.getByTestId('share-permalink').getAttribute('data-url');
    expect(url).toMatch(/\/r\/[A-Za-z0-9_-]+\?a=/);

    const reviewer = await newBrowser(browser, baseURL);
    await reviewer.page.goto(url ?? '');
    await expect(reviewer.page.getByTestId('profile-compare-page')).toHaveAttribute(
      'data-mode',
      'shared',
    );
    await expect(reviewer.page).toHaveURL(/\/profiles\/compare\?a=.*#r=/);
    await expectPairFigures(reviewer.page);
    await reviewer.page.reload();
    await expectPairFigures(reviewer.page);
    await reviewer.close();
  });

  test('the run page sets AOE’s figures against the profiles before and after tuning', async ({
    page,
  }) => {
    await openEmptyWorkspace(page);
    // The profiles' names say nothing of before or after: their times decide.
    await dropBuffers(page, [
      { name: 'aoe_result_opat_20261101_resnet50.json', text: REPORT },
      { name: 'op_summary_20261102080000.csv', text: opSummary(AFTER) },
      { name: 'op_summary_20261101080000.csv', text: opSummary(BEFORE) },
    ]);
    await fileCard(page, 'aoe_result_opat_20261101_resnet50.json')
      .getByRole('link', { name: 'resnet50' })
      .click();
    const panel = page.getByTestId('run-claims');
    await expect(panel).toBeVisible();
    await expect(page.getByTestId('run-claims-pbefore')).toHaveValue(/[0-9a-f]{64}/);
    await expect(page.getByTestId('run-claims-pbefore').locator('option:checked')).toHaveText(
      'op_summary_20261101080000.csv',
    );
    await expect(page.getByTestId('run-claims-pafter').locator('option:checked')).toHaveText(
      'op_summary_20261102080000.csv',
    );
    await expect(page.getByTestId('run-claims-pbefore-why')).toHaveText(
      'its times are nearer AOE’s times before tuning (2 of 2 tuned operators)',
    );

    // Model: AOE 1.000 → 0.950 ms; the profiles' operator time 426 → 292 µs.
    const aoeModel = savedPct(1, 0.95).toFixed(2);
    const profModel = savedPct(total(BEFORE), total(AFTER)).toFixed(2);
    await expect(page.getByTestId('run-claims-model')).toContainText(
      `AOE said the model got ${aoeModel}% faster; the profiles show ${profModel}% faster (operator time ${(total(BEFORE) / 1000).toFixed(3)} ms → ${(total(AFTER) / 1000).toFixed(3)} ms).`,
    );
    // Per operator: AOE's 125 → 75 and 60 → 50 µs against the means per call in the rows.
    const row = (name: string) =>
      page.getByTestId('run-claims-operators').locator(`tr[data-name="${name}"]`);
    await expect(row('Conv_7').getByTestId('run-claims-aoe')).toContainText(
      `${savedPct(125, 75).toFixed(2)}% faster`,
    );
    await expect(row('Conv_7').getByTestId('run-claims-profiles')).toContainText(
      `${savedPct(meanOf(BEFORE, 'Conv_7'), meanOf(AFTER, 'Conv_7')).toFixed(2)}% faster`,
    );
    await expect(row('Gemm_0').getByTestId('run-claims-aoe')).toContainText(
      `${savedPct(60, 50).toFixed(2)}% faster`,
    );
    await expect(row('Gemm_0').getByTestId('run-claims-profiles')).toContainText(
      `${savedPct(meanOf(BEFORE, 'Gemm_0'), meanOf(AFTER, 'Gemm_0')).toFixed(2)}% faster`,
    );
    // The gap: Relu_0 vanished (−16 µs, nothing implied), Cast_3 appeared (+12), Gemm_0 saved
    // 30 µs where AOE's gain implies 120 × (1 − 50/60) = 20.
    const explain = page.getByTestId('run-claims-explain').locator('li');
    await expect(explain).toHaveCount(3);
    await expect(explain.nth(0)).toHaveAttribute('data-name', 'Relu_0');
    await expect(explain.nth(0)).toContainText(
      `${total(BEFORE, 'Relu_0')} µs faster than implied (${((total(BEFORE, 'Relu_0') / total(BEFORE)) * 100).toFixed(2)} percentage points`,
    );
    await expect(explain.nth(1)).toHaveAttribute('data-name', 'Cast_3');
    await expect(explain.nth(2)).toHaveAttribute('data-name', 'Gemm_0');
    await expect(explain.nth(2)).toContainText(
      'imply 20 µs saved, the profiles show 30 µs saved: 10 µs faster than implied',
    );

    // Swapped by hand, the figures turn round and the choice survives a reload.
    await panel.getByRole('button', { name: 'Swap' }).click();
    await expect(page.getByTestId('run-claims-pbefore-why')).toHaveText('chosen by hand');
    await page.reload();
    await expect(row('Conv_7').getByTestId('run-claims-profiles')).toContainText(
      `${Math.abs(savedPct(meanOf(AFTER, 'Conv_7'), meanOf(BEFORE, 'Conv_7'))).toFixed(2)}% slower`,
    );
  });

  test('step_trace_time files compare their step split', async ({ page }) => {
    const head =
      'Device_id,Step,Computing,Communication(Not Overlapped),Overlapped,Communication,Free,Stage,Bubble,Communication(Not Overlapped and Exclude Receive),Preparing';
    const a = `${head}\n0,1,8000,1000,0,1000,1000,10000,0,1000,0\n0,2,8000,1000,0,1000,1000,10000,0,1000,0\n`;
    const b = `${head}\n0,1,6000,1000,0,1000,500,7500,0,1000,0\n0,2,6000,1000,0,1000,500,7500,0,1000,0\n`;
    await openEmptyWorkspace(page);
    await dropBuffers(page, [
      { name: 'step_trace_time.csv', text: a },
      { name: 'step_trace_time (1).csv', text: b },
    ]);
    await expect(fileCard(page, 'step_trace_time (1).csv')).toBeVisible();
    await page.goto('/profiles/compare');
    await page.getByTestId('pcmp-pick-a').selectOption({ label: 'step_trace_time.csv' });
    await page.getByTestId('pcmp-pick-b').selectOption({ label: 'step_trace_time (1).csv' });
    // Mean step 10 ms → 7.5 ms (25 % faster); computing 16 → 12 ms; free 2 → 1 ms (2× faster).
    await expect(page.getByTestId('pcmp-step-meanStep')).toContainText('10.000 ms');
    await expect(page.getByTestId('pcmp-step-meanStep')).toContainText('7.500 ms');
    await expect(page.getByTestId('pcmp-step-meanStep')).toContainText('▼ 25.00% faster');
    await expect(page.getByTestId('pcmp-step-computing')).toContainText('▼ 25.00% faster');
    await expect(page.getByTestId('pcmp-step-free')).toContainText('▼ 2.00× faster');
  });

  test('a timeline in the comparison says how to open it in Perfetto or MindStudio Insight', async ({
    page,
  }) => {
    await openEmptyWorkspace(page);
    await dropFiles(page, [
      `${TIMELINES}trace_view.json`,
      `${TIMELINES}msprof_20240102101831.json`,
    ]);
    await expect(fileCard(page, 'msprof_20240102101831.json')).toBeVisible();
    await page.goto('/profiles/compare');
    await page.getByTestId('pcmp-pick-a').selectOption({ label: 'trace_view.json' });
    await page.getByTestId('pcmp-pick-b').selectOption({ label: 'msprof_20240102101831.json' });
    const hint = page.getByTestId('pcmp-timeline-hint');
    await expect(hint).toContainText('trace_view.json, msprof_20240102101831.json');
    await expect(hint).toContainText('https://ui.perfetto.dev');
    await expect(hint).toContainText('MindStudio Insight');
  });
});
