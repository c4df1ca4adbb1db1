// A finished pipeline is one Run in the store, read back through the API: its AOE reports, the
// baseline and tuned measurements with the roles their steps give them, the profile's summary,
// the manifest of every step and the verdict under the default gate — all normalized when the job
// ended, so the Run stays whole after the job's working directory is gone. Real processes: the
// stand-in tools of e2e/fixtures on the jobs' PATH.
import type { FastifyInstance } from 'fastify';
import { realpathSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { validators } from '../../core/validation/generated/index.ts';
import type { PipelineRunDoc } from '../jobs/pipeline-run.ts';
import {
  AUTH,
  isFinal,
  postJob,
  sandbox,
  testApp,
  waitJob,
  type Sandbox,
  standInEnv,
} from './testing.ts';

let box: Sandbox;
let app: FastifyInstance;

afterEach(async () => {
  await app.close();
  box.cleanup();
});

const toolEnv = (extra: Record<string, string> = {}) =>
  standInEnv(
    [
      'fake-atc',
      'fake-ais-bench',
      'fake-msprof',
      'fake-npu-smi',
      'fake-converter-lite',
      'fake-mslite-benchmark',
      'fake-aoe',
    ],
    extra,
  );

async function runOf(id: string): Promise<PipelineRunDoc> {
  // Read like a run by id: no token.
  const res = await app.inject({ url: `/api/runs/${id}` });
  expect(res.statusCode).toBe(200);
  const body = res.json() as unknown;
  const validate = validators['launcher-pipeline-run'];
  expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
  return body as PipelineRunDoc;
}

const codes = (doc: PipelineRunDoc, rule: string) =>
  doc.verdict.reasons.filter((r) => r.rule === rule).map((r) => `${r.code}:${r.status}`);

describe('the Run of a finished pipeline', () => {
  it('full preset: reports, baseline and tuned measurements by step, profile, manifest and verdict', async () => {
    box = sandbox();
    app = await testApp(box, { env: toolEnv() });
    const id = await postJob(app, { model: 'resnet50.onnx', preset: 'full', loop: 100 });
    const job = await waitJob(app, id, isFinal, 30_000);
    expect(job.state).toBe('succeeded');
    const runId = (job as { pipelineRunId?: string | null }).pipelineRunId ?? '';
    expect(runId).toMatch(/^[A-Za-z0-9_-]{22,64}$/);
    const doc = await runOf(runId);
    expect(doc).toMatchObject({
      kind: 'pipeline',
      jobId: id,
      model: 'resnet50.onnx',
      preset: 'full',
    });

    // The two AOE steps' reports, the same runs the job lists, each from its own step.
    expect(doc.reports.map((r) => [r.step, r.report.kind])).toEqual([
      [2, 'sgat'],
      [3, 'opat'],
    ]);
    expect(doc.reports.map((r) => r.runId)).toEqual(job.runIds);

    // Roles from the steps: the one before tuning is the baseline, the one after the tuned model
    // (both files are measure_summary.json in their step's directory: no word says which).
    expect(doc.measurements.map((m) => [m.step, m.role, m.fileName])).toEqual([
      [1, 'baseline', '2-ais_bench/measure_summary.json'],
      [5, 'tuned', '6-ais_bench/measure_summary.json'],
    ]);
    const [base, tuned] = doc.measurements.map((m) => m.measurements[0]);
    expect(base?.latencyMs.count).toBe(100);
    expect(base?.iterationsMs).toHaveLength(100);
    // The stand-in runs a model built with the knowledge base 20 % faster: 2.5 ms → 2.0 ms.
    expect(base?.latencyMs.mean).toBeCloseTo(2.5, 3);
    expect(tuned?.latencyMs.mean).toBeCloseTo(2.0, 3);

    // msprof's op_summary, as its summary.
    expect(doc.profile).toMatchObject({ step: 6, format: 'op-summary' });
    expect(doc.profile?.summary.rows).toBeGreaterThan(0);

    // How it was made: every step's exact argv and environment subset, the models and hashes.
    const m = doc.manifest;
    expect(m.steps.map((s) => s.tool)).toEqual([
      'atc',
      'ais_bench',
      'aoe',
      'aoe',
      'atc',
      'ais_bench',
      'msprof',
    ]);
    expect(m.steps[0]?.command.some((a) => a.startsWith('--soc_version=Ascend310P3'))).toBe(true);
    expect(m.steps[1]?.command).toEqual(expect.arrayContaining(['--loop', '100']));
    expect(m.soc).toBe('Ascend310P3');
    expect(m.model).toBe(join(realpathSync(box.modelsRoot), 'resnet50.onnx'));
    expect(m.modelSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(m.baselineOm?.path).toMatch(/\/1-atc\/output\/resnet50\.om$/);
    expect(m.tunedOm?.path).toMatch(/\/5-atc\/output\/resnet50\.om$/);
    expect(m.tunedOm?.sha256).not.toBe(m.baselineOm?.sha256);
    const bank = realpathSync(join(box.dataDir, 'jobs', id, 'bank'));
    expect(m.bankPath).toBe(bank);
    expect(m.steps[4]?.env.TUNE_BANK_PATH).toBe(bank);
    expect(m.steps[5]?.toolVersion).toBeNull();

    // The verdict under the default gate: measured 20 % faster (mean and median), P99 judged on
    // 100 iterations; AOE's own model figure (20.48 → 20.40 ms, 0.39 %) misses the 5 % rule.
    expect(doc.verdict).toMatchObject({
      gate: 'default',
      verdict: 'reject',
      missing: [],
      batchMismatch: null,
      report: { runId: job.runIds[1], taskIndex: 0 },
      baseline: { step: 1, index: 0 },
      tuned: { step: 5, index: 1 },
    });
    expect(codes(doc, 'modelImprovement')).toEqual(['MODEL_NOT_IMPROVED:fail']);
    expect(codes(doc, 'measuredLatency')).toEqual(['MEASURED_OK:pass', 'MEASURED_OK:pass']);
    expect(codes(doc, 'tailLatency')).toEqual(['TAIL_OK:pass', 'TAIL_OK:pass']);
    const meanReason = doc.verdict.reasons.find((r) => r.code === 'MEASURED_OK');
    expect(meanReason?.params).toMatchObject({ direction: 'faster', changePct: 20 });

    // The final state event names the Run.
    const sse = await app.inject({ url: `/api/jobs/${id}/events`, headers: AUTH });
    expect(sse.body).toContain(`"pipelineRunId":"${runId}"`);

    // Normalized once: the tools' files may go (retention prunes work dirs), the Run stays.
    rmSync(join(box.dataDir, 'jobs', id), { recursive: true, force: true });
    expect(await runOf(runId)).toEqual(doc);
  }, 40_000);

  it('measure only: the one measurement is the baseline, and the verdict says what is missing', async () => {
    box = sandbox();
    app = await testApp(box, { env: toolEnv() });
    writeFileSync(join(box.modelsRoot, 'resnet50.om'), 'om\n');
    const id = await postJob(app, { model: 'resnet50.om', preset: 'measure', loop: 20 });
    const job = await waitJob(app, id, isFinal);
    expect(job.state).toBe('succeeded');
    const doc = await runOf((job as { pipelineRunId?: string }).pipelineRunId ?? '');
    expect(doc.reports).toEqual([]);
    expect(doc.measurements.map((m) => [m.step, m.role])).toEqual([[0, 'baseline']]);
    expect(doc.profile).toBeNull();
    expect(doc.verdict).toMatchObject({
      verdict: 'insufficient',
      missing: ['report', 'tuned'],
      report: null,
      baseline: { step: 0, index: 0 },
      tuned: null,
    });
    expect(codes(doc, 'measuredLatency')).toEqual(['MEASURED_MISSING:insufficient']);
  });

  it('mslite: the converter tuned with AOE, so benchmark measured the tuned model', async () => {
    box = sandbox();
    app = await testApp(box, { env: toolEnv() });
    const id = await postJob(app, {
      model: 'resnet50.onnx',
      preset: 'mslite',
      loop: 10,
      aoeMode: 'subgraph tuning',
    });
    const job = await waitJob(app, id, isFinal, 30_000);
    expect(job.state).toBe('succeeded');
    const doc = await runOf((job as { pipelineRunId?: string }).pipelineRunId ?? '');
    expect(doc.reports.length).toBeGreaterThanOrEqual(1);
    expect(doc.reports.every((r) => r.step === 0)).toBe(true);
    expect(doc.measurements.map((m) => [m.step, m.tool, m.role])).toEqual([
      [1, 'mslite_benchmark', 'tuned'],
    ]);
    expect(doc.measurements[0]?.measurements[0]?.tool).toBe('mindspore-lite-benchmark');
    // No baseline was measured: said as such. AOE's own subgraph figure (20.48 → 19.98 ms,
    // 2.5 %) misses the 5 % rule, and a failed rule decides over a missing side.
    expect(doc.verdict).toMatchObject({ verdict: 'reject', missing: ['baseline'], baseline: null });
    expect(codes(doc, 'measuredLatency')).toEqual(['MEASURED_MISSING:insufficient']);
    expect(codes(doc, 'modelImprovement')).toEqual(['MODEL_NOT_IMPROVED:fail']);
  }, 40_000);

  it('profile only: msprof runs ais_bench on the .om; the Run keeps its profile, and nothing was measured', async () => {
    box = sandbox();
    app = await testApp(box, { env: toolEnv() });
    writeFileSync(join(box.modelsRoot, 'resnet50.om'), 'om\n');
    const id = await postJob(app, { model: 'resnet50.om', preset: 'profile', loop: 10 });
    const job = await waitJob(app, id, isFinal);
    expect(job.state).toBe('succeeded');
    const steps = (job as { steps?: { tool: string }[] }).steps ?? [];
    expect(steps.map((s) => s.tool)).toEqual(['msprof']);
    const doc = await runOf((job as { pipelineRunId?: string }).pipelineRunId ?? '');
    expect(doc.profile).toMatchObject({ step: 0, format: 'op-summary' });
    expect(doc.measurements).toEqual([]);
    expect(doc.manifest.steps[0]?.command).toEqual(
      expect.arrayContaining(['-m', 'ais_bench', '--loop', '10']),
    );
    expect(doc.verdict).toMatchObject({
      verdict: 'insufficient',
      missing: ['report', 'baseline', 'tuned'],
    });
  });

  it('refuses Profile only on a framework model: msprof measures an .om', async () => {
    box = sandbox();
    app = await testApp(box, { env: toolEnv() });
    const res = await app.inject({
      method: 'POST',
      url: '/api/jobs',
      headers: AUTH,
      payload: { model: 'resnet50.onnx', preset: 'profile' },
    });
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json())).toContain('msprof measures an .om');
  });

  it('a failed pipeline stores no Run', async () => {
    box = sandbox();
    app = await testApp(box, { env: toolEnv({ FAKE_AIS_BENCH_MODE: 'busy' }) });
    const id = await postJob(app, { model: 'resnet50.onnx', preset: 'convert-measure' });
    const job = await waitJob(app, id, isFinal);
    expect(job).toMatchObject({ state: 'failed', pipelineRunId: null });
  });
});
