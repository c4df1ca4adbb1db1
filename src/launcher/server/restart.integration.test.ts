// The launcher as users run it (`aoe-dashboard serve`, a child process here), killed with SIGKILL
// while a job runs: after a restart the finished run is still there, the running job is
// `interrupted` with its log kept, and the tuner it left behind is stopped.
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  alive,
  FAKE_AOE,
  sandbox,
  startServe,
  type Sandbox,
  type ServeProcess,
} from './testing.ts';

let box: Sandbox;
const children: ChildProcess[] = [];

afterEach(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  children.length = 0;
  box.cleanup();
});

async function serve(): Promise<ServeProcess> {
  const s = await startServe([
    '--data-dir',
    box.dataDir,
    '--aoe-bin',
    FAKE_AOE,
    '--models-root',
    box.modelsRoot,
  ]);
  children.push(s.child);
  return s;
}

async function api(url: string, path: string, init: RequestInit = {}): Promise<Response> {
  const token = readFileSync(join(box.dataDir, 'token'), 'utf8').trim();
  return fetch(`${url}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
  });
}

async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`condition not met: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

interface Job {
  state: string;
  errorCode: string | null;
  runIds: string[];
}

describe('restart after SIGKILL', () => {
  it('keeps finished runs and marks the running job interrupted, log kept, tuner stopped', async () => {
    box = sandbox();
    const first = await serve();
    const post = (model: string) =>
      api(first.url, '/api/jobs', {
        method: 'POST',
        body: JSON.stringify({ model, jobTypes: [2] }),
      })
        .then((r) => r.json() as Promise<{ id: string }>)
        .then((j) => j.id);
    const getJob = (url: string, id: string) =>
      api(url, `/api/jobs/${id}`).then((r) => r.json() as Promise<Job>);

    const done = await post('resnet50.onnx');
    const finished = await until(
      () => getJob(first.url, done),
      (j) => j.state === 'succeeded',
    );
    const runId = finished.runIds[0] ?? '';

    const hung = await post('hang-resnet50.onnx');
    const pidsFile = join(box.dataDir, 'jobs', hung, 'operator', 'fake_aoe_pids.json');
    // Read until complete: the stand-in may be writing the file at that moment.
    const readPids = async () => {
      try {
        return JSON.parse(readFileSync(pidsFile, 'utf8')) as { parent: number; child: number };
      } catch {
        return null;
      }
    };
    const pids = (await until(readPids, (p) => p !== null)) ?? { parent: 0, child: 0 };
    expect(alive(pids.parent)).toBe(true);

    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));
    // The tuner runs in its own process group: it outlives the launcher.
    expect(alive(pids.parent)).toBe(true);

    const second = await serve();
    const job = await getJob(second.url, hung);
    expect(job).toMatchObject({ state: 'interrupted', errorCode: 'INTERRUPTED' });
    const events = await (await api(second.url, `/api/jobs/${hung}/events`)).text();
    expect(events).toContain('[Aoe] compiling graph');
    expect(events).toContain('"state":"interrupted"');
    await until(
      async () => alive(pids.parent) || alive(pids.child),
      (v) => !v,
    );

    const run = await fetch(`${second.url}/api/runs/${runId}`);
    expect(run.status).toBe(200);
    expect(((await run.json()) as { jobId: string }).jobId).toBe(done);
    second.child.kill('SIGTERM');
  }, 40_000);
});
