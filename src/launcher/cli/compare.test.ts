import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from './main.ts';
import { validate } from '../../core/validation/index.ts';

// Three runs of one model (e2e/fixtures/compare, CANN 6.3+ layout) with hand-computable figures:
// run 1 tuned 100 ms (the baseline), run 2 94 ms (−6 %), run 3 97 ms (−3 %, Conv_1 +15 %).
const FIX = join(import.meta.dirname, '../../../e2e/fixtures/compare');
const RUN1 = join(FIX, 'aoe_result_opat_20250301100000123_pid1001.json');
const RUN2 = join(FIX, 'aoe_result_opat_20250302100000123_pid1002.json');
const RUN3 = join(FIX, 'aoe_result_opat_20250303100000123_pid1003.json');
const OLD_GEN = join(FIX, 'aoe_result_opat_20240115093000456_pid2002.json');

async function cli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

function temp(name: string, content: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'aoe-compare-'));
  writeFileSync(join(dir, name), content);
  return join(dir, name);
}

describe('aoe-dashboard compare: verdicts and exit codes', () => {
  it('accepts a run 6 % faster with no operator regressing over 10 % (exit 0)', async () => {
    const r = await cli(['compare', RUN1, RUN2]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Verdict: ACCEPT');
    expect(r.stdout).toContain(
      'Model latency (AOE): faster by 6.00 % (at least 5 % faster required).',
    );
    expect(r.stdout).toContain('1 faster, 1 slower, 2 unchanged, 1 added, 1 removed');
  });

  it('rejects when one run misses the gate (exit 1)', async () => {
    const r = await cli(['compare', RUN1, RUN2, RUN3]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Verdict: REJECT');
    expect(r.stdout).toContain(
      'Model latency (AOE): faster by 3.00 %; at least 5 % faster required.',
    );
    expect(r.stdout).toContain('Conv_1 (+15.0 %)');
  });

  it('prints JSON that matches compare-output.v1, with the hand-computed figures', async () => {
    const r = await cli(['compare', '--json', RUN1, RUN2, RUN3]);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as {
      models: { deltaMs: number | null; deltaPct: number | null }[];
      operators: { geomeanSpeedup: number; counts: Record<string, number> }[];
      gate: { verdict: string; runs: { verdict: string }[] };
    };
    expect(validate('compare-output.v1', out)).toEqual([]);
    expect(out.models.map((m) => [m.deltaMs, m.deltaPct])).toEqual([
      [0, 0],
      [-6, -6],
      [-3, -3],
    ]);
    // (100/90 × 120/126 × 64/64.5 × 40/40)^(1/4) and (100/100 × 120/138 × 64/60 × 1 × 1)^(1/5)
    expect(out.operators[0]?.geomeanSpeedup).toBeCloseTo(1.0122717, 6);
    expect(out.operators[1]?.geomeanSpeedup).toBeCloseTo(0.9850679, 6);
    expect(out.operators[1]?.counts).toEqual({
      added: 0,
      removed: 0,
      faster: 1,
      slower: 1,
      unchanged: 3,
    });
    expect(out.gate.runs.map((x) => x.verdict)).toEqual(['accept', 'reject']);
  });

  it('prints a Markdown summary with the verdict', async () => {
    const r = await cli(['compare', '--md', RUN1, RUN2]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^# AOE run comparison — ✅ accept/);
  });

  it('prints the same Markdown as the compare page exports (golden file)', async () => {
    const r = await cli(['compare', '--md', RUN1, RUN2, RUN3]);
    expect(r.stdout).toBe(readFileSync(join(FIX, 'comparison.md.golden'), 'utf8'));
  });

  it('a run from another AOE generation is "not comparable", not judged (exit 4)', async () => {
    const r = await cli(['compare', RUN1, OLD_GEN]);
    expect(r.stdout).toContain(
      'warning: aoe_result_opat_20240115093000456_pid2002.json · resnet50: generation differs',
    );
    expect(r.stdout).toContain('Verdict: NOT COMPARABLE');
    expect(r.stdout).toContain('Not comparable: AOE layout generation differs from the baseline');
    expect(r.code).toBe(4);
  });

  it('says "not enough data" when a run has no model latency (exit 3)', async () => {
    const noLatency = temp(
      'aoe_result_opat_20250304100000123_pid1004.json',
      JSON.stringify({
        report_20250304100000123_77: [
          { basic: { tuning_name: 'resnet50', 'tuning_time(s)': 26 } },
          { OPAT: { opat_tuning_result: 'tuning successful', repo_modified_operators: [] } },
        ],
      }),
    );
    const r = await cli(['compare', RUN1, noLatency]);
    expect(r.code).toBe(3);
    expect(r.stdout).toContain('Verdict: NOT ENOUGH DATA');
  });

  it('applies a gate file', async () => {
    const gate = temp(
      'gate.json',
      JSON.stringify({
        version: 1,
        modelImprovement: { enabled: true, minPct: 2 },
        operatorRegression: { enabled: false, maxPct: 10 },
        tailLatency: { enabled: true, maxRegressionPct: 2, percentiles: [95, 99], minRepeats: 20 },
      }),
    );
    expect((await cli(['compare', '--gate', gate, RUN1, RUN3])).code).toBe(0);
  });
});

// Measured latency (e2e/fixtures/acceptance): 200 iterations each; baseline OM 10.00…11.99 ms
// (mean 10.995), tuned OM 9.00…10.99 ms (mean 9.995), GPU (trtexec --exportTimes) 9.80…11.79 ms
// (mean 10.795). Tuned vs baseline: 1/10.995 = 9.10 % faster; tuned vs GPU: 0.8/10.795 = 7.41 %.
const ACC = join(import.meta.dirname, '../../../e2e/fixtures/acceptance');
const BASE_M = join(ACC, 'baseline_summary.json');
const TUNED_M = join(ACC, 'tuned_summary.json');
const GPU_M = join(ACC, 'gpu_times.json');

describe('aoe-dashboard compare with measurement files', () => {
  it('judges measured mean/median, P95/P99 and the GPU baseline', async () => {
    const r = await cli(['compare', RUN1, BASE_M, RUN2, TUNED_M, '--gpu', GPU_M, '--json']);
    const out = JSON.parse(r.stdout) as {
      gate: { verdict: string; runs: { reasons: { code: string; message: string }[] }[] };
    };
    expect(validate('compare-output.v1', out)).toEqual([]);
    const reasons = out.gate.runs[0]?.reasons ?? [];
    expect(reasons.map((x) => x.code)).toEqual([
      'MODEL_IMPROVED',
      'OPS_OK',
      'TAIL_OK',
      'TAIL_OK',
      'MEASURED_OK',
      'MEASURED_OK',
      'GPU_OK',
      'GPU_OK',
    ]);
    expect(reasons[4]?.message).toContain(
      'Measured mean latency: faster by 9.10 % (10.995 → 9.995 ms)',
    );
    expect(reasons[6]?.message).toContain(
      'against the GPU baseline: faster by 7.41 % (10.795 → 9.995 ms)',
    );
    expect(out.gate.verdict).toBe('accept');
    expect(r.code).toBe(0);
  });

  it('rejects when the GPU is faster than the rule allows (swapped measurements)', async () => {
    // The "tuned" run measured with the baseline OM's file: 10.995 vs GPU 10.795 is 1.85 % slower.
    const r = await cli(['compare', RUN1, TUNED_M, RUN2, BASE_M, '--gpu', GPU_M]);
    expect(r.stdout).toContain('[FAIL] Measured mean latency: slower by 10.01 %');
    expect(r.stdout).toContain('Ascend mean latency against the GPU baseline: slower by 1.85 %');
    expect(r.code).toBe(1);
  });

  it('a measurement file first, or two after one report, is a usage error', async () => {
    expect((await cli(['compare', BASE_M, RUN2])).stderr).toMatch(/must be the baseline/);
    const twice = await cli(['compare', RUN1, BASE_M, BASE_M, RUN2]);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toMatch(/already has a measurement/);
  });

  it('a broken measurement file is named with what is wrong (exit 2)', async () => {
    const bad = temp('broken_summary.json', '{"NPU_compute_time": {"min": 1, "mean": "x"');
    const r = await cli(['compare', RUN1, RUN2, bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('broken_summary.json');
  });
});

describe('aoe-dashboard compare: usage errors exit 2', () => {
  it.each([
    [
      'an invalid gate file',
      () => ['compare', '--gate', temp('gate.json', '{"version":1}'), RUN1, RUN2],
      /gate-rules[\s\S]*\/modelImprovement/,
    ],
    [
      'a gate file that is not JSON',
      () => ['compare', '--gate', temp('gate.json', '{'), RUN1, RUN2],
      /not a valid gate file[\s\S]*Not valid JSON.*\(line 1\)/,
    ],
    [
      'a missing gate file',
      () => ['compare', '--gate', '/nonexistent/gate.json', RUN1, RUN2],
      /ENOENT/,
    ],
    ['a missing run file', () => ['compare', RUN1, '/nonexistent/run.json'], /cannot read/],
    [
      'a file that is not an AOE report',
      () => ['compare', RUN1, temp('notes.txt', 'hello')],
      /notes\.txt/,
    ],
    ['a task index the file does not have', () => ['compare', RUN1, `${RUN2}#3`], /no task #3/],
    ['--json with --md', () => ['compare', '--json', '--md', RUN1, RUN2], /one of --json and --md/],
    ['a negative noise floor', () => ['compare', '--noise-pct', '-1', RUN1, RUN2], /--noise-pct/],
    ['no run besides the baseline', () => ['compare', RUN1], /missing required argument/],
  ])('%s', async (_title, args, message) => {
    const r = await cli(args());
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});
