import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  benchmarkShapes,
  buildBenchmarkArgv,
  msliteBenchmarkTool,
  type BenchmarkStep,
} from './mslite-benchmark.ts';
import { alive, fixture, runWithStandIn, stopHungStep, tempDir } from './step-testing.ts';
import { checkToolOption } from './tool.ts';

const step = (over: Partial<BenchmarkStep> = {}): BenchmarkStep => ({
  model: '/models/resnet50.mindir',
  loop: 20,
  warmupCount: 3,
  device: 1,
  options: [],
  ...over,
});

describe('buildBenchmarkArgv', () => {
  it('emits the documented flags as --name=value, each its own element', () => {
    expect(
      buildBenchmarkArgv(
        step({ inputShapes: '1,3,224,224', options: [['timeProfiling', 'true']] }),
        '/job/2/benchmark.cfg',
      ),
    ).toEqual([
      '--modelFile=/models/resnet50.mindir',
      '--device=Ascend',
      '--loopCount=20',
      '--warmUpLoopCount=3',
      '--inputShapes=1,3,224,224',
      '--configFile=/job/2/benchmark.cfg',
      '--timeProfiling=true',
    ]);
  });

  it.each([
    ['x:1,3,224,224', '1,3,224,224'],
    ['x:1,3,224,224;y:1,10', '1,3,224,224:1,10'],
    ['x:1,-1', '1,-1'],
    ['x:1,a', undefined],
    [undefined, undefined],
  ])('inputShapes of %j is %j', (shape, expected) => {
    expect(benchmarkShapes(shape)).toBe(expected);
  });

  it.each([
    ['timeProfiling', 'true', { ok: true, fileOption: false }],
    ['numThreads', '4', { ok: true, fileOption: false }],
    ['inDataFile', 'in.bin', { ok: true, fileOption: true }],
    ['numThreads', '4;id', { ok: false, reason: 'value' }],
    ['timeProfiling', 'true\n--modelFile=/etc/passwd', { ok: false, reason: 'value' }],
    ['modelFile', '/etc/passwd', { ok: false, reason: 'field' }],
    ['configFile', 'x.cfg', { ok: false, reason: 'field' }],
    ['__proto__', 'x', { ok: false, reason: 'unknown' }],
  ])('option %s=%j', (name, value, expected) => {
    expect(checkToolOption(msliteBenchmarkTool, name, value, null)).toEqual(expected);
  });
});

describe('benchmark lines', () => {
  it.each([
    ['Run Benchmark resnet50.mindir Success.', { kind: 'success' }],
    ['Run Benchmark resnet50.mindir Failed : -1', { kind: 'failure', code: 'TOOL_FAILED' }],
    ['[ERROR] aclrtSetDevice failed, ret = 507033', { kind: 'failure', code: 'DEVICE_BUSY' }],
    ['[ERROR] Resize input shapes 1,3 failed', { kind: 'failure', code: 'BAD_SHAPE' }],
    ['LoopCount = 20', null],
  ])('%s', (line, expected) => {
    const ev = msliteBenchmarkTool.parseLine(line);
    if (expected === null) expect(ev).toBeNull();
    else expect(ev).toMatchObject(expected);
  });
});

describe('benchmark against its stand-in', () => {
  let root: string;
  const bin = fixture('fake-mslite-benchmark/benchmark');
  beforeEach(() => {
    root = tempDir('aoe-mslite-bench-');
    mkdirSync(join(root, 'models'));
    for (const m of ['resnet50', 'busy-resnet50', 'badshape-resnet50']) {
      writeFileSync(join(root, 'models', `${m}.mindir`), `mindir ${m}\n`);
    }
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));
  const model = (name: string) => join(root, 'models', `${name}.mindir`);

  it('keeps the stdout and reads its summary with the dashboard’s reader into figures', async () => {
    const s = step({ model: model('resnet50'), options: [['timeProfiling', 'true']] });
    const run = await runWithStandIn(msliteBenchmarkTool, s, { bin, root });
    expect(run.outcome).toMatchObject({ ok: true });
    if (!run.outcome.ok) return;
    expect(run.outcome.outputs.figures).toMatchObject({
      latencyMs: { mean: 1.5, min: 1.1, max: 2.3, count: 20 },
      iterations: 20,
      operatorTypes: 2,
    });
    expect(run.outcome.outputs.files.log).toBe(join(run.cwd, 'benchmark.log'));
    const manifest = await msliteBenchmarkTool.manifest(s, run.outcome.outputs);
    expect(manifest).toMatchObject({ loop: 20, warmupCount: 3, device: 1 });
  });

  it.each([
    ['busy-resnet50', 'DEVICE_BUSY', /another process holds it/],
    ['badshape-resnet50', 'BAD_SHAPE', /Resize input shapes/],
  ])('%s fails with %s', async (name, code, message) => {
    const run = await runWithStandIn(msliteBenchmarkTool, step({ model: model(name) }), {
      bin,
      root,
    });
    expect(run.outcome).toMatchObject({ ok: false, code, exitCode: 1, message });
  });

  it.each(['CANCELED', 'TIMEOUT'] as const)(
    'a hung benchmark is stopped (%s) with its whole process group',
    async (reason) => {
      const stopped = await stopHungStep(
        msliteBenchmarkTool,
        step({ model: model('resnet50') }),
        { bin, root, env: { FAKE_BENCHMARK_MODE: 'hang' } },
        reason,
      );
      expect(stopped.bothRan).toBe(true);
      expect(stopped.run.outcome).toMatchObject({ ok: false, code: reason });
      // The child ignores SIGINT and SIGTERM: only the group's SIGKILL ends it.
      expect(alive(stopped.parent)).toBe(false);
      expect(alive(stopped.child)).toBe(false);
    },
  );

  it('a missing model is TOOL_FAILED with benchmark’s own words', async () => {
    const run = await runWithStandIn(msliteBenchmarkTool, step({ model: model('gone') }), {
      bin,
      root,
    });
    expect(run.outcome).toMatchObject({ ok: false, code: 'TOOL_FAILED', message: /not exist/ });
  });
});
