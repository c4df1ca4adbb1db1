// Resuming an ended pipeline from one of its steps: the new job takes over the finished steps'
// outputs (the .om they built, the knowledge base AOE wrote) instead of running them again, and
// refuses when they did not finish or their files are gone.
import type { FastifyInstance } from 'fastify';
import { existsSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  AUTH,
  getJob,
  isFinal,
  postJob,
  sandbox,
  testApp,
  waitJob,
  type Sandbox,
  standInEnv,
  type StepJson,
} from './testing.ts';

let box: Sandbox;
let app: FastifyInstance;

afterEach(async () => {
  await app.close();
  box.cleanup();
});

/**
 * The stand-ins first on the jobs' PATH. The object is the launcher's own environment for jobs:
 * a test changes it between jobs the way an operator fixes the host (frees the disk, the device).
 */
const toolEnv = (extra: Record<string, string> = {}) =>
  standInEnv(['fake-atc', 'fake-ais-bench', 'fake-msprof', 'fake-npu-smi'], extra);

interface Job {
  readonly state: string;
  readonly errorCode: string | null;
  readonly steps: StepJson[];
  readonly resumedFrom?: { jobId: string; fromStep: number };
}

async function resume(id: string, body: unknown) {
  return app.inject({
    method: 'POST',
    url: `/api/jobs/${id}/resume`,
    headers: AUTH,
    payload: body as object,
  });
}

async function job(id: string): Promise<Job> {
  return (await getJob(app, id)) as unknown as Job;
}

