// A run a pipeline's aoe step wrote is read with that step's manifest first (the exact command,
// environment subset, tool, hashes), as a plain AOE job's run is with its job type's.
import type { FastifyInstance } from 'fastify';
import { afterEach, expect, it } from 'vitest';
import { AUTH, isFinal, postJob, sandbox, testApp, waitJob, type Sandbox } from './testing.ts';

let box: Sandbox;
let app: FastifyInstance;

afterEach(async () => {
  await app.close();
  box.cleanup();
});

interface Manifest {
  tool?: string;
  jobType?: number;
  command?: string[];
  runIds?: string[];
}

async function manifestsOf(runId: string): Promise<Manifest[]> {
  const res = await app.inject({ url: `/api/runs/${runId}` });
  expect(res.statusCode).toBe(200);
  return (res.json() as { manifests: Manifest[] }).manifests;
}

it('a pipeline run carries the manifest of the step that wrote it, first', async () => {
  box = sandbox();
  app = await testApp(box);
  const id = await postJob(app, {
    model: 'resnet50.onnx',
    steps: [
      { tool: 'aoe', jobType: 1 },
      { tool: 'aoe', jobType: 2 },
    ],
  });
  const job = await waitJob(app, id, isFinal);
  expect(job.state).toBe('succeeded');
  expect(job.runIds).toHaveLength(2);
  for (const runId of job.runIds) {
    const [first, ...rest] = await manifestsOf(runId);
    expect(first?.tool).toBe('aoe');
    expect(first?.runIds).toContain(runId);
    expect(first?.command?.some((a) => a.startsWith('--job_type='))).toBe(true);
    // The other step's manifest follows; none repeats.
    expect(rest).toHaveLength(1);
    expect(rest[0]?.runIds).not.toContain(runId);
  }
  // Read without the token, like any run by its id.
  const anon = await app.inject({ url: `/api/runs/${job.runIds[0]}`, headers: {} });
  expect(anon.statusCode).toBe(200);
  const listed = await app.inject({ url: '/api/runs', headers: AUTH });
  expect(listed.statusCode).toBe(200);
});
