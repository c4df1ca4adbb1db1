import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { aisBenchTool, buildAisBenchArgv, type AisBenchStep } from './ais-bench.ts';
import { fixture, runWithStandIn, tempDir } from './step-testing.ts';
import { checkToolOption } from './tool.ts';

const step = (over: Partial<AisBenchStep> = {}): AisBenchStep => ({
  model: '/models/resnet50.om',
  loop: 10,
  warmupCount: 2,
  batchSize: 1,
  device: 1,
  options: [],
  ...over,
});

describe('buildAisBenchArgv', () => {
  it('is `-m ais_bench` and one argv element per value, never a shell line', () => {
    const argv = buildAisBenchArgv(
      step({ options: [['pure_data_type', 'random']], model: '/m/a b;$(id).om' }),
      '/job/s/result',
    );
    expect(argv).toEqual([
      '-m',
      'ais_bench',
      '--model',
      '/m/a b;$(id).om',
      '--loop',
      '10',
      '--warmup_count',
      '2',
      '--batchsize',
      '1',
      '--device',
      '1',
      '--output',
      '/job/s/result',
      '--output_dirname',
      'measure',
      '--pure_data_type',
      'random',
    ]);
  });
});

describe('ais_bench options and lines', () => {
  it.each([
    ['pure_data_type', 'zero', { ok: true, fileOption: false }],
    ['input', 'data/in.bin', { ok: true, fileOption: true }],
    ['output', '/tmp', { ok: false, reason: 'field' }],
    ['profiler', '1', { ok: false, reason: 'field' }],
    ['debug', '1', { ok: false, reason: 'unknown' }],
    ['dymBatch', '0', { ok: false, reason: 'value' }],
  ])('%s=%j', (name, value, expected) => {
    expect(checkToolOption(aisBenchTool, name, value, null)).toEqual(expected);
  });

  it.each([
    ['[INFO] -----------------Performance Summary------------------', { kind: 'success' }],
    [
      '[ERROR] aclrtSetDevice failed, device 0 is occupied by another process, ret 507033',
      { kind: 'failure', code: 'DEVICE_BUSY' },
    ],
    [
      "ModuleNotFoundError: No module named 'ais_bench'",
      { kind: 'failure', code: 'TUNER_NOT_FOUND' },
    ],
    [
      '[ERROR] load model from file failed, model file is x.om',
      { kind: 'failure', code: 'TOOL_FAILED' },
    ],
    ["OSError: [Errno 28] No space left on device: 'r'", { kind: 'failure', code: 'DISK_FULL' }],
    [
      'Inference array Processing:  40%|████      | 4/10',
      { kind: 'progress', data: { percent: 40 } },
    ],
    ['[INFO] open device 0 success', null],
  ])('%s', (line, expected) => {
    const ev = aisBenchTool.parseLine(line);
    if (expected === null) expect(ev).toBeNull();
    else expect(ev).toMatchObject(expected);
  });
});

describe('ais_bench against its stand-in', () => {
  let root: string;
  const bin = fixture('fake-ais-bench/python3');
  beforeEach(() => {
    root = tempDir('aoe-ais-bench-');
    mkdirSync(join(root, 'models'));
    for (const m of ['resnet50', 'busy-resnet50', 'fail-resnet50', 'nospace-resnet50']) {
      writeFileSync(join(root, 'models', `${m}.om`), `om ${m}\n`);
    }
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));
  const om = (name: string) => join(root, 'models', `${name}.om`);

  it('measures: the summary JSON found and read with the dashboard’s ais_bench reader', async () => {
    const run = await runWithStandIn(aisBenchTool, step({ model: om('resnet50'), loop: 5 }), {
      bin,
      root,
      env: { FAKE_AIS_BENCH_MS: '4' },
    });
    expect(run.outcome.ok).toBe(true);
    if (!run.outcome.ok) return;
    const { outputs } = run.outcome;
    expect(outputs.files.summary).toBe(join(run.cwd, 'result', 'measure_summary.json'));
    expect(outputs.figures).toMatchObject({ iterations: 5, batchSize: 1 });
    const latency = (outputs.figures?.latencyMs ?? {}) as { mean: number };
    expect(latency.mean).toBeCloseTo(4, 6);
    expect(outputs.figures?.throughputPerS).toBeCloseTo(250, 6);
    expect(run.events.some(([t, d]) => t === 'progress' && d.percent === 100)).toBe(true);
    const manifest = await aisBenchTool.manifest(step({ model: om('resnet50') }), outputs);
    expect(manifest).toMatchObject({ loop: 10, warmupCount: 2, summary: outputs.files.summary });
  });

  it.each([
    ['busy-resnet50', 'DEVICE_BUSY', /another process holds it/],
    ['fail-resnet50', 'TOOL_FAILED', /exit code 1/],
    ['nospace-resnet50', 'DISK_FULL', /No space left/],
  ])('%s fails with %s', async (name, code, message) => {
    const run = await runWithStandIn(aisBenchTool, step({ model: om(name) }), { bin, root });
    expect(run.outcome).toMatchObject({ ok: false, code, message });
  });
});
