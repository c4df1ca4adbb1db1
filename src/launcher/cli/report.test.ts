import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from './main.ts';

// Reports from e2e/fixtures/compare (run 1 tuned 100 ms, run 2 94 ms) and measurements from
// e2e/fixtures/acceptance: 200 iterations each, baseline OM 10.00…11.99 ms (mean 10.995), tuned
// OM 9.00…10.99 (mean 9.995), GPU trtexec 9.80…11.79 (mean 10.795).
const FIX = join(import.meta.dirname, '../../../e2e/fixtures/compare');
const ACC = join(import.meta.dirname, '../../../e2e/fixtures/acceptance');
const RUN1 = join(FIX, 'aoe_result_opat_20250301100000123_pid1001.json');
const RUN2 = join(FIX, 'aoe_result_opat_20250302100000123_pid1002.json');
const RUN3 = join(FIX, 'aoe_result_opat_20250303100000123_pid1003.json');
const FILES = [
  RUN1,
  join(ACC, 'baseline_summary.json'),
  RUN2,
  join(ACC, 'tuned_summary.json'),
  join(ACC, 'gpu_times.json'),
];

async function cli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

describe('aoe-dashboard report', () => {
  const saved = process.env['SOURCE_DATE_EPOCH'];
  beforeEach(() => {
    process.env['SOURCE_DATE_EPOCH'] = '1764748800';
  });
  afterEach(() => {
    if (saved === undefined) delete process.env['SOURCE_DATE_EPOCH'];
    else process.env['SOURCE_DATE_EPOCH'] = saved;
  });

  it('writes Markdown with the measured figures and exits as the verdict (0 accept)', async () => {
    const r = await cli(['report', ...FILES]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^# Migration acceptance report — ✅ Accept/);
    expect(r.stdout).toContain('Generated: 2025-12-03T08:00:00.000Z');
    expect(r.stdout).toContain(
      '| Tuned | aoe\\_result\\_opat\\_20250302100000123\\_pid1002.json · resnet50 | ais\\_bench | 1 | 200 | 9.995 | 9.995 |',
    );
    expect(r.stdout).toContain('| faster by 9.10% | faster by 7.41% |');
    expect(r.stdout).toContain(
      '| GPU baseline | GPU baseline | trtexec | — | 200 | 10.795 | 10.795 |',
    );
  });

  it('writes zh-CN HTML to a file with -o, offline', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'aoe-report-')), 'acceptance.html');
    const r = await cli(['report', '--lang', 'zh-CN', '-o', out, ...FILES]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const html = readFileSync(out, 'utf8');
    expect(html).toMatch(/^<!doctype html>\n<html lang="zh-CN">/);
    expect(html).toContain('迁移验收表');
    expect(html).toContain('提速 9.10%');
    expect(html).not.toMatch(/https?:|@import|url\(/i);
    expect(html.match(/<polyline /g)).toHaveLength(3);
  });

  it('a run that misses the gate rejects (exit 1); without measurements it says what was not measured', async () => {
    const r = await cli(['report', '--md', RUN1, RUN3]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('No GPU baseline measurement');
    expect(r.stdout).toContain('The baseline model was not measured');
  });

  it("carries the advisor's findings on the judged run, measured against AOE's claim; --no-advice leaves them out", async () => {
    const r = await cli(['report', ...FILES]);
    const advice = r.stdout.slice(r.stdout.indexOf('## Advice'));
    expect(advice).toMatch(/^## Advice\n/);
    expect(advice).toContain('### 1. Warning: batch 1: measured 9.10 % saved, AOE stated 21.67 %');
    expect(advice).toContain('| measured, untuned model (mean) | 10.995 ms ·');
    expect(advice).toContain('| measured, tuned model (mean) | 9.995 ms ·');
    // Only the judged run (not the baseline's own task) is advised on.
    expect(advice).toContain('aoe\\_result\\_opat\\_20250302100000123\\_pid1002.json');
    expect(advice).not.toContain('aoe\\_result\\_opat\\_20250301100000123\\_pid1001.json');

    const without = await cli(['report', '--no-advice', ...FILES]);
    expect(without.code).toBe(0);
    expect(without.stdout).not.toContain('## Advice');
    expect(without.stdout).toContain('| faster by 9.10% | faster by 7.41% |');
  });

  it('gives the Advice in zh-CN too', async () => {
    const r = await cli(['report', '--lang', 'zh-CN', ...FILES]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('## 调优建议');
    expect(r.stdout).toContain('### 1. 警告：Batch 大小 1：实测节省 9.10 %，AOE 声称 21.67 %');
    expect(r.stdout).toContain('claim-vs-measured');
  });

  it.each([
    [['report', '--lang', 'fr', RUN1, RUN2], /--lang must be en or zh-CN/],
    [['report', '--html', '--md', RUN1, RUN2], /choose one of --html and --md/],
    [['report', join(ACC, 'tuned_summary.json'), RUN2], /must be the baseline/],
    [['report', RUN1, '/nonexistent/x.json'], /cannot read/],
  ])('usage errors exit 2 (%#)', async (args, message) => {
    const r = await cli(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});