describe('POST /api/jobs/:id/resume', () => {
  it('reruns a failed measurement from its step, reusing the .om the conversion built', async () => {
    const env = toolEnv({ FAKE_AIS_BENCH_MODE: 'fail' });
    box = sandbox();
    app = await testApp(box, { env });
    const first = await postJob(app, { model: 'resnet50.onnx', preset: 'convert-measure' });
    await waitJob(app, first, isFinal);
    const failed = await job(first);
    expect(failed.state).toBe('failed');
    expect(failed.steps.map((st) => st.state)).toEqual(['succeeded', 'failed']);
    const om = failed.steps[0]?.outputs?.model ?? '';
    expect(om).toMatch(/resnet50\.om$/);

    delete env.FAKE_AIS_BENCH_MODE; // the model loads now
    const res = await resume(first, { fromStep: 1 });
    expect(res.statusCode).toBe(201);
    const second = (res.json() as { id: string }).id;
    expect(second).not.toBe(first);
    await waitJob(app, second, isFinal);
    const done = await job(second);
    expect(done).toMatchObject({
      state: 'succeeded',
      resumedFrom: { jobId: first, fromStep: 1 },
    });
    expect(done.steps.map((st) => [st.tool, st.state, st.reusedFrom ?? null])).toEqual([
      ['atc', 'succeeded', first],
      ['ais_bench', 'succeeded', null],
    ]);
    // atc did not run again: the new job has no atc directory, and it measured the old .om.
    expect(done.steps[0]?.outputs?.model).toBe(om);
    expect(existsSync(join(box.dataDir, 'jobs', second, '1-atc'))).toBe(false);
    expect(existsSync(join(box.dataDir, 'jobs', second, '2-ais_bench'))).toBe(true);
    expect(done.steps[1]?.outputs?.figures).toMatchObject({ iterations: 100 });
  });

  it('rebuilds with the knowledge base the reused tuning steps wrote', async () => {
    const env = toolEnv({ FAKE_MSPROF_MODE: 'nospace' });
    box = sandbox();
    app = await testApp(box, { env });
    const first = await postJob(app, { model: 'resnet50.onnx', preset: 'full', loop: 3 });
    await waitJob(app, first, isFinal, 30_000);
    const failed = await job(first);
    expect(failed).toMatchObject({ state: 'failed', errorCode: 'DISK_FULL' });
    expect(failed.steps.map((st) => st.state)).toEqual([
      'succeeded',
      'succeeded',
      'succeeded',
      'succeeded',
      'succeeded',
      'succeeded',
      'failed',
    ]);

    delete env.FAKE_MSPROF_MODE; // space was freed
    const res = await resume(first, { fromStep: 4 });
    expect(res.statusCode).toBe(201);
    const second = (res.json() as { id: string }).id;
    await waitJob(app, second, isFinal, 30_000);
    const done = await job(second);
    expect(done.state).toBe('succeeded');
    expect(done.steps.map((st) => st.reusedFrom === first)).toEqual([
      true,
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
    const oldBank = realpathSync(join(box.dataDir, 'jobs', first, 'bank'));
    const rebuilt = readFileSync(done.steps[4]?.outputs?.model ?? '', 'utf8');
    expect(rebuilt).toContain('with bank');
    expect(rebuilt).toContain(oldBank);
    // The new job made no bank of its own: the tuning it reuses wrote the old one.
    expect(existsSync(join(box.dataDir, 'jobs', second, 'bank'))).toBe(false);
  }, 60_000);

  it('refuses what cannot be resumed, saying why', async () => {
    const env = toolEnv({ FAKE_AIS_BENCH_MODE: 'fail' });
    box = sandbox();
    app = await testApp(box, { env });
    const failedId = await postJob(app, {
      model: 'resnet50.onnx',
      steps: [{ tool: 'atc' }, { tool: 'ais_bench' }, { tool: 'ais_bench' }],
    });
    await waitJob(app, failedId, isFinal);
    expect((await job(failedId)).steps.map((st) => st.state)).toEqual([
      'succeeded',
      'failed',
      'skipped',
    ]);

    // A step after the failed one: the failed step did not leave what the later ones need.
    const past = await resume(failedId, { fromStep: 2 });
    expect(past.statusCode).toBe(409);
    expect(past.json()).toMatchObject({ code: 'CONFLICT', details: { field: '/fromStep' } });
    expect((past.json() as { message: string }).message).toContain(
      'step 2 (ais_bench) did not succeed',
    );
    const beyond = await resume(failedId, { fromStep: 31 });
    expect(beyond.statusCode).toBe(400);
    expect(beyond.json()).toMatchObject({ details: { field: '/fromStep' } });

    // A plain AOE job is not a pipeline.
    const plain = await postJob(app, { model: 'resnet50.onnx', jobTypes: [2] });
    await waitJob(app, plain, isFinal);
    const notPipeline = await resume(plain, { fromStep: 0 });
    expect(notPipeline.statusCode).toBe(409);
    expect(notPipeline.json()).toMatchObject({ code: 'CONFLICT' });

    // Unknown and malformed ids, bodies that are not {fromStep: integer}.
    expect((await resume('A'.repeat(22), { fromStep: 0 })).statusCode).toBe(404);
    expect((await resume('..%2f..%2fetc', { fromStep: 0 })).statusCode).toBe(404);
    for (const body of [
      {},
      { fromStep: '1' },
      { fromStep: -1 },
      { fromStep: 1.5 },
      { fromStep: 1, model: '../secret.onnx' },
    ]) {
      const res = await resume(failedId, body);
      expect([res.statusCode, JSON.stringify(body)]).toEqual([400, JSON.stringify(body)]);
    }
    const proto = await app.inject({
      method: 'POST',
      url: `/api/jobs/${failedId}/resume`,
      headers: { ...AUTH, 'content-type': 'application/json' },
      payload: '{"fromStep":1,"__proto__":{"fromStep":0}}',
    });
    expect(proto.statusCode).toBe(400);

    // The .om the reused step built is gone (its working dir was removed).
    const failed = await job(failedId);
    rmSync(failed.steps[0]?.outputs?.model ?? '');
    const gone = await resume(failedId, { fromStep: 1 });
    expect(gone.statusCode).toBe(409);
    expect((gone.json() as { message: string }).message).toMatch(/step 1 \(atc\).*gone/);
  });

  it('refuses a job that has not ended', async () => {
    box = sandbox();
    app = await testApp(box, { env: toolEnv({ FAKE_AIS_BENCH_MODE: 'hang' }) });
    const id = await postJob(app, { model: 'resnet50.onnx', preset: 'convert-measure' });
    await waitJob(app, id, (j) => j.state === 'running');
    const res = await resume(id, { fromStep: 0 });
    expect(res.statusCode).toBe(409);
    await app.inject({ method: 'DELETE', url: `/api/jobs/${id}`, headers: AUTH });
    await waitJob(app, id, isFinal);
  });
});
