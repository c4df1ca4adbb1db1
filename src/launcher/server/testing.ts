// Shared set-up for the launcher's tests: a fresh data dir and models root per test, the stand-in
// `aoe` from e2e/fixtures, and helpers that wait for a job to reach a state through the API.
import type { FastifyInstance } from 'fastify';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validate } from '../../core/validation/index.ts';
import { build } from './app.ts';

export const FAKE_AOE = fileURLToPath(
  new URL('../../../e2e/fixtures/fake-aoe/aoe', import.meta.url),
);
export const TOKEN = 'test-token-0123456789abcdef0123456789abcdef';
export const AUTH = { authorization: `Bearer ${TOKEN}` };

export interface Sandbox {
  readonly root: string;
  readonly dataDir: string;
  readonly modelsRoot: string;
  /** A file outside the models root that a symlink inside points to. */
  readonly outside: string;
  cleanup(): void;
}

/** Models named after the stand-in's modes: `slow-resnet50.onnx` runs slowly, and so on. */
export function sandbox(): Sandbox {
  const root = mkdtempSync(join(tmpdir(), 'aoe-launcher-test-'));
  const dataDir = join(root, 'data');
  const modelsRoot = join(root, 'models');
  mkdirSync(join(modelsRoot, 'sub'), { recursive: true });
  for (const m of [
    'resnet50',
    'slow-resnet50',
    'fail-resnet50',
    'hang-resnet50',
    'crash-resnet50',
  ]) {
    writeFileSync(join(modelsRoot, `${m}.onnx`), `onnx model ${m}\n`);
  }
  writeFileSync(join(modelsRoot, 'sub', 'bert.onnx'), 'onnx model bert\n');
  writeFileSync(join(modelsRoot, 'weird.bin'), 'unknown suffix\n');
  const outside = join(root, 'secret.onnx');
  writeFileSync(outside, 'not a model\n');
  symlinkSync(outside, join(modelsRoot, 'link-out.onnx'));
  symlinkSync(root, join(modelsRoot, 'dir-out'));
  return {
    root,
    dataDir,
    modelsRoot,
    outside,
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}

export function fakeEnv(extra: Record<string, string> = {}): Record<string, string> {
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', ...extra };
}

export async function testApp(
  box: Sandbox,
  opts: { aoeBin?: string; env?: Record<string, string>; distDir?: string | null } = {},
): Promise<FastifyInstance> {
  return build({
    dataDir: box.dataDir,
    modelsRoot: box.modelsRoot,
    aoeBin: opts.aoeBin ?? FAKE_AOE,
    env: opts.env ?? fakeEnv(),
    setEnvFile: null,
    token: TOKEN,
    distDir: opts.distDir ?? null,
    demo: false,
    graceMs: 300,
    pollMs: 30,
  });
}

export interface JobJson {
  readonly id: string;
  readonly state: string;
  readonly errorCode: string | null;
  readonly exitCode: number | null;
  readonly errorMessage: string | null;
  readonly runIds: readonly string[];
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
}

export async function postJob(app: FastifyInstance, body: unknown): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/jobs',
    headers: AUTH,
    payload: body as object,
  });
  if (res.statusCode !== 201) throw new Error(`POST /api/jobs: ${res.statusCode} ${res.body}`);
  return (res.json() as { id: string }).id;
}

export async function getJob(app: FastifyInstance, id: string): Promise<JobJson> {
  const res = await app.inject({ method: 'GET', url: `/api/jobs/${id}`, headers: AUTH });
  const job: unknown = res.json();
  // Every job the API returns honours its published contract.
  const issues = validate('launcher-job', job);
  if (issues.length > 0)
    throw new Error(`job does not match launcher-job: ${JSON.stringify(issues)}`);
  return job as JobJson;
}

/** Polls the job until `until` holds (bounded: a stuck job fails the test instead of hanging it). */
export async function waitJob(
  app: FastifyInstance,
  id: string,
  until: (job: JobJson) => boolean,
  timeoutMs = 15_000,
): Promise<JobJson> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const job = await getJob(app, id);
    if (until(job)) return job;
    if (Date.now() > end) throw new Error(`job ${id} still ${job.state} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export const isFinal = (j: JobJson) =>
  ['succeeded', 'failed', 'canceled', 'interrupted'].includes(j.state);

/**
 * Whether a process with this pid still runs. A killed process whose parent is gone waits as a
 * zombie until init reaps it; it runs nothing, so it counts as gone.
 */
export function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}

const BIN = fileURLToPath(new URL('../../../bin/aoe-dashboard.js', import.meta.url));

export interface ServeProcess {
  readonly url: string;
  readonly child: ChildProcess;
  readonly output: () => string;
}

/** Starts `aoe-dashboard serve ARGS --port 0` and resolves with its URL once it prints it. */
export function startServe(
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<ServeProcess> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env,
  });
  let out = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: string) => {
      out += chunk;
      // The last of its start-up lines: by then the URL and the token are printed too.
      const m = /launcher at (http:\/\/\S+?)\/\n[\s\S]*models root: .*\n/.exec(out);
      if (m?.[1]) resolve({ url: m[1], child, output: () => out });
    };
    child.stdout?.setEncoding('utf8').on('data', onData);
    child.stderr?.setEncoding('utf8').on('data', (c: string) => (out += c));
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
  });
}
