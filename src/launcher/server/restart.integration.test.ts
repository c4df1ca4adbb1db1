// The launcher as users run it (`aoe-dashboard serve`, a child process here), killed with SIGKILL
// while a job runs: after a restart the finished run is still there, the running job is
// `interrupted` with its log kept, and the tuner it left behind is stopped.
import { spawn, type ChildProcess } from 'node:child_process';
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
    // Its running step is marked interrupted too.
    const { steps } = job as unknown as { steps: { tool: string; state: string }[] };
    expect(steps).toEqual([
      expect.objectContaining({ tool: 'aoe', jobType: 2, state: 'interrupted' }),
    ]);
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

  it('stops the leftovers of a tuner whose leader died before the restart', async () => {
    box = sandbox();
    const first = await serve();
    const res = await api(first.url, '/api/jobs', {
      method: 'POST',
      body: JSON.stringify({ model: 'hang-resnet50.onnx', jobTypes: [2] }),
    });
    const { id } = (await res.json()) as { id: string };
    const pidsFile = join(box.dataDir, 'jobs', id, 'operator', 'fake_aoe_pids.json');
    const pids = await until(
      async () => {
        try {
          return JSON.parse(readFileSync(pidsFile, 'utf8')) as { parent: number; child: number };
        } catch {
          return null;
        }
      },
      (p) => p !== null,
    );
    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));
    // The leader goes first; its worker ignores SIGINT and SIGTERM and stays.
    process.kill(pids?.parent ?? 0, 'SIGKILL');
    await until(
      async () => alive(pids?.parent ?? 0),
      (v) => !v,
    );
    expect(alive(pids?.child ?? 0)).toBe(true);

    const second = await serve();
    await until(
      async () => alive(pids?.child ?? 0),
      (v) => !v,
    );
    const job = (await (await api(second.url, `/api/jobs/${id}`)).json()) as Job;
    expect(job).toMatchObject({ state: 'interrupted', errorCode: 'INTERRUPTED' });
    second.child.kill('SIGTERM');
  }, 40_000);
});

describe('one launcher per data dir', () => {
  it('a second serve exits at once naming the holder; the running job is left alone', async () => {
    box = sandbox();
    const first = await serve();
    const res = await api(first.url, '/api/jobs', {
      method: 'POST',
      body: JSON.stringify({ model: 'hang-resnet50.onnx', jobTypes: [2] }),
    });
    const { id } = (await res.json()) as { id: string };
    const getJob = () => api(first.url, `/api/jobs/${id}`).then((r) => r.json() as Promise<Job>);
    await until(getJob, (j) => j.state === 'running');

    const bin = join(process.cwd(), 'bin', 'aoe-dashboard.js');
    const args = ['serve', '--port', '0', '--data-dir', box.dataDir, '--aoe-bin', FAKE_AOE];
    const second = spawn(process.execPath, [bin, ...args, '--models-root', box.modelsRoot], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(second);
    let out = '';
    second.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
    second.stderr.setEncoding('utf8').on('data', (c: string) => (out += c));
    const code = await new Promise<number | null>((r) => second.once('exit', r));
    expect(code).not.toBe(0);
    expect(out).toContain(`pid ${first.child.pid}`);
    expect(out).not.toContain('launcher at');

    expect(await getJob()).toMatchObject({ state: 'running', errorCode: null });
    first.child.kill('SIGTERM');
    await new Promise((r) => first.child.once('exit', r));
    // The lock went with the first launcher: the next one starts.
    const third = await serve();
    third.child.kill('SIGTERM');
  }, 40_000);

  it('prints the token once, on stderr, and a Launch URL without it on stdout', async () => {
    box = sandbox();
    const s = await serve();
    const token = readFileSync(join(box.dataDir, 'token'), 'utf8').trim();
    await until(
      async () => s.output(),
      (o) => o.includes(`token: ${token}`),
    );
    const all = s.output();
    expect(all.split(token)).toHaveLength(2);
    const launch = /Launch page: (\S+)/.exec(all)?.[1] ?? '';
    expect(launch).toMatch(/\/launch$/);
    s.child.kill('SIGTERM');
  }, 20_000);
});
