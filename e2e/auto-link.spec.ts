// Finding: auto-link attached the wrong profile. Reports and profiles dropped together are linked
// only on evidence (model names in folders, or at least half of the tuned operators found in the
// profile), each link says why, and a profile of another model linked by hand is flagged and its
// tune_ops_file cannot be exported.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { dropBuffers, expect, fileCard, openEmptyWorkspace, test } from './helpers/app.ts';

const AOE = fileURLToPath(new URL('../src/core/formats/aoe-opat/fixtures/', import.meta.url));
const KD = fileURLToPath(
  new URL(
    '../src/core/formats/kernel-details/fixtures/torch_npu-level1-2025.06/kernel_details.csv',
    import.meta.url,
  ),
);

test.use({ locale: 'en-US' });

const HEADER =
  'Device_id,Model ID,Task ID,Stream ID,Op Name,OP Type,OP State,Task Type,Task Start Time(us),' +
  'Task Duration(us),Task Wait Time(us),Block Dim,Mix Block Dim,HF32 Eligible,Input Shapes,' +
  'Input Data Types,Input Formats,Output Shapes,Output Data Types,Output Formats,Context ID';

function opSummary(rows: readonly (readonly [string, string, number])[]): string {
  let start = 1780676244313289;
  const lines = rows.map(([name, type, us], i) => {
    const line = `0,4294967295,${i},2,${name},${type},static,AI_CORE,${start.toFixed(3)}\t,${us},0.5,24,0,NO,"""1,64""",FLOAT16,ND,"""1,64""",FLOAT16,ND,N/A`;
    start += us + 1;
    return line;
  });
  return `${[HEADER, ...lines].join('\n')}\n`;
}

/** A llama decoder's kernels: nothing a resnet50 run tuned. */
const LLAMA = opSummary(
  Array.from({ length: 24 }, (_, i) => {
    const layer = Math.floor(i / 3);
    const part = ['self_attn.q_proj', 'self_attn.o_proj', 'mlp.down_proj'][i % 3] ?? 'mlp';
    return [`model.layers.${layer}.${part}/MatMul`, 'MatMulV2', 120 - i] as const;
  }),
);

const file = (name: string) => ({ name, text: readFileSync(`${AOE}${name}`, 'utf8') });

async function openRun(page: Page, fileName: string, task: string): Promise<void> {
  await fileCard(page, fileName).getByRole('link', { name: task }).click();
  await expect(page.getByTestId('run-page')).toBeVisible();
}

test('a one-row table dropped with three unrelated runs is linked to none of them', async ({
  page,
}) => {
  // One kernel row (Conv_12, which one of the runs tuned), named like an AOE result file.
  const [header, row] = readFileSync(KD, 'utf8').split('\n');
  const oneRow = `${header}\n${row?.replace('trans_TransData_0,TransData', 'Conv_12,Conv2D')}\n`;
  await openEmptyWorkspace(page);
  await dropBuffers(page, [
    file('cann63rc2-array.json'),
    file('cann601-array-success.json'),
    file('cann62rc1-array.json'),
    { name: 'aoe_result_opat_20261102093015123_pid77.csv', text: oneRow },
  ]);
  const table = fileCard(page, 'aoe_result_opat_20261102093015123_pid77.csv');
  await expect(table.getByTestId('format-label')).toContainText('kernel_details');
  for (const name of ['cann63rc2-array.json', 'cann601-array-success.json', 'cann62rc1-array.json'])
    await expect(fileCard(page, name).locator('.link-chip')).toHaveCount(0);
  await expect(table.locator('.link-chip')).toHaveCount(0);

  // Linked by hand to the run that tuned Conv_12, the card says why the link is doubtful: 1 of 4.
  const bert = fileCard(page, 'cann62rc1-array.json');
  await bert
    .getByRole('combobox', { name: 'Link a profile' })
    .selectOption({ label: 'aoe_result_opat_20261102093015123_pid77.csv' });
  await expect(bert.locator('.link-chip')).toHaveText(
    'aoe_result_opat_20261102093015123_pid77.csv',
  );
  await expect(bert.getByTestId('link-evidence')).toHaveAttribute('data-verdict', 'mismatch');
  await expect(bert.getByTestId('link-evidence')).toContainText(
    '1 of 4 tuned operators found in the profile',
  );
});

test('a profile of the same model dropped with its report is linked, and says why', async ({
  page,
}) => {
  await openEmptyWorkspace(page);
  await dropBuffers(page, [
    file('cann63rc2-array.json'),
    {
      name: 'op_summary_20261102094530.csv',
      text: opSummary([
        ['Conv_7', 'Conv2D', 88.32],
        ['Gemm_0', 'MatMulV2', 36.05],
        ['SoftmaxV2_0', 'SoftmaxV2', 21.4],
        ['Relu_0', 'Relu', 10],
      ]),
    },
  ]);
  const report = fileCard(page, 'cann63rc2-array.json');
  await expect(report.locator('.link-chip')).toHaveText('op_summary_20261102094530.csv');
  await expect(report.getByTestId('link-evidence')).toHaveAttribute('data-verdict', 'match');
  await expect(report.getByTestId('link-evidence')).toContainText(
    'Same model: 3 of 3 tuned operators found in the profile',
  );
});

test('a llama profile linked by hand to a resnet50 run is flagged and its export is off', async ({
  page,
}) => {
  await openEmptyWorkspace(page);
  await dropBuffers(page, [
    file('cann63rc2-array.json'),
    { name: 'op_summary_llama_20261102094530.csv', text: LLAMA },
  ]);
  // Dropped together, but not one tuned operator is in it: not linked.
  await expect(fileCard(page, 'cann63rc2-array.json').locator('.link-chip')).toHaveCount(0);

  await openRun(page, 'cann63rc2-array.json', 'resnet50_om_tune');
  await page.getByRole('tab', { name: 'Profile join' }).click();
  await page
    .getByLabel('Link a profile')
    .selectOption({ label: 'op_summary_llama_20261102094530.csv' });
  await page.getByRole('button', { name: 'Link', exact: true }).click();

  const warning = page.getByTestId('link-mismatch');
  await expect(warning).toContainText('probably of another model');
  await expect(warning).toContainText('0 of 3 tuned operators found in the profile');
  await expect(page.getByTestId('tune-next')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Export tune_ops_file' })).toBeDisabled();
  await expect(
    page.getByRole('button', { name: 'Start a tuning job with these operators' }),
  ).toBeDisabled();
});
