// Jobs with real processes: the stand-in `aoe` (e2e/fixtures/fake-aoe) run by the launcher through
// its API — success, failure codes, timeout, cancel without leftovers, per-device queueing, and
// event replay from Last-Event-ID.
import type { FastifyInstance } from 'fastify';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import {
  alive,
  AUTH,
  fakeEnv,
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

async function setUp(opts: Parameters<typeof testApp>[1] = {}): Promise<void> {
  box = sandbox();
  app = await testApp(box, opts);
}

afterEach(async () => {
  await app.close();
  box.cleanup();
});

interface SseEvent {
  readonly id: number;
  readonly event: string;
  readonly data: Record<string, unknown>;
}

function parseSse(text: string): SseEvent[] {
  return text
    .split('\n\n')
    .filter((block) => block.startsWith('id: '))
    .map((block) => {
      const get = (k: string) =>
        block
          .split('\n')
          .find((l) => l.startsWith(`${k}: `))
          ?.slice(k.length + 2) ?? '';
      return {
        id: Number(get('id')),
        event: get('event'),
        data: JSON.parse(get('data')) as Record<string, unknown>,
      };
    });
}

async function events(id: string, lastEventId?: number): Promise<SseEvent[]> {
  const headers: Record<string, string> = { ...AUTH };
  if (lastEventId !== undefined) headers['last-event-id'] = String(lastEventId);
  const res = await app.inject({ url: `/api/jobs/${id}/events`, headers });
  expect(res.headers['content-type']).toContain('text/event-stream');
  return parseSse(res.body);
}

const workFile = (jobId: string, name: string) =>
  join(box.dataDir, 'jobs', jobId, 'operator', name);

/** The stand-in's pids once it has written them completely (it writes while the job runs). */
function pidsOf(jobId: string): { parent: number; child: number } | null {
  try {
    return JSON.parse(readFileSync(workFile(jobId, 'fake_aoe_pids.json'), 'utf8')) as {
      parent: number;
      child: number;
    };
  } catch {
    return null;
  }
}

async function waitPids(jobId: string): Promise<{ parent: number; child: number }> {
  await waitJob(app, jobId, () => pidsOf(jobId) !== null);
  const pids = pidsOf(jobId);
  if (!pids) throw new Error('no pids');
  return pids;
}

describe('a successful job', () => {
  it('runs subgraph then operator tuning, streams progress, stores runs and a manifest', async () => {
    await setUp();
    const id = await postJob(app, { model: 'slow-resnet50.onnx', jobTypes: [2, 1] });
    const job = await waitJob(app, id, isFinal);
    expect(job).toMatchObject({ state: 'succeeded', exitCode: 0, errorCode: null });
    expect(job.runIds).toHaveLength(2);

    const all = await events(id);
    expect(all.map((e) => e.id)).toEqual(all.map((_, i) => i + 1));
    const starts = all.filter((e) => e.event === 'phase' && e.data.phase === 'start');
    expect(starts.map((e) => e.data.jobType)).toEqual([1, 2]);
    const tuned = all
      .filter((e) => e.event === 'progress' && typeof e.data.operatorsTuned === 'number')
      .map((e) => e.data.operatorsTuned as number);
    // The stand-in rewrites its result file after each of its 4 operators; every count is seen
    // in order, and it ends at 4.
    expect(tuned.at(-1)).toBe(4);
    expect([...tuned].sort((a, b) => a - b)).toEqual(tuned);
    expect(
      all.some((e) => e.event === 'log' && String(e.data.line).includes('process finished')),
    ).toBe(true);
    expect(all.at(-1)).toMatchObject({
      event: 'state',
      data: { state: 'succeeded', runIds: job.runIds },
    });

    const runId = job.runIds[1] ?? '';
    const run = (await app.inject(`/api/runs/${runId}`)).json() as {
      fileName: string;
      sha256: string;
      manifests: {
        jobType: number;
        tunedOm: string;
        tunedOmSha256: string;
        modelSha256: string;
        command: string[];
      }[];
    };
    expect(run.fileName).toMatch(/^aoe_result_opat_\d{17}_pid\d+\.json$/);
    const raw = (await app.inject(`/api/runs/${runId}/raw`)).rawPayload;
    expect(createHash('sha256').update(raw).digest('hex')).toBe(run.sha256);
    const manifest = run.manifests.find((m) => m.jobType === 2);
    const workDir = join(box.dataDir, 'jobs', id, 'operator');
    expect(manifest?.tunedOm).toBe(join(workDir, 'output', 'slow-resnet50.om'));
    const om = readFileSync(manifest?.tunedOm ?? '');
    expect(manifest?.tunedOmSha256).toBe(createHash('sha256').update(om).digest('hex'));
    const model = readFileSync(join(box.modelsRoot, 'slow-resnet50.onnx'));
    expect(manifest?.modelSha256).toBe(createHash('sha256').update(model).digest('hex'));
    expect(manifest?.command.slice(1)).toEqual([
      '--job_type=2',
      `--model=${join(box.modelsRoot, 'slow-resnet50.onnx')}`,
      '--framework=5',
      '--device=0',
      `--output=${join(workDir, 'output', 'slow-resnet50')}`,
      '--progress_bar=off',
    ]);
    // The workspace copy AOE always writes is there too, as AOE-CLI.md §5.1 lays it out.
    const ws = readdirSync(join(workDir, 'aoe_workspace'));
    expect(ws).toHaveLength(1);
    expect(ws[0]).toMatch(/^slow-resnet50_\d+$/);
  });

  it('passes shell metacharacters to aoe verbatim, as one argument each', async () => {
    await setUp();
    const nasty = '; rm -rf / && $(touch pwned) `touch pwned2` | cat > x';
    const id = await postJob(app, {
      model: 'resnet50.onnx',
      jobTypes: [2],
      options: { build_bypass: nasty },
    });
    expect((await waitJob(app, id, isFinal)).state).toBe('succeeded');
    const argv = JSON.parse(readFileSync(workFile(id, 'fake_aoe_argv.json'), 'utf8')) as string[];
    expect(argv).toContain(`--build_bypass=${nasty}`);
    expect(existsSync(workFile(id, 'pwned'))).toBe(false);
    expect(existsSync(workFile(id, 'pwned2'))).toBe(false);
  });

  it('writes the tune_ops_file a job carries and passes it to operator tuning', async () => {
    await setUp();
    const tuneOps = { tune_ops_name: ['Conv_3'], tune_ops_type: ['SoftmaxV2'] };
    const id = await postJob(app, { model: 'resnet50.onnx', jobTypes: [2], tuneOpsFile: tuneOps });
    await waitJob(app, id, isFinal);
    const argv = JSON.parse(readFileSync(workFile(id, 'fake_aoe_argv.json'), 'utf8')) as string[];
    const arg = argv.find((a) => a.startsWith('--tune_ops_file=')) ?? '';
    expect(JSON.parse(readFileSync(arg.slice('--tune_ops_file='.length), 'utf8'))).toEqual(tuneOps);
  });
});

describe('failures carry a code', () => {
  it('TUNER_FAILED with the exit code and the last lines', async () => {
    await setUp();
    const id = await postJob(app, { model: 'fail-resnet50.onnx', jobTypes: [2] });
    const job = await waitJob(app, id, isFinal);
    expect(job).toMatchObject({ state: 'failed', errorCode: 'TUNER_FAILED', exitCode: 1 });
    expect(job.errorMessage).toContain('EXECUTE_FAILED');
    expect(job.runIds).toEqual([]);
  });

  it('TUNER_FAILED when aoe dies in the middle of writing its result', async () => {
    await setUp();
    const id = await postJob(app, { model: 'crash-resnet50.onnx', jobTypes: [2] });
    const job = await waitJob(app, id, isFinal);
    expect(job).toMatchObject({ state: 'failed', errorCode: 'TUNER_FAILED' });
    expect(job.errorMessage).toContain('SIGKILL');
  });

  it('TUNER_NOT_FOUND when aoe is missing', async () => {
    await setUp({ aoeBin: '/nonexistent/bin/aoe' });
    const id = await postJob(app, { model: 'resnet50.onnx', jobTypes: [2] });
    expect(await waitJob(app, id, isFinal)).toMatchObject({
      state: 'failed',
      errorCode: 'TUNER_NOT_FOUND',
    });
  });

  it('BAD_PATH when TUNE_BANK_PATH is missing or outside the models root', async () => {
    await setUp();
    for (const bank of ['/nonexistent/bank', box.root]) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/jobs',
        headers: AUTH,
        payload: { model: 'resnet50.onnx', jobTypes: [2], env: { TUNE_BANK_PATH: bank } },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({
        code: 'BAD_PATH',
        details: { field: '/env/TUNE_BANK_PATH' },
      });
    }
  });

  it('BANK_PATH_INVALID when the bank is gone by the time the job starts', async () => {
    await setUp();
    const bank = join(box.modelsRoot, 'bank');
    mkdirSync(bank);
    const first = await postJob(app, { model: 'hang-resnet50.onnx', jobTypes: [2] });
    const id = await postJob(app, {
      model: 'resnet50.onnx',
      jobTypes: [2],
      env: { TUNE_BANK_PATH: bank },
    });
    rmSync(bank, { recursive: true });
    await app.inject({ method: 'DELETE', url: `/api/jobs/${first}`, headers: AUTH });
    expect(await waitJob(app, id, isFinal)).toMatchObject({
      state: 'failed',
      errorCode: 'BANK_PATH_INVALID',
    });
  });

  it('BAD_OPTION for a documented option this host’s aoe --help does not list', async () => {
    await setUp({ env: fakeEnv({ FAKE_AOE_UNSUPPORTED: 'buffer_optimize' }) });
    const res = await app.inject({
      method: 'POST',
      url: '/api/jobs',
      headers: AUTH,
      payload: {
        model: 'resnet50.onnx',
        jobTypes: [2],
        options: { buffer_optimize: 'l2_optimize' },
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      code: 'BAD_OPTION',
      details: { field: '/options/buffer_optimize' },
    });
  });
});

describe('the device a job names', () => {
  it('is refused with the reason when npu-smi says it is missing, busy or unhealthy', async () => {
    const npuSmiDir = fileURLToPath(new URL('../../../e2e/fixtures/fake-npu-smi', import.meta.url));
    const PATH = `${npuSmiDir}:${process.env.PATH ?? '/usr/bin:/bin'}`;
    await setUp({
      env: fakeEnv({
        PATH,
        FAKE_NPU_SMI_DEVICES: '3',
        FAKE_NPU_SMI_BUSY: '1',
        FAKE_NPU_SMI_HEALTH: '2:Critical',
      }),
    });
    const post = (device: number) =>
      app.inject({
        method: 'POST',
        url: '/api/jobs',
        headers: AUTH,
        payload: { model: 'resnet50.onnx', jobTypes: [2], device },
      });
    const busy = await post(1);
    expect(busy.statusCode).toBe(409);
    expect(busy.json()).toMatchObject({ code: 'CONFLICT', details: { field: '/device' } });
    expect((busy.json() as { message: string }).message).toContain('python3 (pid 40001)');
    expect((await post(2)).json()).toMatchObject({
      code: 'BAD_REQUEST',
      details: { field: '/device' },
    });
    const missing = await post(5);
    expect(missing.statusCode).toBe(400);
    expect((missing.json() as { message: string }).message).toContain('does not exist');
    const ok = await post(0);
    expect(ok.statusCode).toBe(201);
    const id = (ok.json() as { id: string }).id;
    expect(await waitJob(app, id, isFinal)).toMatchObject({ state: 'succeeded' });
  });
});

describe('stopping a job', () => {
  it('TIMEOUT stops the process group, leftovers included', async () => {
    await setUp();
    const id = await postJob(app, { model: 'hang-resnet50.onnx', jobTypes: [2], timeoutS: 1 });
    const pids = await waitPids(id);
    expect(await waitJob(app, id, isFinal)).toMatchObject({
      state: 'failed',
      errorCode: 'TIMEOUT',
    });
    expect(alive(pids.parent)).toBe(false);
    expect(alive(pids.child)).toBe(false);
  });

  it('DELETE cancels: SIGINT, then harder, and no process is left behind', async () => {
    await setUp();
    const id = await postJob(app, { model: 'hang-resnet50.onnx', jobTypes: [2] });
    const pids = await waitPids(id);
    expect(alive(pids.child)).toBe(true);
    const res = await app.inject({ method: 'DELETE', url: `/api/jobs/${id}`, headers: AUTH });
    expect(res.statusCode).toBe(202);
    expect(await waitJob(app, id, isFinal)).toMatchObject({
      state: 'canceled',
      errorCode: 'CANCELED',
    });
    expect(alive(pids.parent)).toBe(false);
    expect(alive(pids.child)).toBe(false);
    const again = await app.inject({ method: 'DELETE', url: `/api/jobs/${id}`, headers: AUTH });
    expect(again.json()).toMatchObject({ code: 'CONFLICT' });
  });

  it('cancels a queued job before it starts', async () => {
    await setUp();
    const first = await postJob(app, { model: 'hang-resnet50.onnx', jobTypes: [2] });
    const second = await postJob(app, { model: 'resnet50.onnx', jobTypes: [2] });
    await app.inject({ method: 'DELETE', url: `/api/jobs/${second}`, headers: AUTH });
    expect(await waitJob(app, second, isFinal)).toMatchObject({
      state: 'canceled',
      startedAt: null,
    });
    await app.inject({ method: 'DELETE', url: `/api/jobs/${first}`, headers: AUTH });
    await waitJob(app, first, isFinal);
  });
});

describe('scheduling', () => {
  it('queues two jobs on one device and runs another device in parallel', async () => {
    await setUp();
    const a = await postJob(app, { model: 'slow-resnet50.onnx', jobTypes: [2], device: 0 });
    const b = await postJob(app, { model: 'slow-resnet50.onnx', jobTypes: [2], device: 0 });
    const c = await postJob(app, { model: 'slow-resnet50.onnx', jobTypes: [2], device: 1 });
    const [ja, jb, jc] = await Promise.all(
      [a, b, c].map((id) => waitJob(app, id, isFinal, 20_000)),
    );
    for (const j of [ja, jb, jc]) expect(j?.state).toBe('succeeded');
    const t = (s: string | null | undefined) => Date.parse(s ?? '');
    // Same device: b starts only after a has finished. Other device: c overlaps a.
    expect(t(jb?.startedAt)).toBeGreaterThanOrEqual(t(ja?.finishedAt));
    expect(t(jc?.startedAt)).toBeLessThan(t(ja?.finishedAt));
  });
});

describe('event replay', () => {
  it('replays from Last-Event-ID, for a reload or a second viewer', async () => {
    await setUp();
    const id = await postJob(app, { model: 'resnet50.onnx', jobTypes: [2] });
    await waitJob(app, id, isFinal);
    const all = await events(id);
    expect(all.length).toBeGreaterThan(5);
    const tail = await events(id, 5);
    expect(tail).toEqual(all.slice(5));
    const second = await events(id);
    expect(second).toEqual(all);
    const past = await events(id, all.length);
    expect(past).toEqual([]);
  });
});

describe('pipelines of tool steps', () => {
  /** The stand-ins of atc, python3 -m ais_bench, msprof and npu-smi first on the jobs' PATH. */
  const toolEnv = (extra: Record<string, string> = {}) =>
    standInEnv(['fake-atc', 'fake-ais-bench', 'fake-msprof', 'fake-npu-smi'], extra);

  it('runs the full preset: convert, measure, tune 1 then 2, rebuild with the knowledge base, measure, profile', async () => {
    await setUp({ env: toolEnv() });
    const id = await postJob(app, { model: 'resnet50.onnx', preset: 'full', loop: 5 });
    const job = await waitJob(app, id, isFinal, 30_000);
    expect(job).toMatchObject({ state: 'succeeded', errorCode: null });
    const steps = stepsOf(job);
    expect(steps.map((st) => [st.tool, st.jobType ?? null, st.state])).toEqual([
      ['atc', null, 'succeeded'],
      ['ais_bench', null, 'succeeded'],
      ['aoe', 1, 'succeeded'],
      ['aoe', 2, 'succeeded'],
      ['atc', null, 'succeeded'],
      ['ais_bench', null, 'succeeded'],
      ['msprof', null, 'succeeded'],
    ]);
    expect(job.runIds).toHaveLength(2);
    // atc got the SoC npu-smi reports; the rebuild used the knowledge base AOE wrote into.
    const argv = JSON.parse(
      readFileSync(join(box.dataDir, 'jobs', id, '1-atc', 'fake_atc_argv.json'), 'utf8'),
    ) as string[];
    expect(argv).toContain('--soc_version=Ascend310P3');
    expect(argv).toContain('--output_type=FP16');
    const bank = join(box.dataDir, 'jobs', id, 'bank');
    expect(readFileSync(steps[4]?.outputs?.model ?? '', 'utf8')).toContain('with bank');
    expect(readFileSync(steps[4]?.outputs?.model ?? '', 'utf8')).toContain(realpathSync(bank));
    // The baseline was built without it.
    expect(readFileSync(steps[0]?.outputs?.model ?? '', 'utf8')).not.toContain('with bank');
    // Each measurement measured the .om built just before it.
    expect(steps[1]?.outputs?.figures).toMatchObject({ iterations: 5 });
    expect(steps[5]?.outputs?.figures).toMatchObject({ iterations: 5 });
    expect(Object.keys(steps[6]?.outputs?.files ?? {})).toContain('opSummary');
    const all = await events(id);
    const stepEvents = all.filter((e) => e.event === 'step');
    expect(stepEvents.filter((e) => e.data.state === 'succeeded').map((e) => e.data.index)).toEqual(
      [0, 1, 2, 3, 4, 5, 6],
    );
    expect(all.some((e) => e.event === 'log' && e.data.tool === 'msprof')).toBe(true);
  }, 40_000);

  it('stops at the first failure with the step and the reason; later steps are skipped', async () => {
    await setUp({ env: toolEnv() });
    writeFileSync(join(box.modelsRoot, 'badshape-resnet50.onnx'), 'onnx\n');
    const id = await postJob(app, {
      model: 'badshape-resnet50.onnx',
      preset: 'convert-measure',
      inputShape: 'x:1,3,224',
    });
    const job = await waitJob(app, id, isFinal);
    expect(job).toMatchObject({ state: 'failed', errorCode: 'BAD_SHAPE' });
    expect(job.errorMessage).toMatch(/^step 1 \(atc\): atc refused the input shape/);
    expect(stepsOf(job).map((st) => st.state)).toEqual(['failed', 'skipped']);
  });

  it('measures an .om alone; a device another process holds is DEVICE_BUSY', async () => {
    await setUp({ env: toolEnv() });
    writeFileSync(join(box.modelsRoot, 'resnet50.om'), 'om\n');
    writeFileSync(join(box.modelsRoot, 'busy-resnet50.om'), 'om\n');
    const ok = await waitJob(
      app,
      await postJob(app, { model: 'resnet50.om', preset: 'measure', loop: 3 }),
      isFinal,
    );
    expect(ok.state).toBe('succeeded');
    expect(stepsOf(ok)[0]?.outputs?.figures).toMatchObject({ iterations: 3 });
    const busy = await waitJob(
      app,
      await postJob(app, { model: 'busy-resnet50.om', preset: 'measure' }),
      isFinal,
    );
    expect(busy).toMatchObject({ state: 'failed', errorCode: 'DEVICE_BUSY' });
  });

  it('cancel stops the running step’s process group; the steps before it keep their outputs', async () => {
    await setUp({ env: toolEnv({ FAKE_AIS_BENCH_MODE: 'hang' }) });
    const id = await postJob(app, { model: 'resnet50.onnx', preset: 'convert-measure' });
    await waitJob(app, id, (j) => stepsOf(j)[1]?.state === 'running');
    const res = await app.inject({ method: 'DELETE', url: `/api/jobs/${id}`, headers: AUTH });
    expect(res.statusCode).toBe(202);
    const job = await waitJob(app, id, isFinal);
    expect(job).toMatchObject({ state: 'canceled', errorCode: 'CANCELED' });
    const steps = stepsOf(job);
    expect(steps.map((st) => st.state)).toEqual(['succeeded', 'canceled']);
    expect(steps[0]?.outputs?.model).toMatch(/resnet50\.om$/);
  });

  it('refuses prototype-pollution keys in step options', async () => {
    await setUp({ env: toolEnv() });
    const res = await app.inject({
      method: 'POST',
      url: '/api/jobs',
      headers: { ...AUTH, 'content-type': 'application/json' },
      payload:
        '{"model":"resnet50.onnx","steps":[{"tool":"atc","options":{"__proto__":{"x":"1"}}}]}',
    });
    expect(res.statusCode).toBe(400);
  });

  it('a plain AOE request is still one step per job type', async () => {
    await setUp();
    const id = await postJob(app, { model: 'resnet50.onnx', jobTypes: [1, 2] });
    const job = await waitJob(app, id, isFinal);
    expect(stepsOf(job).map((st) => [st.tool, st.jobType, st.state])).toEqual([
      ['aoe', 1, 'succeeded'],
      ['aoe', 2, 'succeeded'],
    ]);
  });

  it.each([
    ['preset with jobTypes', { preset: 'full', jobTypes: [2] }, 'BAD_REQUEST', '/jobTypes'],
    ['preset and steps', { preset: 'measure', steps: [{ tool: 'atc' }] }, 'BAD_REQUEST', '/steps'],
    ['no jobTypes, no steps', {}, 'BAD_REQUEST', '/jobTypes'],
    ['measuring an .onnx', { steps: [{ tool: 'ais_bench' }] }, 'BAD_REQUEST', '/steps/0'],
    ['aoe without a job type', { steps: [{ tool: 'aoe' }] }, 'BAD_REQUEST', '/steps/0/jobType'],
    [
      'an undocumented atc option',
      { steps: [{ tool: 'atc', options: { mode: '3' } }] },
      'BAD_OPTION',
      '/steps/0/options/mode',
    ],
    [
      'an atc field as an option',
      { steps: [{ tool: 'atc', options: { soc_version: 'Ascend910B' } }] },
      'BAD_OPTION',
      '/steps/0/options/soc_version',
    ],
    [
      'an atc file option outside the root',
      { steps: [{ tool: 'atc', options: { insert_op_conf: '../secret.onnx' } }] },
      'BAD_PATH',
      '/steps/0/options/insert_op_conf',
    ],
    [
      'an ais_bench input through a link out',
      { steps: [{ tool: 'atc' }, { tool: 'ais_bench', options: { input: 'link-out.onnx' } }] },
      'BAD_PATH',
      '/steps/1/options/input',
    ],
    [
      'a msprof option with a shell in it',
      { steps: [{ tool: 'atc' }, { tool: 'msprof', options: { 'aic-metrics': '$(id)' } }] },
      'BAD_REQUEST',
      '/steps/1/options/aic-metrics',
    ],
    [
      'a SoC that is not one',
      { preset: 'convert-measure', soc: 'Ascend310P3; id' },
      'BAD_REQUEST',
      '/soc',
    ],
    ['an unknown tool', { steps: [{ tool: 'sh' }] }, 'BAD_REQUEST', '/steps/0/tool'],
    [
      'a step option name with a shell in it',
      { steps: [{ tool: 'atc', options: { 'log; rm -rf /': 'info' } }] },
      'BAD_REQUEST',
      '/steps/0/options/log; rm -rf /',
    ],
    [
      'a newline smuggling an option',
      { steps: [{ tool: 'atc', options: { log: 'info\n--mode=3' } }] },
      'BAD_REQUEST',
      '/steps/0/options/log',
    ],
    [
      'a model outside the root',
      { model: '../secret.om', preset: 'measure' },
      'BAD_PATH',
      '/model',
    ],
    [
      'a knowledge base outside the root',
      { preset: 'full', env: { TUNE_BANK_PATH: '/etc' } },
      'BAD_PATH',
      '/env/TUNE_BANK_PATH',
    ],
  ])('refuses %s', async (_name, extra, code, field) => {
    await setUp({ env: toolEnv() });
    const res = await app.inject({
      method: 'POST',
      url: '/api/jobs',
      headers: AUTH,
      payload: { model: 'resnet50.onnx', ...extra },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code });
    const { details } = res.json() as { details: { errors: { field: string }[] } };
    expect(details.errors.map((e) => e.field)).toContain(field);
  });
});
