// The MindSpore Lite route through the API with the stand-ins: converter_lite with AOE (which runs
// the stand-in `aoe` from the PATH) → benchmark on the .mindir it wrote; its failures, and the
// same attacks on its request as the other tools'.
import type { FastifyInstance } from 'fastify';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  AUTH,
  isFinal,
  postJob,
  sandbox,
  testApp,
  waitJob,
  type Sandbox,
  standInEnv,
  stepsOf,
} from './testing.ts';

let box: Sandbox;
let app: FastifyInstance;

async function setUp(extra: Record<string, string> = {}): Promise<void> {
  box = sandbox();
  app = await testApp(box, { env: toolEnv(extra) });
}

afterEach(async () => {
  await app.close();
  box.cleanup();
});

/** converter_lite, benchmark, npu-smi and the aoe converter_lite runs, first on the jobs' PATH. */
const toolEnv = (extra: Record<string, string>) =>
  standInEnv(['fake-converter-lite', 'fake-mslite-benchmark', 'fake-npu-smi', 'fake-aoe'], extra);

describe('the mslite preset', () => {
  it('converts with AOE into a .mindir, stores the AOE results as runs, and measures the .mindir', async () => {
    await setUp();
    const id = await postJob(app, {
      model: 'resnet50.onnx',
      preset: 'mslite',
      inputShape: 'x:1,3,224,224',
      aoeMode: 'subgraph tuning',
      akg: true,
      loop: 7,
      warmupCount: 2,
      device: 0,
    });
    const job = await waitJob(app, id, isFinal, 30_000);
    expect(job).toMatchObject({ state: 'succeeded', errorCode: null });
    const steps = stepsOf(job);
    expect(steps.map((st) => [st.tool, st.state])).toEqual([
      ['converter_lite', 'succeeded'],
      ['mslite_benchmark', 'succeeded'],
    ]);
    // One AOE result (subgraph tuning only), stored as a run of the job.
    expect(job.runIds).toHaveLength(1);
    const dir = join(box.dataDir, 'jobs', id);
    expect(readFileSync(join(dir, '1-converter_lite', 'converter.cfg'), 'utf8')).toBe(
      '[ascend_context]\naoe_mode="subgraph tuning"\n[graph_kernel_param]\nopt_level=2\n',
    );
    const mindir = steps[0]?.outputs?.model ?? '';
    expect(mindir).toMatch(/1-converter_lite\/output\/resnet50\.mindir$/);
    const argv = JSON.parse(
      readFileSync(join(dir, '1-converter_lite', 'fake_converter_argv.json'), 'utf8'),
    ) as string[];
    expect(argv).toEqual(
      expect.arrayContaining([
        '--fmk=ONNX',
        '--saveType=MINDIR',
        '--optimize=ascend_oriented',
        '--device=Ascend',
        '--inputShape=x:1,3,224,224',
      ]),
    );
    // benchmark measured the .mindir the converter wrote, with the job's loops and shapes.
    const log = readFileSync(join(dir, '2-mslite_benchmark', 'benchmark.log'), 'utf8');
    expect(log).toContain(`ModelPath = ${mindir}`);
    expect(log).toContain('LoopCount = 7');
    expect(steps[1]?.outputs?.figures).toMatchObject({ iterations: 7, latencyMs: { mean: 1.5 } });
    const run = await app.inject({ url: `/api/runs/${job.runIds[0] ?? ''}`, headers: AUTH });
    expect(run.statusCode).toBe(200);
  }, 40_000);

  it('an unsupported operator stops the job at step 1 with UNSUPPORTED_OP; benchmark is skipped', async () => {
    await setUp();
    writeFileSync(join(box.modelsRoot, 'unsupported-resnet50.onnx'), 'onnx\n');
    const id = await postJob(app, { model: 'unsupported-resnet50.onnx', preset: 'mslite' });
    const job = await waitJob(app, id, isFinal, 20_000);
    expect(job).toMatchObject({ state: 'failed', errorCode: 'UNSUPPORTED_OP' });
    expect(job.errorMessage).toMatch(/^step 1 \(converter_lite\): .*GridSample/);
    expect(stepsOf(job).map((st) => st.state)).toEqual(['failed', 'skipped']);
  });

  it('a bad input shape is BAD_SHAPE at the converter', async () => {
    await setUp();
    writeFileSync(join(box.modelsRoot, 'badshape-resnet50.onnx'), 'onnx\n');
    const id = await postJob(app, { model: 'badshape-resnet50.onnx', preset: 'mslite' });
    const job = await waitJob(app, id, isFinal, 20_000);
    expect(job).toMatchObject({ state: 'failed', errorCode: 'BAD_SHAPE' });
  });

  it('measures a .mindir alone with a benchmark step; a held device is DEVICE_BUSY', async () => {
    await setUp();
    writeFileSync(join(box.modelsRoot, 'resnet50.mindir'), 'mindir\n');
    writeFileSync(join(box.modelsRoot, 'busy-resnet50.mindir'), 'mindir\n');
    const ok = await waitJob(
      app,
      await postJob(app, { model: 'resnet50.mindir', steps: [{ tool: 'mslite_benchmark' }] }),
      isFinal,
    );
    expect(ok.state).toBe('succeeded');
    const busy = await waitJob(
      app,
      await postJob(app, { model: 'busy-resnet50.mindir', steps: [{ tool: 'mslite_benchmark' }] }),
      isFinal,
    );
    expect(busy).toMatchObject({ state: 'failed', errorCode: 'DEVICE_BUSY' });
  });

  it.each([
    [
      'a config value that would inject a section',
      { preset: 'mslite', aoeMode: 'subgraph tuning"\n[graph_kernel_param]' },
      '/aoeMode',
    ],
    [
      'the config file as an option',
      { steps: [{ tool: 'converter_lite', options: { configFile: '/etc/passwd' } }] },
      '/steps/0/options/configFile',
    ],
    [
      'a shell in a converter option name',
      { steps: [{ tool: 'converter_lite', options: { 'fp16; id': 'on' } }] },
      '/steps/0/options/fp16; id',
    ],
    [
      'a newline smuggling a converter option',
      { steps: [{ tool: 'converter_lite', options: { fp16: 'on\n--optimize=none' } }] },
      '/steps/0/options/fp16',
    ],
    [
      'a benchmark input file through a link out',
      {
        steps: [
          { tool: 'converter_lite' },
          { tool: 'mslite_benchmark', options: { inDataFile: 'link-out.onnx' } },
        ],
      },
      '/steps/1/options/inDataFile',
    ],
    [
      'a benchmark input file outside the root',
      {
        steps: [
          { tool: 'converter_lite' },
          { tool: 'mslite_benchmark', options: { inDataFile: '../secret.onnx' } },
        ],
      },
      '/steps/1/options/inDataFile',
    ],
    ['benchmark on an .onnx', { steps: [{ tool: 'mslite_benchmark' }] }, '/steps/0'],
    ['a model outside the root', { model: '../secret.onnx', preset: 'mslite' }, '/model'],
    ['a model converter_lite cannot read', { model: 'resnet50.om', preset: 'mslite' }, '/model'],
  ])('refuses %s', async (_name, extra, field) => {
    await setUp();
    writeFileSync(join(box.modelsRoot, 'resnet50.om'), 'om\n');
    const res = await app.inject({
      method: 'POST',
      url: '/api/jobs',
      headers: AUTH,
      payload: { model: 'resnet50.onnx', ...extra },
    });
    expect(res.statusCode).toBe(400);
    const { details } = res.json() as { details: { errors: { field: string }[] } };
    expect(details.errors.map((e) => e.field)).toContain(field);
  });

  it('refuses prototype-pollution keys in converter options', async () => {
    await setUp();
    const res = await app.inject({
      method: 'POST',
      url: '/api/jobs',
      headers: { ...AUTH, 'content-type': 'application/json' },
      payload:
        '{"model":"resnet50.onnx","steps":[{"tool":"converter_lite","options":{"__proto__":{"x":"1"}}}]}',
    });
    expect(res.statusCode).toBe(400);
  });
});
