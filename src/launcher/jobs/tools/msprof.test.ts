import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readAisBenchSummary } from '../../../core/measure/ais-bench-summary.ts';
import { buildMsprofArgv, msprofTool, type MsprofStep } from './msprof.ts';
import { fixture, runWithStandIn, tempDir } from './step-testing.ts';
import { checkToolOption } from './tool.ts';

const step = (model: string, over: Partial<MsprofStep> = {}): MsprofStep => ({
  measure: { model, loop: 3, warmupCount: 1, device: 0, options: [] },
  options: [],
  ...over,
});

describe('buildMsprofArgv', () => {
  it('puts msprof’s options first and the ais_bench command at the end, as argv elements', () => {
    const argv = buildMsprofArgv(
      step('/m/r.om', {
        options: [
          ['aic-metrics', 'PipeUtilization'],
          ['task-time', 'on'],
        ],
      }),
      '/j/s/prof',
      '/j/s/result',
    );
    expect(argv.slice(0, 4)).toEqual([
      '--output=/j/s/prof',
      '--aic-metrics=PipeUtilization',
      '--task-time=on',
      'python3',
    ]);
    expect(argv.slice(4, 8)).toEqual(['-m', 'ais_bench', '--model', '/m/r.om']);
  });

  it.each([
    ['aic-metrics', 'L2Cache', true],
    ['aic-metrics', 'All', false],
    ['application', 'rm -rf /', false],
    ['output', '/tmp', false],
  ])('%s=%s allowed: %s', (name, value, ok) => {
    expect(checkToolOption(msprofTool, name, value, null).ok).toBe(ok);
  });
});

describe('msprof against its stand-in', () => {
  let root: string;
  let env: Record<string, string>;
  const bin = fixture('fake-msprof/msprof');
  beforeEach(() => {
    root = tempDir('aoe-msprof-');
    mkdirSync(join(root, 'models'));
    writeFileSync(join(root, 'models', 'r.om'), 'om\n');
    writeFileSync(join(root, 'models', 'busy-r.om'), 'om\n');
    // The application is started from PATH: the ais_bench stand-in answers to python3.
    env = { PATH: `${dirname(fixture('fake-ais-bench/python3'))}:${process.env.PATH ?? ''}` };
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('profiles the measuring command: tables by kind, and the measurement beside them', async () => {
    const run = await runWithStandIn(msprofTool, step(join(root, 'models', 'r.om')), {
      bin,
      root,
      env,
    });
    expect(run.outcome.ok).toBe(true);
    if (!run.outcome.ok) return;
    const files = run.outcome.outputs.files as Record<string, string[]>;
    expect(files.opSummary?.[0]).toMatch(
      /PROF_[^/]+\/mindstudio_profiler_output\/op_summary_\d+\.csv$/,
    );
    expect(Object.keys(files).sort()).toEqual([
      'opStatistic',
      'opSummary',
      'stepTrace',
      'timeline',
    ]);
    const summary = join(run.cwd, 'result', 'measure_summary.json');
    expect(readAisBenchSummary(readFileSync(summary, 'utf8'), 'measure_summary.json').ok).toBe(
      true,
    );
  });

  it('DEVICE_BUSY when the profiled application cannot have the device; DISK_FULL when export fails', async () => {
    const busy = await runWithStandIn(msprofTool, step(join(root, 'models', 'busy-r.om')), {
      bin,
      root,
      env,
    });
    expect(busy.outcome).toMatchObject({ ok: false, code: 'DEVICE_BUSY' });
    const full = await runWithStandIn(msprofTool, step(join(root, 'models', 'r.om')), {
      bin,
      root,
      env: { ...env, FAKE_MSPROF_MODE: 'nospace' },
    });
    expect(full.outcome).toMatchObject({ ok: false, code: 'DISK_FULL' });
  });
});
